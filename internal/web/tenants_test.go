package web_test

// Scopes come from the principal, for every audience: generated from the
// route table, so that a new route cannot escape it.

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"certibloc/internal/certif"
	"certibloc/internal/mail"
	"certibloc/internal/store"
	"certibloc/internal/web"
)

// tenantRoles are the roles whose accounts see only their own part of the data.
var tenantRoles = map[certif.Role]bool{certif.RoleEmployer: true, certif.RoleJury: true, certif.RoleCandidate: true, certif.RoleNationalFund: true}

// scopedElsewhere lists the scoped routes with an identifier in their path
// that this test does not reach, with the test that tries them across tenants.
var scopedElsewhere = map[string]string{
	"GET /suivi/{id}":                       "TestLargeImportShowsItsProgressThenItsResult (a job exists only while a long import runs)",
	"GET /certificats/{number}/pdf":         "TestR10_TheCertifierDeliberatesThenProclaimsOnce (a certificate exists once a national jury is proclaimed: another employer and another candidate get 404)",
	"GET /certificats/{number}":             "TestR16_ACertificateIsDownloadedVerifiedReissuedThenRevoked (another employer and another candidate get 404)",
	"GET /certificats/{number}/attestation": "TestR16_ACertificateIsDownloadedVerifiedReissuedThenRevoked (another employer and another candidate get 404)",
	"GET /api/v1/certificates/{number}":     "TestR16_ACertificateIsDownloadedVerifiedReissuedThenRevoked (another employer gets 404, as JSON, PDF and credential)",
}

// tenantSample is an object of one tenant, reachable by a route.
type tenantSample struct {
	owner, intruder string // keys of env.users
	values          map[string]string
	// shared: the wildcard names something every tenant has its own view of
	// (a campaign): the intruder gets an answer, which must hold none of the
	// owner's data.
	shared bool
}

// tenantFixture creates, for the owner tenants, one object of each kind the
// routes take in their paths, and a second jury member, candidate and
// national fund (the CNAM: the fixture's is the CNAF).
type tenantFixture struct {
	samples map[string][]tenantSample // by route path: one per audience that may call it
	markers map[string][]string       // by owner: what its data shows and no other tenant may see
}

