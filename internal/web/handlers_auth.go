package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"

	"certibloc/internal/certif"
)

type loginData struct {
	Next string
}

// safeNext returns next when it names a page of this site, re-serialised from
// its parsed form (path and query, no fragment), and "/" otherwise. It parses
// rather than checks prefixes: browsers drop tabs and newlines from URLs and
// read a backslash as a slash, so "/<tab>/evil.example" or
// "/<backslash>evil.example" would leave the site. Refused: a scheme, a host,
// userinfo, a backslash, whitespace or a control character anywhere (raw, or
// percent-encoded in the path), a path that does not start with exactly one
// "/", dot segments, and what does not parse.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsFunc(next, unsafeInURL) {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Opaque != "" || u.User != nil || u.Host != "" {
		return "/"
	}
	p := u.Path
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.ContainsFunc(p, unsafeInURL) ||
		strings.Contains(p+"/", "/./") || strings.Contains(p+"/", "/../") {
		return "/"
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return "/"
	}
	return (&url.URL{Path: p, RawQuery: q.Encode()}).String()
}

// unsafeInURL reports the characters a local path must not hold: a
// backslash, whitespace, control and other invisible characters.
func unsafeInURL(r rune) bool {
	return r == '\\' || unicode.IsSpace(r) || !unicode.IsPrint(r)
}

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) error {
	if !principal(r).Anonymous() {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return nil
	}
	return s.show(w, r, "login.html", "Connexion", loginData{Next: safeNext(r.URL.Query().Get("suite"))})
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) error {
	email, password := strings.TrimSpace(r.PostFormValue("email")), r.PostFormValue("password")
	data := loginData{Next: safeNext(r.PostFormValue("suite"))}
	var v certif.Validation
	if email == "" {
		v.Add("email", "Saisissez votre adresse électronique.")
	}
	if password == "" {
		v.Add("password", "Saisissez votre mot de passe.")
	}
	if err := v.Err(); err != nil {
		return s.showInvalid(w, r, "login.html", "Connexion", data, err)
	}
	value, _, err := s.auth.Login(r.Context(), email, password, clientIP(r), r.UserAgent())
	if err != nil {
		return s.showInvalid(w, r, "login.html", "Connexion", data, err)
	}
	// A new session value at every login (rotation): the session the browser held
	// before, if any, is closed, and a value planted before login is useless.
	if old, err := r.Cookie(sessionCookie); err == nil {
		if err := s.auth.Logout(r.Context(), old.Value); err != nil {
			return err
		}
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: value, Path: "/", HttpOnly: true, Secure: s.secure(r),
		SameSite: http.SameSiteLaxMode, MaxAge: int(s.auth.Policy().LoginSessionMax / time.Second)})
	// The forms of the session carry its own token (auth.CSRFToken): the
	// anonymous one of before login is dropped.
	s.clearCookie(w, r, csrfCookie)
	return s.redirect(w, r, data.Next, "Vous êtes connecté.")
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := s.auth.Logout(r.Context(), c.Value); err != nil {
			return err
		}
	}
	s.clearCookie(w, r, sessionCookie)
	s.clearCookie(w, r, csrfCookie) // the login page gets a new anonymous token
	return s.redirect(w, r, "/connexion", "Vous êtes déconnecté.")
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.st.Ping(ctx); err != nil {
		s.log.Error("base de données injoignable", "error", err)
		return writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "indisponible", "database": "injoignable"})
	}
	return writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "database": s.st.Dialect()})
}
