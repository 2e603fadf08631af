package web

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"time"

	"certibloc/internal/auth"
	"certibloc/internal/certif"
	"certibloc/internal/store"
)

type ctxKey int

const (
	ctxPrincipal ctxKey = iota
	ctxRequestID
	ctxCSRF
	ctxBearer
	ctxSession
)

// Cookie names.
const (
	sessionCookie = "cb_session"
	csrfCookie    = "cb_csrf"
	flashCookie   = "cb_flash"
	csrfField     = "csrf_token"
	csrfHeader    = "X-CSRF-Token"
)

// mount builds the handler chain around the route table.
func (s *Server) mount() http.Handler {
	mux := http.NewServeMux()
	for _, rt := range s.routes {
		mux.Handle(rt.Method+" "+rt.Path, s.guard(rt))
	}
	mux.Handle("GET /static/", http.StripPrefix("/static/", staticHandler()))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, certif.Errorf(certif.ENotFound, "Cette page n'existe pas."))
	})
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, errCSRF)
	}))
	var h http.Handler = mux
	h = s.checkCSRF(h)
	h = limitBodies(h)
	h = s.authenticate(h)
	h = cop.Handler(h)
	h = securityHeaders(h, s.secureTLS)
	h = s.logRequests(h)
	h = s.recoverPanics(h)
	return requestID(h)
}

// guard enforces a route's access rule, then runs its handler and renders its error.
func (s *Server) guard(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := principal(r)
		if rt.API && r.Context().Value(ctxBearer) == "invalid" {
			s.fail(w, r, certif.Errorf(certif.EUnauthorized, "Jeton d'accès invalide, expiré ou révoqué."))
			return
		}
		if !rt.Allows(p) {
			if p.Anonymous() {
				if rt.API {
					s.fail(w, r, certif.Errorf(certif.EUnauthorized, "Authentification requise : fournissez un jeton (Authorization: Bearer …)."))
				} else {
					http.Redirect(w, r, "/connexion?suite="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				}
				return
			}
			s.fail(w, r, certif.Errorf(certif.EForbidden, "Votre rôle (%s) ne permet pas d'accéder à cette page.", p.Role().Label()))
			return
		}
		if rt.Progress {
			s.runTracked(w, r, rt.handle)
			return
		}
		if err := rt.handle(w, r); err != nil {
			s.fail(w, r, err)
		}
	})
}

func principal(r *http.Request) certif.Principal {
	p, _ := r.Context().Value(ctxPrincipal).(certif.Principal)
	return p
}

// viewer is who reads, for the store: the principal's scope and role, and the
// page or API path that shows the data (the health-data read log names it).
func viewer(r *http.Request) store.Viewer {
	return store.ViewerOf(principal(r).User, r.URL.Path)
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// authenticate recognises the caller: a bearer token (API) or a session cookie.
func (s *Server) authenticate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		var p certif.Principal
		if h := r.Header.Get("Authorization"); h != "" {
			value, ok := strings.CutPrefix(h, "Bearer ")
			u, err := s.auth.Bearer(ctx, strings.TrimSpace(value))
			if ok && err == nil {
				p.User = u
				ctx = context.WithValue(ctx, ctxBearer, "ok")
			} else {
				ctx = context.WithValue(ctx, ctxBearer, "invalid")
			}
		} else if c, err := r.Cookie(sessionCookie); err == nil {
			u, err := s.auth.LoginSessionUser(ctx, c.Value)
			if err == nil {
				p.User = u
				ctx = context.WithValue(ctx, ctxSession, c.Value)
			} else {
				s.clearCookie(w, r, sessionCookie)
			}
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(ctx, ctxPrincipal, p)))
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
		switch c, err := r.Cookie(csrfCookie); {
		case session != "":
			token = auth.CSRFToken(session)
		case err == nil && len(c.Value) >= 32:
			token = c.Value
		}
		safe := r.Method == http.MethodGet || r.Method == http.MethodHead || r.Method == http.MethodOptions
		// Bearer requests carry no cookie; anonymous API calls are refused by the
		// route guard (401). Everything else that changes state needs the token.
		exempt := r.Context().Value(ctxBearer) != nil || (isAPI(r) && principal(r).Anonymous())
		if !safe && !exempt {
			sent := r.Header.Get(csrfHeader)
			if sent == "" {
				var err error
				if sent, err = formValue(r, csrfField); err != nil {
					s.fail(w, r, err)
					return
				}
			}
			if token == "" || subtle.ConstantTimeCompare([]byte(sent), []byte(token)) != 1 {
				s.fail(w, r, errCSRF)
				return
			}
		}
		if token == "" {
			token = randomToken()
			http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: token, Path: "/", HttpOnly: true,
				Secure: s.secure(r), SameSite: http.SameSiteLaxMode, MaxAge: 12 * 3600})
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxCSRF, token)))
	})
}

// formValue reads a field of a urlencoded or multipart form. A body over
// maxUpload is refused with a French message. With maxUpload as the memory
// bound, an uploaded file always stays in memory (never in a temporary file
// that net/http removes at the end of the request): background jobs
// (jobs.go) read it after the request is over.
func formValue(r *http.Request, name string) (string, error) {
	var err error
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		err = r.ParseMultipartForm(maxUpload)
	} else {
		err = r.ParseForm()
	}
	if _, tooLarge := errors.AsType[*http.MaxBytesError](err); tooLarge {
		return "", errTooLarge
	}
	return r.PostFormValue(name), nil
}

var errTooLarge = &certif.Error{Code: certif.EInvalid, Message: "Envoi trop volumineux : un fichier déposé fait 5 Mo au plus.",
	Fields: map[string]string{"file": "Fichier trop volumineux (5 Mo au plus)."}}

// limitBodies bounds every request body: no form or file of the platform is
// larger than maxUpload, and nothing is read beyond it.
func limitBodies(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
		next.ServeHTTP(w, r)
	})
}

func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func csrfToken(r *http.Request) string {
	t, _ := r.Context().Value(ctxCSRF).(string)
	return t
}

func (s *Server) secure(r *http.Request) bool { return s.secureTLS || r.TLS != nil }

func (s *Server) clearCookie(w http.ResponseWriter, r *http.Request, name string) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: s.secure(r), SameSite: http.SameSiteLaxMode})
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
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxRequestID, id)))
	})
}

func reqID(r *http.Request) string {
	id, _ := r.Context().Value(ctxRequestID).(string)
	return id
}

type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

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
		s.log.LogAttrs(r.Context(), slog.LevelInfo, "requête",
			slog.String("id", reqID(r)), slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", sw.status), slog.Int("bytes", sw.bytes), slog.Duration("duration", time.Since(start)),
			slog.String("ip", clientIP(r)))
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
				s.log.Error("panique", "id", reqID(r), "error", fmt.Sprint(v), "stack", string(debug.Stack()))
				s.fail(w, r, fmt.Errorf("panique : %v", v))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// clientIP is the address of the caller (the direct peer: certibloc does not
// trust forwarding headers it cannot verify).
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
