package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"certibloc/internal/census"
	"certibloc/internal/certif"
	"certibloc/internal/store"
)

const censusHeader = "Code employeur;Nom de naissance;Nom d'usage;Prénom;Sexe;Date de naissance;Code INSEE;CQP;Début du parcours;Fin du parcours;Blocs;Contrat\r\n"

// censusGood is a census file for CPAM33 (employer B of the test env, today
// 23/11/2026): a complete DAM path, and a partial one.
const censusGood = censusHeader +
	"cpam33;Bordagaray;;Zéphyrin;M;30/09/1985;33063;DAM;05/01/2027;30/09/2027;;\r\n" +
	"CPAM33;Etcheverry;Lasserre;Maïté;F;12/04/1990;64445;DAM;05/01/2027;30/09/2027;1 et 3;CDD\r\n"

var censusCommit = regexp.MustCompile(`action="(/recensement/\d+)"`)

// importCensusFile previews then commits a census file as the office.
func importCensusFile(t *testing.T, e *env, content string) string {
	t.Helper()
	office := e.as("office")
	res := office.upload("/recensement", "recensement.csv", []byte(content))
	page := body(t, res)
	m := censusCommit.FindStringSubmatch(page)
	if res.StatusCode != http.StatusOK || m == nil {
		t.Fatalf("aperçu du recensement : %d\n%.2000s", res.StatusCode, page)
	}
	if res := office.post(m[1], nil); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/pre-inscriptions" {
		t.Fatalf("validation du recensement : %d %.500s", res.StatusCode, body(t, res))
	}
	return page
}

func TestR4_CensusImportOverHTTP(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	office := e.as("office")
	bad := censusHeader +
		"CPAM33;Bordagaray;;Zéphyrin;M;30/09/1985;33063;DAM;05/01/2027;30/09/2027;;\r\n" +
		"CPAM99;Blanc;;Jean;M;01/01/1980;33063;COS;05/01/2027;30/09/2027;;\r\n" +
		"CPAM33;Vert;;Zoé;F;31/02/1980;33063;SMPRO;05/01/2027;hier;;\r\n"
	res := office.upload("/recensement", "recensement.csv", []byte(bad))
	page := body(t, res)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("fichier en erreur : %d\n%.1000s", res.StatusCode, page)
	}
	for _, want := range []string{"Fichier refusé : 2 lignes en erreur sur 3 lues", "Ligne 3, colonne « Code employeur » : Employeur inconnu", "Ligne 3, colonne « CQP » : Le CQP COS ne relève pas du recensement",
		"Ligne 4, colonne « Fin du parcours » : date invalide", "Ligne 4, colonne « Date de naissance »", "Ligne 4, colonne « CQP » : Le programme SMPRO attend que l&#39;équipe des examens confirme le CQP", "3 lignes lues"} {
		if !strings.Contains(page, want) {
			t.Errorf("%q absent de la page", want)
		}
	}
	if uploads, _ := e.st.CensusUploads(t.Context(), 10); len(uploads) != 0 {
		t.Error("un fichier refusé n'est pas gardé")
	}
	if page := body(t, office.get("/candidats?q=bordagaray")); strings.Contains(page, "BORDAGARAY") {
		t.Error("un fichier refusé ne crée aucun candidat")
	}

	preview := importCensusFile(t, e, censusGood)
	for _, want := range []string{"2 lignes lues ; 2 pré-inscriptions à créer, 2 nouveaux candidats", "rh@cpam33.test", "blocs 1, 3"} {
		if !strings.Contains(preview, want) {
			t.Errorf("aperçu : %q absent", want)
		}
	}
	mails, _, _ := e.st.OutboxMails(t.Context(), store.OutboxFilter{Kind: "census"})
	if len(mails) != 1 || mails[0].To[0] != "rh@cpam33.test" {
		t.Fatalf("un courriel à CPAM33 (ses comptes, faute d'adresse RH) : %+v", mails)
	}
	full, _ := e.st.OutboxMailByID(t.Context(), mails[0].ID)
	if !strings.Contains(full.Text, "http://localhost/pre-inscriptions") || !strings.Contains(full.Text, "LASSERRE (ETCHEVERRY) Maïté") {
		t.Errorf("courriel :\n%s", full.Text)
	}
	if page := body(t, e.as("employerB").get("/pre-inscriptions")); !strings.Contains(page, "BORDAGARAY Zéphyrin") || !strings.Contains(page, "Confirmer telle quelle") {
		t.Errorf("CPAM33 voit ses pré-inscriptions :\n%.1500s", page)
	}
	if page := body(t, e.as("employer").get("/pre-inscriptions")); strings.Contains(page, "BORDAGARAY") {
		t.Error("CAF69 ne voit pas celles de CPAM33")
	}
	if page := body(t, e.as("employerB").get("/")); !strings.Contains(page, "du recensement de l'Institut 4.10 ") {
		t.Error("l'accueil de CPAM33 doit signaler les pré-inscriptions à confirmer")
	}
	if page := body(t, e.as("employer").get("/")); strings.Contains(page, "du recensement de l'Institut 4.10 ") {
		t.Error("CAF69 n'a aucune pré-inscription à confirmer")
	}

	// The same file again creates nothing and mails nobody.
	res = office.upload("/recensement", "recensement.csv", []byte(censusGood))
	if page := body(t, res); !strings.Contains(page, "0 pré-inscription à créer, 0 nouveau candidat, 2 candidats déjà connus, 2 lignes déjà recensées") {
		t.Errorf("deuxième dépôt :\n%.1500s", page)
	}
	if m := censusCommit.FindStringSubmatch(body(t, office.upload("/recensement", "recensement.csv", []byte(censusGood)))); m != nil {
		office.post(m[1], nil)
	}
	if _, n, _ := e.st.OutboxMails(t.Context(), store.OutboxFilter{Kind: "census"}); n != 1 {
		t.Errorf("aucun courriel de plus : %d", n)
	}
	if res := office.get("/recensement/modele.csv"); res.StatusCode != http.StatusOK || !strings.Contains(body(t, res), "Code employeur;Nom de naissance") {
		t.Error("modèle CSV")
	}
	if res := office.get("/recensement/modele.xlsx"); res.StatusCode != http.StatusOK || !strings.HasPrefix(body(t, res), "PK") ||
		!strings.Contains(res.Header.Get("Content-Disposition"), "modele-recensement-certibloc.xlsx") {
		t.Error("modèle Excel")
	}
}

