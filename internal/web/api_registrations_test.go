package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"certibloc/internal/store"
	"certibloc/internal/web"
)

// Shapes of the candidates and registrations API, as a client reads them.
type regAPICandidate struct {
	ID                 int64    `json:"id"`
	Employer           string   `json:"employer"`
	BirthName          string   `json:"birth_name"`
	UsageName          string   `json:"usage_name"`
	FirstNames         []string `json:"first_names"`
	Sex                string   `json:"sex"`
	BirthDate          string   `json:"birth_date"`
	BirthINSEE         string   `json:"birth_insee"`
	BirthCountry       string   `json:"birth_country"`
	Email              string   `json:"email"`
	Phone              string   `json:"phone"`
	PrintedName        string   `json:"printed_name"`
	PossibleDuplicates *[]int64 `json:"possible_duplicates"`
}

type regAPIAttempt struct {
	Block           int      `json:"block"`
	Attempt         int      `json:"attempt"`
	CertifiableFrom string   `json:"certifiable_from"`
	Period          string   `json:"period"`
	Status          string   `json:"status"`
	Eligible        bool     `json:"eligible"`
	Eligibility     []string `json:"eligibility"`
}

type regAPIRegistration struct {
	ID              int64             `json:"id"`
	CandidateID     int64             `json:"candidate_id"`
	Employer        string            `json:"employer"`
	Qualification   string            `json:"qualification"`
	Path            string            `json:"path"`
	Blocks          []int             `json:"blocks"`
	CertifiableFrom string            `json:"certifiable_from"`
	BlockDates      map[string]string `json:"block_dates"`
	Contract        string            `json:"contract"`
	ExamPeriod      string            `json:"exam_period"`
	Repeating       bool              `json:"repeating"`
	Disability      bool              `json:"disability"`
	Adjustments     string            `json:"adjustments"`
	Specialty       string            `json:"specialty"`
	LateReason      string            `json:"late_reason"`
	RegisteredOn    string            `json:"registered_on"`
	Deleted         bool              `json:"deleted"`
	ChangeDeadline  *string           `json:"change_deadline"`
	Attempts        []regAPIAttempt   `json:"attempts"`
}

type regAPIList[T any] struct {
	Total   int `json:"total"`
	Page    int `json:"page"`
	PerPage int `json:"per_page"`
	Items   []T `json:"items"`
}

type regAPIEvent struct {
	At     string `json:"at"`
	User   string `json:"user"`
	Entity string `json:"entity"`
	Action string `json:"action"`
	Field  string `json:"field"`
	Before string `json:"before"`
	After  string `json:"after"`
	Reason string `json:"reason"`
}

// regAPIWant checks a status and returns the body.
func regAPIWant(t *testing.T, res *http.Response, want int) string {
	t.Helper()
	b := body(t, res)
	if res.StatusCode != want {
		t.Fatalf("%s %s : statut %d, attendu %d : %s", res.Request.Method, res.Request.URL.Path, res.StatusCode, want, b)
	}
	return b
}

// regAPIJSON checks a status and decodes the body.
func regAPIJSON[T any](t *testing.T, res *http.Response, want int) T {
	t.Helper()
	if res.StatusCode != want {
		t.Fatalf("%s %s : statut %d, attendu %d : %s", res.Request.Method, res.Request.URL.Path, res.StatusCode, want, body(t, res))
	}
	return decode[T](t, res)
}

// regAPIFields checks a 422 answer and that it names each field.
func regAPIFields(t *testing.T, res *http.Response, fields ...string) apiErr {
	t.Helper()
	er := regAPIJSON[apiErr](t, res, http.StatusUnprocessableEntity)
	if er.Error.Code != "invalid" {
		t.Errorf("code %q, attendu invalid", er.Error.Code)
	}
	for _, f := range fields {
		if er.Error.Fields[f] == "" {
			t.Errorf("champ %q non signalé : %v", f, er.Error.Fields)
		}
	}
	return er
}

