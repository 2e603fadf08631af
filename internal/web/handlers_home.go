package web

import (
	"net/http"

	"certibloc/internal/calendar"
	"certibloc/internal/certif"
	"certibloc/internal/store"
)

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

type homeData struct {
	Role              certif.Role
	NextJury          *calendar.JuryWithCutoff
	NextCampaign      *calendar.CollectionCampaign
	MissingJuryYear   int
	PlaceholderQuals  []string
	Employers         int
	Candidates        int
	Employer          *certif.Employer
	CollectionRoute   []string // CQPs of the employer's branch on the collection-table route (R5)
	Periods           []periodView
	EarliestPeriod    certif.Month
	JuryMember        *certif.JuryMember
	TrainingMandatory []string // CQPs of the member whose jury training is mandatory (R14)
	Candidate         *certif.Candidate
	Unregistered      int                // employer: candidates with no registration (R8)
	PendingCensus     int                // employer: census pre-registrations to confirm (R4)
	Registrations     []registrationView // candidate: own registrations
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p := principal(r)
	today := s.clock.Today()
	cal, err := s.st.Calendar(ctx)
	if err != nil {
		return err
	}
	quals, err := s.st.Qualifications(ctx, true)
	if err != nil {
		return err
	}
	d := homeData{Role: p.Role(), EarliestPeriod: cal.EarliestPeriod(today)}
	for _, j := range cal.JuriesWithCutoffs(0) {
		if !j.Date.Before(today) {
			d.NextJury = &j
			break
		}
	}
	for _, cp := range cal.Campaigns(0) {
		if !cp.Deadline.Before(today) {
			d.NextCampaign = &cp
			break
		}
	}
	if len(cal.Juries(today.Year()+1)) == 0 {
		d.MissingJuryYear = today.Year() + 1
	}
	for _, q := range quals {
		if q.HasPlaceholders() {
			d.PlaceholderQuals = append(d.PlaceholderQuals, q.Code)
		}
	}
	switch p.Role() {
	case certif.RoleOffice, certif.RoleCertifier:
		if d.Employers, err = s.st.CountEmployers(ctx); err != nil {
			return err
		}
		if d.Candidates, err = s.st.CountCandidates(ctx, store.All); err != nil {
			return err
		}
	case certif.RoleEmployer:
		if err := s.employerHome(r, &d, cal, quals, today); err != nil {
			return err
		}
	case certif.RoleJury:
		m, err := s.st.JuryMember(ctx, p.User.JuryMemberID)
		if err == nil {
			d.JuryMember = &m
			for _, q := range quals {
				for _, code := range m.Qualifications {
					if q.Code == code && q.JuryTrainingMandatory {
						d.TrainingMandatory = append(d.TrainingMandatory, code)
					}
				}
			}
		} else if certif.ErrorCode(err) != certif.ENotFound {
			return err
		}
	case certif.RoleCandidate:
		if err := s.candidateHome(r, &d); err != nil {
			return err
		}
	}
	return s.show(w, r, "home.html", "Accueil", d)
}

// employerHome fills what an employer's HR has to do next: the coming periods
// with their registration deadlines (R6) and collection deadlines (R5).
func (s *Server) employerHome(r *http.Request, d *homeData, cal *calendar.Calendar, quals []certif.Qualification, today certif.Date) error {
	ctx := r.Context()
	e, err := s.st.EmployerByCode(ctx, principal(r).User.EmployerCode)
	if err != nil {
		return err
	}
	d.Employer = &e
	for _, q := range quals {
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
	if d.Candidates, err = s.st.CountCandidates(ctx, sc); err != nil {
		return err
	}
	if d.Unregistered, err = s.st.CandidatesWithoutRegistration(ctx, sc); err != nil {
		return err
	}
	if d.PendingCensus, err = s.st.CountPendingPreRegistrations(ctx, sc); err != nil {
		return err
	}
	counts, err := s.st.PeriodCounts(ctx, sc, today.MonthOf())
	if err != nil {
		return err
	}
	decls, err := s.st.NilDeclarations(ctx, sc)
	if err != nil {
		return err
	}
	declared := map[certif.Month]bool{}
	for _, n := range decls {
		declared[n.Period] = !n.Lapsed
	}
	m := today.MonthOf()
	for len(d.Periods) < 6 {
		m = m.Add(1)
		if !cal.IsExamMonth(m) {
			continue
		}
		pv := periodView{Period: m, RegisterBy: certif.RegistrationDeadline(m), OnTime: certif.RegistrationOnTime(m, today), Candidates: counts[m], Nil: declared[m]}
		if cp, ok := cal.CampaignFor(m); ok {
			pv.CampaignDeadline, pv.CampaignOpen = cp.Deadline, !today.After(cp.Deadline)
		}
		d.Periods = append(d.Periods, pv)
	}
	return nil
}

// candidateHome fills the candidate's space: identity as printed (R16) and
// registrations with the status of each block. Health data is not shown here.
func (s *Server) candidateHome(r *http.Request, d *homeData) error {
	ctx := r.Context()
	c, err := s.st.Candidate(ctx, principal(r).User.CandidateID, store.All)
	if certif.ErrorCode(err) == certif.ENotFound {
		return nil
	}
	if err != nil {
		return err
	}
	d.Candidate = &c
	regs, err := s.st.CandidateRegistrations(ctx, c.ID, store.All)
	if err != nil {
		return err
	}
	titles, windows, err := s.registrationLookups(r)
	if err != nil {
		return err
	}
	for _, g := range regs {
		if !g.Deleted {
			d.Registrations = append(d.Registrations, s.viewRegistration(r, g, c, titles, windows))
		}
	}
	return nil
}
