package web_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBrowserCensusPlanningsAndWindows runs the pages of the census, the
// plannings and the windows in Chromium with data in them, the axe check on
// each: the office imports a census file (refused, then fixed), the employer
// corrects then confirms a pre-registration; the office records a session
// and invites; the office adds a window, the employer reads it.
func TestBrowserCensusPlanningsAndWindows(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	b := browsers.Get(t)
	office := b.NewTab(t)
	loginInBrowser(t, e, office, "office")
	office.Navigate(e.ts.URL + "/recensement")
	office.CheckA11y()
	office.Upload("#file", write("faux.csv", censusHeader+"CPAM99;Blanc;;Jean;M;01/01/1980;33063;COS;05/01/2027;30/09/2027;;\r\n"))
	office.Click("main form button[type=submit]")
	if got := office.Text("main"); !strings.Contains(got, "Ligne 2, colonne « Code employeur »") {
		t.Fatalf("refus ligne à ligne attendu : %.800s", got)
	}
	office.CheckA11y()
	office.Upload("#file", write("recensement.csv", censusGood))
	office.Click("main form button[type=submit]")
	if got := office.Text("main"); !strings.Contains(got, "2 lignes lues ; 2 pré-inscriptions à créer") {
		t.Fatalf("aperçu attendu : %.800s", got)
	}
	office.CheckA11y()
	office.Click(`form[action^="/recensement/"] button[type=submit]`)
	if got := office.Text(".flash"); !strings.Contains(got, "Recensement importé : 2 pré-inscriptions") || !strings.Contains(got, "1 employeur prévenu") {
		t.Fatalf("import : %q", got)
	}
	office.CheckA11y()

	hr := b.NewTab(t)
	loginInBrowser(t, e, hr, "employerB")
	hr.Navigate(e.ts.URL + "/pre-inscriptions")
	hr.CheckA11y()
	hr.Click(`main a[href^="/pre-inscriptions/"]`)
	hr.CheckA11y()
	hr.Fill("#certifiable_from", "")
	hr.Click(`main form[action^="/pre-inscriptions/"] button[type=submit]`)
	if got := hr.Text("main"); !strings.Contains(got, "obligatoire") {
		t.Fatalf("erreur attendue : %q", got)
	}
	hr.CheckA11y()
	hr.Fill("#certifiable_from", "2027-09-30")
	hr.Click(`main form[action^="/pre-inscriptions/"] button[type=submit]`)
	if got := hr.Text(".flash"); !strings.Contains(got, "Pré-inscription confirmée") {
		t.Fatalf("confirmation : %q", got)
	}
	hr.CheckA11y()

	office.Navigate(e.ts.URL + "/plannings")
	office.Fill("#starts", "2027-01-04")
	office.Fill("#ends", "2027-06-30")
	office.Fill("#period", "2027-09")
	office.Fill("#participants", "CAF69 2\nCPAM33 1")
	office.Click(`main form[method=post][action="/plannings"] button[type=submit]`)
	if got := office.Text(".flash"); !strings.Contains(got, "Session enregistrée") {
		t.Fatalf("session : %q %s", got, office.Text("main"))
	}
	office.CheckA11y()
	office.Click(`form[action$="/invitations"] button[type=submit]`)
	if got := office.Text(".flash"); !strings.Contains(got, "2 employeurs invités") {
		t.Fatalf("invitation : %q", got)
	}
	office.CheckA11y()
	office.Navigate(e.ts.URL + "/plannings")
	office.CheckA11y()

	office.Navigate(e.ts.URL + "/fenetres")
	office.Fill("#opens", "2022-08-22")
	office.Fill("#closes", "2022-09-09")
	office.Fill("#label", "Session de décembre 2022")
	office.Click(`main form[action="/fenetres"] button[type=submit]`)
	if got := office.Text(".flash"); !strings.Contains(got, "Fenêtre d'inscription enregistrée : du 22/08/2022 au 09/09/2022") {
		t.Fatalf("fenêtre : %q", got)
	}
	office.CheckA11y()
	hr.Navigate(e.ts.URL + "/fenetres")
	if got := hr.Text("main"); !strings.Contains(got, "Session de décembre 2022") {
		t.Errorf("l'employeur voit la fenêtre : %.500s", got)
	}
	hr.CheckA11y()
	hr.Navigate(e.ts.URL + "/plannings")
	hr.CheckA11y()
}
