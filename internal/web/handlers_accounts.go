package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"certibloc/internal/auth"
	"certibloc/internal/certif"
	"certibloc/internal/clock"
	"certibloc/internal/store"
)

type usersData struct {
	Users     []*certif.User
	Employers []certif.Employer
	Roles     []certif.Role
	Created   *createdAccount
}

// createdAccount shows a generated password once, right after creation.
type createdAccount struct {
	Email    string
	Password string
}

func (s *Server) usersData(r *http.Request) (usersData, error) {
	users, err := s.st.Users(r.Context())
	if err != nil {
		return usersData{}, err
	}
	employers, err := s.st.Employers(r.Context())
	return usersData{Users: users, Employers: employers, Roles: certif.Roles}, err
}

func (s *Server) usersPage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.usersData(r)
	if err != nil {
		return err
	}
	return s.show(w, r, "users.html", "Comptes utilisateurs", d)
}

// createUser creates an account with a generated password, shown once to the
// office, which hands it over to the person.
func (s *Server) createUser(w http.ResponseWriter, r *http.Request) error {
	password := auth.GeneratePassword()
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	nu := store.NewUser{Email: r.PostFormValue("email"), Name: strings.TrimSpace(r.PostFormValue("name")),
		Role: certif.Role(r.PostFormValue("role")), PasswordHash: hash}
	if nu.Role.NeedsEmployer() {
		nu.EmployerCode = r.PostFormValue("employer")
	}
	u, err := s.st.CreateUser(r.Context(), actor(r), nu)
	d, derr := s.usersData(r)
	if derr != nil {
		return derr
	}
	if err != nil {
		return s.showInvalid(w, r, "users.html", "Comptes utilisateurs", d, err)
	}
	d.Created = &createdAccount{Email: u.Email, Password: password}
	pg := s.newPage(w, r, "Comptes utilisateurs", d)
	pg.Flash = "Compte " + u.Email + " créé."
	return s.render(w, http.StatusCreated, "users.html", pg)
}

func (s *Server) toggleUser(w http.ResponseWriter, r *http.Request) error {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	u, err := s.st.UserByID(r.Context(), id)
	if err != nil {
		return err
	}
	if u.ID == principal(r).User.ID {
		return certif.Errorf(certif.EConflict, "Vous ne pouvez pas désactiver votre propre compte.")
	}
	if err := s.st.SetUserDisabled(r.Context(), actor(r), u.ID, !u.Disabled); err != nil {
		return err
	}
	state := "réactivé"
	if !u.Disabled {
		state = "désactivé"
	}
	return s.redirect(w, r, "/comptes", "Compte "+u.Email+" "+state+".")
}

type accountData struct {
	Tokens    []store.APIToken
	NewToken  string
	TokenDays []int // lifetimes offered, in days
	Default   int
}

func (s *Server) accountData(r *http.Request) (accountData, error) {
	tokens, err := s.st.APITokens(r.Context(), principal(r).User.ID)
	return accountData{Tokens: tokens, TokenDays: auth.TokenDays, Default: auth.DefaultTokenDays}, err
}

func (s *Server) accountPage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.accountData(r)
	if err != nil {
		return err
	}
	return s.show(w, r, "account.html", "Mon compte", d)
}

func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := principal(r).User
	current, next, confirm := r.PostFormValue("current"), r.PostFormValue("password"), r.PostFormValue("confirm")
	_, hash, err := s.st.UserByEmail(ctx, u.Email)
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
			err = s.st.SetPassword(ctx, actor(r), u.ID, newHash)
		}
	}
	if err != nil {
		d, derr := s.accountData(r)
		if derr != nil {
			return derr
		}
		return s.showInvalid(w, r, "account.html", "Mon compte", d, err)
	}
	s.clearCookie(w, r, sessionCookie)
	return s.redirect(w, r, "/connexion", "Mot de passe changé : reconnectez-vous avec le nouveau.")
}

// createToken makes an API token valid for the number of days chosen (90
// when the form names none) and shows its value once.
func (s *Server) createToken(w http.ResponseWriter, r *http.Request) error {
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
		return s.showInvalid(w, r, "account.html", "Mon compte", d, err)
	}
	value, t, err := s.auth.CreateToken(r.Context(), actor(r), principal(r).User.ID, label, days)
	if err != nil {
		return err
	}
	d, err := s.accountData(r)
	if err != nil {
		return err
	}
	d.NewToken = value
	pg := s.newPage(w, r, "Mon compte", d)
	pg.Flash = "Jeton « " + label + " » créé, valable jusqu'au " + clock.FormatParisDay(t.ExpiresAt) + " : copiez-le maintenant, il ne sera plus affiché."
	return s.render(w, http.StatusCreated, "account.html", pg)
}

func (s *Server) revokeToken(w http.ResponseWriter, r *http.Request) error {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err := s.st.RevokeAPIToken(r.Context(), actor(r), principal(r).User.ID, id); err != nil {
		return err
	}
	return s.redirect(w, r, "/compte", "Jeton révoqué.")
}

type auditData struct {
	Events   []certif.AuditEvent
	Entity   string
	Entities []string
}

func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) error {
	entity := r.URL.Query().Get("objet")
	events, err := s.st.AuditEvents(r.Context(), viewer(r), store.AuditFilter{Entity: entity, EntityKey: r.URL.Query().Get("cle"), Limit: 300})
	if err != nil {
		return err
	}
	entities, err := s.st.AuditEntities(r.Context())
	if err != nil {
		return err
	}
	return s.show(w, r, "audit.html", "Journal des modifications", auditData{Events: events, Entity: entity, Entities: entities})
}
