package accounts

import (
	"net/http"
	"strconv"
	"strings"

	"certibloc/internal/auth"
	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

type usersData struct {
	Users     []*certif.User
	Employers []certif.Employer
	Funds     []certif.NationalFund
	Roles     []certif.Role
	Created   *createdAccount
}

// createdAccount shows a generated password once, right after creation.
type createdAccount struct {
	Email    string
	Password string
}

func (s *Area) usersData(r *http.Request) (usersData, error) {
	users, err := s.Store.Users(r.Context())
	if err != nil {
		return usersData{}, err
	}
	employers, err := s.Store.Employers(r.Context())
	return usersData{Users: users, Employers: employers, Funds: certif.NationalFunds, Roles: certif.Roles}, err
}

func (s *Area) usersPage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.usersData(r)
	if err != nil {
		return err
	}
	return s.Show(w, r, "users.html", "Comptes utilisateurs", d)
}

// createUser creates an account with a generated password, shown once to the
// office, which hands it over to the person.
func (s *Area) createUser(w http.ResponseWriter, r *http.Request) error {
	password := auth.GeneratePassword()
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	nu := store.NewUser{Email: r.PostFormValue("email"), Name: strings.TrimSpace(r.PostFormValue("name")),
		Role: certif.Role(r.PostFormValue("role")), PasswordHash: hash}
	accountOf(r, &nu)
	u, err := s.Store.CreateUser(r.Context(), s.Caller(r), nu)
	d, derr := s.usersData(r)
	if derr != nil {
		return derr
	}
	if err != nil {
		return s.ShowInvalid(w, r, "users.html", "Comptes utilisateurs", d, err)
	}
	d.Created = &createdAccount{Email: u.Email, Password: password}
	pg := s.NewPage(w, r, "Comptes utilisateurs", d)
	pg.Flash = "Compte " + u.Email + " créé."
	return s.Render(w, http.StatusCreated, "users.html", pg)
}

// accountOf reads what a new account belongs to, as its role needs: an
// employer, or a national fund's branch.
func accountOf(r *http.Request, nu *store.NewUser) {
	if nu.Role.NeedsEmployer() {
		nu.EmployerCode = r.PostFormValue("employer")
	}
	if nu.Role.NeedsBranch() {
		nu.BranchCode = r.PostFormValue("branch")
	}
}

func (s *Area) toggleUser(w http.ResponseWriter, r *http.Request) error {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	u, err := s.Store.UserByID(r.Context(), id)
	if err != nil {
		return err
	}
	if u.ID == kit.Principal(r).User.ID {
		return certif.Errorf(certif.EConflict, "Vous ne pouvez pas désactiver votre propre compte.")
	}
	if err := s.Store.SetUserDisabled(r.Context(), s.Caller(r), u.ID, !u.Disabled); err != nil {
		return err
	}
	state := "réactivé"
	if !u.Disabled {
		state = "désactivé"
	}
	return s.Redirect(w, r, "/comptes", "Compte "+u.Email+" "+state+".")
}
