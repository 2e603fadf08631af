package web_test

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"certibloc/internal/browsertest"
	"certibloc/internal/campaign/campaigntest"
)

// fillForBrowser downloads an employer's table over HTTP with its session (a
// tab would save it to disk), fills it as the employer would in Excel and
// writes it where the tab can pick it.
func fillForBrowser(t *testing.T, e *env, name string, cells map[int]map[string]any) string {
	t.Helper()
	res := e.as("employer").get("/recueil/" + name + "/tableau.xlsx")
	data, err := io.ReadAll(res.Body)
	if err != nil || len(data) == 0 {
		t.Fatalf("téléchargement : %d %v", res.StatusCode, err)
	}
	path := filepath.Join(t.TempDir(), "recueil-"+name+".xlsx")
	if err := os.WriteFile(path, campaigntest.FillTable(t, data, cells), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// uploadAndCommit returns a filled table through the employer's page.
func uploadAndCommit(t *testing.T, hr *browsertest.Tab, name, path string, preview string) string {
	t.Helper()
	if !strings.Contains(hr.HTML(), `href="/recueil/`+name+`/tableau.xlsx"`) {
		t.Errorf("lien de téléchargement du tableau absent")
	}
	hr.Upload("#file", path)
	hr.Click(`form[action="/recueil/` + name + `/retour"] button[type=submit]`)
	if got := hr.Text("main"); !strings.Contains(got, preview) {
		t.Fatalf("aperçu : %q absent\n%.1500s", preview, got)
	}
	hr.CheckA11y()
	hr.Click(`form[action^="/recueil/` + name + `/retour/"] button[type=submit]`)
	hr.CheckA11y()
	return hr.Text(".flash")
}

// TestBrowserR5_OfficeLaunchesEmployerReturnsOfficeSeesIt is the journey of a
// campaign: the office launches it, the employer downloads its table, fills it
// and uploads it, the office sees it returned; then a late return is flagged,
// and the office lifts the block with a reason. axe-core runs on every page.
func TestBrowserR5_OfficeLaunchesEmployerReturnsOfficeSeesIt(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	campaignEnv(t, e)
	b := browsers.Get(t)
	office := b.NewTab(t)
	loginInBrowser(t, e, office, "office")
	office.Navigate(e.ts.URL + "/recueil?annee=2027")
	office.CheckA11y()
	office.Click(`a[href="/recueil/2027-06"]`)
	office.CheckA11y()
	office.Click(`form[action="/recueil/2027-06/lancement"] button[type=submit]`)
	if got := office.Text(".flash"); !strings.Contains(got, "Campagne de juin 2027 lancée : tableau de recueil envoyé à 1 employeur (CAF69).") {
		t.Fatalf("lancement : %q", got)
	}
	office.CheckA11y()

	hr := b.NewTab(t)
	loginInBrowser(t, e, hr, "employer")
	hr.Navigate(e.ts.URL + "/recueil?annee=2027")
	hr.CheckA11y()
	hr.Click(`a[href="/recueil/2027-06"]`)
	hr.CheckA11y()
	cells := hours(2)
	cells[2]["Blocs à évaluer"] = "3"
	flash := uploadAndCommit(t, hr, "2027-06", fillForBrowser(t, e, "2027-06", cells),
		"Aperçu du fichier recueil-2027-06.xlsx : 1 ligne acceptée, 1 inscription modifiée.")
	if !strings.Contains(flash, "Tableau de recueil enregistré le 23/11/2026 : 1 ligne, 1 inscription modifiée.") {
		t.Errorf("retour : %q", flash)
	}
	office.Navigate(e.ts.URL + "/recueil/2027-06")
	if got := office.Text("main"); !strings.Contains(got, "Retourné le 23/11/2026") {
		t.Errorf("tableau de bord sans le retour : %.1500s", got)
	}
	office.CheckA11y()

	// A late return: campaign 2026-11 was due on 31/07/2026.
	office.Navigate(e.ts.URL + "/recueil/2026-11")
	office.Click(`form[action="/recueil/2026-11/lancement"] button[type=submit]`)
	hr.Navigate(e.ts.URL + "/recueil/2026-11")
	if got := hr.Text("main"); !strings.Contains(got, "La date limite est passée") || !strings.Contains(got, "Jury non organisable : aucun tableau de recueil retourné") {
		t.Errorf("page d'une campagne dont la date est passée : %.1500s", got)
	}
	hr.CheckA11y()
	flash = uploadAndCommit(t, hr, "2026-11", fillForBrowser(t, e, "2026-11", hours(2)), "Le tableau arrive après la date limite")
	if !strings.Contains(flash, "Il est arrivé après la date limite du 31/07/2026") {
		t.Errorf("retour en retard : %q", flash)
	}
	if got := hr.Text("main"); !strings.Contains(got, "Retourné en retard le 23/11/2026") || !strings.Contains(got, "Jury non organisable : tableau de recueil de la campagne de novembre 2026 retourné le 23/11/2026") {
		t.Errorf("page après un retour en retard : %.1500s", got)
	}
	office.Navigate(e.ts.URL + "/recueil/2026-11")
	if got := office.Text("main"); !strings.Contains(got, "Retourné en retard le 23/11/2026") || !strings.Contains(got, "non organisable") {
		t.Errorf("tableau de bord sans le retard : %.1500s", got)
	}
	office.CheckA11y()
	office.Fill("#reason-CAF69", "Accord de la CPNEFP du 20/11/2026")
	office.Click(`form[action="/recueil/2026-11/levees/CAF69"] button[type=submit]`)
	if got := office.Text(".flash"); !strings.Contains(got, "Blocage levé pour CAF69") {
		t.Errorf("levée : %q", got)
	}
	office.CheckA11y()
	// The office's page of the employer, where it records a table received by mail.
	office.Click(`a[href="/recueil/2026-11/employeurs/CAF69"]`)
	if got := office.Text("main"); !strings.Contains(got, "Reçu le") {
		t.Errorf("page de l'employeur pour le bureau : %.800s", got)
	}
	office.CheckA11y()
}
