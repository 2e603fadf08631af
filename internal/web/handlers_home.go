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
		c, err := s.st.Candidate(ctx, p.User.CandidateID, store.All)
		if err == nil {
			d.Candidate = &c
		} else if certif.ErrorCode(err) != certif.ENotFound {
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
	if d.Candidates, err = s.st.CountCandidates(ctx, store.Scope{EmployerID: e.ID}); err != nil {
		return err
	}
	m := today.MonthOf()
	for len(d.Periods) < 6 {
		m = m.Add(1)
		if !cal.IsExamMonth(m) {
			continue
		}
		pv := periodView{Period: m, RegisterBy: certif.RegistrationDeadline(m), OnTime: certif.RegistrationOnTime(m, today)}
		if cp, ok := cal.CampaignFor(m); ok {
			pv.CampaignDeadline, pv.CampaignOpen = cp.Deadline, !today.After(cp.Deadline)
		}
		d.Periods = append(d.Periods, pv)
	}
	return nil
}
