package registrations

// JSON API of candidates, registrations and "néant" declarations (issue 4).
//
// Tenancy comes from the caller's account (store.ScopeOf): an employer's token
// asking for another employer's candidate, registration, history or "néant"
// declarations gets 404, exactly as for an id that does not exist.
//
// Choices documented in openapi/registrations.json:
//   - POST /api/v1/candidates by an employer always creates for its own
//     employer; "employer" may be omitted or equal its own code, any other code
//     answers 404 (another employer is outside its scope). The office must give
//     "employer".
//   - PATCH is a partial update: absent (or null) fields keep their value.
//     Read-only fields of a GET answer may be sent back and are ignored.
//   - "blocks" is only read for the partial path; the complete path presents
//     every block remaining to validate (R3).
//   - Only the office may give "late_reason" (R6 override).

import (
	"net/http"
	"strings"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

// apiNilDeclaration is an employer's "néant" for a period.
type apiNilDeclaration struct {
	Employer   string       `json:"employer"`
	Period     certif.Month `json:"period"`
	DeclaredAt string       `json:"declared_at"` // UTC, RFC 3339
	DeclaredBy string       `json:"declared_by"`
	Lapsed     bool         `json:"lapsed"` // the employer registered someone for the period afterwards
}

func newAPINilDeclaration(d certif.NilDeclaration) apiNilDeclaration {
	out := apiNilDeclaration{Employer: d.EmployerCode, Period: d.Period, DeclaredBy: d.DeclaredBy, Lapsed: d.Lapsed}
	if !d.DeclaredAt.IsZero() {
		out.DeclaredAt = d.DeclaredAt.UTC().Format("2006-01-02T15:04:05Z")
	}
	return out
}

// apiNilEmployer returns the employer of the path, within the caller's scope: an
// employer sees only its own code, anything else is not found.
func (s *Area) apiNilEmployer(r *http.Request) (certif.Employer, error) {
	code := strings.ToUpper(strings.TrimSpace(r.PathValue("code")))
	u := kit.Principal(r).User
	if !u.Role.SeesAllEmployers() && (u.Role != certif.RoleEmployer || code != strings.ToUpper(u.EmployerCode)) {
		return certif.Employer{}, certif.Errorf(certif.ENotFound, "Employeur introuvable.") // the code is not echoed
	}
	return s.Store.EmployerByCode(r.Context(), code)
}

func (s *Area) apiNilDeclarationList(w http.ResponseWriter, r *http.Request) error {
	e, err := s.apiNilEmployer(r)
	if err != nil {
		return err
	}
	list, err := s.Store.NilDeclarations(r.Context(), store.Scope{EmployerID: e.ID})
	if err != nil {
		return err
	}
	out := make([]apiNilDeclaration, 0, len(list))
	for _, d := range list {
		out = append(out, newAPINilDeclaration(d))
	}
	return kit.WriteJSON(w, http.StatusOK, out)
}

func (s *Area) apiNilDeclarationCreate(w http.ResponseWriter, r *http.Request) error {
	e, err := s.apiNilEmployer(r)
	if err != nil {
		return err
	}
	var in struct {
		Period string `json:"period"`
	}
	if err := kit.Decode(w, r, &in, false); err != nil {
		return err
	}
	var period certif.Month
	if strings.TrimSpace(in.Period) != "" {
		if period, err = certif.ParseMonth(in.Period); err != nil {
			return &certif.Error{Code: certif.EInvalid, Message: "Période invalide.",
				Fields: map[string]string{"period": "Période invalide : format AAAA-MM attendu."}}
		}
	}
	d, err := s.Store.DeclareNil(r.Context(), s.Caller(r), e.Code, period)
	if err != nil {
		return err
	}
	return kit.WriteJSON(w, http.StatusCreated, newAPINilDeclaration(d))
}
