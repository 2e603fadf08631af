package mail

import (
	"bytes"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	texttemplate "text/template"

	"certibloc/internal/certif"
	"certibloc/internal/clock"
	"certibloc/internal/store"
)

//go:embed templates/*
var templateFiles embed.FS

// Templates holds every kind of mail, parsed and checked.
type Templates struct {
	kinds  map[string]kindTemplates
	footer string
}

type kindTemplates struct {
	text *texttemplate.Template
	html *htmltemplate.Template
}

const subjectPrefix = "Subject: "

var funcs = map[string]any{
	"frDate":      func(d certif.Date) string { return d.French() },
	"frTime":      clock.FormatParis,
	"button":      button,
	"count":       certif.Count,
	"frenchClock": certif.FrenchClock,
	"de":          certif.De,
	"plural":      certif.Noun,
	"frMonth":     func(m certif.Month) string { return m.French() },
	"ofMonth":     certif.OfMonth,
}

// button draws a link as a button that mail clients keep (inline styles only).
func button(url, label string) (htmltemplate.HTML, error) {
	if !strings.HasPrefix(url, "https://") && !strings.HasPrefix(url, "http://") {
		return "", fmt.Errorf("lien %q : http:// ou https:// attendu", url)
	}
	return htmltemplate.HTML(`<a href="` + htmltemplate.HTMLEscapeString(url) + `" style="display:inline-block;background:#1e4b5c;color:#ffffff;` +
		`padding:10px 18px;border-radius:4px;text-decoration:none;font-weight:bold">` + htmltemplate.HTMLEscapeString(label) + `</a>`), nil
}

