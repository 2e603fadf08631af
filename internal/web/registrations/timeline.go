package registrations

import (
	"net/http"

	"certibloc/internal/certif"
	"certibloc/internal/web/kit"
)

// Timeline is the path of each block of a candidate's qualifications, as
// the viewer's scope sees it (certif.Timelines): the candidate's file and the
// candidate's space show it with the partial "timeline".
func (s *Area) Timeline(r *http.Request, c certif.Candidate) ([]certif.QualificationTimeline, error) {
	f, err := s.Store.CandidateTimeline(r.Context(), c.ID, kit.Scope(r))
	if err != nil {
		return nil, err
	}
	today := s.Clock.Today()
	f.Today, f.IdentityValid = today, c.Validate(today) == nil
	f.Staff = kit.Principal(r).Is(certif.RoleOffice, certif.RoleCertifier)
	return certif.Timelines(f), nil
}
