package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"certibloc/internal/certif"
	"certibloc/internal/store"
)

var candidateLocation = regexp.MustCompile(`^/candidats/(\d+)$`)

// createCandidateByForm creates a candidate through the form and returns its page path.
// The env already holds Léa: the form confirms a homonym of the same identity.
func createCandidateByForm(t *testing.T, c *client, form url.Values) string {
	t.Helper()
	form.Set("homonym", "on")
	res := c.post("/candidats", form)
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !candidateLocation.MatchString(loc) {
		t.Fatalf("création du candidat : %d %s\n%.500s", res.StatusCode, loc, body(t, res))
	}
	return loc
}

func leaForm() url.Values {
	return url.Values{"birth_name": {"Durand"}, "usage_name": {"Martin"}, "first_name1": {"Léa"}, "sex": {"F"},
		"birth_date": {"1991-02-03"}, "birth_insee": {"69123"}, "email": {"lea.martin@exemple.fr"}}
}

func TestEmployerRegistersTwoOfFourCOSBlocks(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	hr := e.as("employer")
	res := hr.post("/candidats", url.Values{"birth_name": {"Dur@nd"}, "first_name1": {""}, "sex": {"X"}, "birth_date": {"2020-01-01"}, "birth_insee": {"7505"}})
	page := body(t, res)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("identité invalide : %d", res.StatusCode)
	}
	for _, msg := range []string{"Nom de naissance obligatoire", "Le premier prénom est obligatoire.", "Sexe : F ou M", "Date de naissance peu plausible", "Code INSEE invalide"} {
		if !strings.Contains(page, msg) {
			t.Errorf("message %q absent", msg)
		}
	}
	cand := createCandidateByForm(t, hr, leaForm())
	if page := body(t, hr.get(cand)); !strings.Contains(page, "MARTIN (DURAND) Léa, née le 03/02/1991") {
		t.Fatal("identité imprimée absente du dossier")
	}
	form := url.Values{"qualification": {"COS"}, "path": {"partial"}, "blocks": {"1", "3"}, "certifiable_from": {"2027-03-08"}, "contract": {"cdi"},
		"specialty": {"Accueil allocataires"}}
	res = hr.post(cand+"/inscriptions", form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("inscription : %d\n%.800s", res.StatusCode, body(t, res))
	}
	reg := res.Header.Get("Location")
	page = body(t, hr.get(reg))
	for _, want := range []string{"blocs 1, 3", "Bloc 1", "Bloc 3", "mars 2027", "éligible", "Inscrit dans les délais pour la période de mars 2027"} {
		if !strings.Contains(page, want) {
			t.Errorf("page d'inscription : %q absent", want)
		}
	}
	if strings.Contains(page, "Bloc 2</th>") {
		t.Error("le bloc 2 n'est pas présenté")
	}
	hist := body(t, hr.get(cand))
	if !strings.Contains(hist, "Inscription n°") || !strings.Contains(hist, "rh@caf69.test") {
		t.Error("historique sans l'inscription")
	}
}

func TestR6_LateRegistrationOverHTTP(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	hr := e.as("employer")
	cand := createCandidateByForm(t, hr, leaForm())
	form := url.Values{"qualification": {"CA"}, "path": {"complete"}, "certifiable_from": {"2027-01-04"}, "contract": {"cdd"}}
	res := hr.post(cand+"/inscriptions", form)
	page := body(t, res)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "Inscription trop tardive pour la période de janvier 2027") ||
		!strings.Contains(page, "Première période possible aujourd&#39;hui : mars 2027") {
		t.Fatalf("R6 : %d", res.StatusCode)
	}
	// the refusal says it once, under its field; the summary says where to look
	if n := strings.Count(page, "Inscription trop tardive pour la période de janvier 2027"); n != 1 {
		t.Errorf("refus affiché %d fois, attendu une fois", n)
	}
	if !strings.Contains(page, "La demande n&#39;a pas été enregistrée : corrigez ce qui est signalé sous le champ concerné.") {
		t.Errorf("résumé des erreurs : %.600s", visibleText(page))
	}
	office := e.as("office")
	res = office.post(cand+"/inscriptions", form)
	if page := body(t, res); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "indiquez le motif de la dérogation") {
		t.Fatalf("dérogation sans motif : %d", res.StatusCode)
	}
	form.Set("late_reason", "Contrat signé en novembre")
	if res := office.post(cand+"/inscriptions", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("dérogation : %d %.500s", res.StatusCode, body(t, res))
	}
	if page := body(t, hr.get(cand)); !strings.Contains(page, "Dérogation au délai : Contrat signé en novembre") {
		t.Error("dérogation absente du dossier")
	}
}

