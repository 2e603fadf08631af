package web

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"time"

	"certibloc/internal/auth"
	"certibloc/internal/certif"
	"certibloc/internal/web/kit"
)

// Request context the middleware keeps for itself.
type ctxKey int

const (
	ctxBearer  ctxKey = iota // "ok" or "invalid" when the request carries a bearer token
	ctxSession               // the session cookie's value, when it opened a session
)

// mount builds the handler chain around the route table.
func (s *Server) mount() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.routes {
		mux.Handle(rt.Method+" "+rt.Path, s.guard(rt))
	}
	mux.Handle("GET /static/", http.StripPrefix("/static/", staticHandler()))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.Fail(w, r, certif.Errorf(certif.ENotFound, "Cette page n'existe pas."))
	})
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.Fail(w, r, errCSRF)
	}))
	var h http.Handler = mux
	h = s.checkCSRF(h)
	h = s.limitBodies(mux, h)
	h = s.authenticate(h)
	h = cop.Handler(h)
	h = securityHeaders(h, s.SecureTLS)
	h = s.logRequests(h)
	h = s.recoverPanics(h)
	return requestID(h)
}

// guard enforces a route's access rule, then runs its handler and renders its error.
func (s *Server) guard(rt kit.Route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := kit.Principal(r)
		if rt.API && r.Context().Value(ctxBearer) == "invalid" {
			s.Fail(w, r, certif.Errorf(certif.EUnauthorized, "Jeton d'accès invalide, expiré ou révoqué."))
			return
		}
		if !rt.Allows(p) {
			if p.Anonymous() {
				if rt.API {
					s.Fail(w, r, certif.Errorf(certif.EUnauthorized, "Authentification requise : fournissez un jeton (Authorization: Bearer …)."))
				} else {
					http.Redirect(w, r, "/connexion?suite="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				}
				return
			}
			s.Fail(w, r, certif.Errorf(certif.EForbidden, "Votre rôle (%s) ne permet pas d'accéder à cette page.", p.User.RoleLabel()))
			return
		}
		if rt.Progress {
			s.runTracked(w, r, rt.Handle)
			return
		}
		if err := rt.Handle(w, r); err != nil {
			s.Fail(w, r, err)
		}
	})
}

// authenticate recognises the caller: a bearer token (API) or a session cookie.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		var p certif.Principal
		if h := r.Header.Get("Authorization"); h != "" {
			value, ok := strings.CutPrefix(h, "Bearer ")
			u, err := s.Auth.Bearer(ctx, strings.TrimSpace(value))
			if ok && err == nil {
				p.User = u
				ctx = context.WithValue(ctx, ctxBearer, "ok")
			} else {
				ctx = context.WithValue(ctx, ctxBearer, "invalid")
			}
		} else if c, err := r.Cookie(kit.SessionCookie); err == nil {
			u, err := s.Auth.LoginSessionUser(ctx, c.Value)
			if err == nil {
				p.User = u
				ctx = context.WithValue(ctx, ctxSession, c.Value)
			} else {
				s.ClearCookie(w, r, kit.SessionCookie)
			}
		}
		next.ServeHTTP(w, r.WithContext(kit.WithPrincipal(ctx, p)))
	})
}

var errCSRF = &certif.Error{Code: certif.EForbidden,
	Message: "Formulaire expiré ou envoyé depuis un autre site : rechargez la page et recommencez."}

