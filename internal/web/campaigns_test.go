package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"certibloc/internal/calendar"
	"certibloc/internal/campaign/campaigntest"
	"certibloc/internal/certif"
	"certibloc/internal/store"
)

// campaignEnv adds to the test environment (today 23/11/2026) a campaign
// 2027-06 (June and July 2027, due 26/02/2027) in which Léa, of CAF69, is
// registered for COS blocks 1 and 3, and registers Hugo, of CAF69, for GC in
// December 2026 (campaign 2026-11, due 31/07/2026: passed) by an office
// override. It returns the registrations' ids.
func campaignEnv(t *testing.T, e *env) (lea, hugo int64) {
	t.Helper()
	cp := calendar.CollectionCampaign{Name: certif.MustMonth("2027-06"), ExamMonths: []certif.Month{certif.MustMonth("2027-06"), certif.MustMonth("2027-07")},
		Deadline: certif.MustDate("2027-02-26")}
	ctx := context.Background()
	if err := e.st.SaveCampaign(ctx, store.Platform(), cp); err != nil {
		t.Fatal(err)
	}
	today := certif.MustDate("2026-11-23")
	office := store.PlatformOn(today).Because("Reprise des inscriptions de myCertif")
	cands, _, err := e.st.Candidates(ctx, store.CandidateFilter{Scope: store.All, Search: "Durand"})
	if err != nil || len(cands) != 1 {
		t.Fatalf("candidate Léa : %v %v", cands, err)
	}
	reg, err := e.st.CreateRegistration(ctx, office, cands[0].ID, certif.RegistrationRequest{Qualification: "COS", Path: certif.PathPartial, Blocks: []int{1, 3},
		CertifiableFrom: certif.MustDate("2027-06-10"), Contract: certif.ContractCDI, Specialty: "Famille"})
	if err != nil {
		t.Fatal(err)
	}
	c, err := e.st.CreateCandidate(ctx, store.PlatformOn(today), certif.Candidate{EmployerCode: "CAF69", BirthName: "Garnier", FirstNames: []string{"Hugo"}, Sex: "M",
		BirthDate: certif.MustDate("1988-05-02"), BirthINSEE: "69123"})
	if err != nil {
		t.Fatal(err)
	}
	late, err := e.st.CreateRegistration(ctx, office, c.ID, certif.RegistrationRequest{Qualification: "GC", Path: certif.PathComplete,
		CertifiableFrom: certif.MustDate("2026-12-01"), Contract: certif.ContractCDI})
	if err != nil {
		t.Fatal(err)
	}
	return reg.ID, late.ID
}

var returnCommit = regexp.MustCompile(`action="(/recueil/[0-9-]+/retour/\d+)"`)