func newTenantFixture(t *testing.T, e *env) tenantFixture {
	t.Helper()
	ctx := context.Background()
	today := certif.MustDate("2026-11-23")
	caf, err := e.st.EmployerByCode(ctx, "CAF69")
	if err != nil {
		t.Fatal(err)
	}
	other, err := e.st.CreateCandidate(ctx, store.PlatformOn(today), certif.Candidate{EmployerCode: "CPAM33", BirthName: "Roussel", FirstNames: []string{"Anaïs"},
		Sex: "F", BirthDate: certif.MustDate("1990-04-04"), BirthINSEE: "33063"})
	if err != nil {
		t.Fatal(err)
	}
	e.addUser("candidateB", store.NewUser{Email: "anais@test.fr", Role: certif.RoleCandidate, CandidateID: other.ID})

	lea := e.users["candidate"].CandidateID
	regID, _ := campaignEnv(t, e) // the 2027-06 campaign, in which Léa of CAF69 is registered
	upload, err := e.st.SaveUpload(ctx, store.CallerOf(e.users["employer"], today), caf.ID, "inscriptions.csv", []byte("Nom de naissance\r\nDurand\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	site, err := e.st.SaveEmployerSite(ctx, store.Platform(), caf.ID, store.EmployerSite{Name: "Accueil de Lyon", Address: "67 boulevard Vivier-Merle, Lyon",
		ReceptionHours: "8 h 30 – 16 h 30", PhoneHours: "9 h – 12 h"})
	if err != nil {
		t.Fatal(err)
	}
	planning := createPlanningByForm(t, e.as("office"), url.Values{"qualification": {"IR"}, "title": {"Promotion IR 2027"}, "starts": {"2027-01-04"}, "ends": {"2027-06-30"},
		"period": {"2027-09"}, "participants": {"CAF69 2"}})
	if res := e.as("office").post("/recueil/2027-06/lancement", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("lancement : %d", res.StatusCode)
	}
	importCensusFile(t, e, censusGood)
	pre, _, err := e.st.PreRegistrations(ctx, store.PreRegistrationFilter{Scope: store.All})
	if err != nil || len(pre) == 0 {
		t.Fatalf("pré-inscriptions : %v %v", pre, err)
	}
	token := func(key string) string {
		list, err := e.st.APITokens(ctx, e.users[key].ID)
		if err != nil || len(list) == 0 {
			t.Fatalf("jetons de %s : %v %v", key, list, err)
		}
		return strconv.FormatInt(list[0].ID, 10)
	}
	id := func(n int64) map[string]string { return map[string]string{"id": strconv.FormatInt(n, 10)} }
	byCAF := func(values map[string]string) tenantSample {
		return tenantSample{owner: "employer", intruder: "employerB", values: values}
	}
	f := tenantFixture{samples: map[string][]tenantSample{}, markers: map[string][]string{"employer": {"DURAND", "Durand"}}}
	for _, p := range []string{"/candidats/{id}", "/candidats/{id}/modification", "/candidats/{id}/suppression", "/candidats/{id}/inscriptions",
		"/candidats/{id}/inscriptions/nouvelle", "/api/v1/candidates/{id}", "/api/v1/candidates/{id}/history"} {
		f.add(p, byCAF(id(lea)))
	}
	for _, p := range []string{"/inscriptions/{id}", "/inscriptions/{id}/modification", "/inscriptions/{id}/suppression", "/api/v1/registrations/{id}"} {
		f.add(p, byCAF(id(regID)))
	}
	f.add("/imports/{id}", byCAF(id(upload)))
	proposal, err := e.st.ProposeJuryMember(ctx, store.CallerOf(e.users["employer"], today), certif.JuryMember{FirstName: "Hugo", LastName: "Garnier",
		Email: "hugo.garnier@caf69.test", Qualifications: []string{"GC"}, Roles: []certif.JuryRole{certif.JuryExpert}})
	if err != nil {
		t.Fatal(err)
	}
	f.add("/membres-jury/{id}", byCAF(id(proposal.ID)))
	// The CNAF sees the members of its branch (Hugo, proposed by CAF69) and its
	// own availability requests; the CNAM neither.
	e.addUser("fundB", store.NewUser{Email: "jurys@cnam.test", Role: certif.RoleNationalFund, BranchCode: "maladie"})
	f.add("/membres-jury/{id}", tenantSample{owner: "national_fund", intruder: "fundB", values: id(proposal.ID)})
	chloe, err := e.st.CreateJuryMember(ctx, store.Platform(), certif.JuryMember{FirstName: "Chloé", LastName: "Bernard", Email: "chloe.bernard@caf69.test",
		Roles: []certif.JuryRole{certif.JuryBranchRep}, EmployerID: caf.ID})
	if err != nil {
		t.Fatal(err)
	}
	request, err := e.st.RequestAvailability(ctx, store.CallerOf(e.users["national_fund"], today), certif.AvailabilityRequest{From: certif.MustDate("2026-12-01"),
		To: certif.MustDate("2026-12-31"), AnswerBy: certif.MustDate("2026-11-30"), Message: "Jurys de la CNAF en décembre"}, []int64{chloe.ID}, mail.AvailabilityRequests("http://localhost"))
	if err != nil {
		t.Fatal(err)
	}
	f.add("/demandes-disponibilites/{id}", tenantSample{owner: "national_fund", intruder: "fundB", values: id(request.ID)})
	f.markers["national_fund"] = []string{"Garnier", "GARNIER", "Jurys de la CNAF"}
	f.add("/api/v1/jury-members/{id}/availability", tenantSample{owner: "jury", intruder: "juryB", values: id(e.users["jury"].JuryMemberID)})
	f.add("/mon-organisme/sites/{id}/suppression", byCAF(id(site.ID)))
	planningID := strings.TrimPrefix(planning, "/plannings/")
	f.add("/plannings/{id}", byCAF(map[string]string{"id": planningID}))
	f.add("/plannings/{id}/signalement", byCAF(map[string]string{"id": planningID}))
	for _, p := range []string{"/api/v1/employers/{code}", "/api/v1/employers/{code}/nil-declarations"} {
		f.add(p, byCAF(map[string]string{"code": "CAF69"}))
	}
	for _, p := range []string{"/recueil/{name}", "/recueil/{name}/neant", "/recueil/{name}/retour", "/recueil/{name}/tableau.xlsx", "/api/v1/campaigns/{name}"} {
		s := byCAF(map[string]string{"name": "2027-06"})
		s.shared = true
		f.add(p, s)
	}
	f.add("/recueil/{name}/retour/{id}", byCAF(map[string]string{"name": "2027-06", "id": strconv.FormatInt(upload, 10)}))
	for _, p := range []string{"/pre-inscriptions/{id}", "/pre-inscriptions/{id}/confirmation", "/pre-inscriptions/{id}/refus"} {
		f.add(p, tenantSample{owner: "employerB", intruder: "employer", values: id(pre[0].ID)})
	}
	f.markers["employerB"] = []string{strings.Fields(pre[0].Candidate)[0]}
	ss := f.addEvaluationSamples(t, e, regID)
	sessionID, slotID, attemptID := ss.ID, ss.Slots[0].ID, ss.Slots[0].AttemptID
	f.add("/seances/{id}", tenantSample{owner: "national_fund", intruder: "fundB", values: id(sessionID)})
	for _, p := range []string{"/seances/{id}/agenda.ics", "/api/v1/sessions/{id}", "/api/v1/sessions/{id}/ics"} {
		f.add(p, tenantSample{owner: "jury", intruder: "juryB", values: id(sessionID)})
	}
	for _, p := range []string{"/api/v1/sessions/{id}", "/api/v1/sessions/{id}/ics"} {
		f.add(p, byCAF(id(sessionID)))
	}
	for _, p := range []string{"/convocations/{slot}", "/convocations/{slot}/agenda.ics"} {
		f.add(p, byCAF(map[string]string{"slot": strconv.FormatInt(slotID, 10)}))
		f.add(p, tenantSample{owner: "candidate", intruder: "candidateB", values: map[string]string{"slot": strconv.FormatInt(slotID, 10)}})
	}
	f.add("/api/v1/attempts/{id}", byCAF(id(attemptID)))
	f.add("/api/v1/attempts/{id}", tenantSample{owner: "jury", intruder: "juryB", values: id(attemptID)})
	f.add("/compte/jetons/{id}/revocation", tenantSample{owner: "employer", intruder: "employerB", values: map[string]string{"id": token("employer")}})
	f.add("/compte/jetons/{id}/revocation", tenantSample{owner: "national_fund", intruder: "fundB", values: map[string]string{"id": token("national_fund")}})
	return f
}

