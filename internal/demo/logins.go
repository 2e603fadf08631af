package demo

import (
	"context"
	"slices"
	"strings"

	"certibloc/internal/certif"
	"certibloc/internal/store"
)

// Logins lists the demo accounts of the database (addresses in Domain), by
// role in menu order then by address.
func Logins(ctx context.Context, st *store.Store) ([]Login, error) {
	users, err := st.Users(ctx)
	if err != nil {
		return nil, err
	}
	emps, err := st.Employers(ctx)
	if err != nil {
		return nil, err
	}
	employerName := map[string]string{}
	for _, e := range emps {
		employerName[e.Code] = e.Name
	}
	var out []Login
	for _, u := range users {
		if !strings.HasSuffix(u.Email, "@"+Domain) {
			continue
		}
		label, err := loginLabel(ctx, st, u, employerName)
		if err != nil {
			return nil, err
		}
		out = append(out, Login{Email: u.Email, Role: u.Role, Label: label})
	}
	slices.SortStableFunc(out, func(a, b Login) int {
		if d := slices.Index(certif.Roles, a.Role) - slices.Index(certif.Roles, b.Role); d != 0 {
			return d
		}
		return strings.Compare(a.Email, b.Email)
	})
	return out, nil
}

// loginLabel says who an account is: the employer for HR accounts, the person
// and their seats or employer otherwise.
func loginLabel(ctx context.Context, st *store.Store, u *certif.User, employerName map[string]string) (string, error) {
	switch {
	case u.Role == certif.RoleEmployer:
		return employerName[u.EmployerCode], nil
	case u.Role == certif.RoleJury && u.JuryMemberID != 0:
		m, err := st.JuryMember(ctx, u.JuryMemberID, store.All)
		if err != nil {
			return "", err
		}
		var seats []string
		for _, r := range m.Roles {
			seats = append(seats, strings.ToLower(r.Label()))
		}
		return u.Name + " (" + strings.Join(seats, ", ") + ")", nil
	case u.Role == certif.RoleCandidate && u.CandidateID != 0:
		c, err := st.Candidate(ctx, u.CandidateID, store.All)
		if err != nil {
			return "", err
		}
		return u.Name + " (" + employerName[c.EmployerCode] + ")", nil
	}
	return u.Name, nil
}
