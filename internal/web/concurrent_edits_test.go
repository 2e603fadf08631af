package web_test

// Two people working on the same file at once: a change made from an older
// copy is refused with a French message, never silently overwritten; a PATCH
// changes only the fields it names; a form sent twice creates one record. On
// SQLite and PostgreSQL.

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"certibloc/internal/store"
)

var (
	versionField    = regexp.MustCompile(`name="version" value="(\d+)"`)
	submissionField = regexp.MustCompile(`name="submission" value="([^"]+)"`)
)

// formValue reads a hidden field of a form page.
func formValue(t *testing.T, page string, re *regexp.Regexp) string {
	t.Helper()
	m := re.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("champ %s absent du formulaire", re)
	}
	return m[1]
}

// registrationForm is what the edit form of a COS registration sends.
func registrationForm(version, specialty string) url.Values {
	return url.Values{"version": {version}, "path": {"complete"}, "certifiable_from": {"2027-06-10"}, "contract": {"cdi"}, "specialty": {specialty}}
}

func TestAStaleRegistrationFormIsRefusedAndLosesNothing(t *testing.T) {
	t.Parallel()
	eachDialect(t, func(t *testing.T, e *env) {
		g := e.registerForTest(t, e.users["candidate"].CandidateID, cosRequest("2027-06-10", false, ""))
		path := "/inscriptions/" + strconv.FormatInt(g.ID, 10)
		hr, office := e.as("employer"), e.as("office")
		hrVersion := formValue(t, body(t, hr.get(path+"/modification")), versionField)
		officeVersion := formValue(t, body(t, office.get(path+"/modification")), versionField)
		if res := hr.post(path, registrationForm(hrVersion, "Accueil")); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("première modification : %d %.500s", res.StatusCode, body(t, res))
		}
		res := office.post(path, registrationForm(officeVersion, "Plateforme téléphonique"))
		page := body(t, res)
		if res.StatusCode != http.StatusPreconditionFailed || !strings.Contains(page, "modifiée par quelqu&#39;un d&#39;autre") ||
			!strings.Contains(page, `value="Plateforme téléphonique"`) {
			t.Fatalf("modification sur une version dépassée : %d\n%.3000s", res.StatusCode, page)
		}
		if got, _ := e.st.Registration(t.Context(), g.ID, store.All); got.Specialty != "Accueil" {
			t.Errorf("la première modification a été écrasée : %q", got.Specialty)
		}
		// The form shown again stands on the current version: sent again, it applies.
		if res := office.post(path, registrationForm(formValue(t, page, versionField), "Plateforme téléphonique")); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("nouvel envoi en connaissance de cause : %d", res.StatusCode)
		}
	})
}

func TestAStaleIdentityFormIsRefusedAndLosesNothing(t *testing.T) {
	t.Parallel()
	eachDialect(t, func(t *testing.T, e *env) {
		path := "/candidats/" + strconv.FormatInt(e.users["candidate"].CandidateID, 10)
		hr, office := e.as("employer"), e.as("office")
		form := func(version, email string) url.Values {
			f := leaForm()
			f.Set("version", version)
			f.Set("email", email)
			return f
		}
		hrVersion := formValue(t, body(t, hr.get(path+"/modification")), versionField)
		officeVersion := formValue(t, body(t, office.get(path+"/modification")), versionField)
		if res := hr.post(path, form(hrVersion, "lea.martin@caf69.example")); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("première correction : %d %.500s", res.StatusCode, body(t, res))
		}
		res := office.post(path, form(officeVersion, "lea@autre.example"))
		page := body(t, res)
		if res.StatusCode != http.StatusPreconditionFailed || !strings.Contains(page, "modifié par quelqu&#39;un d&#39;autre") ||
			!strings.Contains(page, "lea@autre.example") {
			t.Fatalf("correction sur une version dépassée : %d\n%.3000s", res.StatusCode, page)
		}
		if c, _ := e.st.Candidate(t.Context(), e.users["candidate"].CandidateID, store.All); c.Email != "lea.martin@caf69.example" {
			t.Errorf("la première correction a été écrasée : %q", c.Email)
		}
	})
}

