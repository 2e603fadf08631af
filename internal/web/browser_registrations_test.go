package web_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBrowserEmployerRegistersTwoOfFourCOSBlocks: an employer's HR creates a
// candidate and registers it for blocks 1 and 3 of the COS, in Chromium, with
// the accessibility check on every page.
func TestBrowserEmployerRegistersTwoOfFourCOSBlocks(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tab := browsers.Get(t).NewTab(t)
	loginInBrowser(t, e, tab, "employer")
	tab.Navigate(e.ts.URL + "/candidats/nouveau")
	tab.CheckA11y()
	tab.Fill("#birth_name", "Durand")
	tab.Fill("#usage_name", "Martin")
	tab.Fill("#first_names", "Léa")
	tab.Click(`input[name=sex][value=F]`)
	tab.Fill("#birth_date", "1991-02-03")
	tab.Fill("#birth_insee", "69123")
	if got := tab.Text("#printed-name"); got != "MARTIN (DURAND) Léa, née le 03/02/1991" {
		t.Errorf("aperçu de l'identité imprimée : %q", got)
	}
	tab.Click("main form button[type=submit]")
	// The env already holds a Léa Durand born the same day at this employer:
	// the form says so, and the HR confirms it is another person.
	if got := tab.Text("#err-homonym"); !strings.Contains(got, "déjà enregistré avec cette identité") {
		t.Fatalf("même identité : %q", got)
	}
	tab.CheckA11y()
	tab.Click("#homonym")
	tab.Click("main form button[type=submit]")
	if got := tab.Text(".flash"); !strings.Contains(got, "Candidat enregistré : MARTIN (DURAND) Léa") {
		t.Fatalf("création : %q", got)
	}
	tab.CheckA11y()
	tab.Click(`a[href$="/inscriptions/nouvelle"]`)
	tab.CheckA11y()
	tab.Fill("#cqp", "COS")
	tab.Click("main form button[type=submit]")
	tab.CheckA11y()
	tab.Click(`input[name=path][value=partial]`)
	tab.Click(`input[name=blocks][value="1"]`)
	tab.Click(`input[name=blocks][value="3"]`)
	tab.Fill("#certifiable_from", "2027-03-08")
	tab.Fill("#specialty", "Accueil allocataires")
	tab.Click(`main form[action$="/inscriptions"] button[type=submit]`)
	if got := tab.Text(".flash"); !strings.Contains(got, "Inscription enregistrée : COS, blocs 1, 3.") {
		t.Fatalf("inscription : %q\n%s", got, tab.Text("main"))
	}
	tab.CheckA11y()
	main := tab.Text("main")
	for _, want := range []string{"Bloc 1", "Bloc 3", "mars 2027", "éligible"} {
		if !strings.Contains(main, want) {
			t.Errorf("page d'inscription : %q absent", want)
		}
	}
	tab.Navigate(e.ts.URL + "/inscriptions")
	tab.CheckA11y()
	tab.Navigate(e.ts.URL + "/")
	tab.CheckA11y()
}

// TestBrowserEmployerImportsACSV: a CSV with errors is refused line by line,
// the fixed file is previewed, then imported.
func TestBrowserEmployerImportsACSV(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	dir := t.TempDir()
	bad := filepath.Join(dir, "inscriptions.csv")
	if err := os.WriteFile(bad, encode1252(t, importHeader+"Lefèvre;;Élodie;F;31/02/1990;69123;;COS;partiel;1 et 3;05/04/2027;CDI;non;;non;\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tab := browsers.Get(t).NewTab(t)
	loginInBrowser(t, e, tab, "employer")
	tab.Navigate(e.ts.URL + "/imports")
	tab.CheckA11y()
	tab.Upload("#file", bad)
	tab.Click("main form button[type=submit]")
	if got := tab.Text("main"); !strings.Contains(got, "Ligne 2, colonne « Date de naissance »") {
		t.Fatalf("erreur de ligne attendue : %.800s", got)
	}
	tab.CheckA11y()
	good := filepath.Join(dir, "inscriptions-corrige.csv")
	if err := os.WriteFile(good, encode1252(t, importHeader+"Lefèvre;;Élodie;F;28/02/1990;69123;;COS;partiel;1 et 3;05/04/2027;CDI;non;;non;\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tab.Upload("#file", good)
	tab.Click("main form button[type=submit]")
	if got := tab.Text("main"); !strings.Contains(got, "1 nouveau candidat, 1 inscription à créer") {
		t.Fatalf("aperçu attendu : %.800s", got)
	}
	tab.CheckA11y()
	tab.Click(`form[action^="/imports/"] button[type=submit]`)
	if got := tab.Text(".flash"); !strings.Contains(got, "Import terminé : 1 nouveau candidat, 1 inscription créée") {
		t.Fatalf("import : %q", got)
	}
	tab.CheckA11y()
	if got := tab.Text("main"); !strings.Contains(got, "LEFÈVRE Élodie") {
		t.Error("candidat importé absent de la liste")
	}
}

// TestBrowserOfficeOverridesTheThreeMonthRule: the employer is refused a late
// registration with the earliest period; the office registers with a reason.
func TestBrowserOfficeOverridesTheThreeMonthRule(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := browsers.Get(t)
	hr := b.NewTab(t)
	loginInBrowser(t, e, hr, "employer")
	hr.Navigate(e.ts.URL + "/candidats/nouveau")
	hr.Fill("#birth_name", "Roux")
	hr.Fill("#first_names", "Anne")
	hr.Click(`input[name=sex][value=F]`)
	hr.Fill("#birth_date", "1980-01-01")
	hr.Fill("#birth_insee", "2A004")
	hr.Click("main form button[type=submit]")
	candidate := hr.URL()
	hr.Navigate(candidate + "/inscriptions/nouvelle?cqp=CA")
	hr.Fill("#certifiable_from", "2027-01-04")
	hr.Click(`main form[action$="/inscriptions"] button[type=submit]`)
	if got := hr.Text("main"); !strings.Contains(got, "Inscription trop tardive pour la période de janvier 2027") || !strings.Contains(got, "mars 2027") ||
		!strings.Contains(hr.Text("#erreurs"), "corrigez ce qui est signalé sous le champ concerné") {
		t.Fatalf("refus R6 attendu : %q", got)
	}
	hr.CheckA11y()

	office := b.NewTab(t)
	loginInBrowser(t, e, office, "office")
	office.Navigate(candidate + "/inscriptions/nouvelle?cqp=CA")
	office.CheckA11y()
	office.Fill("#certifiable_from", "2027-01-04")
	office.Fill("#late_reason", "Contrat signé en novembre, accord de la CPNEFP")
	office.Click(`main form[action$="/inscriptions"] button[type=submit]`)
	if got := office.Text(".flash"); !strings.Contains(got, "Inscription enregistrée : CA") {
		t.Fatalf("dérogation : %q\n%s", got, office.Text("main"))
	}
	office.CheckA11y()
	if got := office.Text("main"); !strings.Contains(got, "Contrat signé en novembre, accord de la CPNEFP") {
		t.Error("motif de dérogation absent")
	}
}