// Parse reads the templates of a folder laid out as described in the package
// documentation, and checks that every kind has both parts and a subject.
func Parse(fsys fs.FS) (*Templates, error) {
	layout, err := htmltemplate.New("_layout.html").Funcs(funcs).ParseFS(fsys, "_layout.html")
	if err != nil {
		return nil, fmt.Errorf("gabarit de courriel _layout.html : %w", err)
	}
	footer, err := readFooter(fsys)
	if err != nil {
		return nil, fmt.Errorf("gabarit de courriel _footer.txt : %w", err)
	}
	t := &Templates{kinds: map[string]kindTemplates{}, footer: footer}
	names, err := fs.Glob(fsys, "*.*")
	if err != nil {
		return nil, err
	}
	parts := map[string][]string{}
	for _, name := range names {
		if ext := path.Ext(name); !strings.HasPrefix(name, "_") && (ext == ".txt" || ext == ".html") {
			kind := strings.TrimSuffix(name, ext)
			parts[kind] = append(parts[kind], ext)
		}
	}
	for kind, exts := range parts {
		if len(exts) != 2 {
			return nil, fmt.Errorf("courriel %s : il faut les deux fichiers %s.txt et %s.html", kind, kind, kind)
		}
		if t.kinds[kind], err = parseKind(fsys, layout, kind); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// readFooter renders the plain-text footer, the same under every mail: it
// names the organisations (certif.Names) as the HTML layout does.
func readFooter(fsys fs.FS) (string, error) {
	text, err := fs.ReadFile(fsys, "_footer.txt")
	if err != nil {
		return "", err
	}
	tpl, err := texttemplate.New("_footer.txt").Option("missingkey=error").Parse(string(text))
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if err := tpl.Execute(&buf, certif.Names); err != nil {
		return "", err
	}
	return strings.TrimSpace(buf.String()), nil
}

func parseKind(fsys fs.FS, layout *htmltemplate.Template, kind string) (kindTemplates, error) {
	var k kindTemplates
	text, err := fs.ReadFile(fsys, kind+".txt")
	if err != nil {
		return k, err
	}
	if !strings.HasPrefix(string(text), subjectPrefix) {
		return k, fmt.Errorf("courriel %s.txt : la première ligne doit être « Subject: … »", kind)
	}
	if k.text, err = texttemplate.New(kind + ".txt").Funcs(funcs).Option("missingkey=error").Parse(string(text)); err != nil {
		return k, fmt.Errorf("courriel %s.txt : %w", kind, err)
	}
	html, err := fs.ReadFile(fsys, kind+".html")
	if err != nil {
		return k, err
	}
	if k.html, err = layout.Clone(); err != nil {
		return k, err
	}
	if _, err = k.html.New("content").Option("missingkey=error").Parse(string(html)); err != nil {
		return k, fmt.Errorf("courriel %s.html : %w", kind, err)
	}
	return k, nil
}

// Kinds lists the kinds of mail, sorted.
func (t *Templates) Kinds() []string {
	var out []string
	for k := range t.kinds {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// layoutData is what the HTML layout receives: the kind's data under Data,
// the organisations its header and footer name under Org.
type layoutData struct {
	Subject string
	Data    any
	Org     certif.Organisations
}

// Render fills a kind's templates with data and returns the subject, the
// plain text (with the footer) and the HTML (in the layout).
func (t *Templates) Render(name string, data any) (subject, text, html string, err error) {
	k, ok := t.kinds[name]
	if !ok {
		return "", "", "", fmt.Errorf("courriel inconnu : %q", name)
	}
	var buf bytes.Buffer
	if err := k.text.Execute(&buf, data); err != nil {
		return "", "", "", fmt.Errorf("courriel %s : %w", name, err)
	}
	first, body, _ := strings.Cut(buf.String(), "\n")
	subject = strings.TrimSpace(strings.TrimPrefix(first, subjectPrefix))
	if subject == "" {
		return "", "", "", fmt.Errorf("courriel %s : objet vide", name)
	}
	text = strings.TrimSpace(body) + "\n\n-- \n" + t.footer + "\n"
	buf.Reset()
	if err := k.html.Execute(&buf, layoutData{Subject: subject, Data: data, Org: certif.Names}); err != nil {
		return "", "", "", fmt.Errorf("courriel %s : %w", name, err)
	}
	return subject, text, buf.String(), nil
}

// standard is the package's own templates, parsed once.
var standard = sync.OnceValues(func() (*Templates, error) {
	sub, err := fs.Sub(templateFiles, "templates")
	if err != nil {
		return nil, err
	}
	return Parse(sub)
})

// Check parses and checks the package's templates (call it at start).
func Check() error {
	_, err := standard()
	return err
}

// Render fills a kind of the package's templates: see Templates.Render.
func Render(name string, data any) (subject, text, html string, err error) {
	t, err := standard()
	if err != nil {
		return "", "", "", err
	}
	return t.Render(name, data)
}

// Compose renders a kind into a mail to queue (tx.enqueueMail, EnqueueMail);
// the caller adds a dedup key, an employer or an attachment when needed.
func Compose(kind string, data any, to ...string) (store.Mail, error) {
	subject, text, html, err := Render(kind, data)
	return store.Mail{Kind: kind, To: to, Subject: subject, Text: text, HTML: html}, err
}

// kindLabels names the kinds of mail in French (the office's outbox page).
var kindLabels = map[string]string{
	"invitation":           "Invitation à créer son compte",
	"password_reset":       "Mot de passe oublié",
	"test":                 "Courriel d'essai",
	"collection_table":     "Tableau de recueil",
	"reminder":             "Relance",
	"census":               "Recensement",
	"planning":             "Planification de formation",
	"planning_notice":      "Avis d'inscription d'un employeur",
	"availability_request": "Demande de disponibilités",
	"convocation":          "Convocation à un jury professionnel",
	"jury_session":         "Invitation d'un membre à une séance de jury",
	"result":               "Résultats d'un candidat au jury national",
	"results_summary":      "Résultats des candidats d'un employeur au jury national",
}

// Confidential reports whether mails of a kind carry a personal link that
// opens an account: the office does not see their content, and the outbox
// erases it once the mail is sent.
func Confidential(kind string) bool { return kind == "invitation" || kind == "password_reset" }

// KindLabel is the French name of a kind of mail (the kind itself when unknown).
func KindLabel(kind string) string {
	if l, ok := kindLabels[kind]; ok {
		return l
	}
	return kind
}
