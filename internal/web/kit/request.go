package kit

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"net"
	"net/http"
	"strconv"
	"strings"

	"certibloc/internal/certif"
	"certibloc/internal/store"
)

type ctxKey int

const (
	ctxPrincipal ctxKey = iota
	ctxRequestID
	ctxCSRF
)

// Cookie and form names.
const (
	SessionCookie = "cb_session"
	CSRFCookie    = "cb_csrf"
	FlashCookie   = "cb_flash"
	CSRFField     = "csrf_token"
	CSRFHeader    = "X-CSRF-Token"
)

// WithPrincipal returns ctx carrying the authenticated caller.
func WithPrincipal(ctx context.Context, p certif.Principal) context.Context {
	return context.WithValue(ctx, ctxPrincipal, p)
}

// Principal is the caller of a request (anonymous when nobody is logged in).
func Principal(r *http.Request) certif.Principal {
	p, _ := r.Context().Value(ctxPrincipal).(certif.Principal)
	return p
}

// Scope is the caller's view in the store: one employer, or all of them. It
// comes from the principal, never from the request.
func Scope(r *http.Request) store.Scope { return store.ScopeOf(Principal(r).User) }

// Viewer is who reads, for the store: the principal's scope and role, and the
// page or API path that shows the data (the health-data read log names it).
func Viewer(r *http.Request) store.Viewer { return store.ViewerOf(Principal(r).User, r.URL.Path) }

// WithRequestID returns ctx carrying the request's id.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, ctxRequestID, id)
}

// RequestID is the id of the request, as the logs and the error page give it.
func RequestID(r *http.Request) string {
	id, _ := r.Context().Value(ctxRequestID).(string)
	return id
}

// WithCSRF returns ctx carrying the form token of the request's forms.
func WithCSRF(ctx context.Context, token string) context.Context {
	return context.WithValue(ctx, ctxCSRF, token)
}

// CSRFToken is the token the request's forms carry.
func CSRFToken(r *http.Request) string {
	t, _ := r.Context().Value(ctxCSRF).(string)
	return t
}

// IsAPI reports whether the request is for the JSON API.
func IsAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// PathID reads the {id} of a route; a malformed id is simply not found.
func PathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, certif.Errorf(certif.ENotFound, "Élément introuvable.")
	}
	return id, nil
}

// ClientIP is the address of the caller (the direct peer: certibloc does not
// trust forwarding headers it cannot verify).
func ClientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// RandomToken is 32 random bytes, URL-safe.
func RandomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
