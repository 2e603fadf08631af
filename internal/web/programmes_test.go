package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// TestProgramme_TheOfficeConfirmsThenACPAMRegistersThroughIt: the Maladie
// programmes ship to confirm (the office's dashboard says so); a CPAM's form
// offers GC only through GCAM once the office has confirmed it, and the
// registration names the programme.
func TestProgramme_TheOfficeConfirmsThenACPAMRegistersThroughIt(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	office, hr := e.as("office"), e.as("employerB")
	if home := body(t, office.get("/")); !strings.Contains(home, "Confirmer le CQP visé par 5 programmes de branche</a> (GCAM, CSAM, STARTECH, SMPRO, DNS)") {
		t.Errorf("tâche de l'équipe des examens absente :\n%.3000s", home)
	}
	cand := e.newCandidateForTest(t, "CPAM33", "Benali")
	path := "/candidats/" + strconv.FormatInt(cand.ID, 10)
	if form := body(t, hr.get(path+"/inscriptions/nouvelle")); strings.Contains(form, `<option value="GCAM">`) || !strings.Contains(form, `<option value="DAM">`) {
		t.Errorf("un programme à confirmer est proposé :\n%.2000s", form)
	}
	gc := url.Values{"qualification": {"GC"}, "programme": {"GCAM"}, "path": {"complete"}, "certifiable_from": {"2027-06-07"}, "contract": {"cdi"}}
	expectPage(t, hr.post(path+"/inscriptions", gc), http.StatusUnprocessableEntity, "Le programme GCAM attend que l'équipe des examens confirme le CQP")

	page := body(t, office.get("/referentiel"))
	if !strings.Contains(page, `action="/referentiel/programmes/GCAM"`) || !strings.Contains(page, "à confirmer par l'équipe des examens") {
		t.Fatalf("programmes absents du référentiel :\n%.4000s", page)
	}
	expectPage(t, office.post("/referentiel/programmes/GCAM", url.Values{"version": {"0"}, "qualification": {"GC"}, "confirmed": {"on"}}), http.StatusPreconditionFailed,
		"modifié par quelqu'un d'autre")
	if res := office.post("/referentiel/programmes/GCAM", url.Values{"version": {"1"}, "qualification": {"GC"}, "confirmed": {"on"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirmation : %d\n%.2000s", res.StatusCode, body(t, res))
	}
	var progs []struct {
		Code, Qualification string
		ConfirmedOn         string `json:"confirmed_on"`
		Confirmed           bool
	}
	empDecode(t, e.anonymous().get("/api/v1/programmes"), &progs)
	if len(progs) != 5 || progs[0].Code != "GCAM" || !progs[0].Confirmed || progs[0].ConfirmedOn == "" || progs[4].Code != "DNS" || progs[4].Confirmed {
		t.Errorf("API des programmes : %+v", progs)
	}
	if home := body(t, office.get("/")); !strings.Contains(home, "4 programmes de branche</a> (CSAM, STARTECH, SMPRO, DNS)") {
		t.Error("GCAM confirmé reste à confirmer sur le tableau de bord")
	}
	if form := body(t, hr.get(path+"/inscriptions/nouvelle")); !strings.Contains(form, `<option value="GCAM">GCAM – programme de la branche menant au CQP Gestionnaire conseil de la Sécurité sociale</option>`) {
		t.Errorf("GCAM confirmé non proposé :\n%.2000s", form)
	}
	if form := body(t, hr.get(path+"/inscriptions/nouvelle?cqp=GCAM")); !strings.Contains(form, `name="programme" value="GCAM"`) || !strings.Contains(form, "par le programme GCAM") {
		t.Errorf("formulaire du GC par GCAM :\n%.3000s", form)
	}
	res := hr.post(path+"/inscriptions", gc)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("inscription par GCAM : %d\n%.2000s", res.StatusCode, body(t, res))
	}
	reg := body(t, hr.get(res.Header.Get("Location")))
	if !strings.Contains(reg, "<dt>Programme de la branche</dt><dd>GCAM</dd>") {
		t.Errorf("inscription sans son programme :\n%.3000s", reg)
	}
	caf := e.newCandidateForTest(t, "CAF69", "Roche")
	expectPage(t, e.as("employer").post("/candidats/"+strconv.FormatInt(caf.ID, 10)+"/inscriptions", gc), http.StatusUnprocessableEntity,
		"Le programme GCAM est celui de la branche Maladie")
}