// add is a sample of the route at path.
func (f tenantFixture) add(path string, s tenantSample) { f.samples[path] = append(f.samples[path], s) }

var wildcard = regexp.MustCompile(`\{(\w+)\}`)

func fillPath(path string, values map[string]string) string {
	return wildcard.ReplaceAllStringFunc(path, func(w string) string { return values[strings.Trim(w, "{}")] })
}

// call sends a route's request as the account of key, with an empty form or body.
func (e *env) call(rt web.Route, key, path string) *http.Response {
	e.t.Helper()
	if rt.API {
		return e.api(rt.Method, path, key, "")
	}
	c := e.as(key)
	if rt.Method == "GET" {
		return c.get(path)
	}
	return c.post(path, nil)
}

// TestEveryScopedRouteAcrossTenants: every route a tenant role (employer,
// jury member, candidate) may call with an identifier in its path is scoped
// and tried here: another tenant of the same role gets 404 (or, for a name
// every tenant has its own view of, an answer without the owner's data),
// and the owner reaches it; every scoped list, read by another tenant, holds
// none of the owner's data. The roles that may never call a route get 403
// (TestEveryRouteByEveryRole).
func TestEveryScopedRouteAcrossTenants(t *testing.T) {
	t.Parallel()
	eachDialect(t, func(t *testing.T, e *env) {
		f := newTenantFixture(t, e)
		for _, rt := range e.srv.Routes() {
			name := rt.Method + " " + rt.Path
			tenantMay := false
			for _, role := range rt.Roles {
				tenantMay = tenantMay || tenantRoles[role]
			}
			if rt.Public || !tenantMay {
				continue
			}
			hasWildcard := strings.Contains(strings.TrimSuffix(rt.Path, "{$}"), "{")
			if hasWildcard && !rt.Scoped {
				t.Errorf("%s : une route ouverte à un employeur, un membre de jury ou un candidat avec un identifiant dans son chemin doit être limitée à son périmètre (Scoped)", name)
				continue
			}
			if !rt.Scoped {
				continue
			}
			if _, ok := scopedElsewhere[name]; ok {
				continue
			}
			if !hasWildcard {
				if rt.Method == "GET" {
					t.Run(name, func(t *testing.T) { f.checkListAcrossTenants(t, e, rt) })
				}
				continue
			}
			samples, ok := f.samples[rt.Path]
			if !ok {
				t.Errorf("%s : route limitée au périmètre sans exemple dans ce test : ajoutez-en un (propriétaire, autre locataire, valeurs du chemin)", name)
				continue
			}
			if rt.Allows(certif.Principal{User: e.users["national_fund"]}) && !slices.ContainsFunc(samples, func(s tenantSample) bool { return s.owner == "national_fund" }) {
				t.Errorf("%s : route ouverte aux caisses nationales sans exemple d'une caisse (propriétaire national_fund, autre caisse fundB)", name)
			}
			for _, sample := range samples {
				t.Run(name+" ("+sample.owner+")", func(t *testing.T) { f.checkAcrossTenants(t, e, rt, sample) })
			}
		}
		// The other audiences, on an account's own token.
		token := f.samples["/compte/jetons/{id}/revocation"][0].values["id"]
		for _, key := range []string{"jury", "juryB", "candidate", "candidateB", "national_fund", "fundB"} {
			if res := e.as(key).post("/compte/jetons/"+token+"/revocation", nil); res.StatusCode != http.StatusNotFound {
				t.Errorf("%s révoque le jeton d'un autre compte : %d", key, res.StatusCode)
			}
		}
	})
}

