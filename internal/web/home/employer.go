package home

import (
	"net/http"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

// employerHome is what an employer's HR has to do next: the coming periods
// with their registration deadlines (R6) and collection deadlines (R5),
// candidates without a registration (R8), census pre-registrations to
// confirm (R4).
type employerHome struct {
	outlook
	Employer        *certif.Employer
	CollectionRoute []string // CQPs of the employer's branch on the collection-table route (R5)
	Periods         []periodView
	Candidates      int
	Unregistered    int // candidates with no registration (R8)
	PendingCensus   int // census pre-registrations to confirm (R4)
}

// periodView is a coming certification period with its deadlines (R5, R6).
type periodView struct {
	Period           certif.Month
	RegisterBy       certif.Date // R6
	OnTime           bool
	CampaignDeadline certif.Date // R5, zero when no campaign covers the month
	CampaignOpen     bool
	Candidates       int  // candidates presented in the period
	Nil              bool // the employer declared "néant" for it (R17)
}

func (s *Area) employerHome(r *http.Request, o outlook, src homeSources) (any, error) {
	ctx := r.Context()
	d := employerHome{outlook: o}
	e, err := s.Store.EmployerByCode(ctx, kit.Principal(r).User.EmployerCode)
	if err != nil {
		return nil, err
	}
	d.Employer = &e
	for _, q := range src.quals {
		if q.Route != certif.RouteCollectionTable {
			continue
		}
		for _, b := range q.Branches {
			if b == e.Branch {
				d.CollectionRoute = append(d.CollectionRoute, q.Code)
			}
		}
	}
	sc := store.Scope{EmployerID: e.ID}
	if d.Candidates, err = s.Store.CountCandidates(ctx, sc); err != nil {
		return nil, err
	}
	if d.Unregistered, err = s.Store.CandidatesWithoutRegistration(ctx, sc); err != nil {
		return nil, err
	}
	if d.PendingCensus, err = s.Store.CountPendingPreRegistrations(ctx, sc); err != nil {
		return nil, err
	}
	counts, err := s.Store.PeriodCounts(ctx, sc, src.today.MonthOf())
	if err != nil {
		return nil, err
	}
	decls, err := s.Store.NilDeclarations(ctx, sc)
	if err != nil {
		return nil, err
	}
	declared := map[certif.Month]bool{}
	for _, n := range decls {
		declared[n.Period] = !n.Lapsed
	}
	today := src.today
	m := today.MonthOf()
	for len(d.Periods) < 6 {
		m = m.Add(1)
		if !src.cal.IsExamMonth(m) {
			continue
		}
		pv := periodView{Period: m, RegisterBy: certif.RegistrationDeadline(m), OnTime: certif.RegistrationOnTime(m, today), Candidates: counts[m], Nil: declared[m]}
		if cp, ok := src.cal.CampaignFor(m); ok {
			pv.CampaignDeadline, pv.CampaignOpen = cp.Deadline, !today.After(cp.Deadline)
		}
		d.Periods = append(d.Periods, pv)
	}
	return d, nil
}