const regAPICamille = `{"birth_name":"Petit","usage_name":"","first_names":["Camille"],"sex":"F","birth_date":"1995-06-12",
	"birth_insee":"69123","birth_country":"","email":"camille.petit@example.fr","phone":"06 12 34 56 78"}`

func TestAPIRegistrationsJourneyAsEmployer(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := regAPIJSON[regAPICandidate](t, e.api("POST", "/api/v1/candidates", "employer", regAPICamille), http.StatusCreated)
	if c.ID == 0 || c.Employer != "CAF69" || c.BirthName != "Petit" || !slices.Equal(c.FirstNames, []string{"Camille"}) || c.Sex != "F" ||
		c.BirthDate != "1995-06-12" || c.BirthINSEE != "69123" || c.Email != "camille.petit@example.fr" {
		t.Fatalf("candidat créé : %+v", c)
	}
	if c.PrintedName != "PETIT Camille, née le 12/06/1995" {
		t.Errorf("nom imprimé (R16) : %q", c.PrintedName)
	}
	if c.PossibleDuplicates != nil {
		t.Errorf("un employeur ne voit pas les doublons possibles : %v", *c.PossibleDuplicates)
	}
	cpath := fmt.Sprintf("/api/v1/candidates/%d", c.ID)
	if got := regAPIJSON[regAPICandidate](t, e.api("GET", cpath, "employer", ""), http.StatusOK); got.ID != c.ID || got.PrintedName != c.PrintedName {
		t.Errorf("relecture : %+v", got)
	}
	if got := regAPIJSON[regAPICandidate](t, e.api("GET", cpath, "office", ""), http.StatusOK); got.PossibleDuplicates == nil {
		t.Errorf("l'équipe des examens voit les doublons possibles")
	}

	// Two of the four COS blocks, certifiable in April 2027: on time on 23/11/2026 (R6).
	g := regAPIJSON[regAPIRegistration](t, e.api("POST", "/api/v1/registrations", "employer", fmt.Sprintf(
		`{"candidate_id":%d,"qualification":"COS","path":"partial","blocks":[1,2],"certifiable_from":"2027-04-15","contract":"cdi","specialty":"Accueil allocataires"}`, c.ID)),
		http.StatusCreated)
	if g.CandidateID != c.ID || g.Employer != "CAF69" || g.Qualification != "COS" || g.Path != "partial" || !slices.Equal(g.Blocks, []int{1, 2}) ||
		g.CertifiableFrom != "2027-04-15" || g.Contract != "cdi" || g.RegisteredOn != "2026-11-23" || g.Deleted || g.Specialty != "Accueil allocataires" {
		t.Fatalf("inscription créée : %+v", g)
	}
	if g.ChangeDeadline == nil || *g.ChangeDeadline != "2027-01-01" {
		t.Errorf("date limite de modification (R20) : %v", g.ChangeDeadline)
	}
	if len(g.Attempts) != 2 {
		t.Fatalf("blocs : %+v", g.Attempts)
	}
	for _, a := range g.Attempts {
		if a.Period != "2027-04" || a.Status != "registered" || !a.Eligible || len(a.Eligibility) == 0 || a.Attempt != 1 {
			t.Errorf("bloc %d : %+v", a.Block, a)
		}
	}
	rpath := fmt.Sprintf("/api/v1/registrations/%d", g.ID)
	if got := regAPIJSON[regAPIRegistration](t, e.api("GET", rpath, "employer", ""), http.StatusOK); got.ID != g.ID || !slices.Equal(got.Blocks, []int{1, 2}) {
		t.Errorf("relecture : %+v", got)
	}

	// PATCH: add a block; everything else keeps its value.
	p := regAPIJSON[regAPIRegistration](t, e.api("PATCH", rpath, "employer", `{"blocks":[1,2,3]}`), http.StatusOK)
	if !slices.Equal(p.Blocks, []int{1, 2, 3}) || p.Path != "partial" || p.CertifiableFrom != "2027-04-15" || p.Specialty != "Accueil allocataires" || p.Contract != "cdi" {
		t.Errorf("après ajout du bloc 3 : %+v", p)
	}
	// A GET answer can be sent back as it is (read-only fields are ignored).
	round := body(t, e.api("GET", rpath, "employer", ""))
	regAPIWant(t, e.api("PATCH", rpath, "employer", round), http.StatusOK)

	// Identity correction, partial: the other fields keep their value.
	pc := regAPIJSON[regAPICandidate](t, e.api("PATCH", cpath, "employer", `{"usage_name":"Martin","reason":"Mariage"}`), http.StatusOK)
	if pc.UsageName != "Martin" || pc.BirthName != "Petit" || pc.BirthINSEE != "69123" || pc.PrintedName != "MARTIN (PETIT) Camille, née le 12/06/1995" {
		t.Errorf("après correction : %+v", pc)
	}

	hist := regAPIJSON[[]regAPIEvent](t, e.api("GET", cpath+"/history", "employer", ""), http.StatusOK)
	has := func(entity, action, field, before, after string) bool {
		for _, ev := range hist {
			if ev.Entity == entity && ev.Action == action && ev.Field == field && ev.User == "rh@caf69.test" &&
				(before == "" || ev.Before == before) && (after == "" || ev.After == after) && strings.HasSuffix(ev.At, "Z") {
				return true
			}
		}
		return false
	}
	for _, want := range []struct{ entity, action, field, before, after string }{
		{"candidate", "create", "", "", ""},
		{"registration", "create", "", "", ""},
		{"registration", "update", "blocks", "1, 2", "1, 2, 3"},
		{"candidate", "update", "usage_name", "", "Martin"},
	} {
		if !has(want.entity, want.action, want.field, want.before, want.after) {
			t.Errorf("historique sans %+v : %+v", want, hist)
		}
	}

	// The office with a token sees the same registration in its list, filtered.
	list := regAPIJSON[regAPIList[regAPIRegistration]](t, e.api("GET", "/api/v1/registrations?qualification=COS&employer=CAF69&period=2027-04&contract=cdi&q=petit&sort=recent&page=1&per_page=10", "office", ""), http.StatusOK)
	if list.Total != 1 || len(list.Items) != 1 || list.Items[0].ID != g.ID || list.Page != 1 || list.PerPage != 10 {
		t.Errorf("liste filtrée : %+v", list)
	}
	cands := regAPIJSON[regAPIList[regAPICandidate]](t, e.api("GET", "/api/v1/candidates?q=PÉTIT", "employer", ""), http.StatusOK)
	if cands.Total != 1 || cands.Items[0].ID != c.ID {
		t.Errorf("recherche sans accents : %+v", cands)
	}

	// Deletion: soft, 204; a candidate with a live registration cannot go.
	regAPIWant(t, e.api("DELETE", cpath, "employer", ""), http.StatusConflict)
	regAPIWant(t, e.api("DELETE", rpath, "employer", `{"reason":"Formation reportée"}`), http.StatusNoContent)
	d := regAPIJSON[regAPIRegistration](t, e.api("GET", rpath, "employer", ""), http.StatusOK)
	if !d.Deleted || d.Attempts[0].Status != "withdrawn" || d.Attempts[0].Eligible {
		t.Errorf("inscription supprimée : %+v", d)
	}
	regAPIWant(t, e.api("PATCH", rpath, "employer", `{"specialty":"x"}`), http.StatusConflict)
	regAPIWant(t, e.api("DELETE", cpath, "employer", ""), http.StatusNoContent)
	regAPIWant(t, e.api("GET", cpath, "employer", ""), http.StatusNotFound)
}

