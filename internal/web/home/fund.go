package home

import (
	"net/http"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

// fundHome is a national fund's home: the jury members of its branch, the
// proposals waiting for the office, the availability requests it sent.
type fundHome struct {
	outlook
	Fund       *certif.NationalFund
	BranchName string
	Active     int // active members of the branch
	Proposed   int // proposals waiting for the office
	Requests   int // availability requests it sent
}

func (s *Area) fundHome(r *http.Request, o outlook, _ homeSources) (any, error) {
	d := fundHome{outlook: o}
	f, ok := certif.NationalFundOf(kit.Principal(r).User.BranchCode)
	if !ok {
		return d, nil
	}
	d.Fund = &f
	_, names, err := s.BranchNames(r)
	if err != nil {
		return nil, err
	}
	d.BranchName = names[f.Branch]
	members, err := s.Store.JuryMembers(r.Context(), store.JuryMemberFilter{Scope: kit.Scope(r)})
	if err != nil {
		return nil, err
	}
	for _, m := range members {
		switch m.Status {
		case certif.MemberActive:
			d.Active++
		case certif.MemberProposed:
			d.Proposed++
		}
	}
	requests, err := s.Store.AvailabilityRequests(r.Context(), kit.Scope(r))
	d.Requests = len(requests)
	return d, err
}