// TestAStaleDeletionIsRefusedAndDeletesNothing: a deletion decided on an
// older copy of a registration (form) or of a candidate (API, If-Match) is
// refused and deletes nothing; decided again on the current copy, it applies.
func TestAStaleDeletionIsRefusedAndDeletesNothing(t *testing.T) {
	t.Parallel()
	eachDialect(t, func(t *testing.T, e *env) {
		ctx, lea := t.Context(), e.users["candidate"].CandidateID
		g := e.registerForTest(t, lea, cosRequest("2027-06-10", false, ""))
		path := "/inscriptions/" + strconv.FormatInt(g.ID, 10)
		hr, office := e.as("employer"), e.as("office")
		hrVersion := formValue(t, body(t, hr.get(path)), versionField)
		if res := office.post(path, registrationForm(formValue(t, body(t, office.get(path+"/modification")), versionField), "Accueil")); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("modification : %d %.500s", res.StatusCode, body(t, res))
		}
		deletion := func(version string) url.Values {
			return url.Values{"version": {version}, "reason": {"Formation reportée"}}
		}
		res := hr.post(path+"/suppression", deletion(hrVersion))
		// The page shows the registration as it is now, the reason typed kept.
		if page := body(t, res); res.StatusCode != http.StatusPreconditionFailed || !strings.Contains(page, "elle n&#39;a pas été supprimée") ||
			!strings.Contains(page, "<dd>Accueil</dd>") || !strings.Contains(page, `value="Formation reportée"`) {
			t.Fatalf("suppression sur une version dépassée : %d\n%.3000s", res.StatusCode, page)
		}
		if got, _ := e.st.Registration(ctx, g.ID, store.All); got.Deleted || got.Specialty != "Accueil" {
			t.Fatalf("inscription après le refus : supprimée %t, spécialité %q", got.Deleted, got.Specialty)
		}
		if res := hr.post(path+"/suppression", deletion(formValue(t, body(t, hr.get(path)), versionField))); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("suppression en connaissance de cause : %d %.500s", res.StatusCode, body(t, res))
		}
		// Its registration deleted, the candidate's file offers to delete it.
		file := fmt.Sprintf("/candidats/%d", lea)
		page := body(t, hr.get(file))
		if !strings.Contains(page, "Supprimer ce candidat") {
			t.Fatalf("dossier sans inscription en cours : pas de suppression proposée")
		}
		cpath := fmt.Sprintf("/api/v1/candidates/%d", lea)
		etag := e.api("GET", cpath, "employer", "").Header.Get("ETag")
		if res := e.api("PATCH", cpath, "office", `{"phone":"04 78 00 00 01"}`); res.StatusCode != http.StatusOK {
			t.Fatalf("PATCH : %d", res.StatusCode)
		}
		res = hr.post(file+"/suppression", url.Values{"version": {formValue(t, page, versionField)}, "deletion_reason": {"Doublon"}})
		if page := body(t, res); res.StatusCode != http.StatusPreconditionFailed || !strings.Contains(page, "le candidat n&#39;a pas été supprimé") ||
			!strings.Contains(page, `value="Doublon"`) {
			t.Fatalf("suppression du candidat sur une version dépassée : %d\n%.3000s", res.StatusCode, page)
		}
		remove := func(ifMatch string) *http.Response {
			req, _ := http.NewRequest("DELETE", e.ts.URL+cpath, nil)
			req.Header.Set("Authorization", "Bearer "+e.tokens["employer"])
			req.Header.Set("If-Match", ifMatch)
			return e.anonymous().do(req)
		}
		var out struct {
			Error struct{ Code, Message string }
		}
		res = remove(etag)
		_ = json.Unmarshal([]byte(body(t, res)), &out)
		if res.StatusCode != http.StatusPreconditionFailed || out.Error.Code != "stale" || !strings.Contains(out.Error.Message, "le candidat n'a pas été supprimé") {
			t.Errorf("DELETE sur une version dépassée : %d %+v", res.StatusCode, out)
		}
		if _, err := e.st.Candidate(ctx, lea, store.All); err != nil {
			t.Fatalf("candidat supprimé malgré le refus : %v", err)
		}
		if res := remove(e.api("GET", cpath, "employer", "").Header.Get("ETag")); res.StatusCode != http.StatusNoContent {
			t.Errorf("DELETE avec la version courante : %d %.300s", res.StatusCode, body(t, res))
		}
	})
}

