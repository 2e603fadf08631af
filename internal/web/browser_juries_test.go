package web_test

import (
	"strings"
	"testing"
)

// TestBrowserOfficeAddsAJuryMember is the office's journey in the pool: a
// form sent incomplete names its fields in French, then the member is added
// and its file shows; every page passes axe.
func TestBrowserOfficeAddsAJuryMember(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tab := browsers.Get(t).NewTab(t)
	loginInBrowser(t, e, tab, "office")
	tab.Navigate(e.ts.URL + "/membres-jury")
	tab.CheckA11y()
	tab.Navigate(e.ts.URL + "/membres-jury/nouveau")
	tab.CheckA11y()
	tab.Fill("#first_name", "Claire")
	tab.Fill("#email", "claire.vasseur@ucanss.test")
	tab.Click(`input[name=roles][value=expert]`)
	tab.Click(`form.form button[type=submit]`)
	if got := tab.Text("main"); !strings.Contains(got, "Nom obligatoire") || !strings.Contains(got, "expert d'au moins un CQP") || !strings.Contains(got, "Indiquez l'employeur du membre") {
		t.Fatalf("erreurs attendues : %.1500s", got)
	}
	tab.CheckA11y()
	tab.Fill("#last_name", "Vasseur")
	tab.Fill("#organisation", "UCANSS (certificateur)")
	tab.Click(`input[name=qualifications][value=GC]`)
	tab.Fill("#trained_on", "10/03/2025")
	tab.Click(`form.form button[type=submit]`)
	if got := tab.Text(".flash"); !strings.Contains(got, "Claire VASSEUR ajouté au vivier") {
		t.Fatalf("confirmation attendue : %q", got)
	}
	if got := tab.Text("main"); !strings.Contains(got, "Expert métier") || !strings.Contains(got, "suivie le 10/03/2025") {
		t.Errorf("fiche du membre : %.1500s", got)
	}
	tab.CheckA11y()
}
