package accounts

import (
	"net/http"

	"certibloc/internal/certif"
	"certibloc/internal/web/kit"
)

type apiUser struct {
	ID       int64       `json:"id"`
	Email    string      `json:"email"`
	Name     string      `json:"name"`
	Role     certif.Role `json:"role"`
	Employer string      `json:"employer,omitempty"`
}

func (s *Area) apiMe(w http.ResponseWriter, r *http.Request) error {
	u := kit.Principal(r).User
	return kit.WriteJSON(w, http.StatusOK, apiUser{ID: u.ID, Email: u.Email, Name: u.Name, Role: u.Role, Employer: u.EmployerCode})
}
