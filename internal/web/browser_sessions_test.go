package web_test

import (
	"strings"
	"testing"
)

// TestBrowserOfficePlansAMonthAndConvenes is the office's journey from
// "Planifier" to a convened session, then the employer's and the member's
// view of it; every page passes axe.
func TestBrowserOfficePlansAMonthAndConvenes(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	juryWindowEnv(t, e)
	tab := browsers.Get(t).NewTab(t)
	loginInBrowser(t, e, tab, "office")
	tab.Navigate(e.ts.URL + "/planifier")
	tab.CheckA11y()
	tab.Fill("#from", "01/06/2027")
	tab.Fill("#to", "30/06/2027")
	tab.Click(`form.form button[type=submit]`)
	if got := tab.Text(".flash"); !strings.Contains(got, "1 séance en brouillon") {
		t.Fatalf("résultat du calcul : %q", got)
	}
	if got := tab.Text("main"); !strings.Contains(got, "Aucun expert métier qualifié pour le CQP GC") {
		t.Errorf("raisons des non placés : %.1500s", got)
	}
	tab.CheckA11y()
	tab.Click(`main a[href^="/seances?"]`)
	tab.CheckA11y()
	tab.Click(`main table a[href^="/seances/"]`)
	if got := tab.Text("main"); !strings.Contains(got, "Léa MARTIN") || !strings.Contains(got, "Jury national qui décidera") {
		t.Fatalf("séance : %.1500s", got)
	}
	tab.CheckA11y()
	tab.Click(`form[action$="/convocation"] button[type=submit]`)
	if got := tab.Text(".flash"); !strings.Contains(got, "Séance convoquée : 2 convocations envoyées") {
		t.Fatalf("convocation : %q", got)
	}
	tab.CheckA11y()
	tab.Navigate(e.ts.URL + "/courriels")
	if got := tab.Text("main"); !strings.Contains(got, "Convocation au jury professionnel") {
		t.Errorf("file d'envoi : %.1500s", got)
	}

	hr := browsers.Get(t).NewTab(t)
	loginInBrowser(t, e, hr, "employer")
	hr.Navigate(e.ts.URL + "/convocations")
	hr.CheckA11y()
	hr.Click(`main table th a`)
	if got := hr.Text("main"); !strings.Contains(got, "Convocation au jury professionnel") || !strings.Contains(got, "Accueil de Lyon Part-Dieu") {
		t.Errorf("convocation à imprimer : %.1500s", got)
	}
	hr.CheckA11y()

	member := browsers.Get(t).NewTab(t)
	loginInBrowser(t, e, member, "jury")
	for _, page := range []string{"/mes-seances", "/mes-candidats"} {
		member.Navigate(e.ts.URL + page)
		if got := member.Text("main"); !strings.Contains(got, "Léa MARTIN") {
			t.Errorf("%s : %.1000s", page, got)
		}
		member.CheckA11y()
	}
}
