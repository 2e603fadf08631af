package web_test

import (
	"fmt"
	"strings"
	"testing"

	"certibloc/internal/browsertest"
	"certibloc/internal/store"
)

// phoneWidth and phoneHeight are a phone's screen in CSS pixels.
const phoneWidth, phoneHeight = 390, 844

// TestBrowserOnAPhone is the office's and an employer's journey on a phone,
// with the accessibility check on every page: the menu waits behind its
// button and the page's content starts on the first screen; the button
// unfolds the groups; the candidates list reads as cards, the page never
// wider than the screen, a table too wide for it (a file's history)
// scrolling in its own region; a candidate's file says
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
			if problem := browsertest.Eval[string](tab, stackedLists); problem != "" {
				t.Errorf("la liste des candidats sur un téléphone : %s", problem)
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
			if !browsertest.Eval[bool](tab, `[...document.querySelectorAll(".table-scroll")].some(r => r.scrollWidth > r.clientWidth)`) {
				t.Error("l'historique du dossier tient dans 390 px : le test ne montre plus le défilement d'un tableau dans sa région")
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

// stackedLists checks the lists of a page read as cards (table.stack): "" when
// they do, what is wrong otherwise. On a phone, each row is a card opened by
// its row header, no wider than the screen, the column headers hidden from
// sight, each cell named by its column's header (data-label) as it shows; on
// a wide screen, a table.
const stackedLists = `(() => {
  const phone = window.innerWidth < 768, lists = [...document.querySelectorAll("main table.stack")];
  if (!lists.length) return "aucune liste en cartes";
  for (const t of lists) {
    const heads = [...t.tHead.rows[0].cells].map(c => c.textContent.trim());
    if (!phone) { if (getComputedStyle(t).display !== "table") return "un tableau sur grand écran attendu : " + getComputedStyle(t).display; continue; }
    if (t.scrollWidth > t.parentElement.clientWidth) return "liste de " + t.scrollWidth + " px dans " + t.parentElement.clientWidth + " px";
    if (t.tHead.getBoundingClientRect().height > 1) return "en-têtes de colonnes visibles";
    for (const row of t.tBodies[0].rows) {
      if (getComputedStyle(row).display !== "flex") return "ligne non empilée";
      const th = row.querySelector("th"); // none in the row of an empty list
      if (th && [...row.cells].some(c => c.getBoundingClientRect().top < th.getBoundingClientRect().top)) return "la carte ne s'ouvre pas sur « " + th.textContent.trim() + " »";
      for (const c of row.querySelectorAll("td[data-label]")) {
        if (c.dataset.label !== heads[c.cellIndex]) return "cellule « " + c.dataset.label + " » sous la colonne « " + heads[c.cellIndex] + " »";
        if (!getComputedStyle(c, "::before").content.includes(c.dataset.label)) return "intitulé « " + c.dataset.label + " » non affiché";
      }
    }
  }
  return "";
})()`

// TestBrowserListsReadAsCardsOnAPhone: the lists people read most on a
// phone — a candidate's blocks (in the candidate's space, and on the file and
// the registration the employer opens), a jury member's sessions and
// candidates, an employer's registrations, candidates and convocations — read as one card per row at 390 px, by CSS
// alone, and as tables on a wide screen; axe finds nothing at either width.
func TestBrowserListsReadAsCardsOnAPhone(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.juryOf(t, e.leaAttempt(t))
	lea := e.users["candidate"].CandidateID
	regs, err := e.st.CandidateRegistrations(t.Context(), lea, store.All)
	if err != nil || len(regs) != 1 {
		t.Fatalf("inscription de Léa : %v %v", regs, err)
	}
	file, registration := fmt.Sprintf("/candidats/%d", lea), fmt.Sprintf("/inscriptions/%d", regs[0].ID) // the blocks, as the employer reads them
	b := browsers.Get(t)
	for role, pages := range map[string][]string{"candidate": {"/"}, "jury": {"/mes-seances", "/mes-candidats"}, "employer": {"/inscriptions", "/candidats", "/convocations", file, registration}} {
		t.Run(role, func(t *testing.T) {
			t.Parallel()
			tab := b.NewTab(t)
			loginInBrowser(t, e, tab, role)
			for _, path := range pages {
				for _, width := range []int64{phoneWidth, 1280} {
					tab.Resize(width, phoneHeight)
					tab.Navigate(e.ts.URL + path)
					tab.CheckA11y()
					if problem := browsertest.Eval[string](tab, stackedLists); problem != "" {
						t.Errorf("%s à %d px : %s", path, width, problem)
					}
					if w := browsertest.Eval[int](tab, `document.documentElement.scrollWidth`); w > int(width) {
						t.Errorf("%s : la page fait %d px de large sur un écran de %d px", path, w, width)
					}
				}
			}
		})
	}
}
