package web_test

import (
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/web"
)

// employerRoutes lists the routes of the table about employers.
func empRoutes(e *env) []web.Route {
	var out []web.Route
	for _, rt := range e.srv.Routes() {
		if strings.Contains(rt.Path, "employ") || strings.Contains(rt.Path, "organisme") {
			out = append(out, rt)
		}
	}
	return out
}

// empDecode reads a JSON response into v.
func empDecode(t *testing.T, res *http.Response, v any) {
	t.Helper()
	if err := json.NewDecoder(res.Body).Decode(v); err != nil {
		t.Fatalf("réponse JSON illisible : %v", err)
	}
}

func empWantStatus(t *testing.T, res *http.Response, want int) {
	t.Helper()
	if res.StatusCode != want {
		t.Fatalf("%s %s : statut %d, attendu %d : %.400s", res.Request.Method, res.Request.URL.Path, res.StatusCode, want, body(t, res))
	}
}

func TestEmployersOfficeCreatesAndUpdatesByForms(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	office := e.as("office")
	empWantStatus(t, office.get("/employeurs/nouveau"), http.StatusOK)

	// Errors are shown next to their fields, in French, with the values kept.
	res := office.post("/employeurs", url.Values{"code": {"x"}, "name": {""}, "type": {""}, "branch": {"lune"}, "region": {"Bretagne"}, "hr_emails": {"rh@urssaf.test\npas-une-adresse"}})
	empWantStatus(t, res, http.StatusUnprocessableEntity)
	page := body(t, res)
	for _, want := range []string{"Le formulaire contient 5 erreurs", "Code : 2 à 30 majuscules", "Le nom de l&#39;employeur est obligatoire.",
		"Le type d&#39;organisme est obligatoire", "Choisissez la branche de l&#39;employeur.", "Adresse RH invalide : pas-une-adresse.",
		`id="err-hr-emails"`, `aria-invalid="true"`, `href="#branch"`, `value="Bretagne"`} {
		if !strings.Contains(page, want) {
			t.Errorf("page d'erreur sans %q", want)
		}
	}

	form := url.Values{"code": {"urssaf-bre"}, "name": {"Urssaf Bretagne"}, "type": {"urssaf"}, "branch": {"recouvrement"}, "region": {"Bretagne"},
		"hr_emails": {"RH@urssaf-bre.test, formation@urssaf-bre.test"}}
	res = office.post("/employeurs", form)
	empWantStatus(t, res, http.StatusSeeOther)
	if loc := res.Header.Get("Location"); loc != "/employeurs/URSSAF-BRE" {
		t.Errorf("redirection vers %q", loc)
	}
	got, err := e.st.EmployerByCode(context.Background(), "URSSAF-BRE")
	if err != nil || got.Type != "URSSAF" || strings.Join(got.HREmails, " ") != "rh@urssaf-bre.test formation@urssaf-bre.test" {
		t.Fatalf("employeur créé : %+v %v", got, err)
	}
	res = office.post("/employeurs", form)
	empWantStatus(t, res, http.StatusConflict)
	if page := body(t, res); !strings.Contains(page, "Code déjà utilisé : URSSAF-BRE.") {
		t.Error("code en double : message attendu")
	}

	res = office.get("/employeurs/URSSAF-BRE/modification")
	empWantStatus(t, res, http.StatusOK)
	if page := body(t, res); !strings.Contains(page, `value="Urssaf Bretagne"`) || strings.Contains(page, `id="code"`) {
		t.Error("formulaire de modification : valeurs attendues, code non modifiable")
	}
	res = office.post("/employeurs/URSSAF-BRE", url.Values{"code": {"AUTRE"}, "name": {"Urssaf de Bretagne"}, "type": {"URSSAF"}, "branch": {"recouvrement"},
		"region": {"Bretagne"}, "hr_emails": {"rh@urssaf-bre.test"}})
	empWantStatus(t, res, http.StatusSeeOther)
	res = office.get("/employeurs/URSSAF-BRE")
	empWantStatus(t, res, http.StatusOK)
	page = body(t, res)
	for _, want := range []string{"Urssaf de Bretagne", "Employeur URSSAF-BRE enregistré.", "Historique des modifications", "rh@urssaf-bre.test, formation@urssaf-bre.test", "Modifier l'employeur"} {
		if !strings.Contains(page, want) {
			t.Errorf("page de l'employeur sans %q", want)
		}
	}
	empWantStatus(t, office.get("/employeurs/AUTRE"), http.StatusNotFound)

	res = office.post("/employeurs/URSSAF-BRE", url.Values{"name": {" "}, "type": {"URSSAF"}, "branch": {"recouvrement"}})
	empWantStatus(t, res, http.StatusUnprocessableEntity)
	if page := body(t, res); !strings.Contains(page, "Le nom de l&#39;employeur est obligatoire.") {
		t.Error("modification invalide : message attendu")
	}
}

