package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// The test env's calendar is the shipped one (exam months of 2026), so it
// knows the certification periods up to December 2028; today is 23/11/2026.
const (
	beyondCalendar = "Date « certifiable à partir du » trop lointaine : le 01/01/9999 donnerait la période de certification de janvier 9999, " +
		"au-delà du calendrier des examens, qui s&#39;arrête en décembre 2028. Dernière date possible : 31/12/2028."
	periodBeyondCalendar = "hors calendrier : janvier 9999 est au-delà du calendrier des examens, dont la dernière période est décembre 2028."
)

// wantPage checks the status of an answer and that its page shows each text.
func wantPage(t *testing.T, what string, res *http.Response, status int, texts ...string) {
	t.Helper()
	page := body(t, res)
	if res.StatusCode != status {
		t.Errorf("%s : statut %d, attendu %d\n%.1500s", what, res.StatusCode, status, page)
		return
	}
	for _, s := range texts {
		if !strings.Contains(page, s) {
			t.Errorf("%s : %q absent\n%.3000s", what, s, page)
		}
	}
}

func TestCertifiableFromBeyondTheCalendarIsRefusedOnEveryEntryPath(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	hr := e.as("employer")
	cand := createCandidateByForm(t, hr, leaForm())
	form := url.Values{"qualification": {"COS"}, "path": {"complete"}, "certifiable_from": {"9999-01-01"}, "contract": {"cdi"}}
	wantPage(t, "formulaire", hr.post(cand+"/inscriptions", form), http.StatusUnprocessableEntity, beyondCalendar)
	perBlock := url.Values{"qualification": {"COS"}, "path": {"partial"}, "blocks": {"1", "3"}, "certifiable_from": {"2027-03-08"},
		"block_date_3": {"9999-01-01"}, "contract": {"cdi"}}
	wantPage(t, "date d'un bloc", hr.post(cand+"/inscriptions", perBlock), http.StatusUnprocessableEntity,
		strings.Replace(beyondCalendar, "« certifiable à partir du »", "« certifiable à partir du » du bloc 3", 1))
	lea := strings.TrimPrefix(cand, "/candidats/")
	er := regAPIFields(t, e.api("POST", "/api/v1/registrations", "employer", fmt.Sprintf(
		`{"candidate_id":%s,"qualification":"COS","path":"complete","certifiable_from":"9999-01-01","contract":"cdi"}`, lea)), "certifiable_from")
	if got, want := er.Error.Fields["certifiable_from"], strings.ReplaceAll(beyondCalendar, "&#39;", "'"); got != want {
		t.Errorf("API : %q\nattendu %q", got, want)
	}
	file := importHeader + "Lefèvre;;Élodie;F;15/03/1990;69123;;COS;complet;;01/01/9999;CDI;non;;non;\r\n"
	wantPage(t, "import", hr.upload("/imports", "inscriptions.csv", []byte(file)), http.StatusUnprocessableEntity,
		"Ligne 2, colonne « Certifiable à partir du » : "+beyondCalendar)
	trainees := censusHeader + "CPAM33;Bordagaray;;Zéphyrin;M;30/09/1985;33063;DAM;05/01/2027;01/01/9999;;\r\n"
	wantPage(t, "recensement", e.as("office").upload("/recensement", "recensement.csv", []byte(trainees)), http.StatusUnprocessableEntity,
		"Ligne 2, colonne « Fin du parcours » : "+beyondCalendar)
	if page := body(t, hr.get(cand)); strings.Contains(page, "9999") {
		t.Error("une inscription hors calendrier a été enregistrée")
	}
	wantPage(t, "simulateur du calendrier", hr.get("/calendrier?certifiable=01/01/9999"), http.StatusOK, beyondCalendar)
}

func TestPeriodsBeyondTheCalendarAreRefused(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	hr := e.as("employer")
	cand := createCandidateByForm(t, hr, leaForm())
	pro := url.Values{"qualification": {"COS"}, "path": {"complete"}, "certifiable_from": {"2027-03-08"}, "contract": {"pro"}, "exam_period": {"9999-01"}}
	wantPage(t, "période d'examen imposée", hr.post(cand+"/inscriptions", pro), http.StatusUnprocessableEntity, "Période d&#39;examen imposée "+periodBeyondCalendar)
	wantPage(t, "néant", hr.post("/neant", url.Values{"period": {"9999-01"}}), http.StatusUnprocessableEntity, "Période de certification "+periodBeyondCalendar)
	planning := url.Values{"qualification": {"IR"}, "title": {"Promotion IR"}, "starts": {"2027-01-04"}, "ends": {"2027-06-30"}, "period": {"9999-01"}, "participants": {"CAF69 2"}}
	wantPage(t, "planning de formation", e.as("office").post("/plannings", planning), http.StatusUnprocessableEntity, "Période de certification "+periodBeyondCalendar)
	wantPage(t, "gestion du calendrier", e.as("office").get("/calendrier/gestion"), http.StatusOK,
		"Le calendrier des examens va jusqu'en décembre 2028 : une inscription dont la période de certification tombe au-delà est refusée.")
}

func TestR16_BirthDatesMakeCandidatesBetween16And80(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	hr := e.as("employer")
	form := leaForm()
	form.Set("birth_date", "1946-01-10") // 80 years old on 23/11/2026
	createCandidateByForm(t, hr, form)
	want := "Date de naissance peu plausible (01/01/9999) : le candidat doit avoir entre 16 et 80 ans au 23/11/2026, donc être né entre le 24/11/1945 et le 23/11/2010."
	form.Set("birth_date", "9999-01-01")
	wantPage(t, "formulaire", hr.post("/candidats", form), http.StatusUnprocessableEntity, want)
	er := regAPIFields(t, e.api("POST", "/api/v1/candidates", "employer", strings.Replace(regAPICamille, "1995-06-12", "9999-01-01", 1)), "birth_date")
	if got := er.Error.Fields["birth_date"]; got != want {
		t.Errorf("API : %q\nattendu %q", got, want)
	}
	file := importHeader + "Lefèvre;;Élodie;F;01/01/9999;69123;;COS;complet;;05/04/2027;CDI;non;;non;\r\n"
	wantPage(t, "import", hr.upload("/imports", "inscriptions.csv", []byte(file)), http.StatusUnprocessableEntity, "Ligne 2, colonne « Date de naissance » : "+want)
}

func TestPriorValidationCannotBeInTheFuture(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	cand := createCandidateByForm(t, e.as("employer"), leaForm())
	office := e.as("office")
	prior := url.Values{"qualification": {"COS"}, "block": {"2"}, "validated_on": {"2027-01-21"}, "note": {"PV du jury du 21/01/2027"}}
	wantPage(t, "date future", office.post(cand+"/blocs-valides", prior), http.StatusUnprocessableEntity,
		"Date de validation dans le futur (21/01/2027) : un bloc validé avant la plateforme l&#39;a été au plus tard aujourd&#39;hui (23/11/2026).")
	prior.Set("validated_on", "2001-06-01")
	wantPage(t, "avant les 16 ans", office.post(cand+"/blocs-valides", prior), http.StatusUnprocessableEntity,
		"Date de validation peu plausible (01/06/2001) : le candidat, né le 03/02/1991, n&#39;avait pas 16 ans.")
	prior.Set("validated_on", "2025-12-17")
	if res := office.post(cand+"/blocs-valides", prior); res.StatusCode != http.StatusSeeOther {
		t.Errorf("date passée : statut %d\n%.1000s", res.StatusCode, body(t, res))
	}
}
