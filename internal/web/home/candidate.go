package home

import (
	"net/http"
	"slices"

	"certibloc/internal/certif"
	"certibloc/internal/web/kit"
	"certibloc/internal/web/registrations"
)

// candidateHome is the candidate's space: the identity as certificates will
// print it (R16), the path of each block and what comes next, and the
// registrations with the status of each block. Health data is not shown
// here (registration reads carry none).
type candidateHome struct {
	outlook
	Candidate     *certif.Candidate
	Registrations []registrations.RegistrationView
	Timeline      []certif.QualificationTimeline
}

func (s *Area) candidateHome(r *http.Request, o outlook, _ homeSources) (any, error) {
	ctx := r.Context()
	d := candidateHome{outlook: o}
	c, err := s.Store.Candidate(ctx, kit.Principal(r).User.CandidateID, kit.Scope(r))
	if certif.ErrorCode(err) == certif.ENotFound {
		return d, nil
	}
	if err != nil {
		return nil, err
	}
	d.Candidate = &c
	regs, err := s.Store.CandidateRegistrations(ctx, c.ID, kit.Scope(r))
	if err != nil {
		return nil, err
	}
	titles, windows, err := s.registrations.RegistrationLookups(r)
	if err != nil {
		return nil, err
	}
	live := slices.DeleteFunc(regs, func(g certif.Registration) bool { return g.Deleted })
	d.Registrations = s.registrations.ViewRegistrations(r, live, c, titles, windows)
	d.Timeline, err = s.registrations.Timeline(r, c)
	return d, err
}
