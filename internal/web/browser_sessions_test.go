package web_test

import (
	"net/http"
	"net/url"
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

// TestBrowserAMemberEvaluatesFromTheirSessions is the member's journey: from
// "Mes séances" to a candidate's sheet, the grid answered, a favourable
// proposal without its reasons refused, then recorded; every page passes axe.
func TestBrowserAMemberEvaluatesFromTheirSessions(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	if res := e.as("office").post("/grilles/COS", url.Values{"grid_1": {"Accueille le public et identifie sa demande\nApporte une réponse adaptée\n"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("grille : %d", res.StatusCode)
	}
	e.juryOf(t, e.leaAttempt(t))
	tab := browsers.Get(t).NewTab(t)
	loginInBrowser(t, e, tab, "jury")
	tab.Navigate(e.ts.URL + "/mes-seances")
	tab.CheckA11y()
	tab.Click(`main a[href^="/evaluations/"]`)
	if got := tab.Text("main"); !strings.Contains(got, "Léa MARTIN") || !strings.Contains(got, "30 minutes de temps supplémentaire") {
		t.Fatalf("fiche d'évaluation : %.1500s", got)
	}
	tab.CheckA11y()
	tab.Click(`input[name=presence][value=present]`)
	tab.Click(`fieldset.criterion input[value=acquired]`)
	tab.Click(`fieldset.criterion:nth-of-type(2) input[value=acquired]`)
	tab.Click(`input[name=proposal][value=favourable]`)
	tab.Click(`form[action^="/evaluations/"] button[type=submit]`)
	if got := tab.Text("main"); !strings.Contains(got, "Motivez l'avis") {
		t.Fatalf("avis sans motif : %.1500s", got)
	}
	tab.CheckA11y()
	tab.Fill("#comment", "Accueil maîtrisé, réponses exactes et reformulées.")
	tab.Click(`form[action^="/evaluations/"] button[type=submit]`)
	if got := tab.Text(".flash"); got == "" {
		t.Fatalf("pas de confirmation de l'enregistrement : %.1500s", tab.Text("main"))
	}
	tab.CheckA11y()
	tab.Navigate(e.ts.URL + "/mes-seances")
	if got := tab.Text("main"); !strings.Contains(got, "En cours") {
		t.Errorf("état de l'évaluation dans mes séances : %.1500s", got)
	}
}

// TestBrowserTheCertifierDeliberates is the certifier's journey on a national
// jury: the list of juries, the case list, all favourable proposals validated
// at once, the minutes signed, the results proclaimed; every page passes axe.
func TestBrowserTheCertifierDeliberates(t *testing.T) {
	t.Parallel()
	e := newEnv(t, onJuryDay)
	finalProposal(t, e)
	tab := browsers.Get(t).NewTab(t)
	loginInBrowser(t, e, tab, "certifier")
	tab.Navigate(e.ts.URL + "/jurys-nationaux")
	tab.CheckA11y()
	tab.Navigate(e.ts.URL + "/jurys-nationaux/2026-12-17")
	if got := tab.Text("main"); !strings.Contains(got, "Léa MARTIN") {
		t.Fatalf("liste des cas : %.1500s", got)
	}
	tab.CheckA11y()
	tab.Fill("#name_1", "Anne Roy")
	tab.Fill("#name_2", "Karim Benali")
	tab.Fill("#side_2", "employee")
	tab.Click(`input[name=president][value="2"]`)
	tab.Click(`form[action$="/composition"] button[type=submit]`)
	if got := tab.Text(".flash"); !strings.Contains(got, "Composition du jury enregistrée : 2 membres") {
		t.Fatalf("composition : %q", got)
	}
	tab.Click(`form[action$="/favorables"] button[type=submit]`)
	if got := tab.Text(".flash"); !strings.Contains(got, "1 décision enregistrée") {
		t.Fatalf("délibération : %q", got)
	}
	tab.CheckA11y()
	tab.Click(`form[action$="/signature"] button[type=submit]`)
	if got := tab.Text(".flash"); !strings.Contains(got, "Procès-verbal signé : 1 décision définitive") {
		t.Fatalf("signature : %q", got)
	}
	if got := tab.Text("main"); !strings.Contains(got, "Télécharger le procès-verbal signé") {
		t.Fatalf("après la signature : %.1500s", got)
	}
	tab.CheckA11y()
	tab.Click(`form[action$="/proclamation"] button[type=submit]`)
	if got := tab.Text(".flash"); !strings.Contains(got, "Résultats proclamés : 1 décision publiée") {
		t.Fatalf("proclamation : %q", got)
	}
	tab.CheckA11y()
}