// returnTable downloads an employer's table, fills it and returns it through
// the upload form, then commits it; it returns the page of the commit.
func returnTable(t *testing.T, hr *client, name string, cells func(data []byte) map[int]map[string]any) string {
	t.Helper()
	res := hr.get("/recueil/" + name + "/tableau.xlsx")
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Fatalf("téléchargement du tableau : %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	data, _ := io.ReadAll(res.Body)
	res = hr.upload("/recueil/"+name+"/retour", "recueil.xlsx", campaigntest.FillTable(t, data, cells(data)))
	page := body(t, res)
	m := returnCommit.FindStringSubmatch(page)
	if res.StatusCode != http.StatusOK || m == nil {
		t.Fatalf("aperçu : %d\n%.2000s", res.StatusCode, page)
	}
	res = hr.post(m[1], nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("validation : %d %.2000s", res.StatusCode, body(t, res))
	}
	flash, _ := url.QueryUnescape(cookieValue(res, "cb_flash"))
	return flash
}

func cookieValue(res *http.Response, name string) string {
	for _, c := range res.Cookies() {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

// hours fills the R18 columns of every line of a table.
func hours(lines ...int) map[int]map[string]any {
	out := map[int]map[string]any{}
	for _, l := range lines {
		out[l] = map[string]any{"Horaires d'ouverture de l'accueil": "8 h 30 – 16 h 30", "Horaires de la plateforme téléphonique": "9 h – 12 h"}
	}
	return out
}

func TestR5_EmployerReturnsItsTableOnTimeAndTheOfficeSeesIt(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	lea, _ := campaignEnv(t, e)
	office := e.as("office")
	if res := office.post("/recueil/2027-06/lancement", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("lancement : %d", res.StatusCode)
	}
	hr := e.as("employer")
	if res := e.as("employerB").get("/recueil/2027-06/tableau.xlsx"); res.StatusCode != http.StatusNotFound {
		t.Errorf("un autre employeur télécharge le tableau : %d", res.StatusCode)
	}
	flash := returnTable(t, hr, "2027-06", func(data []byte) map[int]map[string]any {
		cells := hours(2)
		cells[2]["Blocs à évaluer"] = "3"
		return cells
	})
	if !strings.Contains(flash, "Tableau de recueil enregistré le 23/11/2026 : 1 ligne, 1 inscription modifiée.") || strings.Contains(flash, "après la date limite") {
		t.Errorf("message : %q", flash)
	}
	reg, err := e.st.Registration(context.Background(), lea, store.All)
	if err != nil || reg.Attempts[0].Status != certif.AttemptWithdrawn {
		t.Errorf("bloc 1 non retiré : %+v %v", reg.Attempts, err)
	}
	for _, role := range []string{"office", "certifier"} {
		page := body(t, e.as(role).get("/recueil/2027-06"))
		if !strings.Contains(page, "Retourné</span> le 23/11/2026") || !strings.Contains(page, "Retourné : <strong>1</strong>") {
			t.Errorf("%s : retour absent du tableau de bord\n%.3000s", role, page)
		}
	}
	if res := e.as("certifier").get("/recueil/2027-06/retours/CAF69"); res.StatusCode != http.StatusOK {
		t.Errorf("tableau retourné : %d", res.StatusCode)
	}
	if res := hr.get("/recueil/2027-06/retours/CAF69"); res.StatusCode != http.StatusForbidden {
		t.Errorf("l'employeur ouvre la route du bureau : %d", res.StatusCode)
	}
}

func TestR5_ALateReturnBlocksTheJuryUntilTheOfficeLiftsIt(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, hugo := campaignEnv(t, e)
	if res := e.as("office").post("/recueil/2026-11/lancement", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("lancement : %d", res.StatusCode)
	}
	hr := e.as("employer")
	flash := returnTable(t, hr, "2026-11", func([]byte) map[int]map[string]any { return hours(2) })
	if !strings.Contains(flash, "Il est arrivé après la date limite du 31/07/2026") {
		t.Errorf("message : %q", flash)
	}
	if page := body(t, hr.get("/recueil/2026-11")); !strings.Contains(page, "Jury non organisable : tableau de recueil de la campagne de novembre 2026 retourné le 23/11/2026, après la date limite du 31/07/2026") {
		t.Errorf("page de l'employeur sans le blocage\n%.3000s", page)
	}
	if page := body(t, hr.get("/inscriptions/"+strconv.FormatInt(hugo, 10))); !strings.Contains(page, "non éligible") || !strings.Contains(page, "Jury non organisable") {
		t.Errorf("inscription sans le motif R5")
	}
	res := e.api("GET", "/api/v1/registrations/"+strconv.FormatInt(hugo, 10), "office", "")
	if page := body(t, res); !strings.Contains(page, "Jury non organisable") || !strings.Contains(page, `"eligible":false`) {
		t.Errorf("API sans le motif R5 : %s", page)
	}
	type board struct {
		Counts    map[string]int `json:"counts"`
		Employers []struct {
			Employer    string `json:"employer"`
			Status      string `json:"status"`
			JuryBlocked bool   `json:"jury_blocked"`
			ReturnedOn  string `json:"returned_on"`
		} `json:"employers"`
	}
	b := decode[board](t, e.api("GET", "/api/v1/campaigns/2026-11", "certifier", ""))
	if len(b.Employers) != 1 || b.Employers[0].Employer != "CAF69" || b.Employers[0].Status != "late" || !b.Employers[0].JuryBlocked ||
		b.Employers[0].ReturnedOn != "2026-11-23" || b.Counts["late"] != 1 {
		t.Errorf("API du tableau de bord : %+v", b)
	}
	if b := decode[board](t, e.api("GET", "/api/v1/campaigns/2026-11", "employerB", "")); len(b.Employers) != 1 || b.Employers[0].Employer != "CPAM33" {
		t.Errorf("un employeur ne voit que lui : %+v", b)
	}
	office := e.as("office")
	res = office.post("/recueil/2026-11/levees/CAF69", url.Values{"reason": {" "}})
	if page := body(t, res); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "Indiquez le motif de la levée du blocage.") || !strings.Contains(page, `id="err-reason-CAF69"`) {
		t.Errorf("levée sans motif : %d", res.StatusCode)
	}
	res = office.post("/recueil/2026-11/levees/CAF69", url.Values{"reason": {"Accord de la CPNEFP du 20/11/2026"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("levée : %d", res.StatusCode)
	}
	if page := body(t, hr.get("/inscriptions/"+strconv.FormatInt(hugo, 10))); strings.Contains(page, "Jury non organisable") {
		t.Error("blocage levé mais toujours affiché")
	}
	if page := body(t, office.get("/recueil/2026-11")); !strings.Contains(page, "Accord de la CPNEFP du 20/11/2026") {
		t.Error("motif de la levée absent du tableau de bord")
	}
}

func TestR5_ARefusedReturnNamesRowsAndColumnsAndIsNotKept(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	campaignEnv(t, e)
	hr := e.as("employer")
	res := hr.get("/recueil/2027-06/tableau.xlsx") // before the launch: made from the registrations
	data, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK || len(data) == 0 {
		t.Fatalf("tableau avant lancement : %d", res.StatusCode)
	}
	res = hr.upload("/recueil/2027-06/retour", "recueil.xlsx", campaigntest.FillTable(t, data, map[int]map[string]any{2: {"Blocs à évaluer": "2"}}))
	page := body(t, res)
	for _, want := range []string{"Tableau refusé : 1 ligne en erreur.", "Ligne 2, colonne « Blocs à évaluer » : le bloc 2 n&#39;est pas inscrit pour cette campagne",
		"Ligne 2, colonne « Horaires d&#39;ouverture de l&#39;accueil » : horaires manquants"} {
		if !strings.Contains(page, want) {
			t.Errorf("%q absent (statut %d)", want, res.StatusCode)
		}
	}
	if res.StatusCode != http.StatusUnprocessableEntity || returnCommit.MatchString(page) {
		t.Errorf("fichier refusé : statut %d, formulaire de validation présent : %v", res.StatusCode, returnCommit.MatchString(page))
	}
	res = hr.upload("/recueil/2027-06/retour", "recueil.xlsx", []byte("PK\x03\x04 tronqué"))
	if page := body(t, res); res.StatusCode != http.StatusBadRequest || !strings.Contains(page, "Fichier illisible") {
		t.Errorf("fichier illisible : %d", res.StatusCode)
	}
	if page := body(t, e.as("office").get("/recueil/2027-06")); !strings.Contains(page, "Tableau non envoyé") {
		t.Error("un fichier refusé a été enregistré")
	}
}

func TestR17_AnEmployerDeclaresNilForACampaign(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	campaignEnv(t, e)
	hr := e.as("employerB") // CPAM33: nobody in the collection-table route
	page := body(t, hr.get("/recueil/2027-06"))
	if !strings.Contains(page, "Aucune inscription de votre organisme n'est concernée") || !strings.Contains(page, "Déclarer « néant »") {
		t.Fatalf("page de l'employeur sans candidat\n%.2000s", page)
	}
	// the campaign is named by its month in words, never by its code
	for _, want := range []string{"<title>Recueil de juin 2027", "<h1>Tableau de recueil de juin 2027</h1>", "Déclarer « néant » pour la campagne de juin 2027</button>"} {
		if !strings.Contains(page, want) {
			t.Errorf("page de la campagne sans %q", want)
		}
	}
	if list := body(t, hr.get("/recueil?annee=2027")); !strings.Contains(list, `<a href="/recueil/2027-06">juin 2027</a>`) {
		t.Errorf("liste des campagnes : le mois en toutes lettres\n%.3000s", list)
	}
	if res := hr.post("/recueil/2027-06/neant", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("néant : %d %.1000s", res.StatusCode, body(t, res))
	}
	if res := e.as("employer").post("/recueil/2027-06/neant", nil); res.StatusCode != http.StatusConflict {
		t.Errorf("néant d'un employeur qui a des candidats : %d", res.StatusCode)
	}
	if page := body(t, e.as("office").get("/recueil/2027-06")); !strings.Contains(page, "Néant : <strong>1</strong>") {
		t.Error("néant absent du tableau de bord")
	}
}

func TestR5_AnotherEmployerCannotCommitOrSeeATable(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	campaignEnv(t, e)
	hr := e.as("employer")
	data, _ := io.ReadAll(hr.get("/recueil/2027-06/tableau.xlsx").Body)
	page := body(t, hr.upload("/recueil/2027-06/retour", "recueil.xlsx", campaigntest.FillTable(t, data, hours(2))))
	m := returnCommit.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("aperçu sans formulaire de validation\n%.2000s", page)
	}
	other := e.as("employerB")
	if res := other.post(m[1], nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("validation du tableau d'un autre employeur : %d", res.StatusCode)
	}
	if res := other.upload("/recueil/2027-06/retour", "recueil.xlsx", campaigntest.FillTable(t, data, hours(2))); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("dépôt du tableau d'un autre employeur : %d", res.StatusCode)
	} else if page := body(t, res); !strings.Contains(page, "ne fait pas partie du tableau de CPAM33") {
		t.Errorf("dépôt du tableau d'un autre employeur : message absent")
	}
	if page := body(t, e.as("office").get("/recueil/2027-06")); !strings.Contains(page, "Tableau non envoyé") {
		t.Error("le tableau a été enregistré")
	}
}

var officeReturnCommit = regexp.MustCompile(`action="(/recueil/[0-9-]+/employeurs/[A-Z0-9-]+/retour/\d+)"`)

// TestR5_TheOfficeRecordsATableReceivedByMail: an employer mailed its table
// before the deadline; the office records it later, dated the day it was
// received (with a reason, traced), so it is not late.
func TestR5_TheOfficeRecordsATableReceivedByMail(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	_, hugo := campaignEnv(t, e)
	office, hr := e.as("office"), e.as("employer")
	if res := office.post("/recueil/2026-11/lancement", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("lancement : %d", res.StatusCode)
	}
	if page := body(t, office.get("/recueil/2026-11")); !strings.Contains(page, `href="/recueil/2026-11/employeurs/CAF69"`) ||
		!strings.Contains(page, "<h1>Campagne de recueil de novembre 2026</h1>") {
		t.Error("le tableau de bord ne mène pas à la page de l'employeur, ou ne nomme pas la campagne par son mois")
	}
	page := body(t, office.get("/recueil/2026-11/employeurs/CAF69"))
	if !strings.Contains(page, "Reçu le") || !strings.Contains(page, `href="/recueil/2026-11/tableaux/CAF69"`) {
		t.Fatalf("page de l'employeur pour le bureau :\n%.2000s", page)
	}
	if res := e.as("certifier").get("/recueil/2026-11/employeurs/CAF69"); res.StatusCode != http.StatusOK || strings.Contains(body(t, res), "Reçu le") {
		t.Errorf("le certificateur lit la page de l'employeur, sans formulaire de dépôt : %d", res.StatusCode)
	}
	sent, _ := io.ReadAll(office.get("/recueil/2026-11/tableaux/CAF69").Body)
	filled := campaigntest.FillTable(t, sent, hours(2))
	path := "/recueil/2026-11/employeurs/CAF69/retour"
	for _, bad := range []struct {
		fields url.Values
		want   string
	}{
		{url.Values{"received_on": {"2026-07-30"}}, "Indiquez comment le tableau a été reçu ce jour-là"},
		{url.Values{"received_on": {"2026-11-24"}}, "Date postérieure à aujourd&#39;hui (23/11/2026)"},
		{url.Values{"received_on": {"30/07/2026"}}, "Date invalide"},
	} {
		res := office.uploadWith(path, "recueil.xlsx", filled, bad.fields)
		if page := body(t, res); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, bad.want) {
			t.Errorf("%v : %d, %q absent", bad.fields, res.StatusCode, bad.want)
		}
	}
	if res := hr.uploadWith(path, "recueil.xlsx", filled, nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("l'employeur dépose par la route du bureau : %d", res.StatusCode)
	}
	res := office.uploadWith(path, "recueil.xlsx", filled, url.Values{"received_on": {"2026-07-30"}, "reason": {"Courriel de la CAF du 30/07/2026"}})
	page = body(t, res)
	m := officeReturnCommit.FindStringSubmatch(page)
	if res.StatusCode != http.StatusOK || m == nil || strings.Contains(page, "après la date limite") || !strings.Contains(page, `name="received_on" value="2026-07-30"`) {
		t.Fatalf("aperçu : %d\n%.2000s", res.StatusCode, page)
	}
	if res := e.as("employerB").post(m[1], url.Values{"received_on": {"2026-07-30"}, "reason": {"x"}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("un employeur valide par la route du bureau : %d", res.StatusCode)
	}
	res = office.post(m[1], url.Values{"received_on": {"2026-07-30"}, "reason": {"Courriel de la CAF du 30/07/2026"}})
	flash, _ := url.QueryUnescape(cookieValue(res, "cb_flash"))
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/recueil/2026-11" ||
		!strings.Contains(flash, "Tableau de recueil de CAF69 enregistré, daté du 30/07/2026") || strings.Contains(flash, "après la date limite") {
		t.Fatalf("validation : %d %q", res.StatusCode, flash)
	}
	if page := body(t, hr.get("/inscriptions/"+strconv.FormatInt(hugo, 10))); strings.Contains(page, "Jury non organisable") {
		t.Error("un tableau reçu à temps ne bloque pas le jury")
	}
	events, err := e.st.AuditEvents(context.Background(), store.SystemViewer("test"), store.AuditFilter{Entity: "collection"})
	if err != nil || len(events) == 0 || !strings.Contains(events[0].After, "daté du 30/07/2026") ||
		events[0].Reason != "Courriel de la CAF du 30/07/2026" || events[0].UserEmail != "office@test.fr" {
		t.Errorf("trace du retour : %+v %v", events, err)
	}
}
