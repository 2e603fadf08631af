package kit

import (
	"crypto/ed25519"
	"crypto/rand"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"certibloc/internal/auth"
	"certibloc/internal/blob"
	"certibloc/internal/certif"
	"certibloc/internal/certificate"
	"certibloc/internal/clock"
	"certibloc/internal/mail"
	"certibloc/internal/minutes"
	"certibloc/internal/store"
)

// Site is what every handler works with: the store and services, the page
// layout, and the whole route table (for the navigation). internal/web makes
// one and gives it to every area.
type Site struct {
	Store   *store.Store
	Auth    *auth.Service
	Clock   *clock.Clock
	Log     *slog.Logger
	BaseURL string // public address, e.g. http://localhost:8080
	// OfficeAddress is the exam office's "Nom <adresse>": the organizer of
	// the juries' calendar invitations (the mail sender's address).
	OfficeAddress string
	Version       string       // shown in the footer: a release's version, "" for a development build
	Mail          *mail.Worker // the mail sender, nudged when a page queues a mail
	Blobs         blob.Store   // where evidence files are kept
	// CertificateKey signs the certificates and derives their short codes.
	CertificateKey ed25519.PrivateKey
	// MinutesSigner signs the national juries' minutes (procès-verbaux).
	MinutesSigner *minutes.Signer
	// SecureTLS: the public address is https, cookies are Secure.
	SecureTLS bool

	routes []Route
	pages  pageIndex // the GET pages of routes, by path
	reads  *readRoutes
	errors *Pages // the error page
}

// NewSite returns the site of these services; its error page is parsed here.
func NewSite(s Site) (*Site, error) {
	site := &s
	if site.Log == nil {
		site.Log = slog.Default()
	}
	if site.CertificateKey == nil {
		var err error
		if _, site.CertificateKey, err = ed25519.GenerateKey(rand.Reader); err != nil {
			return nil, err
		}
	}
	if site.MinutesSigner == nil { // tests: an identity for the process
		now := time.Now()
		if site.Clock != nil {
			now = site.Clock.Now()
		}
		var err error
		if site.MinutesSigner, err = minutes.NewSigner(now); err != nil {
			return nil, err
		}
	}
	if site.Store != nil {
		site.Store.SetCertificateIssuer(site.Issuer())
	}
	var err error
	site.errors, err = site.Pages(nil)
	return site, err
}

// Issuer signs the certificates with the site's key and links them to its
// verification page.
func (s *Site) Issuer() certificate.Issuer {
	return certificate.Issuer{Key: s.CertificateKey, BaseURL: s.BaseURL}
}

// SetRoutes gives the site the assembled route table (navigation).
func (s *Site) SetRoutes(routes []Route) {
	s.routes, s.pages, s.reads = routes, indexPages(routes), newReadRoutes(routes)
}

// Routes is the assembled route table.
func (s *Site) Routes() []Route { return s.routes }

// Caller is who writes to the store for a request: the principal (actor,
// role, scope) on the site's today.
func (s *Site) Caller(r *http.Request) store.Caller {
	return store.CallerOf(Principal(r).User, s.Clock.Today())
}

// Secure reports whether cookies are sent over TLS only.
func (s *Site) Secure(r *http.Request) bool { return s.SecureTLS || r.TLS != nil }

// ClearCookie removes a cookie of the browser.
func (s *Site) ClearCookie(w http.ResponseWriter, r *http.Request, name string) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: s.Secure(r), SameSite: http.SameSiteLaxMode})
}

// NotifyMail nudges the mail sender after a page queued a mail.
func (s *Site) NotifyMail() { s.Mail.Notify() }

// Redirect answers a successful form with a message shown on the next page.
func (s *Site) Redirect(w http.ResponseWriter, r *http.Request, to, flash string) error {
	if flash != "" {
		http.SetCookie(w, &http.Cookie{Name: FlashCookie, Value: url.QueryEscape(flash), Path: "/", HttpOnly: true,
			Secure: s.Secure(r), SameSite: http.SameSiteLaxMode, MaxAge: 60})
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

// takeFlash reads the message of the previous page, once.
func (s *Site) takeFlash(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(FlashCookie)
	if err != nil {
		return ""
	}
	s.ClearCookie(w, r, FlashCookie)
	v, _ := url.QueryUnescape(c.Value)
	return v
}

// YearParam reads a year of a query (2000–2100), this year otherwise.
func (s *Site) YearParam(raw string) int {
	if y, err := strconv.Atoi(raw); err == nil && y >= 2000 && y <= 2100 {
		return y
	}
	return s.Clock.Today().Year()
}

var errEmployerNotFound = certif.Errorf(certif.ENotFound, "Employeur introuvable.")

// VisibleEmployer returns the employer of a code in the caller's scope: an
// employer's HR sees only its own, anything else is not found.
func (s *Site) VisibleEmployer(r *http.Request, code string) (certif.Employer, error) {
	p := Principal(r)
	code = strings.ToUpper(strings.TrimSpace(code))
	if !p.Role().SeesAllEmployers() && (p.User == nil || p.User.EmployerCode == "" || code != strings.ToUpper(p.User.EmployerCode)) {
		return certif.Employer{}, errEmployerNotFound
	}
	e, err := s.Store.EmployerByCode(r.Context(), code)
	if certif.ErrorCode(err) == certif.ENotFound {
		return e, errEmployerNotFound
	}
	return e, err
}

// OwnEmployer is the employer of the logged-in HR user, from its account only.
func (s *Site) OwnEmployer(r *http.Request) (certif.Employer, error) {
	u := Principal(r).User
	if u == nil || u.EmployerCode == "" {
		return certif.Employer{}, errEmployerNotFound
	}
	return s.VisibleEmployer(r, u.EmployerCode)
}

// BranchNames lists the branches and their names by code.
func (s *Site) BranchNames(r *http.Request) ([]certif.Branch, map[string]string, error) {
	branches, err := s.Store.Branches(r.Context())
	names := map[string]string{}
	for _, b := range branches {
		names[b.Code] = b.Name
	}
	return branches, names, err
}

// QualificationTitles reads the qualifications with their titles by code.
func (s *Site) QualificationTitles(r *http.Request) (map[string]string, []certif.Qualification, error) {
	quals, err := s.Store.Qualifications(r.Context(), false)
	titles := map[string]string{}
	for _, q := range quals {
		titles[q.Code] = q.Title
	}
	return titles, quals, err
}

// MailDisabledNote tells the office that queued mails wait for an SMTP server ("" when mail is on).
func (s *Site) MailDisabledNote() string {
	if s.Mail.Enabled() {
		return ""
	}
	return " L'envoi des courriels est désactivé (aucun serveur SMTP configuré) : il partira quand un serveur sera configuré."
}