func TestEmployersListFiltersAndCounts(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, role := range []string{"office", "certifier"} {
		c := e.as(role)
		res := c.get("/employeurs")
		empWantStatus(t, res, http.StatusOK)
		page := body(t, res)
		if !strings.Contains(page, "CAF69") || !strings.Contains(page, "CPAM33") || !strings.Contains(page, "2 employeurs") {
			t.Errorf("%s : liste complète attendue", role)
		}
		if strings.Contains(page, "0 sur 0") || !strings.Contains(page, "aucun site") {
			t.Errorf("%s : un employeur sans site se lit « aucun site »", role)
		}
		if got := strings.Contains(page, "/employeurs/nouveau"); got != (role == "office") {
			t.Errorf("%s : lien de création %v", role, got)
		}
		page = body(t, c.get("/employeurs?branche=maladie"))
		if !strings.Contains(page, "CPAM33") || strings.Contains(page, "CAF69") || !strings.Contains(page, "1 employeur sur 2 (filtrés)") {
			t.Errorf("%s : filtre par branche", role)
		}
		page = body(t, c.get("/employeurs?q=rhone"))
		if !strings.Contains(page, "CAF69") || strings.Contains(page, "CPAM33") {
			t.Errorf("%s : recherche sans accent", role)
		}
		page = body(t, c.get("/employeurs?q=inexistant"))
		if !strings.Contains(page, "Aucun employeur ne correspond à ces filtres.") {
			t.Errorf("%s : liste vide", role)
		}
	}
}

// TestEmployersCertifierReadsButDoesNotWrite calls every employer route that
// changes something as the certifier: refused (403), nothing changes.
func TestEmployersCertifierReadsButDoesNotWrite(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.as("certifier")
	certifier := certif.Principal{User: e.users["certifier"]}
	for _, rt := range empRoutes(e) {
		path := strings.NewReplacer("{code}", "CAF69", "{id}", "1", "{name}", "2026-06").Replace(rt.Path)
		if rt.Method == "GET" {
			if strings.Contains(rt.Path, "nouveau") || strings.Contains(rt.Path, "modification") || strings.Contains(rt.Path, "organisme") {
				continue
			}
			if !rt.Allows(certifier) {
				t.Errorf("%s %s : le certificateur doit pouvoir lire", rt.Method, rt.Path)
			}
			var res *http.Response
			if rt.API {
				res = e.api("GET", path, "certifier", "")
			} else {
				res = c.get(path)
			}
			empWantStatus(t, res, http.StatusOK)
			continue
		}
		if rt.Allows(certifier) {
			t.Errorf("%s %s : le certificateur ne doit pas écrire", rt.Method, rt.Path)
		}
		var res *http.Response
		if rt.API {
			res = e.api(rt.Method, path, "certifier", `{"name":"Changé"}`)
		} else {
			res = c.post(path, url.Values{"name": {"Changé"}, "hr_emails": {"x@y.test"}})
		}
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("%s %s par le certificateur : statut %d, attendu 403", rt.Method, rt.Path, res.StatusCode)
		}
	}
	page := body(t, c.get("/employeurs/CAF69"))
	if strings.Contains(page, "/modification") {
		t.Error("le certificateur ne doit pas voir de lien de modification")
	}
	if got, _ := e.st.EmployerByCode(context.Background(), "CAF69"); got.Name != "CAF du Rhône" {
		t.Errorf("employeur modifié par le certificateur : %+v", got)
	}
}

func TestEmployersAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	res := e.api("POST", "/api/v1/employers", "office", `{"code":"carsat-hdf","name":"Carsat Hauts-de-France","type":"CARSAT","branch":"retraite","region":"Hauts-de-France","hr_emails":["RH@carsat-hdf.test"]}`)
	empWantStatus(t, res, http.StatusCreated)
	if loc := res.Header.Get("Location"); loc != "/api/v1/employers/CARSAT-HDF" {
		t.Errorf("Location %q", loc)
	}
	var created map[string]any
	empDecode(t, res, &created)
	keys := slices.Sorted(maps.Keys(created))
	if strings.Join(keys, ",") != "branch,code,hr_emails,name,region,sites,type" {
		t.Errorf("champs JSON : %v", keys)
	}
	if created["code"] != "CARSAT-HDF" || created["hr_emails"].([]any)[0] != "rh@carsat-hdf.test" || len(created["sites"].([]any)) != 0 {
		t.Errorf("employeur créé : %v", created)
	}

	// 422 names each bad field, in French.
	res = e.api("POST", "/api/v1/employers", "office", `{"code":"x","name":"","type":"","branch":"lune","hr_emails":["non"]}`)
	empWantStatus(t, res, http.StatusUnprocessableEntity)
	var bad apiErr
	empDecode(t, res, &bad)
	for f, want := range map[string]string{"code": "Code : 2 à 30 majuscules", "name": "Le nom de l'employeur est obligatoire.",
		"type": "Le type d'organisme est obligatoire", "branch": "Choisissez la branche", "hr_emails": "Adresse RH invalide : non."} {
		if !strings.Contains(bad.Error.Fields[f], want) {
			t.Errorf("champ %s : %q", f, bad.Error.Fields[f])
		}
	}
	if bad.Error.Code != "invalid" || !strings.Contains(bad.Error.Message, "5 erreurs") {
		t.Errorf("erreur : %+v", bad.Error)
	}
	res = e.api("POST", "/api/v1/employers", "office", `{"code":"CAF01","name":"CAF de l'Ain","type":"CAF","branch":"famille","hr_emails":"rh@caf01.test","colour":"bleu"}`)
	empWantStatus(t, res, http.StatusUnprocessableEntity)
	bad = apiErr{}
	empDecode(t, res, &bad)
	if bad.Error.Fields["hr_emails"] == "" || !strings.Contains(bad.Error.Fields["colour"], "Champ inconnu") {
		t.Errorf("types et champs inconnus : %+v", bad.Error)
	}
	empWantStatus(t, e.api("POST", "/api/v1/employers", "office", `pas du JSON`), http.StatusBadRequest)
	res = e.api("POST", "/api/v1/employers", "office", `{"code":"CAF69","name":"Autre","type":"CAF","branch":"famille"}`)
	empWantStatus(t, res, http.StatusConflict)
	bad = apiErr{}
	empDecode(t, res, &bad)
	if bad.Error.Fields["code"] != "Code déjà utilisé : CAF69." {
		t.Errorf("doublon : %+v", bad.Error)
	}
	empWantStatus(t, e.api("POST", "/api/v1/employers", "employer", `{"code":"CAF01","name":"CAF de l'Ain","type":"CAF","branch":"famille"}`), http.StatusForbidden)

	// Lists and reads.
	caf, _ := e.st.EmployerByCode(ctx, "CAF69")
	if _, err := e.st.SaveEmployerSite(ctx, store.Platform(), caf.ID, store.EmployerSite{Name: "Accueil Part-Dieu", ReceptionHours: "8 h 30 – 16 h 30", PhoneHours: "9 h – 17 h"}); err != nil {
		t.Fatal(err)
	}
	var list []map[string]any
	res = e.api("GET", "/api/v1/employers", "certifier", "")
	empWantStatus(t, res, http.StatusOK)
	empDecode(t, res, &list)
	if len(list) != 3 {
		t.Errorf("liste du certificateur : %d employeurs", len(list))
	}
	list = nil
	empDecode(t, e.api("GET", "/api/v1/employers?branch=famille", "office", ""), &list)
	if len(list) != 1 || list[0]["code"] != "CAF69" {
		t.Errorf("filtre branche : %v", list)
	}
	var one struct {
		Code  string               `json:"code"`
		Sites []store.EmployerSite `json:"sites"`
	}
	res = e.api("GET", "/api/v1/employers/caf69", "employer", "")
	empWantStatus(t, res, http.StatusOK)
	empDecode(t, res, &one)
	if one.Code != "CAF69" || len(one.Sites) != 1 || one.Sites[0].ReceptionHours != "8 h 30 – 16 h 30" || one.Sites[0].ID == 0 {
		t.Errorf("employeur lu avec ses sites : %+v", one)
	}
	empWantStatus(t, e.api("GET", "/api/v1/employers/NOPE", "office", ""), http.StatusNotFound)

	// The office changes any field but the code.
	res = e.api("PATCH", "/api/v1/employers/CAF69", "office", `{"name":"Caf du Rhône","region":"Rhône"}`)
	empWantStatus(t, res, http.StatusOK)
	var patched map[string]any
	empDecode(t, res, &patched)
	if patched["name"] != "Caf du Rhône" || patched["region"] != "Rhône" || patched["type"] != "CAF" {
		t.Errorf("modification partielle : %v", patched)
	}
	res = e.api("PATCH", "/api/v1/employers/CAF69", "office", `{"code":"CAF70"}`)
	empWantStatus(t, res, http.StatusUnprocessableEntity)
	bad = apiErr{}
	empDecode(t, res, &bad)
	if !strings.Contains(bad.Error.Fields["code"], "définitif") {
		t.Errorf("code modifié : %+v", bad.Error)
	}
	res = e.api("PATCH", "/api/v1/employers/CAF69", "office", `{"branch":"lune"}`)
	empWantStatus(t, res, http.StatusUnprocessableEntity)

	// The employer's HR changes its own addresses only.
	res = e.api("PATCH", "/api/v1/employers/CAF69", "employer", `{"hr_emails":["rh@caf69.test","Formation@caf69.test"]}`)
	empWantStatus(t, res, http.StatusOK)
	if got, _ := e.st.EmployerByCode(ctx, "CAF69"); strings.Join(got.HREmails, ",") != "rh@caf69.test,formation@caf69.test" {
		t.Errorf("adresses RH : %v", got.HREmails)
	}
	res = e.api("PATCH", "/api/v1/employers/CAF69", "employer", `{"name":"Autre nom","hr_emails":["rh@caf69.test"]}`)
	empWantStatus(t, res, http.StatusForbidden)
	bad = apiErr{}
	empDecode(t, res, &bad)
	if bad.Error.Fields["name"] == "" || !strings.Contains(bad.Error.Message, "ne modifie que ses adresses RH") {
		t.Errorf("champ réservé : %+v", bad.Error)
	}
	if got, _ := e.st.EmployerByCode(ctx, "CAF69"); got.Name != "Caf du Rhône" || len(got.HREmails) != 2 {
		t.Errorf("un refus ne doit rien changer : %+v", got)
	}
	// A GET body sent back unchanged is accepted, with new addresses.
	res = e.api("GET", "/api/v1/employers/CAF69", "employer", "")
	var round map[string]any
	empDecode(t, res, &round)
	delete(round, "sites")
	round["hr_emails"] = []string{"rh@caf69.test"}
	payload, _ := json.Marshal(round)
	empWantStatus(t, e.api("PATCH", "/api/v1/employers/CAF69", "employer", string(payload)), http.StatusOK)
	res = e.api("PATCH", "/api/v1/employers/CAF69", "employer", `{"hr_emails":[]}`)
	empWantStatus(t, res, http.StatusUnprocessableEntity)
	bad = apiErr{}
	empDecode(t, res, &bad)
	if !strings.Contains(bad.Error.Fields["hr_emails"], "au moins une adresse RH") {
		t.Errorf("aucune adresse : %+v", bad.Error)
	}
	events, _ := e.st.AuditEvents(ctx, store.SystemViewer("test"), store.AuditFilter{Entity: "employer", EntityKey: "CAF69"})
	if len(events) == 0 || events[0].UserEmail != "rh@caf69.test" || events[0].Field != "hr_emails" {
		t.Errorf("modification par l'API non tracée : %+v", events)
	}
}