func TestAPIRegistrationsValidationErrors(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	lea := e.users["candidate"].CandidateID
	bad := strings.Replace(strings.Replace(regAPICamille, `"69123"`, `"6912"`, 1), `"F"`, `"X"`, 1)
	regAPIFields(t, e.api("POST", "/api/v1/candidates", "employer", bad), "birth_insee", "sex")
	regAPIFields(t, e.api("POST", "/api/v1/candidates", "employer", strings.Replace(bad, "1995-06-12", "12/06/1995", 1)), "birth_date", "birth_insee", "sex")
	regAPIFields(t, e.api("POST", "/api/v1/candidates", "employer", `{"birth_name":"P3tit","first_names":[],"birth_date":"2020-01-01"}`),
		"birth_name", "first_names", "sex", "birth_date", "birth_insee")
	regAPIFields(t, e.api("POST", "/api/v1/candidates", "office", regAPICamille), "employer")
	regAPIFields(t, e.api("POST", "/api/v1/candidates", "office", strings.Replace(regAPICamille, "{", `{"employer":"NOPE",`, 1)), "employer")
	regAPIFields(t, e.api("PATCH", fmt.Sprintf("/api/v1/candidates/%d", lea), "employer", `{"sex":"X"}`), "sex")
	regAPIFields(t, e.api("PATCH", fmt.Sprintf("/api/v1/candidates/%d", lea), "employer", `{"employer":"CPAM33"}`), "employer")

	// CA is mono-bloc: no partial path (R3).
	regAPIFields(t, e.api("POST", "/api/v1/registrations", "employer", fmt.Sprintf(
		`{"candidate_id":%d,"qualification":"CA","path":"partial","blocks":[1],"certifiable_from":"2027-04-15","contract":"cdi"}`, lea)), "path")
	regAPIFields(t, e.api("POST", "/api/v1/registrations", "employer", fmt.Sprintf(
		`{"candidate_id":%d,"qualification":"COS","path":"partial","blocks":[5],"certifiable_from":"","contract":"interim","adjustments":"Tiers temps"}`, lea)),
		"blocks", "certifiable_from", "contract", "adjustments")
	regAPIFields(t, e.api("POST", "/api/v1/registrations", "employer", fmt.Sprintf(
		`{"candidate_id":%d,"qualification":"COS","certifiable_from":"2027-04-15","contract":"cdi","exam_period":"2027-05"}`, lea)), "exam_period")
	regAPIFields(t, e.api("POST", "/api/v1/registrations", "employer", fmt.Sprintf(
		`{"candidate_id":%d,"qualification":"COS","certifiable_from":"15/04/2027","contract":"cdi","block_dates":{"x":"2027-05-01"}}`, lea)), "certifiable_from", "block_dates")
	regAPIFields(t, e.api("POST", "/api/v1/registrations", "employer", fmt.Sprintf(
		`{"candidate_id":%d,"qualification":"COS","certifiable_from":"2027-04-15","contract":"cdi","late_reason":"urgence"}`, lea)), "late_reason")
	regAPIFields(t, e.api("POST", "/api/v1/registrations", "employer", `{"qualification":"COS"}`), "candidate_id")
	regAPIFields(t, e.api("POST", "/api/v1/registrations", "employer", fmt.Sprintf(`{"candidate_id":%d,"blocks":"1"}`, lea)), "blocks")
	regAPIFields(t, e.api("GET", "/api/v1/registrations?status=lost&period=2027&contract=x&disability=maybe&sort=age&per_page=1000", "office", ""),
		"status", "period", "contract", "disability", "sort", "per_page")
	regAPIFields(t, e.api("GET", "/api/v1/candidates?page=0", "office", ""), "page")

	// Unreadable JSON: 400.
	for _, payload := range []string{`{"birth_name":`, `{"birth_name":"A","colour":"blue"}`, `{} {}`, ``} {
		res := e.api("POST", "/api/v1/candidates", "employer", payload)
		if er := regAPIJSON[apiErr](t, res, http.StatusBadRequest); er.Error.Code != "bad_request" {
			t.Errorf("%q : %+v", payload, er)
		}
	}
	regAPIWant(t, e.api("PATCH", "/api/v1/registrations/abc", "employer", `{}`), http.StatusNotFound)
	regAPIFields(t, e.api("POST", "/api/v1/employers/CAF69/nil-declarations", "employer", `{"period":"mars"}`), "period")
	regAPIFields(t, e.api("POST", "/api/v1/employers/CAF69/nil-declarations", "employer", `{"period":"2027-08"}`), "period")
}

