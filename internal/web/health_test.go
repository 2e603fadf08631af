package web_test

// Health data (R15): only those who must know see it, every read is logged,
// and nothing that carries it is kept by a browser. On SQLite and PostgreSQL.

import (
	"bytes"
	"encoding/csv"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"certibloc/internal/certif"
	"certibloc/internal/store"
)

var (
	rowLink    = regexp.MustCompile(`<th scope="row"><a href="/inscriptions/(\d+)">`)
	exportLink = regexp.MustCompile(`<a href="([^"]+format=csv[^"]*)" download>`)
)

// registerForTest registers a candidate of the env's employer through the
// store, as its HR would.
func (e *env) registerForTest(t *testing.T, candidateID int64, req certif.RegistrationRequest) certif.Registration {
	t.Helper()
	g, err := e.st.CreateRegistration(t.Context(), store.CallerOf(e.users["employer"], certif.MustDate("2026-11-23")), candidateID, req)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// newCandidateForTest adds a candidate to an employer.
func (e *env) newCandidateForTest(t *testing.T, employer, birthName string) certif.Candidate {
	t.Helper()
	c, err := e.st.CreateCandidate(t.Context(), store.PlatformOn(certif.MustDate("2026-11-23")), certif.Candidate{EmployerCode: employer, BirthName: birthName, FirstNames: []string{"Camille"},
		Sex: "F", BirthDate: certif.MustDate("1985-03-04"), BirthINSEE: "69123"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// healthReads counts the logged reads of a registration's health data by an account.
func (e *env) healthReads(t *testing.T, regID int64, email string) int {
	t.Helper()
	events, err := e.st.AuditEvents(t.Context(), store.SystemViewer("test"), store.AuditFilter{Entity: "registration", EntityKey: strconv.FormatInt(regID, 10), Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, ev := range events {
		if ev.Action == "health_read" && ev.UserEmail == email {
			n++
		}
	}
	return n
}

func cosRequest(from string, disability bool, adjustments string) certif.RegistrationRequest {
	return certif.RegistrationRequest{Qualification: "COS", Path: certif.PathComplete, CertifiableFrom: certif.MustDate(from),
		Contract: certif.ContractCDI, Disability: disability, Adjustments: adjustments}
}

// TestR15_AnExportHoldsExactlyTheRowsOfTheView: the export link of a filtered
// list exports that view, every page of it, and nothing else.
func TestR15_AnExportHoldsExactlyTheRowsOfTheView(t *testing.T) {
	t.Parallel()
	eachDialect(t, func(t *testing.T, e *env) {
		for i := range 3 {
			c := e.newCandidateForTest(t, "CAF69", "Aubert"+strings.Repeat("e", i))
			adjustments := map[bool]string{true: "Tiers temps"}[i != 1]
			e.registerForTest(t, c.ID, cosRequest("2027-06-10", i != 1, adjustments))
		}
		hr := e.as("employer")
		for _, view := range []string{"/inscriptions?handicap=yes&cqp=COS", "/inscriptions?q=aubert&handicap=no", "/inscriptions?cqp=COS&tri=recent"} {
			res := hr.get(view)
			page := body(t, res)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("%s : %d", view, res.StatusCode)
			}
			var shown []string
			for _, m := range rowLink.FindAllStringSubmatch(page, -1) {
				shown = append(shown, m[1])
			}
			link := exportLink.FindStringSubmatch(page)
			if link == nil {
				t.Fatalf("%s : pas de lien d'export", view)
			}
			export := hr.get(html.UnescapeString(link[1]))
			if export.StatusCode != http.StatusOK || export.Header.Get("Cache-Control") != "no-store" {
				t.Fatalf("%s : export %d, Cache-Control %q", view, export.StatusCode, export.Header.Get("Cache-Control"))
			}
			records, err := readExportCSV(body(t, export))
			if err != nil {
				t.Fatal(err)
			}
			var exported []string
			for _, rec := range records[1:] {
				exported = append(exported, rec[0])
			}
			slices.Sort(shown)
			slices.Sort(exported)
			if len(shown) == 0 || !slices.Equal(shown, exported) {
				t.Errorf("%s : la vue montre %v, l'export contient %v", view, shown, exported)
			}
		}
	})
}

func readExportCSV(s string) ([][]string, error) {
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(s, "\ufeff")))
	r.Comma = ';'
	return r.ReadAll()
}

// TestR15_EveryPlaceThatShowsHealthDataLogsTheRead: the candidate's history
// (page and API) and the journal (page and API) show adjustments, present or
// past; each shows them only after logging the read, even when the box is no
// longer ticked, and none of these answers may be kept by a browser.
func TestR15_EveryPlaceThatShowsHealthDataLogsTheRead(t *testing.T) {
	t.Parallel()
	eachDialect(t, func(t *testing.T, e *env) {
		lea := e.users["candidate"].CandidateID
		g := e.registerForTest(t, lea, cosRequest("2027-06-10", true, "Salle accessible en fauteuil"))
		// The HR then unticks the box: the adjustments live on in the history only.
		req := cosRequest("2027-06-10", false, "")
		if _, err := e.st.UpdateRegistration(t.Context(), store.CallerOf(e.users["employer"], certif.MustDate("2026-11-23")), g.ID, req); err != nil {
			t.Fatal(err)
		}
		office, certifier := e.as("office"), e.as("certifier")
		for _, read := range []struct {
			who  string
			get  func() *http.Response
			user string
		}{
			{"dossier du candidat", func() *http.Response { return office.get("/candidats/" + strconv.FormatInt(lea, 10)) }, "office@test.fr"},
			{"historique par l'API", func() *http.Response {
				return e.api("GET", "/api/v1/candidates/"+strconv.FormatInt(lea, 10)+"/history", "employer", "")
			}, "rh@caf69.test"},
			{"journal", func() *http.Response { return certifier.get("/journal?objet=registration") }, "ucanss@test.fr"},
			{"journal par l'API", func() *http.Response { return e.api("GET", "/api/v1/audit?entity=registration", "office", "") }, "office@test.fr"},
		} {
			before := e.healthReads(t, g.ID, read.user)
			res := read.get()
			text := body(t, res)
			if res.StatusCode != http.StatusOK || !strings.Contains(text, "Salle accessible en fauteuil") {
				t.Fatalf("%s : %d, aménagements passés absents", read.who, res.StatusCode)
			}
			if got := res.Header.Get("Cache-Control"); got != "no-store" {
				t.Errorf("%s : Cache-Control %q", read.who, got)
			}
			if e.healthReads(t, g.ID, read.user) != before+1 {
				t.Errorf("%s : lecture des données de santé non tracée (une par lecture)", read.who)
			}
		}
	})
}

// TestR15_AReturnedTableWithAdjustmentsIsAHealthRead: the adjustments column
// of a returned collection table is health data; its preview and the download
// of the returned file log the read.
func TestR15_AReturnedTableWithAdjustmentsIsAHealthRead(t *testing.T) {
	t.Parallel()
	eachDialect(t, func(t *testing.T, e *env) {
		lea, _ := campaignEnv(t, e)
		office := e.as("office")
		if res := office.post("/recueil/2027-06/lancement", nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("lancement : %d", res.StatusCode)
		}
		returnTable(t, e.as("employer"), "2027-06", func([]byte) map[int]map[string]any {
			cells := hours(2)
			cells[2]["Aménagements nécessaires"] = "Secrétaire"
			return cells
		})
		if e.healthReads(t, lea, "rh@caf69.test") == 0 {
			t.Error("l'aperçu montre les aménagements sans tracer la lecture")
		}
		before := e.healthReads(t, lea, "office@test.fr")
		res := office.get("/recueil/2027-06/retours/CAF69")
		if res.StatusCode != http.StatusOK || res.Header.Get("Cache-Control") != "no-store" {
			t.Fatalf("tableau retourné : %d %q", res.StatusCode, res.Header.Get("Cache-Control"))
		}
		if e.healthReads(t, lea, "office@test.fr") != before+1 {
			t.Error("téléchargement du tableau retourné non tracé comme lecture de données de santé")
		}
	})
}

// TestR15_ATransferredCandidateBringsNoHealthDataToTheNewEmployer: after the
// office moves a candidate to another employer, the new employer sees the
// candidate, the registration it takes over and the validated blocks, but not
// the former employer's health data nor its staff's addresses; the former
// employer no longer sees the candidate. A merge across employers does the same.
func TestR15_ATransferredCandidateBringsNoHealthDataToTheNewEmployer(t *testing.T) {
	t.Parallel()
	eachDialect(t, func(t *testing.T, e *env) {
		ctx := t.Context()
		lea := e.users["candidate"].CandidateID
		if err := e.st.RecordPriorValidation(ctx, store.PlatformOn(certif.MustDate("2026-11-23")), lea, "GC", 1, certif.MustDate("2025-12-17"), "PV du 17/12/2025"); err != nil {
			t.Fatal(err)
		}
		g := e.registerForTest(t, lea, cosRequest("2027-06-10", true, "Temps majoré d'un tiers"))
		office := e.as("office")
		res := office.post("/candidats/"+strconv.FormatInt(lea, 10)+"/transfert", url.Values{"employer": {"CPAM33"}, "reason": {"mutation"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("transfert : %d %.500s", res.StatusCode, body(t, res))
		}
		checkNoForeignHealthData(t, e, "employerB", lea, g.ID, "Temps majoré d'un tiers")
		if page := body(t, e.as("employerB").get("/candidats/"+strconv.FormatInt(lea, 10))); !strings.Contains(page, "GC bloc 1 : validé le 17/12/2025") {
			t.Error("le nouvel employeur doit voir les blocs validés (capitalisés)")
		}
		if res := e.as("employer").get("/candidats/" + strconv.FormatInt(lea, 10)); res.StatusCode != http.StatusNotFound {
			t.Errorf("l'ancien employeur voit encore le candidat : %d", res.StatusCode)
		}
		if page := body(t, office.get("/candidats/"+strconv.FormatInt(lea, 10))); !strings.Contains(page, "Temps majoré d&#39;un tiers") {
			t.Error("l'équipe des examens doit garder la trace des aménagements demandés par l'ancien employeur")
		}

		// A merge of a CPAM33 duplicate into a CAF69 candidate.
		keep := e.newCandidateForTest(t, "CAF69", "Bonnet")
		drop := e.newCandidateForTest(t, "CPAM33", "Bonnet")
		moss := cosRequest("2027-06-10", true, "Épreuve adaptée")
		moss.Qualification = "MOSS" // open to the Maladie branch of CPAM33
		dropReg, err := e.st.CreateRegistration(ctx, store.CallerOf(e.users["employerB"], certif.MustDate("2026-11-23")), drop.ID, moss)
		if err != nil {
			t.Fatal(err)
		}
		if res := office.post("/candidats/fusion", url.Values{"keep": {strconv.FormatInt(keep.ID, 10)}, "drop": {strconv.FormatInt(drop.ID, 10)},
			"reason": {"même personne"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("fusion : %d", res.StatusCode)
		}
		checkNoForeignHealthData(t, e, "employer", keep.ID, dropReg.ID, "Épreuve adaptée")
	})
}

// checkNoForeignHealthData checks what the new employer (role) sees of a
// candidate that came to it with a registration of its former employer.
func checkNoForeignHealthData(t *testing.T, e *env, role string, candidateID, regID int64, adjustments string) {
	t.Helper()
	formerStaff := map[string]string{"employerB": "rh@caf69.test", "employer": "rh@cpam33.test"}[role]
	cand := "/candidats/" + strconv.FormatInt(candidateID, 10)
	hr := e.as(role)
	for what, res := range map[string]*http.Response{
		"dossier":           hr.get(cand),
		"inscription":       hr.get("/inscriptions/" + strconv.FormatInt(regID, 10)),
		"historique (API)":  e.api("GET", "/api/v1/candidates/"+strconv.FormatInt(candidateID, 10)+"/history", role, ""),
		"inscription (API)": e.api("GET", "/api/v1/registrations/"+strconv.FormatInt(regID, 10), role, ""),
		"export":            hr.get("/inscriptions?format=csv"),
	} {
		text := html.UnescapeString(body(t, res))
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s : %d", what, res.StatusCode)
		}
		if strings.Contains(text, adjustments) || strings.Contains(text, formerStaff) {
			t.Errorf("%s : données de santé ou adresse de l'ancien employeur visibles\n%.3000s", what, text)
		}
	}
	if res := e.api("GET", "/api/v1/registrations/"+strconv.FormatInt(regID, 10), role, ""); !bytes.Contains([]byte(body(t, res)), []byte(`"disability":false`)) {
		t.Error("la case handicap de l'ancien employeur passe au nouveau")
	}
}