// TestTwoPatchesOfDifferentFieldsAtOnceBothApply: PATCHes sent at the same
// time, each naming one field, all land (read and written in one transaction).
func TestTwoPatchesOfDifferentFieldsAtOnceBothApply(t *testing.T) {
	t.Parallel()
	eachDialect(t, func(t *testing.T, e *env) {
		lea := e.users["candidate"].CandidateID
		g := e.registerForTest(t, lea, cosRequest("2027-06-10", false, ""))
		for round := range 8 {
			specialty, email, phone := fmt.Sprintf("Filière %d", round), fmt.Sprintf("lea%d@exemple.fr", round), fmt.Sprintf("04 78 00 00 %02d", round)
			patches := []struct{ path, role, body string }{
				{fmt.Sprintf("/api/v1/registrations/%d", g.ID), "employer", `{"specialty":"` + specialty + `"}`},
				{fmt.Sprintf("/api/v1/registrations/%d", g.ID), "office", fmt.Sprintf(`{"repeating":%t}`, round%2 == 0)},
				{fmt.Sprintf("/api/v1/candidates/%d", lea), "employer", `{"email":"` + email + `"}`},
				{fmt.Sprintf("/api/v1/candidates/%d", lea), "office", `{"phone":"` + phone + `"}`},
			}
			var wg sync.WaitGroup
			for _, p := range patches {
				wg.Go(func() {
					if res := e.api("PATCH", p.path, p.role, p.body); res.StatusCode != http.StatusOK {
						t.Errorf("PATCH %s %s : %d", p.path, p.body, res.StatusCode)
					}
				})
			}
			wg.Wait()
			reg, _ := e.st.Registration(t.Context(), g.ID, store.All)
			c, _ := e.st.Candidate(t.Context(), lea, store.All)
			if reg.Specialty != specialty || reg.Repeating != (round%2 == 0) || c.Email != email || c.Phone != phone {
				t.Fatalf("tour %d : une modification perdue : spécialité %q, redoublant %t, courriel %q, téléphone %q", round, reg.Specialty, reg.Repeating, c.Email, c.Phone)
			}
		}
	})
}

func TestAPIChangesFromAnOlderVersionAreRefused(t *testing.T) {
	t.Parallel()
	eachDialect(t, func(t *testing.T, e *env) {
		g := e.registerForTest(t, e.users["candidate"].CandidateID, cosRequest("2027-06-10", false, ""))
		path := fmt.Sprintf("/api/v1/registrations/%d", g.ID)
		res := e.api("GET", path, "employer", "")
		etag := res.Header.Get("ETag")
		if etag != `"1"` {
			t.Fatalf("ETag %q", etag)
		}
		patch := func(ifMatch, payload string) *http.Response {
			req, _ := http.NewRequest("PATCH", e.ts.URL+path, strings.NewReader(payload))
			req.Header.Set("Authorization", "Bearer "+e.tokens["employer"])
			req.Header.Set("If-Match", ifMatch)
			return e.anonymous().do(req)
		}
		res = patch(etag, `{"specialty":"Accueil"}`)
		if res.StatusCode != http.StatusOK || res.Header.Get("ETag") != `"2"` {
			t.Fatalf("PATCH avec la version courante : %d, ETag %q", res.StatusCode, res.Header.Get("ETag"))
		}
		res = patch(etag, `{"specialty":"Plateforme"}`)
		var out struct {
			Error struct{ Code, Message string }
		}
		_ = json.Unmarshal([]byte(body(t, res)), &out)
		if res.StatusCode != http.StatusPreconditionFailed || out.Error.Code != "stale" || !strings.Contains(out.Error.Message, "modifiée par quelqu'un d'autre") {
			t.Errorf("PATCH sur une version dépassée : %d %+v", res.StatusCode, out)
		}
		if res := patch("3", `{"specialty":"Plateforme"}`); res.StatusCode != http.StatusBadRequest {
			t.Errorf("If-Match sans guillemets : %d", res.StatusCode)
		}
		if got, _ := e.st.Registration(t.Context(), g.ID, store.All); got.Specialty != "Accueil" {
			t.Errorf("spécialité %q", got.Specialty)
		}
	})
}