func TestR15_HealthDataReadsAreTraced(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	hr := e.as("employer")
	cand := createCandidateByForm(t, hr, leaForm())
	res := hr.post(cand+"/inscriptions", url.Values{"qualification": {"CA"}, "path": {"complete"}, "certifiable_from": {"2027-04-01"},
		"contract": {"cdi"}, "disability": {"on"}, "adjustments": {"Tiers temps"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("inscription : %d", res.StatusCode)
	}
	reg := res.Header.Get("Location")
	if page := body(t, e.as("certifier").get(reg)); !strings.Contains(page, "Tiers temps") {
		t.Fatal("le certificateur doit voir les aménagements")
	}
	events, err := e.st.AuditEvents(t.Context(), store.SystemViewer("test"), store.AuditFilter{Entity: "registration"})
	if err != nil {
		t.Fatal(err)
	}
	reads := 0
	for _, ev := range events {
		if ev.Action == "health_read" && ev.UserEmail == "ucanss@test.fr" {
			reads++
		}
	}
	if reads == 0 {
		t.Error("lecture des données de santé par le certificateur non tracée")
	}
	if res := e.as("jury").get(reg); res.StatusCode != http.StatusForbidden {
		t.Errorf("un membre de jury ne voit pas les inscriptions : %d", res.StatusCode)
	}
	if res := e.as("employerB").get(reg); res.StatusCode != http.StatusNotFound {
		t.Errorf("un autre employeur ne voit pas l'inscription : %d", res.StatusCode)
	}
}

// TestPagesAcrossEmployers calls every candidate and registration page as
// employer A on employer B's data: each answers 404 and shows none of B's data.
func TestPagesAcrossEmployers(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := t.Context()
	b, err := e.st.CreateCandidate(ctx, store.PlatformOn(certif.MustDate("2026-11-23")), certif.Candidate{EmployerCode: "CPAM33", BirthName: "Secret", FirstNames: []string{"Bertrand"},
		Sex: "M", BirthDate: certif.MustDate("1980-05-05"), BirthINSEE: "33063"})
	if err != nil {
		t.Fatal(err)
	}
	g, err := e.st.CreateRegistration(ctx, store.PlatformOn(certif.MustDate("2026-11-23")),
		b.ID, certif.RegistrationRequest{Qualification: "MOSS", Path: certif.PathComplete, CertifiableFrom: certif.MustDate("2027-05-01"), Contract: certif.ContractCDI})
	if err != nil {
		t.Fatal(err)
	}
	a := e.as("employer")
	for _, rt := range e.srv.Routes() {
		if rt.API || !(strings.HasPrefix(rt.Path, "/candidats/{id}") || strings.HasPrefix(rt.Path, "/inscriptions/{id}")) {
			continue
		}
		id := b.ID
		if strings.HasPrefix(rt.Path, "/inscriptions") {
			id = g.ID
		}
		path := strings.ReplaceAll(rt.Path, "{id}", fmt.Sprint(id))
		var res *http.Response
		if rt.Method == "GET" {
			res = a.get(path)
		} else {
			res = a.post(path, url.Values{"reason": {"test"}, "qualification": {"CA"}, "path": {"complete"}, "certifiable_from": {"2027-06-01"}, "contract": {"cdi"}})
		}
		page := body(t, res)
		if rt.Allows(certif.Principal{User: e.users["employer"]}) && res.StatusCode != http.StatusNotFound {
			t.Errorf("%s %s par l'employeur A : %d, attendu 404", rt.Method, path, res.StatusCode)
		}
		if strings.Contains(page, "SECRET") || strings.Contains(page, "Bertrand") {
			t.Errorf("%s %s : données de l'employeur B visibles", rt.Method, path)
		}
	}
	for _, list := range []string{"/candidats", "/inscriptions", "/inscriptions?format=csv", "/candidats?q=secret"} {
		if page := body(t, a.get(list)); strings.Contains(page, "SECRET") || strings.Contains(page, "Secret") {
			t.Errorf("%s : candidat de l'employeur B visible", list)
		}
	}
	if page := body(t, e.as("employerB").get("/inscriptions")); !strings.Contains(page, "SECRET") {
		t.Error("l'employeur B doit voir son candidat")
	}
}

func TestRegistrationListFiltersAndExports(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	hr := e.as("employer")
	cand := createCandidateByForm(t, hr, leaForm())
	if res := hr.post(cand+"/inscriptions", url.Values{"qualification": {"GC"}, "path": {"complete"}, "certifiable_from": {"2027-06-01"}, "contract": {"pro"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("inscription : %d", res.StatusCode)
	}
	office := e.as("office")
	for query, want := range map[string]bool{"q=lea": true, "q=LÉA+martin": true, "q=zorro": false, "cqp=GC&periode=2027-06": true,
		"cqp=COS": false, "contrat=pro": true, "statut=validated": false, "employeur=CPAM33": false} {
		page := body(t, office.get("/inscriptions?"+query))
		if got := strings.Contains(page, "MARTIN (DURAND) Léa"); got != want {
			t.Errorf("filtre %s : trouvé = %v, attendu %v", query, got, want)
		}
	}
	if res := office.get("/inscriptions?periode=juin"); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("période invalide : %d", res.StatusCode)
	}
	res := office.get("/inscriptions?cqp=GC&format=csv")
	csv := body(t, res)
	if !strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment;") || !strings.Contains(csv, "MARTIN (DURAND) Léa") || !strings.Contains(csv, "Contrat de professionnalisation") ||
		!strings.Contains(csv, "CAF du Rhône;Famille;GC") {
		t.Errorf("export CSV : %q\n%.300s", res.Header.Get("Content-Disposition"), csv)
	}
	res = office.get("/inscriptions?format=xlsx")
	if b := body(t, res); res.StatusCode != http.StatusOK || !strings.HasPrefix(b, "PK") {
		t.Errorf("export XLSX : %d", res.StatusCode)
	}
}

func TestR17_NilDeclarationByEmployer(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	hr := e.as("employer")
	if res := hr.post("/neant", url.Values{"period": {"2027-02"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("néant : %d %.400s", res.StatusCode, body(t, res))
	}
	if page := body(t, hr.get("/neant")); !strings.Contains(page, "février 2027") || !strings.Contains(page, "en vigueur") {
		t.Error("déclaration absente")
	}
	if page := body(t, e.as("employerB").get("/neant")); strings.Contains(page, "CAF69") || strings.Contains(page, "rh@caf69.test") {
		t.Error("déclaration d'un autre employeur visible")
	}
	if page := body(t, e.as("office").get("/neant")); !strings.Contains(page, "CAF69") {
		t.Error("l'équipe des examens doit voir les déclarations")
	}
}