func TestR6_APILateRegistrationRefusedUnlessOfficeOverrides(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	lea := e.users["candidate"].CandidateID
	late := fmt.Sprintf(`{"candidate_id":%d,"qualification":"COS","path":"complete","certifiable_from":"2026-12-15","contract":"cdi"}`, lea)
	er := regAPIFields(t, e.api("POST", "/api/v1/registrations", "employer", late), "certifiable_from")
	for _, msg := range []string{er.Error.Message, er.Error.Fields["certifiable_from"]} {
		if !strings.Contains(msg, "Inscription trop tardive") || !strings.Contains(msg, "Première période possible aujourd'hui : mars 2027") {
			t.Errorf("message R6 : %q", msg)
		}
	}
	regAPIFields(t, e.api("POST", "/api/v1/registrations", "office", late), "certifiable_from", "late_reason")
	withReason := strings.Replace(late, `"contract"`, `"late_reason":"Retour de congé maternité, accord de la CPNEFP","contract"`, 1)
	g := regAPIJSON[regAPIRegistration](t, e.api("POST", "/api/v1/registrations", "office", withReason), http.StatusCreated)
	if g.LateReason != "Retour de congé maternité, accord de la CPNEFP" || len(g.Attempts) != 4 || g.Employer != "CAF69" {
		t.Fatalf("dérogation : %+v", g)
	}
	for _, a := range g.Attempts {
		if a.Period != "2026-12" || !a.Eligible || !strings.Contains(strings.Join(a.Eligibility, " "), "dérogation") {
			t.Errorf("bloc %d : %+v", a.Block, a)
		}
	}
	hist := regAPIJSON[[]regAPIEvent](t, e.api("GET", fmt.Sprintf("/api/v1/candidates/%d/history", lea), "employer", ""), http.StatusOK)
	found := false
	for _, ev := range hist {
		found = found || (ev.Action == "late_override" && ev.User == "office@test.fr" && ev.Reason != "")
	}
	if !found {
		t.Errorf("dérogation non tracée : %+v", hist)
	}
	// After the deadline of December, the employer can no longer change it (R20).
	regAPIWant(t, e.api("PATCH", fmt.Sprintf("/api/v1/registrations/%d", g.ID), "employer", `{"specialty":"Accueil"}`), http.StatusForbidden)
}

