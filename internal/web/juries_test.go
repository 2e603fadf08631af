package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestR14_AnEmployerProposesAnExpertTheOfficeDecides: through the pages, an
// employer's HR proposes an expert, sees it waiting, another employer cannot
// reach it, the office refuses without a reason (refused, in French), then
// accepts; a stale edit of the file is refused.
func TestR14_AnEmployerProposesAnExpertTheOfficeDecides(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	hr, office := e.as("employer"), e.as("office")
	res := hr.post("/membres-jury", url.Values{"first_name": {"Hugo"}, "last_name": {"Garnier"}, "email": {"hugo.garnier@caf69.test"},
		"qualifications": {"GC", "COS"}, "trained_on": {"12/05/2025"}})
	member := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(member, "/membres-jury/") {
		t.Fatalf("proposition : %d %.800s", res.StatusCode, body(t, res))
	}
	if page := body(t, hr.get("/membres-jury")); !strings.Contains(page, "Hugo GARNIER") || !strings.Contains(page, "Proposé, en attente") {
		t.Errorf("l'employeur voit sa proposition\n%.2000s", page)
	}
	if res := e.as("employerB").get(member); res.StatusCode != http.StatusNotFound {
		t.Errorf("un autre employeur ouvre la proposition : %d", res.StatusCode)
	}
	if page := body(t, e.as("employerB").get("/membres-jury")); strings.Contains(page, "GARNIER") {
		t.Error("un autre employeur voit la proposition dans sa liste")
	}
	if page := body(t, office.get("/membres-jury?statut=proposed")); !strings.Contains(page, "Hugo GARNIER") || !strings.Contains(page, "Une proposition attend") {
		t.Errorf("l'équipe des examens voit la proposition\n%.2000s", page)
	}
	res = office.post(member+"/decision", url.Values{"decision": {"decline"}, "reason": {" "}})
	if page := body(t, res); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "pourquoi son expert n&#39;est pas retenu") {
		t.Errorf("refus sans motif : %d\n%.2000s", res.StatusCode, page)
	}
	if res := office.post(member+"/decision", url.Values{"decision": {"accept"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("acceptation : %d", res.StatusCode)
	}
	page := body(t, office.get(member))
	if !strings.Contains(page, "Actif") || !strings.Contains(page, "GC, COS") && !strings.Contains(page, "COS, GC") || !strings.Contains(page, "12/05/2025") {
		t.Errorf("fiche après acceptation\n%.3000s", page)
	}
	form := url.Values{"first_name": {"Hugo"}, "last_name": {"Garnier"}, "email": {"hugo.garnier@caf69.test"}, "roles": {"expert"},
		"employer": {"CAF69"}, "qualifications": {"GC"}, "max_sessions": {"12"}, "version": {"1"}}
	if res := office.post(member, form); res.StatusCode != http.StatusConflict && res.StatusCode != http.StatusPreconditionFailed {
		t.Errorf("modification sur une version périmée : %d\n%.1500s", res.StatusCode, body(t, res))
	}
	form.Set("version", "2")
	if res := office.post(member, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("modification : %d\n%.1500s", res.StatusCode, body(t, res))
	}
	if page := body(t, office.get(member)); !strings.Contains(page, "<dd>12</dd>") {
		t.Errorf("maximum de séances enregistré\n%.3000s", page)
	}
}