// TestANewCandidateFormSentTwiceCreatesOneCandidate: a double click, or five
// sends at once, of the same form creates one candidate; an API call retried
// with its Idempotency-Key too; the same identity entered again is refused
// unless confirmed as a homonym.
func TestANewCandidateFormSentTwiceCreatesOneCandidate(t *testing.T) {
	t.Parallel()
	eachDialect(t, func(t *testing.T, e *env) {
		hr := e.as("employer")
		form := url.Values{"birth_name": {"Roux"}, "first_name1": {"Inès"}, "sex": {"F"}, "birth_date": {"1990-07-14"}, "birth_insee": {"69123"}}
		form.Set("submission", formValue(t, body(t, hr.get("/candidats/nouveau")), submissionField))
		var wg sync.WaitGroup
		locations := make([]string, 5)
		for i := range locations {
			wg.Go(func() {
				res := hr.post("/candidats", form)
				locations[i] = res.Header.Get("Location")
				if res.StatusCode != http.StatusSeeOther {
					t.Errorf("envoi %d : %d", i, res.StatusCode)
				}
			})
		}
		wg.Wait()
		for _, loc := range locations {
			if loc != locations[0] || !candidateLocation.MatchString(loc) {
				t.Errorf("les envois mènent à des dossiers différents : %v", locations)
				break
			}
		}
		if n := countCandidates(t, e, "Roux"); n != 1 {
			t.Errorf("%d candidats créés par un même formulaire", n)
		}

		// The same identity in a new form: refused, then confirmed as a homonym.
		form.Set("submission", formValue(t, body(t, hr.get("/candidats/nouveau")), submissionField))
		res := hr.post("/candidats", form)
		if page := body(t, res); res.StatusCode != http.StatusConflict || !strings.Contains(page, "Ce candidat existe déjà") || !strings.Contains(page, `name="homonym"`) {
			t.Fatalf("même identité : %d\n%.2000s", res.StatusCode, page)
		}
		form.Set("homonym", "on")
		if res := hr.post("/candidats", form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("homonyme confirmé : %d", res.StatusCode)
		}
		if n := countCandidates(t, e, "Roux"); n != 2 {
			t.Errorf("%d candidats après l'homonyme confirmé", n)
		}

		// The API, retried with the same Idempotency-Key.
		post := func(key string) *http.Response {
			req, _ := http.NewRequest("POST", e.ts.URL+"/api/v1/candidates", strings.NewReader(
				`{"birth_name":"Blanc","first_names":["Yanis"],"sex":"M","birth_date":"1989-09-09","birth_insee":"69123"}`))
			req.Header.Set("Authorization", "Bearer "+e.tokens["employer"])
			req.Header.Set("Idempotency-Key", key)
			return e.anonymous().do(req)
		}
		first, again := post("import-42"), post("import-42")
		if first.StatusCode != http.StatusCreated || again.StatusCode != http.StatusCreated || first.Header.Get("Location") != again.Header.Get("Location") ||
			again.Header.Get("Idempotent-Replayed") != "true" {
			t.Errorf("appel répété : %d %s, %d %s", first.StatusCode, first.Header.Get("Location"), again.StatusCode, again.Header.Get("Location"))
		}
		if res := post("import-43"); res.StatusCode != http.StatusConflict {
			t.Errorf("même identité par l'API sans confirmation : %d", res.StatusCode)
		}
		if n := countCandidates(t, e, "Blanc"); n != 1 {
			t.Errorf("%d candidats créés par un appel répété", n)
		}
	})
}

func countCandidates(t *testing.T, e *env, name string) int {
	t.Helper()
	_, n, err := e.st.Candidates(t.Context(), store.CandidateFilter{Scope: store.All, Search: name})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