func TestR15_APIHealthReadsAreLogged(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	lea := e.users["candidate"].CandidateID
	g := regAPIJSON[regAPIRegistration](t, e.api("POST", "/api/v1/registrations", "employer", fmt.Sprintf(
		`{"candidate_id":%d,"qualification":"COS","path":"partial","blocks":[1],"certifiable_from":"2027-04-15","contract":"cdi","disability":true,"adjustments":"Tiers temps"}`, lea)),
		http.StatusCreated)
	if !g.Disability || g.Adjustments != "Tiers temps" {
		t.Fatalf("données de santé : %+v", g)
	}
	reads := func(email string) int {
		t.Helper()
		events, err := e.st.AuditEvents(ctx, store.SystemViewer("test"), store.AuditFilter{Entity: "registration", EntityKey: fmt.Sprint(g.ID)})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, ev := range events {
			if ev.Action == "health_read" && ev.UserEmail == email && strings.HasPrefix(ev.Field, "/api/v1/") {
				n++
			}
		}
		return n
	}
	if reads("rh@caf69.test") != 1 {
		t.Errorf("la réponse à la création montre les données de santé : lecture à tracer")
	}
	regAPIWant(t, e.api("GET", fmt.Sprintf("/api/v1/registrations/%d", g.ID), "office", ""), http.StatusOK)
	if n := reads("office@test.fr"); n != 1 {
		t.Errorf("lecture par l'équipe des examens : %d événements health_read, attendu 1", n)
	}
	list := regAPIJSON[regAPIList[regAPIRegistration]](t, e.api("GET", "/api/v1/registrations?disability=yes", "certifier", ""), http.StatusOK)
	if list.Total != 1 || list.Items[0].Adjustments != "Tiers temps" {
		t.Errorf("liste filtrée sur le handicap : %+v", list)
	}
	if n := reads("ucanss@test.fr"); n != 1 {
		t.Errorf("lecture en liste par le certificateur : %d événements, attendu 1", n)
	}
	// A page without health data logs nothing.
	regAPIWant(t, e.api("GET", "/api/v1/registrations?disability=no", "certifier", ""), http.StatusOK)
	if n := reads("ucanss@test.fr"); n != 1 {
		t.Errorf("liste sans handicap : %d événements, attendu 1", n)
	}
	hist := body(t, e.api("GET", fmt.Sprintf("/api/v1/candidates/%d/history", lea), "office", ""))
	if !strings.Contains(hist, `"health_read"`) {
		t.Errorf("les lectures figurent dans l'historique du candidat")
	}
	// Unchecking the box withdraws the adjustments.
	p := regAPIJSON[regAPIRegistration](t, e.api("PATCH", fmt.Sprintf("/api/v1/registrations/%d", g.ID), "employer", `{"disability":false}`), http.StatusOK)
	if p.Disability || p.Adjustments != "" {
		t.Errorf("case décochée : %+v", p)
	}
}

