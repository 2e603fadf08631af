package kit

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"

	"certibloc/internal/certif"
)

// The layout, the error page and the partials every area may use.
//
//go:embed templates/*.html templates/partials/*.html
var kitTemplates embed.FS

// Pages are the pages of one area, each parsed with the layout and the
// partials (the kit's, then the area's own templates/partials/*.html).
type Pages struct {
	*Site
	set map[string]*template.Template
}

// Pages parses the pages of an area: every templates/*.html of area (nil
// for the kit's own error page). A broken template fails here, at start.
func (s *Site) Pages(area fs.FS) (*Pages, error) {
	p := &Pages{Site: s, set: map[string]*template.Template{}}
	src, pattern := fs.FS(kitTemplates), "templates/error.html"
	if area != nil {
		src, pattern = area, "templates/*.html"
	}
	names, err := fs.Glob(src, pattern)
	if err != nil {
		return nil, err
	}
	var partials []string
	if area != nil {
		if partials, err = fs.Glob(area, "templates/partials/*.html"); err != nil {
			return nil, err
		}
	}
	for _, name := range names {
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(kitTemplates, "templates/layout.html", "templates/partials/*.html")
		if err == nil && len(partials) > 0 {
			t, err = t.ParseFS(area, partials...)
		}
		if err == nil {
			t, err = t.ParseFS(src, name)
		}
		if err != nil {
			return nil, fmt.Errorf("gabarit %s : %w", name, err)
		}
		p.set[path.Base(name)] = t
	}
	return p, nil
}

// Page is what every template receives; Data is the page's own content.
type Page struct {
	Title      string
	User       *certif.User
	Menu       []navGroup // the navigation of the role, by group
	Account    []navItem  // the links beside the account's name
	Crumbs     []crumb    // the breadcrumbs of a nested page
	CSRF       string
	Today      certif.Date
	TodayFixed bool
	Flash      string
	Error      string
	Fields     map[string]string
	Form       url.Values
	Data       any
	RequestID  string
	Version    string
	// beside records the fields whose message the page shows next to the
	// field (Err, Field): the summary at the top does not repeat them.
	beside map[string]bool
	labels map[string]string // the form's labels, by the id of their field
	onPage map[string]bool   // the ids of the page's fields (a link of the summary has a target)
}

// Field returns the message of a form field ("" if none), which the page
// shows next to it.
func (p *Page) Field(name string) string {
	p.showsBeside(name)
	return p.Fields[name]
}

// Value returns the submitted value of a field when re-showing a form.
func (p *Page) Value(name string) string { return p.Form.Get(name) }

// fieldID is the HTML id of a field's error message.
func fieldID(name string) string {
	return "err-" + strings.NewReplacer(".", "-", "_", "-").Replace(name)
}

// Invalid returns the ARIA attributes of a field that has an error.
func (p *Page) Invalid(name string) template.HTMLAttr {
	if p.Fields[name] == "" {
		return ""
	}
	return template.HTMLAttr(`aria-invalid="true" aria-describedby="` + template.HTMLEscapeString(fieldID(name)) + `"`)
}

// Err returns the error message of a field, ready to show under it.
func (p *Page) Err(name string) template.HTML {
	p.showsBeside(name)
	msg := p.Fields[name]
	if msg == "" {
		return ""
	}
	return template.HTML(`<p class="field-error" id="` + template.HTMLEscapeString(fieldID(name)) + `">` + template.HTMLEscapeString(msg) + `</p>`)
}

// NewPage is the page of a request: who is logged in, the navigation of
// their role and the breadcrumbs, the form token, today's date, the message of the previous page.
func (s *Site) NewPage(w http.ResponseWriter, r *http.Request, title string, data any) *Page {
	p := Principal(r)
	pg := &Page{Title: title, User: p.User, CSRF: CSRFToken(r), Today: s.Clock.Today(), TodayFixed: s.Clock.IsFixed(),
		Data: data, RequestID: RequestID(r), Version: s.Version, Flash: s.takeFlash(w, r)}
	pg.Menu, pg.Account, pg.Crumbs = s.menu(r, title)
	return pg
}

// Render writes a page with its status.
func (p *Pages) Render(w http.ResponseWriter, status int, name string, pg *Page) error {
	t, ok := p.set[name]
	if !ok {
		return fmt.Errorf("gabarit inconnu : %s", name)
	}
	var buf bytes.Buffer
	if len(pg.Fields) > 0 && pg.beside == nil {
		// A first rendering learns which messages the form shows next to
		// their fields, so that the summary does not repeat them.
		pg.beside = map[string]bool{}
		if err := t.Execute(&buf, pg); err != nil {
			return fmt.Errorf("gabarit %s : %w", name, err)
		}
		pg.learnForm(buf.Bytes())
		buf.Reset()
	}
	if err := t.Execute(&buf, pg); err != nil {
		return fmt.Errorf("gabarit %s : %w", name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, err := w.Write(scrollTables(buf.Bytes()))
	return err
}

// Show renders a page with status 200.
func (p *Pages) Show(w http.ResponseWriter, r *http.Request, name, title string, data any) error {
	return p.Render(w, http.StatusOK, name, p.NewPage(w, r, title, data))
}

// ShowInvalid re-renders a form page with the error of a failed submission: the
// message at the top, each field's message next to it, the submitted values kept.
func (p *Pages) ShowInvalid(w http.ResponseWriter, r *http.Request, name, title string, data any, err error) error {
	code := certif.ErrorCode(err)
	if code == certif.EInternal {
		return err
	}
	pg := p.NewPage(w, r, title, data)
	pg.Error, pg.Fields, pg.Form = certif.ErrorMessage(err), certif.ErrorFields(err), r.PostForm
	return p.Render(w, StatusOf(code), name, pg)
}