var preRegistrationID = regexp.MustCompile(`/pre-inscriptions/(\d+)/confirmation`)

func TestR4_EmployerConfirmsOrCorrectsOrDeclines(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	importCensusFile(t, e, censusGood)
	hr := e.as("employerB")
	list, _, err := e.st.PreRegistrations(t.Context(), store.PreRegistrationFilter{Scope: store.All, Status: census.Pending})
	if err != nil || len(list) != 2 {
		t.Fatalf("pré-inscriptions : %+v %v", list, err)
	}
	zephyrin, maite := list[0], list[1]
	if !strings.Contains(zephyrin.Candidate, "BORDAGARAY") {
		zephyrin, maite = maite, zephyrin
	}

	// Confirm as is: the registration is made today, its blocks wait for a jury.
	res := hr.post(fmt.Sprintf("/pre-inscriptions/%d/confirmation", zephyrin.ID), nil)
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/inscriptions/") {
		t.Fatalf("confirmation : %d %s %.500s", res.StatusCode, loc, body(t, res))
	}
	if page := body(t, hr.get(loc)); !strings.Contains(page, "septembre 2027") || !strings.Contains(page, "23/11/2026") {
		t.Errorf("inscription confirmée (date d'inscription : aujourd'hui) :\n%.2000s", page)
	}
	if res := hr.post(fmt.Sprintf("/pre-inscriptions/%d/confirmation", zephyrin.ID), nil); res.StatusCode != http.StatusConflict {
		t.Errorf("confirmer deux fois : %d", res.StatusCode)
	}

	// Correct then confirm, through the rules of a registration.
	form := fmt.Sprintf("/pre-inscriptions/%d", maite.ID)
	if page := body(t, hr.get(form)); !strings.Contains(page, "Corriger puis confirmer") || !strings.Contains(page, `value="2027-09-30"`) {
		t.Errorf("formulaire de correction :\n%.1500s", page)
	}
	res = hr.post(form, url.Values{"path": {"partial"}, "certifiable_from": {"2027-09-30"}, "contract": {"cdd"}})
	if page := body(t, res); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "cochez au moins un bloc") {
		t.Errorf("correction invalide : %d\n%.1000s", res.StatusCode, page)
	}
	res = hr.post(form, url.Values{"path": {"partial"}, "blocks": {"1"}, "certifiable_from": {"2027-06-15"}, "contract": {"pro"}, "exam_period": {"2027-07"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("correction : %d %.1000s", res.StatusCode, body(t, res))
	}
	if page := body(t, hr.get(res.Header.Get("Location"))); !strings.Contains(page, "juillet 2027") || !strings.Contains(page, "Contrat de professionnalisation") {
		t.Errorf("inscription corrigée :\n%.2000s", page)
	}

	// Decline: a reason is required.
	if err := e.st.DeclinePreRegistration(t.Context(), store.Caller{Role: "office", Scope: store.All}.Because("x"), maite.ID); err == nil {
		t.Error("une pré-inscription confirmée ne s'écarte plus")
	}
	importCensusFile(t, e, censusHeader+"CPAM33;Iriart;;Ane;F;01/01/1990;33063;DAM;05/01/2027;30/09/2027;;\r\n")
	page := body(t, hr.get("/pre-inscriptions"))
	m := preRegistrationID.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("pré-inscription d'Ane :\n%.1500s", page)
	}
	res = hr.post("/pre-inscriptions/"+m[1]+"/refus", url.Values{"reason": {""}})
	if page := body(t, res); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "Motif obligatoire") {
		t.Errorf("écarter sans motif : %d", res.StatusCode)
	}
	if res := hr.post("/pre-inscriptions/"+m[1]+"/refus", url.Values{"reason": {"A quitté l'organisme"}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("écarter : %d", res.StatusCode)
	}
	if page := body(t, hr.get("/pre-inscriptions?statut=declined")); !strings.Contains(page, "A quitté l&#39;organisme") {
		t.Errorf("motif affiché :\n%.1500s", page)
	}
}