func TestEmployerOwnPage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	hr := e.as("employer")
	res := hr.get("/mon-organisme")
	empWantStatus(t, res, http.StatusOK)
	page := body(t, res)
	for _, want := range []string{"Mon organisme : CAF du Rhône", "observation en situation réelle de travail", "(GC)", "(COS)", "Aucun site déclaré"} {
		if !strings.Contains(page, want) {
			t.Errorf("page sans %q", want)
		}
	}

	res = hr.post("/mon-organisme/contacts", url.Values{"hr_emails": {"rh@caf69.test\r\nconvocations@caf69.test"}})
	empWantStatus(t, res, http.StatusSeeOther)
	if got, _ := e.st.EmployerByCode(ctx, "CAF69"); strings.Join(got.HREmails, ",") != "rh@caf69.test,convocations@caf69.test" {
		t.Errorf("adresses RH : %v", got.HREmails)
	}
	res = hr.post("/mon-organisme/contacts", url.Values{"hr_emails": {"rh@caf69.test\nrh@"}})
	empWantStatus(t, res, http.StatusUnprocessableEntity)
	if page := body(t, res); !strings.Contains(page, "Adresse RH invalide : rh@.") || !strings.Contains(page, "rh@caf69.test\nrh@</textarea>") {
		t.Error("adresse invalide : message et saisie attendus")
	}

	res = hr.post("/mon-organisme/sites", url.Values{"name": {""}, "reception_hours": {strings.Repeat("x", 301)}})
	empWantStatus(t, res, http.StatusUnprocessableEntity)
	page = body(t, res)
	for _, want := range []string{"Le nom du site est obligatoire", "Horaires de l&#39;accueil trop longs : 300 caractères au plus.", `href="#reception_hours"`} {
		if !strings.Contains(page, want) {
			t.Errorf("site invalide : page sans %q", want)
		}
	}
	res = hr.post("/mon-organisme/sites", url.Values{"name": {"Accueil Part-Dieu"}, "address": {"Lyon"}, "reception_hours": {"Lun–ven 8 h 30 – 16 h 30"}})
	empWantStatus(t, res, http.StatusSeeOther)
	sites, _ := e.st.EmployerSites(ctx, e.users["employer"].EmployerID)
	if len(sites) != 1 {
		t.Fatalf("site non créé : %+v", sites)
	}
	id := strconv.FormatInt(sites[0].ID, 10)
	page = body(t, hr.get("/mon-organisme"))
	if !strings.Contains(page, "Pensez à indiquer les horaires") || !strings.Contains(page, "dont 1 sans horaires complets") {
		t.Error("rappel des horaires manquants attendu")
	}
	page = body(t, hr.get("/mon-organisme?site="+id))
	if !strings.Contains(page, "Modifier le site « Accueil Part-Dieu »") || !strings.Contains(page, `name="id" value="`+id+`"`) {
		t.Error("formulaire de modification du site attendu")
	}
	res = hr.post("/mon-organisme/sites", url.Values{"id": {id}, "name": {"Accueil Part-Dieu"}, "address": {"Lyon"}, "reception_hours": {"Lun–ven 8 h 30 – 16 h 30"}, "phone_hours": {"Lun–ven 9 h – 17 h"}})
	empWantStatus(t, res, http.StatusSeeOther)
	if sites, _ := e.st.EmployerSites(ctx, e.users["employer"].EmployerID); len(sites) != 1 || sites[0].PhoneHours != "Lun–ven 9 h – 17 h" {
		t.Errorf("site modifié : %+v", sites)
	}
	// The office sees the hours on the employer's page.
	page = body(t, e.as("office").get("/employeurs/CAF69"))
	if !strings.Contains(page, "Lun–ven 9 h – 17 h") || !strings.Contains(page, "rh@caf69.test") {
		t.Error("horaires et contacts absents de la page de l'employeur")
	}
	// Its history reads as the journal does, in French, its counts agreed.
	for _, want := range []string{"<td>Création</td>", "<td>Modification</td>", "<td>site " + id + ", horaires d&#39;accueil</td>", "<td>site " + id + ", nom</td>",
		"1 compte rattaché à CAF69", " dernières modifications de CAF69"} {
		if !strings.Contains(page, want) {
			t.Errorf("page de l'employeur sans %q", want)
		}
	}
	for _, raw := range []string{"reception_hours", "phone_hours", "site" + id + ".", ">create<", ">update<", "comptes rattachés", "1 dernières"} {
		if strings.Contains(page, raw) {
			t.Errorf("page de l'employeur avec %q", raw)
		}
	}
	empWantStatus(t, hr.post("/mon-organisme/sites/"+id+"/suppression", nil), http.StatusSeeOther)
	if sites, _ := e.st.EmployerSites(ctx, e.users["employer"].EmployerID); len(sites) != 0 {
		t.Errorf("site non supprimé : %+v", sites)
	}
	empWantStatus(t, hr.post("/mon-organisme/sites/"+id+"/suppression", nil), http.StatusNotFound)
	empWantStatus(t, hr.post("/mon-organisme/sites", url.Values{"id": {"abc"}, "name": {"X"}}), http.StatusBadRequest)
}

