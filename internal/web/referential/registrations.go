package referential

import (
	"net/http"
	"strings"

	"certibloc/internal/accrochage"
	"certibloc/internal/certif"
)

// registrations are the RNCP registrations of every qualification, by code,
// as the referential pages show them on the day of the request.
type registrations struct {
	ByQual map[string][]accrochage.Registration
	Today  certif.Date
}

func (s *Area) registrations(r *http.Request) (registrations, error) {
	all, err := s.Store.RNCPRegistrations(r.Context())
	return registrations{ByQual: all, Today: s.Clock.Today()}, err
}

// Summary says how the qualification stands on the RNCP: its registrations
// with their validity, "hors RNCP", or that its number is not known.
func (rs registrations) Summary(q certif.Qualification) string {
	regs := rs.ByQual[q.Code]
	switch {
	case len(regs) > 0:
		parts := make([]string, len(regs))
		for i, r := range regs {
			parts[i] = r.Code + " (" + r.Period() + ", " + rs.State(r) + ")"
		}
		return strings.Join(parts, ", ")
	case q.OffRNCP:
		return "hors RNCP"
	}
	return "numéro RNCP non renseigné"
}

// Of lists a qualification's registrations.
func (rs registrations) Of(code string) []accrochage.Registration { return rs.ByQual[code] }

// State says where a registration stands today: "en vigueur", "expiré",
// "à venir".
func (rs registrations) State(reg accrochage.Registration) string {
	switch {
	case !reg.Until.IsZero() && reg.Until.Before(rs.Today):
		return "expiré"
	case !reg.From.IsZero() && reg.From.After(rs.Today):
		return "à venir"
	}
	return "en vigueur"
}
