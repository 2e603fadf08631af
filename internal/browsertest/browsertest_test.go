package browsertest_test

import (
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"certibloc/internal/browsertest"
)

const accessiblePage = `<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><title>Connexion – Certibloc</title></head>
<body>
<header><p>Certibloc</p></header>
<main>
<h1>Connexion</h1>
<form method="post" action="/bonjour">
<label for="nom">Votre nom</label>
<input id="nom" name="nom" type="text" autocomplete="name">
<label for="role">Rôle</label>
<select id="role" name="role">
<option value="apprenant">Apprenant</option>
<option value="formateur">Formateur</option>
</select>
<button type="submit" id="envoyer">Envoyer</button>
</form>
<p><a id="lent" href="/lent">Page lente</a></p>
</main>
</body>
</html>`

const inaccessiblePage = `<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>Sans nom</title></head>
<body>
<img src="/logo.png">
<input type="text" name="q">
</body>
</html>`

// server serves the pages of the tests.
func server(t *testing.T) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, accessiblePage)
	})
	mux.HandleFunc("GET /mauvais", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, inaccessiblePage)
	})
	mux.HandleFunc("POST /bonjour", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Bonjour</title></head>
<body><main><h1>Bonjour</h1><p id="salut">Bonjour %s (%s)</p></main></body></html>`,
			html.EscapeString(r.FormValue("nom")), html.EscapeString(r.FormValue("role")))
	})
	mux.HandleFunc("GET /lent", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(time.Second) // longer than the grace of a click
		fmt.Fprint(w, `<!DOCTYPE html><html lang="fr"><title>Lent</title><main><h1>Enfin</h1></main></html>`)
	})
	mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestAccessiblePage(t *testing.T) {
	srv := server(t)
	tab := browsertest.Start(t).NewTab(t)
	tab.Navigate(srv.URL)
	tab.CheckA11y()
	if vs := tab.Violations(); len(vs) != 0 {
		t.Errorf("Violations() = %v, want none", vs)
	}
}

func TestInaccessiblePage(t *testing.T) {
	srv := server(t)
	tab := browsertest.Start(t).NewTab(t)
	tab.Navigate(srv.URL + "/mauvais")
	vs := tab.Violations()
	ids := make(map[string]bool)
	for _, v := range vs {
		ids[v.ID] = true
		if len(v.Nodes) == 0 || len(v.Nodes[0].Target) == 0 {
			t.Errorf("violation %s has no element: %+v", v.ID, v)
		}
	}
	for _, id := range []string{"image-alt", "label", "html-has-lang"} {
		if !ids[id] {
			t.Errorf("violations %v lack %q", ids, id)
		}
	}
}

func TestFormPostsBack(t *testing.T) {
	srv := server(t)
	b := browsertest.Start(t)
	tab := b.NewTab(t)
	tab.Navigate(srv.URL)
	tab.Fill("#nom", "Zoé")
	tab.Fill("#nom", "Zoé Lefèvre") // Fill replaces what the field held
	tab.Fill("#role", "formateur")
	tab.Click("#envoyer")

	if got, want := tab.Text("#salut"), "Bonjour Zoé Lefèvre (formateur)"; got != want {
		t.Errorf("Text(#salut) = %q, want %q", got, want)
	}
	if got := tab.URL(); got != srv.URL+"/bonjour" {
		t.Errorf("URL() = %q, want %q", got, srv.URL+"/bonjour")
	}
	if got := tab.HTML(); !strings.Contains(got, `<h1>Bonjour</h1>`) {
		t.Errorf("HTML() lacks the heading:\n%s", got)
	}
	tab.WaitVisible("#salut")
	tab.CheckA11y()

	shot := filepath.Join(t.TempDir(), "bonjour.png")
	tab.Screenshot(shot)
	if fi, err := os.Stat(shot); err != nil || fi.Size() == 0 {
		t.Errorf("screenshot: %v", err)
	}

	// Submit without a click, in a second tab.
	other := b.NewTab(t)
	other.Navigate(srv.URL)
	other.Fill("#nom", "Ada")
	other.Submit("#nom")
	if got, want := other.Text("#salut"), "Bonjour Ada (apprenant)"; got != want {
		t.Errorf("after Submit, Text(#salut) = %q, want %q", got, want)
	}
	if errs := other.ConsoleErrors(); len(errs) > 0 {
		t.Errorf("console errors: %q", errs)
	}
}

func TestClickWaitsForSlowPage(t *testing.T) {
	srv := server(t)
	tab := browsertest.Start(t).NewTab(t)
	tab.Navigate(srv.URL)
	tab.Click("#lent")
	if got := tab.URL(); got != srv.URL+"/lent" {
		t.Errorf("URL() right after the click = %q, want %q", got, srv.URL+"/lent")
	}
	tab.Click("h1") // no navigation
	if got := tab.Text("h1"); got != "Enfin" {
		t.Errorf("Text(h1) = %q, want Enfin", got)
	}
}

func TestTabsHaveTheirOwnCookies(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /set", func(w http.ResponseWriter, r *http.Request) {
		http.SetCookie(w, &http.Cookie{Name: "session", Value: "abc", Path: "/"})
		fmt.Fprint(w, `<!DOCTYPE html><html lang="fr"><title>ok</title><main><p id="c">posé</p></main></html>`)
	})
	mux.HandleFunc("GET /get", func(w http.ResponseWriter, r *http.Request) {
		v := "aucun"
		if c, err := r.Cookie("session"); err == nil {
			v = c.Value
		}
		fmt.Fprintf(w, `<!DOCTYPE html><html lang="fr"><title>ok</title><main><p id="c">%s</p></main></html>`, v)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	b := browsertest.Start(t)
	first, second := b.NewTab(t), b.NewTab(t)
	first.Navigate(srv.URL + "/set")
	first.Navigate(srv.URL + "/get")
	if got := first.Text("#c"); got != "abc" {
		t.Errorf("first tab: cookie = %q, want abc", got)
	}
	second.Navigate(srv.URL + "/get")
	if got := second.Text("#c"); got != "aucun" {
		t.Errorf("second tab: cookie = %q, want none", got)
	}
}

// TestResizeGivesThePageAPhonesWidth: the page reads the viewport that
// Resize sets, through Eval.
func TestResizeGivesThePageAPhonesWidth(t *testing.T) {
	t.Parallel()
	srv := server(t)
	tab := browsertest.Start(t).NewTab(t)
	tab.Navigate(srv.URL + "/")
	tab.Resize(390, 844)
	if w := browsertest.Eval[int](tab, "window.innerWidth"); w != 390 {
		t.Errorf("largeur de la page : %d, attendu 390", w)
	}
	if title := browsertest.Eval[string](tab, "document.querySelector('h1').textContent"); title != "Connexion" {
		t.Errorf("titre lu : %q", title)
	}
}
