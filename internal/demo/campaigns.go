package demo

import (
	"context"
	"fmt"
	"slices"

	"certibloc/internal/calendar"
	"certibloc/internal/campaign"
	"certibloc/internal/certif"
	"certibloc/internal/store"
)

// takeover is the office's reason for the campaign's registrations, made
// after the 3-month rule (R6) when the demo's date requires it.
const takeover = "Reprise des inscriptions de myCertif UCANSS pour la campagne de recueil"

// launchWeeks is how long before its deadline the office launches a
// campaign in the demo.
const launchWeeks = 6

// demoCampaign is the campaign the demo shows: the latest whose return
// deadline has passed and whose exams are not over.
func demoCampaign(cal *calendar.Calendar, today certif.Date) (calendar.CollectionCampaign, bool) {
	all := cal.Campaigns(0)
	for _, cp := range slices.Backward(all) {
		if len(cp.ExamMonths) > 0 && cp.Deadline.Before(today) && !cp.ExamMonths[len(cp.ExamMonths)-1].Last().Before(today) {
			return cp, true
		}
	}
	return calendar.CollectionCampaign{}, false
}

// campaigns shows a collection campaign (R5) as the office sees it after its
// deadline: the first candidate of each employer of the Famille,
// Recouvrement and Retraite branches is registered for COS block 3 in the
// campaign's first exam month, the campaign is launched, and the tables come
// back, one employer in three on time, one late (its juries blocked until
// the office lifts it), one missing.
func (l *loader) campaigns(ctx context.Context) error {
	cal, err := l.st.Calendar(ctx)
	if err != nil {
		return err
	}
	cp, ok := demoCampaign(cal, l.today)
	if !ok {
		return nil
	}
	launch := cp.Deadline.AddDays(-launchWeeks * 7)
	if !launch.After(l.origin()) {
		launch = l.origin().AddDays(1)
	}
	err = l.on(launch, func() error {
		if err := l.campaignRegistrations(ctx, cp, launch); err != nil {
			return err
		}
		by := l.caller()
		by.Today = launch
		if _, err := campaign.Launch(ctx, l.st, by, cp, ""); err != nil {
			return fmt.Errorf("lancement de la campagne %s : %w", cp.Name, err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	returns, err := l.st.CollectionReturns(ctx, cp, store.All)
	if err != nil {
		return err
	}
	i := -1
	for _, r := range returns {
		if employerOf(r.EmployerCode).code == "" {
			continue // an employer of the national-scale data: its table stays missing
		}
		i++
		day := cp.Deadline.AddDays(-6) // on time
		switch {
		case !r.ReturnedAt.IsZero() || i%3 == 2: // returned before (interrupted load), or missing
			continue
		case i%3 == 1: // late
			if day = cp.Deadline.AddDays(4); day.After(l.today) {
				day = l.today
			}
		}
		if err := l.returnTable(ctx, cp, r, day); err != nil {
			return err
		}
	}
	return nil
}

// campaignRegistrations registers, on day, the first candidate of each
// employer of the collection-table route for COS block 3 in the campaign's
// first month.
func (l *loader) campaignRegistrations(ctx context.Context, cp calendar.CollectionCampaign, day certif.Date) error {
	seen := map[string]bool{}
	by := l.caller().Because(takeover)
	by.Today = day
	for _, c := range candidates {
		e := employerOf(c.employer)
		if seen[c.employer] || certif.EmployerTypes[e.typ] == "maladie" {
			continue
		}
		seen[c.employer] = true
		id := l.cands[c.key()]
		regs, err := l.st.CandidateRegistrations(ctx, id, store.All)
		if err != nil {
			return err
		}
		if slices.ContainsFunc(regs, func(g certif.Registration) bool { return len(certif.CollectionAttempts(g, cp.ExamMonths)) > 0 }) {
			continue // registered before (interrupted load)
		}
		req := certif.RegistrationRequest{Qualification: "COS", Path: certif.PathPartial, Blocks: []int{3}, Contract: certif.ContractCDI,
			CertifiableFrom: cp.ExamMonths[0].First().AddDays(4), Specialty: "Accueil physique et téléphonique"}
		if _, err := l.st.CreateRegistration(ctx, by, id, req); err != nil {
			return fmt.Errorf("inscription de %s pour la campagne %s : %w", c.name(), cp.Name, err)
		}
	}
	return nil
}

// returnTable returns an employer's table as it was sent, by its HR, on day.
func (l *loader) returnTable(ctx context.Context, cp calendar.CollectionCampaign, r certif.CollectionReturn, day certif.Date) error {
	name, content, err := l.st.CollectionFile(ctx, cp.Name, r.EmployerID)
	if err != nil {
		return err
	}
	by := store.Caller{Actor: store.Actor{Email: employerOf(r.EmployerCode).hrEmail()}, Role: certif.RoleEmployer,
		Scope: store.Scope{EmployerID: r.EmployerID}, Today: day}
	return l.on(day, func() error {
		if _, err := campaign.Return(ctx, l.st, by, &cp, r.EmployerCode, name, content, true, 0); err != nil {
			return fmt.Errorf("retour du tableau de recueil de %s : %w", r.EmployerCode, err)
		}
		return nil
	})
}

// employerOf returns the demo employer of a code.
func employerOf(code string) employer {
	for _, e := range employers {
		if e.code == code {
			return e
		}
	}
	return employer{}
}
