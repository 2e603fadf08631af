package home

import (
	"net/http"
	"slices"

	"certibloc/internal/certif"
	"certibloc/internal/web/kit"
)

// juryHome is a jury member's home: the roles they hold and, for the CQPs
// whose jury training is mandatory (R14), whether they are trained.
type juryHome struct {
	outlook
	JuryMember        *certif.JuryMember
	TrainingMandatory []string // the member's CQPs whose jury training is mandatory (R14)
}

func (s *Area) juryHome(r *http.Request, o outlook, src homeSources) (any, error) {
	d := juryHome{outlook: o}
	m, err := s.Store.JuryMember(r.Context(), kit.Principal(r).User.JuryMemberID, kit.Scope(r))
	if certif.ErrorCode(err) == certif.ENotFound {
		return d, nil
	}
	if err != nil {
		return nil, err
	}
	d.JuryMember = &m
	for _, q := range src.quals {
		if q.JuryTrainingMandatory && slices.Contains(m.Qualifications, q.Code) {
			d.TrainingMandatory = append(d.TrainingMandatory, q.Code)
		}
	}
	return d, nil
}