// TestEmployerRoutesAcrossEmployers calls every employer route with the
// credentials of employer A (CAF69) on the data of employer B (CPAM33): what
// names B is not found (404), routes the role may not call are refused (403),
// B's data never appears in A's responses, and nothing of B changes.
func TestEmployerRoutesAcrossEmployers(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	b, _ := e.st.EmployerByCode(ctx, "CPAM33")
	if err := e.st.SetEmployerContacts(ctx, store.Platform(), b.ID, []string{"secret@cpam33.test"}); err != nil {
		t.Fatal(err)
	}
	bSite, err := e.st.SaveEmployerSite(ctx, store.Platform(), b.ID, store.EmployerSite{Name: "Accueil Mériadeck", ReceptionHours: "Horaires secrets"})
	if err != nil {
		t.Fatal(err)
	}
	bID := strconv.FormatInt(bSite.ID, 10)
	before := empState(t, e, "CPAM33")
	leaks := []string{"cpam33", "gironde", "mériadeck", "m&#233;riadeck", "horaires secrets"}
	checkNoLeak := func(t *testing.T, what, page string) {
		t.Helper()
		low := strings.ToLower(page)
		for _, l := range leaks {
			if strings.Contains(low, l) {
				t.Errorf("%s : la réponse à A contient %q, donnée de B", what, l)
			}
		}
	}
	a := e.as("employer")
	pa := certif.Principal{User: e.users["employer"]}
	routes := empRoutes(e)
	if len(routes) < 14 {
		t.Fatalf("%d routes employeurs seulement", len(routes))
	}
	for _, rt := range routes {
		if rt.Allows(pa) && !rt.Scoped {
			t.Errorf("%s %s : ouverte aux employeurs sans être déclarée Scoped", rt.Method, rt.Path)
		}
		hasWildcard := strings.Contains(rt.Path, "{")
		path := strings.NewReplacer("{code}", "CPAM33", "{id}", bID).Replace(rt.Path)
		name := rt.Method + " " + rt.Path
		t.Run(name, func(t *testing.T) {
			var res *http.Response
			switch {
			case rt.API && rt.Method == "GET":
				res = e.api("GET", path+"?code=CPAM33&employer=CPAM33&branch=maladie", "employer", "")
			case rt.API:
				res = e.api(rt.Method, path, "employer", `{"code":"CPAM33","name":"Piraté","type":"CPAM","branch":"maladie","hr_emails":["pirate@caf69.test"]}`)
			case rt.Method == "GET":
				res = a.get(path + "?site=" + bID + "&code=CPAM33&employeur=CPAM33")
			default:
				res = a.post(path, url.Values{"id": {bID}, "code": {"CPAM33"}, "employer": {"CPAM33"}, "name": {"Piraté"}, "hr_emails": {"pirate@caf69.test"}})
			}
			page := body(t, res)
			checkNoLeak(t, name, page)
			switch {
			case !rt.Allows(pa):
				if res.StatusCode != http.StatusForbidden {
					t.Errorf("rôle non autorisé : statut %d, attendu 403", res.StatusCode)
				}
			case hasWildcard || (!rt.API && path != "/mon-organisme/contacts"):
				// Every scoped route naming B (in the path, or the site of B in the form or query) answers 404.
				if res.StatusCode != http.StatusNotFound {
					t.Errorf("donnée de B : statut %d, attendu 404 : %.300s", res.StatusCode, page)
				}
			case res.StatusCode >= 400:
				t.Errorf("statut %d : %.300s", res.StatusCode, page)
			}
			if rt.API && rt.Method == "GET" && !hasWildcard {
				var list []map[string]any
				if err := json.Unmarshal([]byte(page), &list); err != nil || len(list) > 1 || (len(list) == 1 && list[0]["code"] != "CAF69") {
					t.Errorf("liste de A : %s", page)
				}
			}
		})
	}
	// A's own pages and lists, unfiltered, do not show B either.
	res := a.get("/mon-organisme")
	empWantStatus(t, res, http.StatusOK)
	checkNoLeak(t, "GET /mon-organisme", body(t, res))
	var list []map[string]any
	res = e.api("GET", "/api/v1/employers", "employer", "")
	empWantStatus(t, res, http.StatusOK)
	empDecode(t, res, &list)
	if len(list) != 1 || list[0]["code"] != "CAF69" {
		t.Errorf("la liste de A ne contient que A : %v", list)
	}
	if after := empState(t, e, "CPAM33"); after != before {
		t.Errorf("les données de B ont changé :\navant %s\naprès %s", before, after)
	}
	if b, _ := e.st.EmployerByCode(ctx, "CAF69"); b.Name != "CAF du Rhône" {
		t.Errorf("le nom de A ne se change pas par ses RH : %+v", b)
	}
}

