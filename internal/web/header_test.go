package web_test

import (
	"html"
	"regexp"
	"strings"
	"testing"
)

var (
	siteHeader = regexp.MustCompile(`(?s)<header class="site-header">.*?<nav`)
	whoLine    = regexp.MustCompile(`(?s)<div class="who">\s*<p>(.*?)</p>`)
	siteFooter = regexp.MustCompile(`(?s)<footer class="site-footer">.*?</footer>`)
)

// TestEveryRolesHeaderNamesTheAccountOnce: the header of each role names the
// account, its role and its employer by their names (never a code such as
// CAF69, never in a monospace <code>), and the certifier and the exam office
// once each, in the masthead: the footer says whom to write to without
// naming them again.
func TestEveryRolesHeaderNamesTheAccountOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for role, want := range map[string]string{
		"office":        "office@test.fr · Équipe des examens",
		"certifier":     "ucanss@test.fr · Certificateur",
		"national_fund": "jurys@cnaf.test · Caisse nationale",
		"employer":      "rh@caf69.test · Employeur (service RH) · CAF du Rhône",
		"employerB":     "rh@cpam33.test · Employeur (service RH) · CPAM de la Gironde",
		"jury":          "paul@jury.test · Membre de jury",
		"candidate":     "lea@test.fr · Candidate",
	} {
		page := body(t, e.as(role).get("/"))
		header := siteHeader.FindString(page)
		who := whoLine.FindStringSubmatch(header)
		if who == nil {
			t.Errorf("%s : en-tête sans compte :\n%.1500s", role, header)
			continue
		}
		if got := html.UnescapeString(who[1]); got != want {
			t.Errorf("%s : en-tête %q, attendu %q", role, got, want)
		}
		for word, n := range map[string]int{"UCANSS": 1, "Institut 4.10": 1, "CAF69": 0, "CPAM33": 0, "<code": 0} {
			if got := strings.Count(header, word); got != n {
				t.Errorf("%s : %q %d fois dans l'en-tête, attendu %d", role, word, got, n)
			}
		}
		footer := siteFooter.FindString(page)
		if !strings.Contains(footer, `Pour toute question : équipe des examens et jurys professionnels, <a href="mailto:certification@institutquatredix.fr">`) ||
			strings.Contains(footer, "Institut 4.10") {
			t.Errorf("%s : pied de page %q", role, footer)
		}
	}
}
