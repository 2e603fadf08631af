package web

import (
	"html/template"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"certibloc/internal/auth"
	"certibloc/internal/clock"
	"certibloc/internal/mail"
	"certibloc/internal/store"
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
	// ProgressAfter is how long a long request (an import) may run before the
	// browser is sent to its progress page; 0 means one second.
	ProgressAfter time.Duration
}

// Server is the HTTP side of certibloc.
type Server struct {
	cfg       Config
	st        *store.Store
	auth      *auth.Service
	clock     *clock.Clock
	log       *slog.Logger
	pages     map[string]*template.Template
	routes    []route
	secureTLS bool
	handler   http.Handler
	openAPI   []byte
	jobs      *jobs
	// progressAfter: see Config.ProgressAfter.
	progressAfter time.Duration
}

// New builds the server: it parses every template (a broken one fails here, at
// start, not in front of a user) and mounts the route table.
func New(cfg Config) (*Server, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	s := &Server{cfg: cfg, st: cfg.Store, auth: cfg.Auth, clock: cfg.Clock, log: cfg.Logger,
		secureTLS: strings.HasPrefix(cfg.BaseURL, "https://"), jobs: newJobs(), progressAfter: cfg.ProgressAfter}
	if s.progressAfter <= 0 {
		s.progressAfter = defaultProgressAfter
	}
	pages, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	s.pages = pages
	if s.openAPI, err = buildOpenAPI(); err != nil {
		return nil, err
	}
	s.routes = s.routeTable()
	s.handler = s.mount()
	return s, nil
}

// Handler is the root HTTP handler.
func (s *Server) Handler() http.Handler { return s.handler }

// Routes lists the route table (documentation and tests).
func (s *Server) Routes() []Route {
	out := make([]Route, len(s.routes))
	for i, r := range s.routes {
		out[i] = r.Route
	}
	return out
}
