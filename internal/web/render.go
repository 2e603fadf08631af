package web

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"

	"certibloc/internal/certif"
	"certibloc/internal/clock"
)

//go:embed templates/*.html templates/partials/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

func staticHandler() http.Handler {
	sub, err := fs.Sub(staticFiles, "static")
	if err != nil {
		panic(err)
	}
	fileServer := http.FileServerFS(sub)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		fileServer.ServeHTTP(w, r)
	})
}

var funcs = template.FuncMap{
	"frDate": func(d certif.Date) string { return d.French() },
	"frLong": func(d certif.Date) string { return d.FrenchLong() },
	"frTime": clock.FormatParis,
	"frDay":  clock.FormatParisDay,
	"frMonth": func(m certif.Month) string {
		return m.French()
	},
	"monthName": func(m time.Month) string { return certif.FrenchMonthName(m) },
	"join":      strings.Join,
	"plural": func(n int, one, many string) string {
		if n > 1 {
			return many
		}
		return one
	},
	"add":   func(a, b int) int { return a + b },
	"frInt": frenchInt,
	// args passes several named values to a partial: (args "Page" . "Q" $q).
	"args": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, fmt.Errorf("args : nombre impair de valeurs")
		}
		m := map[string]any{}
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, fmt.Errorf("args : clé %v non textuelle", kv[i])
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
	"contains": func(list []string, s string) bool {
		for _, x := range list {
			if x == s {
				return true
			}
		}
		return false
	},
	"hasModality": func(list []certif.Modality, m certif.Modality) bool {
		for _, x := range list {
			if x == m {
				return true
			}
		}
		return false
	},
}

// parseTemplates parses each page with the layout and the partials.
func parseTemplates() (map[string]*template.Template, error) {
	pages, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		return nil, err
	}
	out := map[string]*template.Template{}
	for _, p := range pages {
		name := path.Base(p)
		if name == "layout.html" {
			continue
		}
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFiles, "templates/layout.html", "templates/partials/*.html", p)
		if err != nil {
			return nil, fmt.Errorf("gabarit %s : %w", name, err)
		}
		out[name] = t
	}
	return out, nil
}

// navItem is an entry of the navigation bar.
type navItem struct {
	Label   string
	Path    string
	Current bool
}

// page is what every template receives; Data is the page's own content.
type page struct {
	Title      string
	User       *certif.User
	Nav        []navItem
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
}

// Field returns the message of a form field ("" if none).
func (p page) Field(name string) string { return p.Fields[name] }

// Value returns the submitted value of a field when re-showing a form.
func (p page) Value(name string) string { return p.Form.Get(name) }

func (s *Server) newPage(w http.ResponseWriter, r *http.Request, title string, data any) *page {
	p := principal(r)
	pg := &page{Title: title, User: p.User, CSRF: csrfToken(r), Today: s.clock.Today(), TodayFixed: s.clock.IsFixed(),
		Data: data, RequestID: reqID(r), Version: s.cfg.Version, Flash: s.takeFlash(w, r)}
	for _, rt := range s.routes {
		if rt.Nav != "" && rt.Method == "GET" && rt.Allows(p) {
			href := strings.TrimSuffix(rt.Path, "{$}")
			cur := r.URL.Path == href || (href != "/" && strings.HasPrefix(r.URL.Path, href+"/"))
			pg.Nav = append(pg.Nav, navItem{Label: rt.Nav, Path: href, Current: cur})
		}
	}
	return pg
}

// render writes a page with its status.
func (s *Server) render(w http.ResponseWriter, status int, name string, pg *page) error {
	t, ok := s.pages[name]
	if !ok {
		return fmt.Errorf("gabarit inconnu : %s", name)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, pg); err != nil {
		return fmt.Errorf("gabarit %s : %w", name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}

// show renders a page with status 200.
func (s *Server) show(w http.ResponseWriter, r *http.Request, name, title string, data any) error {
	return s.render(w, http.StatusOK, name, s.newPage(w, r, title, data))
}

// showInvalid re-renders a form page with the error of a failed submission: the
// message at the top, each field's message next to it, the submitted values kept.
func (s *Server) showInvalid(w http.ResponseWriter, r *http.Request, name, title string, data any, err error) error {
	code := certif.ErrorCode(err)
	if code == certif.EInternal {
		return err
	}
	pg := s.newPage(w, r, title, data)
	pg.Error, pg.Fields, pg.Form = certif.ErrorMessage(err), certif.ErrorFields(err), r.PostForm
	return s.render(w, statusOf(code), name, pg)
}

// redirect answers a successful form with a message shown on the next page.
func (s *Server) redirect(w http.ResponseWriter, r *http.Request, to, flash string) error {
	if flash != "" {
		http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: url.QueryEscape(flash), Path: "/", HttpOnly: true,
			Secure: s.secure(r), SameSite: http.SameSiteLaxMode, MaxAge: 60})
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

func (s *Server) takeFlash(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(flashCookie)
	if err != nil {
		return ""
	}
	s.clearCookie(w, r, flashCookie)
	v, _ := url.QueryUnescape(c.Value)
	return v
}

// writeJSON writes a JSON response.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// fieldID is the HTML id of a field's error message.
func fieldID(name string) string {
	return "err-" + strings.NewReplacer(".", "-", "_", "-").Replace(name)
}

// Invalid returns the ARIA attributes of a field that has an error.
func (p page) Invalid(name string) template.HTMLAttr {
	if p.Fields[name] == "" {
		return ""
	}
	return template.HTMLAttr(`aria-invalid="true" aria-describedby="` + template.HTMLEscapeString(fieldID(name)) + `"`)
}

// Err returns the error message of a field, ready to show under it.
func (p page) Err(name string) template.HTML {
	msg := p.Fields[name]
	if msg == "" {
		return ""
	}
	return template.HTML(`<p class="field-error" id="` + template.HTMLEscapeString(fieldID(name)) + `">` + template.HTMLEscapeString(msg) + `</p>`)
}

// frenchInt writes n with a narrow no-break space between thousands, as French does: 12 345.
func frenchInt(n int) string {
	digits := strconv.Itoa(n)
	sign := ""
	if n < 0 {
		sign, digits = "-", digits[1:]
	}
	var b strings.Builder
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString("\u202f")
		}
		b.WriteRune(c)
	}
	return sign + b.String()
}
