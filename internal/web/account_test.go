package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"certibloc/internal/clock"
)

var newTokenValue = regexp.MustCompile(`<code class="secret">(cb_[^<]+)</code>`)

// TestAccountTokensExpireAndDieWithThePassword: "Mon compte" makes a token
// valid for the lifetime chosen, lists it with its creation, last use and
// expiry dates; the API refuses it once expired, and every token of the
// account once its password is changed.
func TestAccountTokensExpireAndDieWithThePassword(t *testing.T) {
	t.Parallel()
	eachDialect(t, func(t *testing.T, e *env) {
		c := e.as("office")
		expectPage(t, c.get("/compte"), http.StatusOK, `<select id="days" name="days"`, `<option value="30">30 jours</option>`,
			`<option value="90" selected>90 jours</option>`, `<option value="365">365 jours</option>`)
		expectPage(t, c.post("/compte/jetons", url.Values{"label": {"export"}, "days": {"400"}}), http.StatusUnprocessableEntity,
			"Choisissez une durée de validité de 1 à 365 jours.")
		page := expectPage(t, c.post("/compte/jetons", url.Values{"label": {"export"}, "days": {"30"}}), http.StatusCreated)
		m := newTokenValue.FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("jeton non affiché :\n%.2000s", page)
		}
		tokens, err := e.st.APITokens(t.Context(), e.users["office"].ID)
		if err != nil || len(tokens) != 2 {
			t.Fatalf("jetons : %+v %v", tokens, err)
		}
		tok := tokens[1]
		if tok.ExpiresAt.Sub(tok.CreatedAt) != 30*24*time.Hour {
			t.Errorf("jeton de 30 jours : créé %s, expire %s", tok.CreatedAt, tok.ExpiresAt)
		}
		if !strings.Contains(page, "valable jusqu'au "+clock.FormatParisDay(tok.ExpiresAt)) {
			t.Errorf("échéance absente du message :\n%.2000s", page)
		}
		e.tokens["export"] = m[1]
		if res := e.api("GET", "/api/v1/me", "export", ""); res.StatusCode != http.StatusOK {
			t.Fatalf("jeton neuf refusé : %d", res.StatusCode)
		}
		if err := e.auth.FlushUsage(t.Context()); err != nil { // serve does it every minute
			t.Fatal(err)
		}
		tokens, _ = e.st.APITokens(t.Context(), e.users["office"].ID)
		day := clock.FormatParisDay
		expectPage(t, c.get("/compte"), http.StatusOK, "<th scope=\"col\">Expire le</th>",
			"<th scope=\"row\">export</th><td>"+day(tokens[1].CreatedAt)+"</td><td>"+day(tokens[1].LastUsed)+"</td><td>"+day(tokens[1].ExpiresAt)+"</td>",
			"<th scope=\"row\">test</th><td>"+day(tokens[0].CreatedAt)+"</td><td>jamais</td><td>"+day(tokens[0].ExpiresAt)+"</td>")

		// Expired: the French 401 of the API, "expiré" on the page.
		e.st.SetClock(func() time.Time { return tok.ExpiresAt.Add(time.Second) })
		expectAPIError(t, e.api("GET", "/api/v1/me", "export", ""), http.StatusUnauthorized, "Jeton d'accès invalide, expiré ou révoqué.")
		expectPage(t, e.as("office").get("/compte"), http.StatusOK, "<td>expiré</td>")
		e.st.SetClock(e.clock.Now)

		// A new password revokes every token of the account, not of others.
		c = e.as("office")
		expectRedirect(t, c.post("/compte/mot-de-passe", url.Values{"current": {testPassword}, "password": {"un nouveau mot de passe"},
			"confirm": {"un nouveau mot de passe"}}), "/connexion")
		for _, key := range []string{"export", "office"} {
			expectAPIError(t, e.api("GET", "/api/v1/me", key, ""), http.StatusUnauthorized, "Jeton d'accès invalide, expiré ou révoqué.")
		}
		if res := e.api("GET", "/api/v1/me", "certifier", ""); res.StatusCode != http.StatusOK {
			t.Errorf("le jeton d'un autre compte doit rester valable : %d", res.StatusCode)
		}
	})
}

func expectAPIError(t *testing.T, res *http.Response, status int, message string) {
	t.Helper()
	got := decode[apiErr](t, res)
	if res.StatusCode != status || got.Error.Message != message {
		t.Errorf("statut %d %q, attendu %d %q", res.StatusCode, got.Error.Message, status, message)
	}
}
