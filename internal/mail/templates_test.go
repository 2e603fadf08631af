package mail_test

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"certibloc/internal/mail"
)

var expires = time.Date(2026, 11, 30, 9, 5, 0, 0, time.UTC) // 10:05 in Paris

func TestRenderEveryKind(t *testing.T) {
	t.Parallel()
	if err := mail.Check(); err != nil {
		t.Fatal(err)
	}
	link := "https://certibloc.example.fr/mot-de-passe/nouveau?jeton=abc&x=1"
	for _, tc := range []struct {
		kind, subject string
		data          any
		want          []string // in both parts
	}{
		{"invitation", "Votre compte certibloc : choisissez votre mot de passe",
			mail.InvitationData{Name: "Hélène <Lefèvre>", Email: "helene@caf69.fr", Role: "Employeur (RH)", Employer: "CAF du Rhône", Link: link, ExpiresAt: expires},
			[]string{"Bonjour Hélène", "helene@caf69.fr", "Employeur (RH) (CAF du Rhône)", "30/11/2026 à 10 h 05", "équipe des examens"}},
		{"password_reset", "Réinitialisation de votre mot de passe certibloc",
			mail.PasswordResetData{Email: "rh@cpam33.fr", Link: link, ExpiresAt: expires},
			[]string{"Bonjour,", "rh@cpam33.fr", "30/11/2026 à 10 h 05", "une heure après la demande"}},
		{"test", "Courriel d'essai de certibloc", mail.TestData{SentAt: expires, Server: "smtp.example.fr:587 (starttls)"},
			[]string{"30/11/2026 à 10 h 05", "smtp.example.fr:587 (starttls)"}},
	} {
		t.Run(tc.kind, func(t *testing.T) {
			subject, text, html, err := mail.Render(tc.kind, tc.data)
			if err != nil {
				t.Fatal(err)
			}
			if subject != tc.subject {
				t.Errorf("objet %q, attendu %q", subject, tc.subject)
			}
			signature := []string{"certibloc — Certification des CQP de la Sécurité sociale par blocs de compétences",
				"Certificateur : UCANSS · Examens : Institut 4.10",
				"Pour toute question : équipe des examens et jurys professionnels, certification@institutquatredix.fr."}
			for _, s := range append(tc.want, signature...) {
				if !strings.Contains(text, s) {
					t.Errorf("texte : %q absent\n%s", s, text)
				}
			}
			if strings.HasPrefix(text, "Subject:") || strings.HasPrefix(text, "\n") {
				t.Errorf("la ligne d'objet ne doit pas rester dans le texte :\n%s", text)
			}
			for _, s := range []string{`<html lang="fr">`, "<title>" + strings.ReplaceAll(tc.subject, "'", "&#39;") + "</title>",
				">certibloc</span>", "Certificateur : UCANSS · Examens : Institut 4.10",
				`Pour toute question : équipe des examens et jurys professionnels, <a href="mailto:certification@institutquatredix.fr"`} {
				if !strings.Contains(html, s) {
					t.Errorf("HTML : %q absent", s)
				}
			}
			// the header and the footer name each organisation once, in each
			// part (the HTML's address: its link and its text)
			footer := text[strings.Index(text, "\n-- \n"):]
			for _, part := range []struct {
				name, s string
				address int
			}{{"texte (pied)", footer, 1}, {"HTML (cadre)", stripContent(html), 2}} {
				for name, want := range map[string]int{"UCANSS": 1, "Institut 4.10": 1, "équipe des examens": 1, "certification@institutquatredix.fr": part.address} {
					if n := strings.Count(part.s, name); n != want {
						t.Errorf("%s : %q %d fois, attendu %d", part.name, name, n, want)
					}
				}
			}
			if strings.Contains(html, "<style") || strings.Contains(html, "<script") || strings.Contains(html, "<Lefèvre>") {
				t.Errorf("HTML : styles en ligne seulement, données échappées")
			}
			if tc.kind != "test" {
				if !strings.Contains(text, link) || !strings.Contains(html, `href="https://certibloc.example.fr/mot-de-passe/nouveau?jeton=abc&amp;x=1"`) {
					t.Errorf("lien absent ou mal échappé :\n%s", html)
				}
			}
		})
	}
	if _, _, _, err := mail.Render("inconnu", nil); err == nil {
		t.Error("un type de courriel inconnu doit être refusé")
	}
}

// stripContent is the HTML of a mail without the kind's content: the
// layout's header and footer.
func stripContent(html string) string {
	start, end := strings.Index(html, `<tr><td style="padding:24px">`), strings.LastIndex(html, `<tr><td style="padding:16px 24px;border-top`)
	if start < 0 || end < start {
		return html
	}
	return html[:start] + html[end:]
}

func TestTemplatesAreCheckedAtParse(t *testing.T) {
	t.Parallel()
	base := fstest.MapFS{
		"_layout.html": {Data: []byte(`<html><title>{{.Subject}}</title>{{template "content" .Data}}</html>`)},
		"_footer.txt":  {Data: []byte("pied de {{.Platform}}")},
		"ok.txt":       {Data: []byte("Subject: Bonjour {{.}}\n\nCorps {{.}}")},
		"ok.html":      {Data: []byte("<p>{{.}}</p>")},
	}
	tpl, err := mail.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	if got := tpl.Kinds(); len(got) != 1 || got[0] != "ok" {
		t.Errorf("types : %v", got)
	}
	subject, text, html, err := tpl.Render("ok", "Zoé")
	if err != nil || subject != "Bonjour Zoé" || text != "Corps Zoé\n\n-- \npied de certibloc\n" || html != "<html><title>Bonjour Zoé</title><p>Zoé</p></html>" {
		t.Errorf("rendu : %q %q %q %v", subject, text, html, err)
	}
	for name, broken := range map[string]fstest.MapFS{
		"HTML manquant":  {"seul.txt": {Data: []byte("Subject: x\n\ny")}},
		"texte manquant": {"seul.html": {Data: []byte("<p>x</p>")}},
		"objet manquant": {"sans.txt": {Data: []byte("Bonjour\n\ny")}, "sans.html": {Data: []byte("<p>x</p>")}},
		"gabarit cassé":  {"casse.txt": {Data: []byte("Subject: {{.\n\ny")}, "casse.html": {Data: []byte("<p>x</p>")}},
		"HTML cassé":     {"casse.txt": {Data: []byte("Subject: x\n\ny")}, "casse.html": {Data: []byte("<p>{{end}}</p>")}},
	} {
		fsys := fstest.MapFS{}
		for k, v := range base {
			fsys[k] = v
		}
		for k, v := range broken {
			fsys[k] = v
		}
		if _, err := mail.Parse(fsys); err == nil {
			t.Errorf("%s : accepté", name)
		} else {
			t.Logf("%s : %v", name, err)
		}
	}
}

func TestKindLabels(t *testing.T) {
	t.Parallel()
	if mail.KindLabel("password_reset") != "Mot de passe oublié" || mail.KindLabel("autre") != "autre" {
		t.Error("libellés des types de courriel")
	}
}
