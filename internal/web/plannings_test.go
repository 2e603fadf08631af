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

var planningLocation = regexp.MustCompile(`^/plannings/(\d+)$`)

// createPlanningByForm records a session as the office and returns its page path.
func createPlanningByForm(t *testing.T, office *client, form url.Values) string {
	t.Helper()
	res := office.post("/plannings", form)
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !planningLocation.MatchString(loc) {
		t.Fatalf("session : %d %s\n%.1000s", res.StatusCode, loc, body(t, res))
	}
	return loc
}

func TestR7_OfficeInvitesEmployersOnceOverHTTP(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	office := e.as("office")
	res := office.post("/plannings", url.Values{"qualification": {"COS"}, "starts": {"2027-01-04"}, "ends": {"2026-12-01"}, "period": {"2027-08"}, "participants": {"CAF69 deux"}})
	page := body(t, res)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("session invalide : %d", res.StatusCode)
	}
	for _, want := range []string{"Ligne 1 des participants", "Début de la formation"} {
		if !strings.Contains(page, want) {
			t.Errorf("%q absent :\n%.1500s", want, page)
		}
	}
	res = office.post("/plannings", url.Values{"qualification": {"COS"}, "starts": {"2027-01-04"}, "ends": {"2027-06-30"}, "period": {"2027-08"}, "participants": {"CAF69 2"}})
	page = body(t, res)
	for _, want := range []string{"les plannings de formation concernent les CQP de la voie", "Aucune épreuve n&#39;a lieu en août 2027"} {
		if !strings.Contains(page, want) {
			t.Errorf("%q absent :\n%.1500s", want, page)
		}
	}
	loc := createPlanningByForm(t, office, url.Values{"qualification": {"IR"}, "title": {"Promotion IR 2027 – Lyon"}, "starts": {"2027-01-04"}, "ends": {"2027-06-30"},
		"period": {"2027-09"}, "participants": {"CAF69 2\r\ncpam33; 1\r\n"}})
	page = body(t, office.get(loc))
	for _, want := range []string{"Promotion IR 2027 – Lyon", "septembre 2027", "inscription au plus tard le 01/06/2027", "CAF69 – CAF du Rhône", "Inviter les employeurs"} {
		if !strings.Contains(page, want) {
			t.Errorf("page de la session : %q absent", want)
		}
	}
	res = office.post(loc+"/invitations", nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("invitation : %d %.500s", res.StatusCode, body(t, res))
	}
	if page := body(t, office.get(loc)); !strings.Contains(page, "2 employeurs invités par courriel à inscrire leurs candidats : CAF69, CPAM33") ||
		!strings.Contains(page, "Tous les employeurs de cette session ont déjà été invités") {
		t.Errorf("après l'invitation :\n%.2000s", page)
	}
	if res := office.post(loc+"/invitations", nil); res.StatusCode != http.StatusConflict {
		t.Errorf("deuxième clic : %d", res.StatusCode)
	}
	mails, n, _ := e.st.OutboxMails(t.Context(), store.OutboxFilter{Kind: "planning"})
	if n != 2 {
		t.Fatalf("un courriel par employeur, une seule fois : %d", n)
	}
	full, _ := e.st.OutboxMailByID(t.Context(), mails[0].ID)
	if !strings.Contains(full.Subject, "CQP IR : inscrivez vos candidats pour la période de septembre 2027") || !strings.Contains(full.Text, "au plus tard le 01/06/2027") {
		t.Errorf("courriel : %s\n%s", full.Subject, full.Text)
	}
	// The employer sees its sessions; the certifier reads them; the office corrects.
	if page := body(t, e.as("employer").get("/plannings")); !strings.Contains(page, "Promotion IR 2027") || strings.Contains(page, "CPAM33") {
		t.Errorf("CAF69 voit sa session, sans les autres employeurs :\n%.1500s", page)
	}
	if res := e.as("certifier").get(loc); res.StatusCode != http.StatusOK || strings.Contains(body(t, res), "Inviter les employeurs") {
		t.Errorf("le certificateur lit sans agir : %d", res.StatusCode)
	}
	res = office.post(loc, url.Values{"qualification": {"IR"}, "starts": {"2027-01-04"}, "ends": {"2027-06-30"}, "period": {"2027-09"}, "participants": {"CAF69 3"}})
	if page := body(t, res); res.StatusCode != http.StatusConflict || !strings.Contains(page, "CPAM33 a déjà été invité") {
		t.Errorf("retirer un employeur invité : %d\n%.800s", res.StatusCode, page)
	}
	res = office.post(loc, url.Values{"qualification": {"IR"}, "starts": {"2027-01-04"}, "ends": {"2027-06-30"}, "period": {"2027-09"}, "participants": {"CAF69 3\nCPAM33 1"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Errorf("modification : %d %.800s", res.StatusCode, body(t, res))
	}
}

func TestR7_GestionnaireCarriereEmployerNotifiesOverHTTP(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	// Gestionnaire carrière is a Retraite CQP: a CARSAT registers to it.
	if _, err := e.st.CreateEmployer(t.Context(), store.Platform(), certif.Employer{Code: "CARSAT-AQ", Name: "CARSAT Aquitaine", Type: "CARSAT", Branch: "retraite"}); err != nil {
		t.Fatal(err)
	}
	e.addUser("carsat", store.NewUser{Email: "rh@carsat-aq.test", Role: certif.RoleEmployer, EmployerCode: "CARSAT-AQ"})
	loc := createPlanningByForm(t, e.as("office"), url.Values{"qualification": {"GCAR"}, "starts": {"2027-01-04"}, "ends": {"2027-06-30"}, "period": {"2027-09"}, "participants": {"CARSAT-AQ 1"}})
	if page := body(t, e.as("office").get(loc)); !strings.Contains(page, "l&#39;Institut 4.10 n&#39;invite pas les employeurs") {
		t.Errorf("pas d'invitation pour Gestionnaire carrière :\n%.1500s", page)
	}
	if res := e.as("office").post(loc+"/invitations", nil); res.StatusCode != http.StatusConflict {
		t.Errorf("invitation refusée : %d", res.StatusCode)
	}
	hr := e.as("carsat")
	if page := body(t, hr.get(loc)); !strings.Contains(page, "Signaler que nos candidats sont inscrits") {
		t.Fatalf("bouton de signalement :\n%.1500s", page)
	}
	res := hr.post(loc+"/signalement", nil)
	if page := body(t, res); res.StatusCode != http.StatusConflict || !strings.Contains(page, "inscrivez-les d&#39;abord") {
		t.Errorf("signalement sans inscription : %d", res.StatusCode)
	}
	lea := e.newCandidateForTest(t, "CARSAT-AQ", "Lacoste").ID
	if res := hr.post(fmt.Sprintf("/candidats/%d/inscriptions", lea), url.Values{"qualification": {"GCAR"}, "path": {"complete"}, "certifiable_from": {"2027-09-01"}, "contract": {"cdi"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("inscription GCAR : %d %.800s", res.StatusCode, body(t, res))
	}
	if res := hr.post(loc+"/signalement", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("signalement : %d %.800s", res.StatusCode, body(t, res))
	}
	mails, _, _ := e.st.OutboxMails(t.Context(), store.OutboxFilter{Kind: "planning_notice"})
	if len(mails) != 1 || mails[0].To[0] != "office@test.fr" || !strings.Contains(mails[0].Subject, "CARSAT-AQ a inscrit ses candidats") {
		t.Errorf("courriel à l'équipe des examens : %+v", mails)
	}
	if page := body(t, hr.get(loc)); !strings.Contains(page, "Signalé le") || strings.Contains(page, "Signaler que nos candidats") {
		t.Errorf("après le signalement :\n%.1500s", page)
	}
	if res := hr.post(loc+"/signalement", nil); res.StatusCode != http.StatusConflict {
		t.Errorf("deuxième signalement : %d", res.StatusCode)
	}
	if page := body(t, e.as("office").get(loc)); !strings.Contains(page, "par rh@carsat-aq.test") {
		t.Error("l'équipe des examens voit le signalement sur la session")
	}
}