func (f tenantFixture) checkAcrossTenants(t *testing.T, e *env, rt web.Route, s tenantSample) {
	path := fillPath(rt.Path, s.values)
	res := e.call(rt, s.intruder, path)
	got := readAll(t, res)
	switch {
	case s.shared && res.StatusCode < 500:
		for _, m := range f.markers[s.owner] {
			if bytes.Contains(got, []byte(m)) {
				t.Errorf("%s (autre locataire) : la réponse montre %q du propriétaire", path, m)
			}
		}
	case s.shared:
		t.Errorf("%s (autre locataire) : statut %d", path, res.StatusCode)
	case res.StatusCode != http.StatusNotFound:
		t.Errorf("%s (autre locataire %s) : statut %d, attendu 404", path, s.intruder, res.StatusCode)
	}
	if rt.Method != "GET" {
		return // the owner's change would change the fixture
	}
	if res := e.call(rt, s.owner, path); res.StatusCode == http.StatusNotFound || res.StatusCode >= 500 {
		t.Errorf("%s (propriétaire %s) : statut %d", path, s.owner, res.StatusCode)
	}
}

func (f tenantFixture) checkListAcrossTenants(t *testing.T, e *env, rt web.Route) {
	for _, key := range []string{"employerB", "juryB", "candidateB", "fundB"} {
		p := certif.Principal{User: e.users[key]}
		if !rt.Allows(p) {
			continue
		}
		res := e.call(rt, key, rt.Path)
		got := readAll(t, res)
		if res.StatusCode >= 500 {
			t.Errorf("%s (%s) : statut %d", rt.Path, key, res.StatusCode)
		}
		for owner, markers := range f.markers {
			for _, m := range markers {
				if owner != key && bytes.Contains(got, []byte(m)) {
					t.Errorf("%s (%s) : la liste montre %q d'un autre locataire", rt.Path, key, m)
				}
			}
		}
	}
}

func readAll(t *testing.T, res *http.Response) []byte {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// otherCandidateOfCAF adds a candidate to CAF69, free of registrations.
func (f tenantFixture) otherCandidateOfCAF(t *testing.T, e *env) int64 {
	t.Helper()
	return e.newCandidateForTest(t, "CAF69", "Perrin").ID
}
