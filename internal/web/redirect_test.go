package web_test

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"testing"
)

// nextCases are values of "suite" (the page to go to after login) with the
// page the browser must be sent to: "/" for anything that is not a page of
// this site, the value re-serialised otherwise.
var nextCases = []struct{ next, want string }{
	// Pages of the site
	{"/", "/"},
	{"/compte", "/compte"},
	{"/inscriptions?tri=recent", "/inscriptions?tri=recent"},
	{"/recueil/2026-06?page=2&employeur=CAF69", "/recueil/2026-06?employeur=CAF69&page=2"},
	{"/candidats?q=%C3%A9lo%C3%AFse", "/candidats?q=%C3%A9lo%C3%AFse"},
	{"/candidats?q=a+b", "/candidats?q=a+b"},
	{"/referentiel/COS#blocs", "/referentiel/COS"},
	{"/candidats/é", "/candidats/%C3%A9"},
	{"/@evil.example", "/@evil.example"}, // a path of this site, not a host
	// Other sites, by scheme, host or userinfo
	{"", "/"},
	{"compte", "/"},
	{"https://evil.example/", "/"},
	{"http:evil.example", "/"},
	{"https://office@evil.example/", "/"},
	{"javascript:alert(1)", "/"},
	{"data:text/html,<script>alert(1)</script>", "/"},
	{"//evil.example", "/"},
	{"///evil.example", "/"},
	// Backslashes, read as slashes by browsers
	{"/\\evil.example", "/"},
	{"\\\\evil.example", "/"},
	{"/\\/evil.example", "/"},
	{"/compte\\..\\..\\evil.example", "/"},
	// Tabs, newlines and other characters browsers drop or hide
	{"/\t/evil.example", "/"},
	{"/\n/evil.example", "/"},
	{"/\r\n/evil.example", "/"},
	{"\t//evil.example", "/"},
	{" /compte", "/"},
	{"/ /evil.example", "/"},
	{"/\x00/evil.example", "/"},
	{"/\x7f/evil.example", "/"},
	{"/\u00a0/evil.example", "/"},
	{"/\u200b/evil.example", "/"},
	{"/\u2028/evil.example", "/"},
	{"/compte?x=1\t", "/"},
	// The same, percent-encoded
	{"/%2F%2Fevil.example", "/"},
	{"/%2f/evil.example", "/"},
	{"/%5Cevil.example", "/"},
	{"/%5c%5cevil.example", "/"},
	{"/%09/evil.example", "/"},
	{"/%0a/evil.example", "/"},
	{"/%0D%0ASet-Cookie:%20x=y", "/"},
	{"/%E2%80%8B/evil.example", "/"},
	// Dot segments and what does not parse
	{"/.//evil.example", "/"},
	{"/..//evil.example", "/"},
	{"/%2e%2e//evil.example", "/"},
	{"/%zz", "/"},
	{"/compte?x=%zz", "/"},
}

var nextInput = regexp.MustCompile(`name="suite" value="([^"]*)"`)

// TestLoginSendsOnlyToPagesOfThisSite: the page to go to after login, from
// the login page's address (its hidden field) or from the form (the Location
// of the answer), is a page of this site or the home page.
func TestLoginSendsOnlyToPagesOfThisSite(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	visitor, office := e.anonymous(), e.anonymous()
	for _, tc := range nextCases {
		res := visitor.get("/connexion?suite=" + url.QueryEscape(tc.next))
		m := nextInput.FindStringSubmatch(body(t, res))
		if m == nil {
			t.Fatalf("GET /connexion?suite=%q : pas de champ suite (statut %d)", tc.next, res.StatusCode)
		}
		if got := html.UnescapeString(m[1]); got != tc.want {
			t.Errorf("GET /connexion?suite=%q : champ suite %q, attendu %q", tc.next, got, tc.want)
		}
		res = office.post("/connexion", url.Values{"email": {"office@test.fr"}, "password": {testPassword}, "suite": {tc.next}})
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != tc.want {
			t.Errorf("POST /connexion suite=%q : %d vers %q, attendu %q", tc.next, res.StatusCode, res.Header.Get("Location"), tc.want)
		}
	}
}