// checkCSRF protects every state-changing request made with cookies: the form
// (or the X-CSRF-Token header) must carry the token of the caller's session,
// derived from it (auth.CSRFToken): a token of another session, of before
// login or of a closed session is refused. Without a session (login,
// forgotten password), the token is that of the cb_csrf cookie, dropped at
// login and logout. Requests authenticated by a bearer token carry no
// cookie and are exempt. Nothing is written to the database.
func (s *Server) checkCSRF(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		session, _ := r.Context().Value(ctxSession).(string)
		token := ""
		switch c, err := r.Cookie(kit.CSRFCookie); {
		case session != "":
			token = auth.CSRFToken(session)
		case err == nil && len(c.Value) >= 32:
			token = c.Value
		}
		safe := r.Method == http.MethodGet || r.Method == http.MethodHead || r.Method == http.MethodOptions
		// Bearer requests carry no cookie; anonymous API calls are refused by the
		// route guard (401). Everything else that changes state needs the token.
		exempt := r.Context().Value(ctxBearer) != nil || (kit.IsAPI(r) && kit.Principal(r).Anonymous())
		if !safe && !exempt {
			sent := r.Header.Get(kit.CSRFHeader)
			if sent == "" {
				var err error
				if sent, err = kit.FormValue(r, kit.CSRFField); err != nil {
					s.Fail(w, r, err)
					return
				}
			}
			if token == "" || subtle.ConstantTimeCompare([]byte(sent), []byte(token)) != 1 {
				s.Fail(w, r, errCSRF)
				return
			}
		}
		if token == "" {
			token = kit.RandomToken()
			http.SetCookie(w, &http.Cookie{Name: kit.CSRFCookie, Value: token, Path: "/", HttpOnly: true,
				Secure: s.Secure(r), SameSite: http.SameSiteLaxMode, MaxAge: 12 * 3600})
		}
		next.ServeHTTP(w, r.WithContext(kit.WithCSRF(r.Context(), token)))
	})
}

// limitBodies bounds every request body: no form or file of the platform is
// larger than kit.MaxUpload, or than its route's MaxBody, and nothing is
// read beyond it.
func (s *Server) limitBodies(mux *http.ServeMux, next http.Handler) http.Handler {
	limits := map[string]int64{}
	for _, rt := range s.routes {
		if rt.MaxBody > 0 {
			limits[rt.Method+" "+rt.Path] = rt.MaxBody + kit.FormMargin
		}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit := int64(kit.MaxUpload)
		if len(limits) > 0 && r.Method == http.MethodPost {
			if _, pattern := mux.Handler(r); limits[pattern] > 0 {
				limit = limits[pattern]
			}
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		next.ServeHTTP(w, r)
	})
}

// securityHeaders sets the headers every response carries.
func securityHeaders(next http.Handler, tls bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "+
			"form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		// Pages, files and API answers may carry personal and health data (R15):
		// never kept by a browser or a proxy. Static assets say otherwise.
		h.Set("Cache-Control", "no-store")
		if tls || r.TLS != nil {
			h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
		}
		next.ServeHTTP(w, r)
	})
}

// requestID gives every request an id (kept from X-Request-ID when sane),
// echoed in the response and in the logs.
func requestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-ID")
		if len(id) == 0 || len(id) > 64 || strings.ContainsAny(id, " \t\r\n") {
			b := make([]byte, 8)
			_, _ = rand.Read(b)
			id = hex.EncodeToString(b)
		}
		w.Header().Set("X-Request-ID", id)
		next.ServeHTTP(w, r.WithContext(kit.WithRequestID(r.Context(), id)))
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

// WriteHeader sends the status once: a second call (an error after the
// answer began) is dropped here rather than warned about by net/http.
func (w *statusWriter) WriteHeader(code int) {
	if w.status != 0 {
		return
	}
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// Started reports whether the answer has begun (kit.Site.Fail then writes nothing more).
func (w *statusWriter) Started() bool { return w.status != 0 }

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// logRequests writes one log line per request.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		if r.URL.Path == "/healthz" && sw.status == http.StatusOK {
			return
		}
		s.Log.LogAttrs(r.Context(), slog.LevelInfo, "requête",
			slog.String("id", kit.RequestID(r)), slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", sw.status), slog.Int("bytes", sw.bytes), slog.Duration("duration", time.Since(start)),
			slog.String("ip", kit.ClientIP(r)))
	})
}

// recoverPanics turns a panic into a logged 500 page.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.Log.Error("panique", "id", kit.RequestID(r), "error", fmt.Sprint(v), "stack", string(debug.Stack()))
				s.Fail(w, r, fmt.Errorf("panique : %v", v))
			}
		}()
		next.ServeHTTP(w, r)
	})
}