func TestR17_APINilDeclarations(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	d := regAPIJSON[map[string]any](t, e.api("POST", "/api/v1/employers/caf69/nil-declarations", "employer", `{"period":"2027-03"}`), http.StatusCreated)
	if d["employer"] != "CAF69" || d["period"] != "2027-03" || d["declared_by"] != "rh@caf69.test" || d["lapsed"] != false ||
		!strings.HasSuffix(fmt.Sprint(d["declared_at"]), "Z") {
		t.Errorf("déclaration : %v", d)
	}
	regAPIWant(t, e.api("POST", "/api/v1/employers/CAF69/nil-declarations", "employer", `{"period":"2027-03"}`), http.StatusConflict)
	regAPIJSON[map[string]any](t, e.api("POST", "/api/v1/employers/CPAM33/nil-declarations", "office", `{"period":"2027-04"}`), http.StatusCreated)
	regAPIWant(t, e.api("POST", "/api/v1/employers/NOPE/nil-declarations", "office", `{"period":"2027-04"}`), http.StatusNotFound)

	// Registering someone for March 2027 lapses the "néant".
	regAPIWant(t, e.api("POST", "/api/v1/registrations", "employer", fmt.Sprintf(
		`{"candidate_id":%d,"qualification":"COS","certifiable_from":"2027-03-10","contract":"cdi"}`, e.users["candidate"].CandidateID)), http.StatusCreated)
	list := regAPIJSON[[]map[string]any](t, e.api("GET", "/api/v1/employers/CAF69/nil-declarations", "employer", ""), http.StatusOK)
	if len(list) != 1 || list[0]["period"] != "2027-03" || list[0]["lapsed"] != true {
		t.Errorf("déclarations de CAF69 : %v", list)
	}
	list = regAPIJSON[[]map[string]any](t, e.api("GET", "/api/v1/employers/CPAM33/nil-declarations", "certifier", ""), http.StatusOK)
	if len(list) != 1 || list[0]["employer"] != "CPAM33" {
		t.Errorf("déclarations de CPAM33 : %v", list)
	}
}

// regAPIRoutes are the routes of the candidates, registrations and "néant" API.
func regAPIRoutes(e *env) []web.Route {
	var out []web.Route
	for _, rt := range e.srv.Routes() {
		if rt.API && (strings.Contains(rt.Path, "candidates") || strings.Contains(rt.Path, "registrations") || strings.Contains(rt.Path, "nil-declarations")) {
			out = append(out, rt)
		}
	}
	return out
}

