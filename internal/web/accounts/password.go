package accounts

import (
	"context"
	"net/http"

	"certibloc/internal/auth"
	"certibloc/internal/certif"
	"certibloc/internal/mail"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

func (s *Area) forgotForm(w http.ResponseWriter, r *http.Request) error {
	return s.Show(w, r, "password_forgot.html", "Mot de passe oublié", nil)
}

// forgot answers the same whether the address has an account or not; it mails
// a link valid 1 hour to an enabled account, at most resetPerEmail times an
// hour, and refuses a client that asks more than resetPerIP times an hour.
func (s *Area) forgot(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	email := store.NormalizeEmail(r.PostFormValue("email"))
	if !certif.ValidEmail(email) {
		return s.ShowInvalid(w, r, "password_forgot.html", "Mot de passe oublié", nil, &certif.Error{Code: certif.EInvalid,
			Message: "Adresse électronique invalide.", Fields: map[string]string{"email": "Saisissez l'adresse électronique de votre compte, ex. prenom.nom@organisme.fr."}})
	}
	byEmail, byIP, err := s.Store.RecordResetRequest(ctx, email, kit.ClientIP(r), s.Clock.Now().Add(-resetWindow))
	if err != nil {
		return err
	}
	if byIP > resetPerIP {
		return s.ShowInvalid(w, r, "password_forgot.html", "Mot de passe oublié", nil,
			certif.Errorf(certif.ETooMany, "Trop de demandes depuis votre poste : réessayez dans une heure."))
	}
	if byEmail <= resetPerEmail {
		if err := s.sendReset(ctx, email); err != nil {
			return err
		}
	}
	return s.Redirect(w, r, "/mot-de-passe/oubli", "Si un compte existe à l'adresse "+email+", un courriel vient d'y être envoyé avec un lien "+
		"valable une heure pour choisir un nouveau mot de passe. Pensez à regarder dans les courriels indésirables.")
}

// sendReset queues the reset mail of an enabled account; nothing for an
// unknown or disabled address.
func (s *Area) sendReset(ctx context.Context, email string) error {
	u, _, err := s.Store.UserByEmail(ctx, email)
	if certif.ErrorCode(err) == certif.ENotFound || (err == nil && u.Disabled) {
		return nil
	}
	if err != nil {
		return err
	}
	link, l := s.NewLink(store.LinkPasswordReset, resetTTL)
	m, err := mail.Compose("password_reset", mail.PasswordResetData{Name: u.Name, Email: u.Email, Link: link, ExpiresAt: l.ExpiresAt}, u.Email)
	if err != nil {
		return err
	}
	if err := s.Store.CreatePasswordReset(ctx, u.ID, l, m); err != nil {
		return err
	}
	s.NotifyMail()
	return nil
}

// ---- Anyone: choose a password through a link ----

type newPasswordData struct {
	Token      string
	User       *certif.User // nil when the link cannot be used
	Invitation bool
}

// linkPage shows the form of a link, or why the link cannot serve.
func (s *Area) linkPage(w http.ResponseWriter, r *http.Request, token string, formErr error) error {
	d := newPasswordData{Token: token}
	var purpose store.LinkPurpose
	var err error
	if token == "" {
		err = certif.Errorf(certif.EBadRequest, "Lien incomplet : ouvrez le lien reçu par courriel en entier, ou demandez-en un nouveau.")
	} else {
		d.User, purpose, err = s.Store.AccountLinkUser(r.Context(), auth.HashToken(token))
	}
	d.Invitation = purpose == store.LinkInvitation
	title := "Nouveau mot de passe"
	if d.Invitation {
		title = "Choisir votre mot de passe"
	}
	if err != nil {
		d.User = nil
		return s.ShowInvalid(w, r, "password_new.html", title, d, err)
	}
	if formErr != nil {
		return s.ShowInvalid(w, r, "password_new.html", title, d, formErr)
	}
	return s.Show(w, r, "password_new.html", title, d)
}

func (s *Area) newPasswordForm(w http.ResponseWriter, r *http.Request) error {
	return s.linkPage(w, r, r.URL.Query().Get("jeton"), nil)
}

// newPassword sets the password chosen through a link: the link is used up,
// the account's sessions are closed, and the change is traced.
func (s *Area) newPassword(w http.ResponseWriter, r *http.Request) error {
	token, password := r.PostFormValue("jeton"), r.PostFormValue("password")
	var v certif.Validation
	if perr := auth.CheckPassword(password); perr != nil {
		v.Add("password", certif.ErrorFields(perr)["password"])
	}
	if password != r.PostFormValue("confirm") {
		v.Add("confirm", "La confirmation ne correspond pas au mot de passe.")
	}
	if err := v.Err(); err != nil || token == "" {
		return s.linkPage(w, r, token, err)
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	if _, err := s.Store.UseAccountLink(r.Context(), auth.HashToken(token), hash); err != nil {
		return s.linkPage(w, r, token, err)
	}
	// Whoever was logged in on this browser is logged out: the person logs in
	// with the password just chosen.
	if c, err := r.Cookie(kit.SessionCookie); err == nil {
		if err := s.Auth.Logout(r.Context(), c.Value); err != nil {
			return err
		}
	}
	s.ClearCookie(w, r, kit.SessionCookie)
	return s.Redirect(w, r, "/connexion", "Mot de passe enregistré : connectez-vous avec votre adresse électronique et ce mot de passe.")
}

// ---- API ----
