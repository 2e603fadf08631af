package web

import (
	"cmp"
	"crypto/ed25519"
	"embed"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"certibloc/internal/auth"
	"certibloc/internal/blob"
	"certibloc/internal/clock"
	"certibloc/internal/mail"
	"certibloc/internal/minutes"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

// Config is what the web server needs; cmd/certibloc wires it.
type Config struct {
	Store   *store.Store
	Auth    *auth.Service
	Clock   *clock.Clock
	Logger  *slog.Logger
	BaseURL string // public address, e.g. http://localhost:8080; https makes cookies Secure
	Version string
	Mail    *mail.Worker // the mail sender, nudged when a page queues a mail; nil when mail is disabled
	// MailFrom is the sender's "Nom <adresse>", organizer of the juries'
	// invitations; mail.DefaultFrom when empty.
	MailFrom string
	// CertificateKey signs the certificates (Ed25519); a key is generated for
	// the process when nil (tests).
	CertificateKey ed25519.PrivateKey
	// MinutesSigner signs the national juries' minutes; one is generated
	// for the process when nil (tests).
	MinutesSigner *minutes.Signer
	Blobs         blob.Store // where evidence files are kept (a local directory: blob.NewDir)
	// ProgressAfter is how long a long request (an import) may run before the
	// browser is sent to its progress page; 0 means one second.
	ProgressAfter time.Duration
}

// Server is the HTTP side of certibloc: the areas' routes assembled into one
// table, behind the middleware every request goes through.
type Server struct {
	*kit.Site
	pages   *kit.Pages // the server's own page: the progress of long work
	routes  []kit.Route
	handler http.Handler
	openAPI []byte
	jobs    *jobs
	// progressAfter: see Config.ProgressAfter.
	progressAfter time.Duration
}

//go:embed templates
var templates embed.FS

// New builds the server: it parses every template of every area (a broken
// one fails here, at start, not in front of a user) and mounts the route table.
func New(cfg Config) (*Server, error) {
	site, err := kit.NewSite(kit.Site{Store: cfg.Store, Auth: cfg.Auth, Clock: cfg.Clock, Log: cfg.Logger, BaseURL: cfg.BaseURL, OfficeAddress: cmp.Or(cfg.MailFrom, mail.DefaultFrom),
		Version: cfg.Version, Mail: cfg.Mail, Blobs: cfg.Blobs, CertificateKey: cfg.CertificateKey, MinutesSigner: cfg.MinutesSigner, SecureTLS: strings.HasPrefix(cfg.BaseURL, "https://")})
	if err != nil {
		return nil, err
	}
	s := &Server{Site: site, jobs: newJobs(), progressAfter: cfg.ProgressAfter}
	if s.progressAfter <= 0 {
		s.progressAfter = defaultProgressAfter
	}
	if s.pages, err = site.Pages(templates); err != nil {
		return nil, err
	}
	if s.openAPI, err = buildOpenAPI(); err != nil {
		return nil, err
	}
	if s.routes, err = s.routeTable(site); err != nil {
		return nil, err
	}
	if err = kit.CheckNavigation(s.routes); err != nil {
		return nil, fmt.Errorf("table des routes : %w", err)
	}
	site.SetRoutes(s.routes)
	s.handler = s.mount()
	return s, nil
}

// Handler is the root HTTP handler.
func (s *Server) Handler() http.Handler { return s.handler }

// Routes lists the route table (documentation and tests).
func (s *Server) Routes() []Route { return s.routes }