// TestAPIRegistrationsAcrossEmployers is the authorization test of issue 4:
// employer A's token on every candidate, registration and "néant" route, with
// employer B's data, gets 404 and never sees B's data; A's lists never show it.
func TestAPIRegistrationsAcrossEmployers(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	// B's data, created by the office.
	bc := regAPIJSON[regAPICandidate](t, e.api("POST", "/api/v1/candidates", "office", `{"employer":"CPAM33","birth_name":"Bordagaray","usage_name":"Etcheverry",
		"first_names":["Zéphyrin"],"sex":"M","birth_date":"1985-09-30","birth_insee":"33063","email":"zephyrin@cpam33.test","phone":"0556000000"}`), http.StatusCreated)
	bg := regAPIJSON[regAPIRegistration](t, e.api("POST", "/api/v1/registrations", "office", fmt.Sprintf(
		`{"candidate_id":%d,"qualification":"COS","path":"partial","blocks":[1,2],"certifiable_from":"2027-04-15","contract":"pro","disability":true,"adjustments":"Secrétaire lecteur"}`, bc.ID)),
		http.StatusCreated)
	// A's own data, so that A's lists are not empty.
	ac := regAPIJSON[regAPICandidate](t, e.api("POST", "/api/v1/candidates", "employer", regAPICamille), http.StatusCreated)
	regAPIJSON[regAPIRegistration](t, e.api("POST", "/api/v1/registrations", "employer", fmt.Sprintf(
		`{"candidate_id":%d,"qualification":"COS","certifiable_from":"2027-04-15","contract":"cdi"}`, ac.ID)), http.StatusCreated)

	secrets := []string{"CPAM33", "cpam33", "Bordagaray", "BORDAGARAY", "Etcheverry", "ETCHEVERRY", "Zéphyrin", "zephyrin", "Secrétaire lecteur", "33063"}
	leaks := func(t *testing.T, b string) {
		t.Helper()
		for _, s := range secrets {
			if strings.Contains(b, s) {
				t.Errorf("donnée de l'employeur B dans la réponse (%q) : %s", s, b)
			}
		}
	}
	pathFor := func(rt web.Route) string {
		id := bc.ID
		if strings.Contains(rt.Path, "/registrations/") {
			id = bg.ID
		}
		return strings.NewReplacer("{id}", fmt.Sprint(id), "{code}", "CPAM33").Replace(rt.Path)
	}
	payloadFor := func(rt web.Route) string {
		switch {
		case rt.Method == "POST" && rt.Path == "/api/v1/candidates":
			return strings.Replace(regAPICamille, "{", `{"employer":"CPAM33",`, 1)
		case rt.Method == "POST" && rt.Path == "/api/v1/registrations":
			return fmt.Sprintf(`{"candidate_id":%d,"qualification":"COS","path":"partial","blocks":[3],"certifiable_from":"2027-04-15","contract":"cdi"}`, bc.ID)
		case strings.HasSuffix(rt.Path, "nil-declarations") && rt.Method == "POST":
			return `{"period":"2027-05"}`
		case rt.Method == "PATCH" && strings.Contains(rt.Path, "candidates"):
			return `{"usage_name":"Piraté"}`
		case rt.Method == "PATCH":
			return `{"specialty":"Piraté","disability":false}`
		case rt.Method == "DELETE":
			return `{"reason":"Piraté"}`
		}
		return ""
	}
	isList := func(rt web.Route) bool {
		return rt.Method == "GET" && (rt.Path == "/api/v1/candidates" || rt.Path == "/api/v1/registrations")
	}

	routes := regAPIRoutes(e)
	if len(routes) < 13 {
		t.Fatalf("%d routes seulement", len(routes))
	}
	for _, rt := range routes {
		if !rt.Scoped {
			t.Errorf("%s %s : ouverte à l'employeur, elle doit être marquée Scoped", rt.Method, rt.Path)
		}
		t.Run(rt.Method+" "+rt.Path, func(t *testing.T) {
			if isList(rt) {
				for _, query := range []string{"", "?employer=CPAM33", "?q=Bordagaray", "?per_page=500"} {
					res := e.api("GET", rt.Path+query, "employer", "")
					b := regAPIWant(t, res, http.StatusOK)
					leaks(t, b)
					var list regAPIList[struct {
						ID          int64  `json:"id"`
						CandidateID int64  `json:"candidate_id"`
						Employer    string `json:"employer"`
					}]
					if err := json.Unmarshal([]byte(b), &list); err != nil {
						t.Fatal(err)
					}
					bID := bc.ID
					if rt.Path == "/api/v1/registrations" {
						bID = bg.ID
					}
					for _, it := range list.Items {
						if it.ID == bID || it.CandidateID == bc.ID || it.Employer != "CAF69" {
							t.Errorf("%s : donnée de B dans la liste de A : %+v", query, it)
						}
					}
					if empty := query == "?employer=CPAM33" || query == "?q=Bordagaray"; empty != (list.Total == 0) || len(list.Items) != list.Total {
						t.Errorf("%s : total %d, %d éléments", query, list.Total, len(list.Items))
					}
				}
				return
			}
			res := e.api(rt.Method, pathFor(rt), "employer", payloadFor(rt))
			b := regAPIWant(t, res, http.StatusNotFound)
			leaks(t, b)
			// B's own token reaches the same data (the 404 is the scope, not a bad id).
			if rt.Method == "GET" {
				regAPIWant(t, e.api("GET", pathFor(rt), "employerB", ""), http.StatusOK)
			}
		})
	}

	// Nothing of B's changed.
	c := regAPIJSON[regAPICandidate](t, e.api("GET", fmt.Sprintf("/api/v1/candidates/%d", bc.ID), "office", ""), http.StatusOK)
	g := regAPIJSON[regAPIRegistration](t, e.api("GET", fmt.Sprintf("/api/v1/registrations/%d", bg.ID), "office", ""), http.StatusOK)
	if c.UsageName != "Etcheverry" || g.Deleted || g.Specialty != "" || !g.Disability || !slices.Equal(g.Blocks, []int{1, 2}) {
		t.Errorf("données de B modifiées : %+v %+v", c, g)
	}
	if list := regAPIJSON[[]map[string]any](t, e.api("GET", "/api/v1/employers/CPAM33/nil-declarations", "office", ""), http.StatusOK); len(list) != 0 {
		t.Errorf("« néant » déclaré pour B par A : %v", list)
	}

	// The certifier reads everything and writes nothing; jury and candidate get 403.
	for _, rt := range routes {
		path := pathFor(rt)
		if rt.Method == "GET" {
			b := regAPIWant(t, e.api("GET", path, "certifier", ""), http.StatusOK)
			if !isList(rt) && !strings.Contains(rt.Path, "nil-declarations") && !strings.Contains(strings.ToUpper(b), "BORDAGARAY") && !strings.Contains(rt.Path, "/registrations/") {
				t.Errorf("%s : le certificateur lit les données de B : %s", path, b)
			}
		} else {
			regAPIWant(t, e.api(rt.Method, path, "certifier", payloadFor(rt)), http.StatusForbidden)
		}
		for _, role := range []string{"jury", "candidate"} {
			regAPIWant(t, e.api(rt.Method, path, role, payloadFor(rt)), http.StatusForbidden)
		}
	}
	all := regAPIJSON[regAPIList[regAPIRegistration]](t, e.api("GET", "/api/v1/registrations?employer=CPAM33", "certifier", ""), http.StatusOK)
	if all.Total != 1 || all.Items[0].ID != bg.ID || all.Items[0].Adjustments != "Secrétaire lecteur" {
		t.Errorf("le certificateur voit les inscriptions de B : %+v", all)
	}
}
