package home

import (
	"net/http"

	"certibloc/internal/accrochage"
	"certibloc/internal/calendar"
	"certibloc/internal/certif"
	"certibloc/internal/web/kit"
)

// outlook is what every role's home shows of the calendar: the next national
// jury and collection deadline, what is missing from the calendar and the referential.
type outlook struct {
	NextJury        *calendar.JuryWithCutoff
	NextCampaign    *calendar.CollectionCampaign
	MissingJuryYear int
	EarliestPeriod  certif.Month
	// UntitledBlocks counts the blocks whose title the office has still to
	// enter, UntitledQuals their qualifications; UncountedQuals are those
	// whose number of blocks is still to confirm.
	UntitledBlocks int
	UntitledQuals  []string
	UncountedQuals []string
	// LapsedRNCP are the qualifications whose RNCP registrations all ended
	// before today, no renewal entered.
	LapsedRNCP []string
	// UnconfirmedProgrammes are the branches' programmes whose CQP the
	// office has still to confirm.
	UnconfirmedProgrammes []string
}

// roleHomes builds each role's home page: its template and its data.
var roleHomes = map[certif.Role]func(s *Area, r *http.Request, o outlook, sources homeSources) (any, error){
	certif.RoleOffice:       (*Area).staffHome,
	certif.RoleCertifier:    (*Area).staffHome,
	certif.RoleEmployer:     (*Area).employerHome,
	certif.RoleJury:         (*Area).juryHome,
	certif.RoleCandidate:    (*Area).candidateHome,
	certif.RoleNationalFund: (*Area).fundHome,
}

// homeSources are what the role homes read once.
type homeSources struct {
	cal   *calendar.Calendar
	quals []certif.Qualification
	today certif.Date
}

// home shows the page of the caller's role: what it has to do next.
func (s *Area) home(w http.ResponseWriter, r *http.Request) error {
	p := kit.Principal(r)
	build, ok := roleHomes[p.Role()]
	if p.Anonymous() || !ok {
		return s.Show(w, r, "public.html", "Accueil", nil)
	}
	src, o, err := s.outlook(r)
	if err != nil {
		return err
	}
	d, err := build(s, r, o, src)
	if err != nil {
		return err
	}
	return s.Show(w, r, string(p.Role())+".html", "Accueil", d)
}

func (s *Area) outlook(r *http.Request) (homeSources, outlook, error) {
	ctx := r.Context()
	src := homeSources{today: s.Clock.Today()}
	var err error
	if src.cal, err = s.Store.Calendar(ctx); err != nil {
		return src, outlook{}, err
	}
	if src.quals, err = s.Store.Qualifications(ctx, true); err != nil {
		return src, outlook{}, err
	}
	today := src.today
	o := outlook{EarliestPeriod: src.cal.EarliestPeriod(today)}
	for _, j := range src.cal.JuriesWithCutoffs(0) {
		if !j.Date.Before(today) {
			o.NextJury = &j
			break
		}
	}
	for _, cp := range src.cal.Campaigns(0) {
		if !cp.Deadline.Before(today) {
			o.NextCampaign = &cp
			break
		}
	}
	if len(src.cal.Juries(today.Year()+1)) == 0 {
		o.MissingJuryYear = today.Year() + 1
	}
	for _, q := range src.quals {
		if n := q.UntitledBlocks(); n > 0 {
			o.UntitledBlocks += n
			o.UntitledQuals = append(o.UntitledQuals, q.Code)
		}
		if !q.BlockCountConfirmed {
			o.UncountedQuals = append(o.UncountedQuals, q.Code)
		}
	}
	regs, err := s.Store.RNCPRegistrations(ctx)
	if err != nil {
		return src, outlook{}, err
	}
	progs, err := s.Store.Programmes(ctx)
	if err != nil {
		return src, outlook{}, err
	}
	for _, p := range progs {
		if !p.Confirmed() {
			o.UnconfirmedProgrammes = append(o.UnconfirmedProgrammes, p.Code)
		}
	}
	for _, q := range src.quals {
		if lapsed(regs[q.Code], today) {
			o.LapsedRNCP = append(o.LapsedRNCP, q.Code)
		}
	}
	return src, o, nil
}

// lapsed reports whether a qualification's RNCP registrations all ended
// before day: none in force, none to come.
func lapsed(regs []accrochage.Registration, day certif.Date) bool {
	if len(regs) == 0 {
		return false
	}
	if _, ok := accrochage.InForce(regs, day); ok {
		return false
	}
	for _, r := range regs {
		if r.From.After(day) {
			return false
		}
	}
	return true
}
