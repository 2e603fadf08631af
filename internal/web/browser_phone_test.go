package web_test

import (
	"strings"
	"testing"

	"certibloc/internal/browsertest"
)

// phoneWidth and phoneHeight are a phone's screen in CSS pixels.
const phoneWidth, phoneHeight = 390, 844

// TestBrowserOnAPhone is the office's and an employer's journey on a phone,
// with the accessibility check on every page: the menu waits behind its
// button and the page's content starts on the first screen; the button
// unfolds the groups; a list too wide for the screen scrolls in its own
// region, the page never wider than the screen; a candidate's file says
// where it is (breadcrumbs). On a wide screen, the groups show without a button.
func TestBrowserOnAPhone(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := browsers.Get(t)
	for _, role := range []string{"office", "employer"} {
		t.Run(role, func(t *testing.T) {
			t.Parallel()
			tab := b.NewTab(t)
			loginInBrowser(t, e, tab, role)
			tab.Resize(phoneWidth, phoneHeight)
			tab.Navigate(e.ts.URL + "/")
			tab.CheckA11y()
			if browsertest.Eval[bool](tab, `document.querySelector(".menu .groups").checkVisibility()`) {
				t.Error("le menu est déplié sur le premier écran d'un téléphone")
			}
			if top := browsertest.Eval[float64](tab, `document.querySelector("main h1").getBoundingClientRect().top`); top > phoneHeight/2 {
				t.Errorf("le titre de la page commence à %.0f px : le haut de page remplit le premier écran", top)
			}
			tab.Click(".menu summary")
			if !browsertest.Eval[bool](tab, `document.querySelector('.menu a[href="/candidats"]').checkVisibility()`) {
				t.Fatal("le bouton Menu ne déplie pas les groupes")
			}
			tab.CheckA11y()
			tab.Click(`.menu a[href="/candidats"]`)
			if got := tab.Text("main h1"); got != "Candidats" {
				t.Fatalf("le lien Candidats du menu mène à %q", got)
			}
			tab.CheckA11y()
			if !browsertest.Eval[bool](tab, `[...document.querySelectorAll(".table-scroll")].some(r => r.scrollWidth > r.clientWidth)`) {
				t.Error("la liste des candidats tient dans 390 px : le test ne montre plus le défilement d'un tableau")
			}
			if w := browsertest.Eval[int](tab, `document.documentElement.scrollWidth`); w > phoneWidth {
				t.Errorf("la page fait %d px de large sur un écran de %d px", w, phoneWidth)
			}
			tab.Click(`main table a[href^="/candidats/"]`)
			tab.CheckA11y()
			crumbs := tab.Text(`nav.crumbs`)
			if !strings.Contains(crumbs, "Accueil") || !strings.Contains(crumbs, "Candidats") || !strings.Contains(crumbs, "MARTIN (DURAND) Léa") {
				t.Errorf("fil d'Ariane de la fiche du candidat : %q", crumbs)
			}
			if got := tab.Text(`nav.crumbs [aria-current="page"]`); !strings.Contains(got, "MARTIN (DURAND) Léa") {
				t.Errorf("page courante du fil d'Ariane : %q", got)
			}
			if w := browsertest.Eval[int](tab, `document.documentElement.scrollWidth`); w > phoneWidth {
				t.Errorf("la fiche du candidat fait %d px de large sur un écran de %d px", w, phoneWidth)
			}
			tab.Resize(1280, 1024)
			tab.Navigate(e.ts.URL + "/candidats")
			if !browsertest.Eval[bool](tab, `document.querySelector('.menu .group.current a[href="/candidats"][aria-current="page"]').checkVisibility()`) {
				t.Error("sur un grand écran, les pages du groupe courant ne se montrent pas sans le bouton Menu")
			}
			tab.CheckA11y()
		})
	}
}
