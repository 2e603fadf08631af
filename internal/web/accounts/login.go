package accounts

import (
	"net/http"
	"strings"
	"time"

	"certibloc/internal/certif"
	"certibloc/internal/web/kit"
)

type loginData struct {
	Next string
}

func (s *Area) loginForm(w http.ResponseWriter, r *http.Request) error {
	if !kit.Principal(r).Anonymous() {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return nil
	}
	return s.Show(w, r, "login.html", "Connexion", loginData{Next: kit.SafeNext(r.URL.Query().Get("suite"))})
}

func (s *Area) login(w http.ResponseWriter, r *http.Request) error {
	email, password := strings.TrimSpace(r.PostFormValue("email")), r.PostFormValue("password")
	data := loginData{Next: kit.SafeNext(r.PostFormValue("suite"))}
	var v certif.Validation
	if email == "" {
		v.Add("email", "Saisissez votre adresse électronique.")
	}
	if password == "" {
		v.Add("password", "Saisissez votre mot de passe.")
	}
	if err := v.Err(); err != nil {
		return s.ShowInvalid(w, r, "login.html", "Connexion", data, err)
	}
	value, _, err := s.Auth.Login(r.Context(), email, password, kit.ClientIP(r), r.UserAgent())
	if err != nil {
		return s.ShowInvalid(w, r, "login.html", "Connexion", data, err)
	}
	// A new session value at every login (rotation): the session the browser held
	// before, if any, is closed, and a value planted before login is useless.
	if old, err := r.Cookie(kit.SessionCookie); err == nil {
		if err := s.Auth.Logout(r.Context(), old.Value); err != nil {
			return err
		}
	}
	http.SetCookie(w, &http.Cookie{Name: kit.SessionCookie, Value: value, Path: "/", HttpOnly: true, Secure: s.Secure(r),
		SameSite: http.SameSiteLaxMode, MaxAge: int(s.Auth.Policy().LoginSessionMax / time.Second)})
	// The forms of the session carry its own token (auth.CSRFToken): the
	// anonymous one of before login is dropped.
	s.ClearCookie(w, r, kit.CSRFCookie)
	return s.Redirect(w, r, data.Next, "Vous êtes connecté.")
}

func (s *Area) logout(w http.ResponseWriter, r *http.Request) error {
	if c, err := r.Cookie(kit.SessionCookie); err == nil {
		if err := s.Auth.Logout(r.Context(), c.Value); err != nil {
			return err
		}
	}
	s.ClearCookie(w, r, kit.SessionCookie)
	s.ClearCookie(w, r, kit.CSRFCookie) // the login page gets a new anonymous token
	return s.Redirect(w, r, "/connexion", "Vous êtes déconnecté.")
}
