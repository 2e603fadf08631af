package web_test

import (
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"certibloc/internal/certif"
)

// What a user must never read: rule codes, "(s)" plurals and "(e)"
// agreements, the code's English (snake_case codes and a list of words the
// journal and statuses used to show), ISO dates and "14:05" times.
var notFrench = []struct {
	what string
	re   *regexp.Regexp
}{
	{"code de règle", regexp.MustCompile(`\bR\d{1,2}\b`)},
	{"pluriel ou accord entre parenthèses", regexp.MustCompile(`\p{L}\((s|x|e|es)\)`)},
	{"code anglais", regexp.MustCompile(`\b[a-z]+_[a-z_]+\b`)},
	{"mot anglais", regexp.MustCompile(`\b(registration|create|update|delete|return|true|false|pending|cancelled|draft|employer|certifier|block|registered|scheduled|evaluated|validated|favourable|unfavourable|acquired|present|excused|final|revoked|replaced|failed)\b`)},
	{"date ISO", regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}(\b|T)`)},
	{"heure HH:MM", regexp.MustCompile(`\b\d{1,2}:\d{2}\b`)},
}

var (
	hiddenParts = regexp.MustCompile(`(?s)<script.*?</script>|<style.*?</style>|<!--.*?-->|<textarea.*?</textarea>|<pre.*?</pre>|<code.*?</code>`)
	anyTag      = regexp.MustCompile(`(?s)<[^>]*>`)
	email       = regexp.MustCompile(`[\w.+-]+@[\w-]+(\.[\w-]+)+`)
	ruleInTpl   = regexp.MustCompile(`\(R\d{1,2}[,)]|\bR\d{1,2}\b`)
	tplComment  = regexp.MustCompile(`(?s)\{\{/\*.*?\*/\}\}`)
	tplAction   = regexp.MustCompile(`(?s)\{\{.*?\}\}`)
)

// visibleText is what a person reads of a page: its text, without markup,
// scripts, attribute values or code samples.
func visibleText(page string) string {
	text := html.UnescapeString(anyTag.ReplaceAllString(hiddenParts.ReplaceAllString(page, " "), " "))
	return email.ReplaceAllString(text, "") // addresses are the people's own
}

// frenchProblems lists what a text shows that is not French for its reader.
func frenchProblems(text string) []string {
	var out []string
	for _, f := range notFrench {
		for _, m := range f.re.FindAllStringIndex(text, 3) {
			out = append(out, f.what+" : «\u00a0"+around(text, m[0], m[1])+"\u00a0»")
		}
	}
	return out
}

func around(s string, from, to int) string {
	from, to = max(0, from-40), min(len(s), to+40)
	for from > 0 && !utf8Start(s[from]) {
		from--
	}
	for to < len(s) && !utf8Start(s[to]) {
		to++
	}
	return strings.Join(strings.Fields(s[from:to]), " ")
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

func TestFrenchProblemsFindsWhatAUserMustNotRead(t *testing.T) {
	for _, bad := range []string{"Parcours (R2, R3)", "Jury professionnel (R8)", "3 ligne(s)", "né(e) le", "health_read", "Action : create",
		"le 2026-04-01", "à 14:05", "registration 12", "2026-12-03T14:05:00.000000Z"} {
		if len(frenchProblems(bad)) == 0 {
			t.Errorf("%q passe pour du français", bad)
		}
	}
	for _, good := range []string{"Inscription à faire au plus tard 3 mois avant la période", "3 lignes", "née le 01/04/1990", "à 14 h 05",
		"Consultation des données de santé", "la candidate", "période d'avril 2027"} {
		if p := frenchProblems(good); len(p) != 0 {
			t.Errorf("%q refusé : %v", good, p)
		}
	}
	if got := visibleText(`<p title="health_read">Bonjour <script>var a_b = "2026-01-01"</script><b>Léa</b> &amp; co</p>`); strings.Join(strings.Fields(got), " ") != "Bonjour Léa & co" {
		t.Errorf("texte visible : %q", got)
	}
}

// TestNoTemplateShowsARuleCode: the templates of the pages and the mails
// (comments aside) name no rule; the rules are the code's and the docs'.
func TestNoTemplateShowsARuleCode(t *testing.T) {
	n := 0
	for _, root := range []string{".", "../mail/templates"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !(strings.HasSuffix(path, ".html") || strings.HasSuffix(path, ".txt")) || strings.Contains(path, "node_modules") {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			n++
			text := tplAction.ReplaceAllString(tplComment.ReplaceAllString(string(b), ""), " ")
			if m := ruleInTpl.FindString(text); m != "" {
				t.Errorf("%s : code de règle %q affiché", path, m)
			}
			for _, p := range frenchProblems(visibleText(text)) {
				t.Errorf("%s : %s", path, p)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if n < 50 {
		t.Fatalf("%d modèles lus : le test ne trouve plus les modèles", n)
	}
}

// TestEveryPageReadsInFrench renders every page of the route table as every
// role, on the tenants' fixture (candidates, registrations, sessions,
// evaluations, journal): no page shows a rule code, a "(s)", an English code,
// an ISO date or a "14:05" time.
func TestEveryPageReadsInFrench(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	f := newTenantFixture(t, e)
	roles := []string{""}
	for _, r := range certif.Roles {
		roles = append(roles, string(r))
	}
	pages := 0
	for _, role := range roles {
		c := e.anonymous()
		p := certif.Principal{}
		if role != "" {
			c, p.User = e.as(role), e.users[role]
		}
		for _, rt := range e.srv.Routes() {
			if rt.Method != "GET" || rt.API || rt.File || rt.Path == "/healthz" || !rt.Allows(p) {
				continue
			}
			path := samplePath(rt)
			for _, s := range f.samples[rt.Path] {
				if s.owner == role {
					path = fillPath(rt.Path, s.values)
				}
			}
			res := c.get(path)
			if !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
				readAll(t, res)
				continue
			}
			pages++
			for _, problem := range frenchProblems(visibleText(body(t, res))) {
				t.Errorf("%s (%s) : %s", path, role, problem)
			}
		}
	}
	if pages < 100 {
		t.Fatalf("%d pages lues seulement", pages)
	}
}
