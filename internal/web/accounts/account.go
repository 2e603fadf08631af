package accounts

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"certibloc/internal/auth"
	"certibloc/internal/certif"
	"certibloc/internal/clock"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

type accountData struct {
	Tokens    []store.APIToken
	NewToken  string
	TokenDays []int // lifetimes offered, in days
	Default   int
}

func (s *Area) accountData(r *http.Request) (accountData, error) {
	tokens, err := s.Store.APITokens(r.Context(), kit.Principal(r).User.ID)
	return accountData{Tokens: tokens, TokenDays: auth.TokenDays, Default: auth.DefaultTokenDays}, err
}

func (s *Area) accountPage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.accountData(r)
	if err != nil {
		return err
	}
	return s.Show(w, r, "account.html", "Mon compte", d)
}

func (s *Area) changePassword(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := kit.Principal(r).User
	current, next, confirm := r.PostFormValue("current"), r.PostFormValue("password"), r.PostFormValue("confirm")
	_, hash, err := s.Store.UserByEmail(ctx, u.Email)
	if err != nil {
		return err
	}
	var v certif.Validation
	if !auth.VerifyPassword(hash, current) {
		v.Add("current", "Mot de passe actuel incorrect.")
	}
	if perr := auth.CheckPassword(next); perr != nil {
		v.Add("password", certif.ErrorFields(perr)["password"])
	}
	if next != confirm {
		v.Add("confirm", "La confirmation ne correspond pas au nouveau mot de passe.")
	}
	err = v.Err()
	if err == nil {
		var newHash string
		if newHash, err = auth.HashPassword(next); err == nil {
			err = s.Store.SetPassword(ctx, s.Caller(r), u.ID, newHash)
		}
	}
	if err != nil {
		d, derr := s.accountData(r)
		if derr != nil {
			return derr
		}
		return s.ShowInvalid(w, r, "account.html", "Mon compte", d, err)
	}
	s.ClearCookie(w, r, kit.SessionCookie)
	return s.Redirect(w, r, "/connexion", "Mot de passe changé : reconnectez-vous avec le nouveau.")
}

// createToken makes an API token valid for the number of days chosen (90
// when the form names none) and shows its value once.
func (s *Area) createToken(w http.ResponseWriter, r *http.Request) error {
	label := strings.TrimSpace(r.PostFormValue("label"))
	days := auth.DefaultTokenDays
	var v certif.Validation
	if label == "" {
		v.Add("label", "Donnez un nom au jeton (ex. : script d'import).")
	}
	if text := r.PostFormValue("days"); text != "" {
		n, err := strconv.Atoi(text)
		if err == nil {
			err = auth.CheckTokenDays(n)
		}
		if err != nil {
			v.Add("days", fmt.Sprintf("Choisissez une durée de validité de 1 à %d jours.", auth.MaxTokenDays))
		}
		days = n
	}
	if err := v.Err(); err != nil {
		d, derr := s.accountData(r)
		if derr != nil {
			return derr
		}
		return s.ShowInvalid(w, r, "account.html", "Mon compte", d, err)
	}
	value, t, err := s.Auth.CreateToken(r.Context(), s.Caller(r), kit.Principal(r).User.ID, label, days)
	if err != nil {
		return err
	}
	d, err := s.accountData(r)
	if err != nil {
		return err
	}
	d.NewToken = value
	pg := s.NewPage(w, r, "Mon compte", d)
	pg.Flash = "Jeton « " + label + " » créé, valable jusqu'au " + clock.FormatParisDay(t.ExpiresAt) + " : copiez-le maintenant, il ne sera plus affiché."
	return s.Render(w, http.StatusCreated, "account.html", pg)
}

func (s *Area) revokeToken(w http.ResponseWriter, r *http.Request) error {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err := s.Store.RevokeAPIToken(r.Context(), s.Caller(r), kit.Principal(r).User.ID, id); err != nil {
		return err
	}
	return s.Redirect(w, r, "/compte", "Jeton révoqué.")
}