// employerState summarises everything stored about an employer.
func empState(t *testing.T, e *env, code string) string {
	t.Helper()
	ctx := context.Background()
	emp, err := e.st.EmployerByCode(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	sites, err := e.st.EmployerSites(ctx, emp.ID)
	if err != nil {
		t.Fatal(err)
	}
	events, err := e.st.AuditEvents(ctx, store.SystemViewer("test"), store.AuditFilter{Entity: "employer", EntityKey: code})
	if err != nil {
		t.Fatal(err)
	}
	out, _ := json.Marshal(map[string]any{"employer": emp, "sites": sites, "events": len(events)})
	return string(out)
}

// TestBrowserEmployerJourneys runs the employers' pages in Chromium with the axe
// check on each, including the forms shown with their errors: the office
// creates an employer, the employer's HR adds a site with its opening hours
// (R18), then the office reads them.
func TestBrowserEmployerJourneys(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := browsers.Get(t)

	office := b.NewTab(t)
	loginInBrowser(t, e, office, "office")
	office.Navigate(e.ts.URL + "/employeurs/nouveau")
	office.Fill("#code", "x")
	office.Click("main button[type=submit]")
	if got := office.Text("main"); !strings.Contains(got, "Le nom de l'employeur est obligatoire.") {
		t.Fatalf("erreurs attendues : %.300s", got)
	}
	office.CheckA11y()
	office.Fill("#code", "CAF33")
	office.Fill("#name", "CAF de la Gironde")
	office.Fill("#type", "CAF")
	office.Fill("#branch", "famille")
	office.Fill("#hr_emails", "rh@caf33.test")
	office.Click("main button[type=submit]")
	if got := office.Text(".flash"); !strings.Contains(got, "Employeur CAF33 créé.") {
		t.Fatalf("confirmation attendue : %q", got)
	}
	office.CheckA11y()
	office.Navigate(e.ts.URL + "/employeurs?branche=famille&q=gironde")
	if got := office.Text("main table"); !strings.Contains(got, "CAF33") || strings.Contains(got, "CPAM33") {
		t.Errorf("liste filtrée : %.300s", got)
	}
	office.CheckA11y()

	hr := b.NewTab(t)
	loginInBrowser(t, e, hr, "employer")
	hr.Navigate(e.ts.URL + "/mon-organisme")
	hr.Fill("#reception_hours", "Lundi au vendredi, 8 h 30 – 16 h 30")
	hr.Click("#site-form button[type=submit]")
	if got := hr.Text("main"); !strings.Contains(got, "Le nom du site est obligatoire") {
		t.Fatalf("erreur attendue : %.300s", got)
	}
	hr.CheckA11y()
	hr.Fill("#name", "Accueil Part-Dieu")
	hr.Fill("#phone_hours", "Lundi au vendredi, 9 h – 17 h")
	hr.Click("#site-form button[type=submit]")
	if got := hr.Text(".flash"); !strings.Contains(got, "Site « Accueil Part-Dieu » ajouté.") {
		t.Fatalf("confirmation attendue : %q", got)
	}
	hr.CheckA11y()
	hr.Click(`a[href^="/mon-organisme?site="]`)
	if got := hr.Text("#site-form legend"); !strings.Contains(got, "Modifier le site « Accueil Part-Dieu »") {
		t.Fatalf("formulaire de modification attendu : %q", got)
	}
	hr.CheckA11y()
	hr.Fill("#hr_emails", "pas une adresse")
	hr.Click(`form[action="/mon-organisme/contacts"] button[type=submit]`)
	if got := hr.Text("main"); !strings.Contains(got, "Adresse RH invalide") {
		t.Fatalf("erreur attendue : %.300s", got)
	}
	hr.CheckA11y()

	office.Navigate(e.ts.URL + "/employeurs/CAF69")
	if got := office.Text("#sites + p + .table-scroll table"); !strings.Contains(got, "Accueil Part-Dieu") || !strings.Contains(got, "9 h – 17 h") {
		t.Errorf("sites de l'employeur : %.300s", got)
	}
	office.CheckA11y()
}