// TestCensusPlanningWindowRoutesAcrossEmployers calls every employer-scoped
// route of this area as employer A with B's pre-registration and session:
// each answers 404 and shows nothing of B.
func TestCensusPlanningWindowRoutesAcrossEmployers(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	importCensusFile(t, e, censusGood)
	list, _, _ := e.st.PreRegistrations(t.Context(), store.PreRegistrationFilter{Scope: store.All})
	sess, err := e.st.SaveTrainingSession(t.Context(), store.Platform(), census.TrainingSession{Qualification: "GCAR", Title: "Session secrète", Starts: certif.MustDate("2027-01-04"),
		Ends: certif.MustDate("2027-06-30"), Period: certif.MustMonth("2027-09"), Participants: []census.Participant{{EmployerCode: "CPAM33", Count: 2}}})
	if err != nil {
		t.Fatal(err)
	}
	a := e.as("employer")
	pa := certif.Principal{User: e.users["employer"]}
	checked := 0
	for _, rt := range e.srv.Routes() {
		if !rt.Scoped || !rt.Allows(pa) || !strings.Contains(rt.Path, "{id}") ||
			!(strings.HasPrefix(rt.Path, "/pre-inscriptions") || strings.HasPrefix(rt.Path, "/plannings") || strings.HasPrefix(rt.Path, "/fenetres")) {
			continue
		}
		id := list[0].ID
		if strings.HasPrefix(rt.Path, "/plannings") {
			id = sess.ID
		}
		path := strings.ReplaceAll(rt.Path, "{id}", fmt.Sprint(id))
		var res *http.Response
		if rt.Method == "GET" {
			res = a.get(path)
		} else {
			res = a.post(path, url.Values{"reason": {"pirate"}, "path": {"complete"}, "certifiable_from": {"2027-09-30"}, "contract": {"cdi"}})
		}
		page := body(t, res)
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("%s %s par l'employeur A : %d, attendu 404", rt.Method, path, res.StatusCode)
		}
		if strings.Contains(page, "BORDAGARAY") || strings.Contains(page, "ETCHEVERRY") || strings.Contains(page, "Session secrète") {
			t.Errorf("%s %s : données de l'employeur B visibles", rt.Method, path)
		}
		checked++
	}
	if checked < 6 {
		t.Errorf("%d routes vérifiées seulement", checked)
	}
	for _, path := range []string{"/pre-inscriptions", "/pre-inscriptions?statut=tous&employeur=CPAM33", "/plannings", "/plannings?cqp=GCAR"} {
		if page := body(t, a.get(path)); strings.Contains(page, "BORDAGARAY") || strings.Contains(page, "Session secrète") {
			t.Errorf("%s : données de l'employeur B visibles", path)
		}
	}
	if p, _ := e.st.PreRegistration(t.Context(), list[0].ID, store.All); p.Status != census.Pending {
		t.Errorf("la pré-inscription de B a changé : %+v", p)
	}
	if page := body(t, e.as("employerB").get(fmt.Sprintf("/plannings/%d", sess.ID))); !strings.Contains(page, "Session secrète") {
		t.Error("B voit sa session")
	}
}
