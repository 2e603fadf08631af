package web_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestBrowserLargeImportShowsItsProgress: an import that takes long leads to
// a page showing how far the check has got; its script brings the preview as
// soon as it is ready, without the user doing anything.
func TestBrowserLargeImportShowsItsProgress(t *testing.T) {
	t.Parallel()
	e := newEnv(t, quickProgress)
	file := filepath.Join(t.TempDir(), "inscriptions.csv")
	if err := os.WriteFile(file, []byte(importHeader+
		"Lefèvre;;Élodie;F;15/03/1990;69123;;COS;partiel;1 et 3;05/04/2027;CDI;non;Accueil;non;\r\n"+
		"Morel;;Paul;M;02/02/1988;69123;;GC;complet;;01/06/2027;CDD;non;;non;\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tab := browsers.Get(t).NewTab(t)
	loginInBrowser(t, e, tab, "employer")
	tab.Navigate(e.ts.URL + "/imports")
	tab.Upload("#file", file)
	release := e.srv.HoldJobs() // the check waits at its first line, so the progress page is seen for sure
	tab.Click("main form button[type=submit]")
	// The page may open while the file is still read; its script then shows the check.
	got := tab.Text("main")
	for deadline := time.Now().Add(30 * time.Second); !strings.Contains(got, "0 sur 2 lignes") && time.Now().Before(deadline); got = tab.Text("main") {
		time.Sleep(50 * time.Millisecond)
	}
	if !strings.Contains(got, "Traitement en cours") || !strings.Contains(got, "Vérification des lignes") || !strings.Contains(got, "0 sur 2 lignes") {
		release()
		t.Fatalf("page d'avancement attendue : %.600s", got)
	}
	tab.CheckA11y()
	release()
	tab.WaitVisible(`form[action^="/imports/"] button[type=submit]`)
	if got := tab.Text("main"); !strings.Contains(got, "2 nouveaux candidats, 2 inscriptions à créer") {
		t.Fatalf("aperçu attendu après l'avancement : %.800s", got)
	}
	tab.CheckA11y()
	tab.Click(`form[action^="/imports/"] button[type=submit]`)
	if got := tab.Text(".flash"); !strings.Contains(got, "Import terminé : 2 nouveaux candidats, 2 inscriptions créées") {
		t.Fatalf("import : %q", got)
	}
}
