package web_test

import (
	"strings"
	"testing"

	"certibloc/internal/browsertest"
	"certibloc/internal/certif"
)

// loginInBrowser logs a role in through the login form, as a person would.
func loginInBrowser(t *testing.T, e *env, tab *browsertest.Tab, role string) {
	t.Helper()
	tab.Navigate(e.ts.URL + "/connexion")
	tab.Fill("#email", e.users[role].Email)
	tab.Fill("#password", testPassword)
	tab.Click("main button[type=submit]")
	if got := tab.Text("main"); !strings.Contains(got, "À faire maintenant") {
		t.Fatalf("%s : la connexion n'a pas mené à l'accueil : %.200s", role, got)
	}
}

// TestBrowserEveryPageIsAccessible logs in as each role in Chromium and runs
// axe-core (WCAG 2.1 A and AA) on every page that role can open, including the
// error pages and a form shown with its errors.
func TestBrowserEveryPageIsAccessible(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := browsers.Get(t)
	extra := map[string][]string{
		"":          {"/calendrier?annee=2026&jury_pro=2026-11-03&certifiable=2027-08-10", "/calendrier?jury_pro=pas-une-date", "/nulle-part"},
		"office":    {"/calendrier/gestion?annee=2027"},
		"certifier": {"/comptes"}, // 403 page
	}
	roles := []string{""}
	for _, r := range certif.Roles {
		roles = append(roles, string(r))
	}
	for _, role := range roles {
		name := role
		if name == "" {
			name = "anonyme"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			tab := b.NewTab(t)
			p := certif.Principal{}
			if role != "" {
				loginInBrowser(t, e, tab, role)
				p.User = e.users[role]
			}
			var pages []string
			for _, rt := range e.srv.Routes() {
				if rt.Method == "GET" && !rt.API && !rt.File && rt.Path != "/healthz" && rt.Allows(p) {
					pages = append(pages, samplePath(rt))
				}
			}
			for _, path := range append(pages, extra[role]...) {
				tab.Navigate(e.ts.URL + path)
				if strings.Contains(tab.URL(), "/connexion") && role != "" {
					t.Errorf("%s : renvoyé vers la connexion", path)
				}
				tab.CheckA11y()
			}
		})
	}
}

// TestBrowserOfficeOverridesACutoff is the office's journey: it forces the
// cutoff of a national jury, is told in French that a reason is needed, gives
// one, and sees the new cutoff on the public calendar.
func TestBrowserOfficeOverridesACutoff(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tab := browsers.Get(t).NewTab(t)
	loginInBrowser(t, e, tab, "office")
	tab.Navigate(e.ts.URL + "/calendrier/gestion?annee=2026")
	tab.Fill("#co-2026-12-17", "2026-12-10")
	tab.Click(`form:has(#co-2026-12-17) button[type=submit]`)
	if got := tab.Text("main"); !strings.Contains(got, "Indiquez le motif du changement de date limite.") {
		t.Fatalf("message d'erreur attendu, page : %.300s", got)
	}
	tab.CheckA11y()
	tab.Fill("#date", "2026-12-17")
	tab.Fill("#cutoff_override", "2026-12-10")
	tab.Fill("#override_reason", "Fermeture des sites le 11/12")
	tab.Click(`form:has(#override_reason) button[type=submit]`)
	if got := tab.Text(".flash"); !strings.Contains(got, "Jury national du 17/12/2026 enregistré.") {
		t.Fatalf("confirmation attendue : %q", got)
	}
	tab.CheckA11y()
	tab.Navigate(e.ts.URL + "/calendrier?annee=2026")
	if got := tab.Text("main"); !strings.Contains(got, "jeudi 10 décembre 2026") || !strings.Contains(got, "Fermeture des sites le 11/12") {
		t.Errorf("date limite forcée absente du calendrier public")
	}
}
