package web_test

import (
	"net/http"
	"net/url"
	"testing"
)

// juryForm is a state change any office session may make.
func juryForm(token string) url.Values {
	return url.Values{"date": {"2027-01-21"}, "start": {"10:00"}, "end": {"13:00"}, "csrf_token": {token}}
}

// TestCSRFTokenIsBoundToTheSession: the token of a form is good for the
// session that showed it and no other: not one from before login, from
// another session (even planted as a cookie), nor from a session closed by a
// new login or a logout. Anonymous forms (login, forgotten password) work.
func TestCSRFTokenIsBoundToTheSession(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	u, _ := url.Parse(e.ts.URL)
	login := url.Values{"email": {"office@test.fr"}, "password": {testPassword}}

	c := e.anonymous()
	before := c.csrf()
	expectRedirect(t, c.post("/mot-de-passe/oubli", url.Values{"email": {"personne@test.fr"}}), "/mot-de-passe/oubli")
	expectRedirect(t, c.post("/connexion", login), "/")
	if res := c.postRaw("/calendrier/jurys", juryForm(before)); res.StatusCode != http.StatusForbidden {
		t.Errorf("jeton d'avant la connexion accepté : %d", res.StatusCode)
	}
	first := c.csrf()
	if first == before {
		t.Error("la connexion doit changer le jeton des formulaires")
	}
	expectRedirect(t, c.postRaw("/calendrier/jurys", juryForm(first)), "/calendrier/gestion?annee=2027")

	other := e.as("office")
	other.http.Jar.SetCookies(u, []*http.Cookie{{Name: "cb_csrf", Value: first}})
	if res := other.postRaw("/calendrier/jurys", juryForm(first)); res.StatusCode != http.StatusForbidden {
		t.Errorf("jeton d'une autre session (et cookie posé) accepté : %d", res.StatusCode)
	}
	req, _ := http.NewRequest("POST", e.ts.URL+"/calendrier/jurys", nil)
	req.Header.Set("X-CSRF-Token", first)
	if res := other.do(req); res.StatusCode != http.StatusForbidden {
		t.Errorf("jeton d'une autre session accepté en en-tête : %d", res.StatusCode)
	}

	expectRedirect(t, c.post("/connexion", login), "/")
	if res := c.postRaw("/calendrier/jurys", juryForm(first)); res.StatusCode != http.StatusForbidden {
		t.Errorf("jeton de la session d'avant une nouvelle connexion accepté : %d", res.StatusCode)
	}
	second := c.csrf()
	expectRedirect(t, c.postRaw("/deconnexion", url.Values{"csrf_token": {second}}), "/connexion")
	if res := c.postRaw("/connexion", url.Values{"email": {"office@test.fr"}, "password": {testPassword}, "csrf_token": {second}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("jeton d'une session fermée accepté : %d", res.StatusCode)
	}
	if after := c.csrf(); after == second || after == before {
		t.Errorf("la déconnexion doit changer le jeton des formulaires")
	}
	expectRedirect(t, c.post("/connexion", login), "/")
}
