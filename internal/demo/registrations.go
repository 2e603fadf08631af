package demo

import (
	"context"
	"fmt"

	"certibloc/internal/calendar"
	"certibloc/internal/certif"
	"certibloc/internal/store"
)

// caller is how the demo writes: as the exam office would, on the demo's
// date, so that every rule applies as in real use.
func (l *loader) caller() store.Caller {
	return store.Caller{Actor: actor, Role: certif.RoleOffice, Scope: store.All, Today: l.today}
}

// registrations registers two candidates of three per employer, with the
// shapes a real campaign shows: partial and complete paths, a contrat de
// professionnalisation with its own period, a block validated before the
// platform, a disability with adjustments. The third candidate stays
// unregistered, as employers' homes then show ("no registration, no exam").
// The employers registered them a week before the office launched the
// campaigns they are in (timeline.registered), for periods still on time today.
func (l *loader) registrations(ctx context.Context) error {
	cal, err := l.st.Calendar(ctx)
	if err != nil {
		return err
	}
	first := cal.EarliestPeriod(l.today)
	period := func(after int) certif.Date {
		m := first.Add(after)
		for !cal.IsExamMonth(m) {
			m = m.Add(1)
		}
		return m.First().AddDays(4)
	}
	by := l.caller()
	if l.timed {
		by.Today = l.tl.registered
	}
	// Blocks taken over from myCertif were validated before the platform's
	// first national jury (the demo's history deliberates the last two).
	before := by.Today
	if _, juries := aroundToday(cal, l.today); len(juries) > 0 && juries[0].Date.Before(before) {
		before = juries[0].Date
	}
	validatedOn := lastJuryBefore(cal, before)
	branchOf := map[string]string{}
	for _, e := range employers {
		branchOf[e.code] = certif.EmployerTypes[e.typ]
	}
	return l.on(by.Today, func() error {
		rank := map[string]int{}
		for _, c := range candidates {
			n := rank[c.employer]
			rank[c.employer]++
			id := l.cands[c.key()]
			if n > 1 || id == 0 {
				continue
			}
			if regs, err := l.st.CandidateRegistrations(ctx, id, store.All); err != nil || len(regs) > 0 {
				continue // already registered (interrupted load)
			}
			req, prior := demoRequest(branchOf[c.employer], n, period)
			if prior != 0 {
				if err := l.st.RecordPriorValidation(ctx, by, id, req.Qualification, prior, validatedOn,
					"Reprise de myCertif UCANSS : bloc validé le "+validatedOn.French()); err != nil {
					return fmt.Errorf("bloc validé de %s : %w", c.name(), err)
				}
			}
			if _, err := l.st.CreateRegistration(ctx, by, id, req); err != nil {
				return fmt.Errorf("inscription de %s : %w", c.name(), err)
			}
		}
		return nil
	})
}

// lastJuryBefore is the day of the last national jury before day, the day
// the demo's blocks validated before the platform were; six months before
// when the calendar has none.
func lastJuryBefore(cal *calendar.Calendar, day certif.Date) certif.Date {
	last := day.AddMonths(-6)
	for _, j := range cal.Juries(0) {
		if j.Date.Before(day) {
			last = j.Date
		}
	}
	return last
}

// demoRequest picks a registration fitting the employer's branch: the n-th
// candidate of the employer, with a block validated beforehand when prior is not 0.
func demoRequest(branch string, n int, period func(int) certif.Date) (req certif.RegistrationRequest, prior int) {
	switch {
	case branch == "maladie" && n == 0:
		return certif.RegistrationRequest{Qualification: "DAM", Path: certif.PathComplete, CertifiableFrom: period(1), Contract: certif.ContractCDI}, 0
	case branch == "maladie":
		return certif.RegistrationRequest{Qualification: "MOSS", Path: certif.PathPartial, Blocks: []int{1, 2}, CertifiableFrom: period(2),
			BlockDates: map[int]certif.Date{2: period(4)}, Contract: certif.ContractCDI, Disability: true,
			Adjustments: "Salle accessible en fauteuil, tiers temps"}, 0
	case n == 0:
		return certif.RegistrationRequest{Qualification: "COS", Path: certif.PathPartial, Blocks: []int{1, 2}, CertifiableFrom: period(1),
			Contract: certif.ContractCDI, Specialty: "Accueil physique et téléphonique"}, 0
	default:
		return certif.RegistrationRequest{Qualification: "GC", Path: certif.PathComplete, CertifiableFrom: period(2), Contract: certif.ContractPro,
			ExamPeriod: period(3).MonthOf(), Specialty: "Gestion des prestations"}, 1
	}
}

// sites gives the employers of the collection-table route a site with the
// opening hours of its reception desk and phone platform (R18).
func (l *loader) sites(ctx context.Context) error {
	for _, e := range employers {
		if certif.EmployerTypes[e.typ] == "maladie" {
			continue
		}
		id := l.employerIDs[e.code]
		existing, err := l.st.EmployerSites(ctx, id)
		if err != nil || len(existing) > 0 {
			continue
		}
		if _, err := l.st.SaveEmployerSite(ctx, l.caller(), id, store.EmployerSite{Name: "Siège – " + e.name, Address: e.region,
			ReceptionHours: "Du lundi au vendredi, 8 h 30 – 16 h 30", PhoneHours: "Du lundi au vendredi, 9 h – 12 h et 13 h 30 – 16 h"}); err != nil {
			return fmt.Errorf("site de %s : %w", e.code, err)
		}
	}
	return nil
}
