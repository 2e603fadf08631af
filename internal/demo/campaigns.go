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

// campaigns shows the collection campaigns (R5) around today as the office
// sees them: the campaign of the juries held a fortnight ago, its tables back
// on time; the latest past its deadline, for which the first candidate of
// each employer of the Famille, Recouvrement and Retraite branches is
// registered for COS block 3 in its first exam month, its tables back one
// employer in three on time, one late (its juries blocked until the office
// lifts it), one missing; and the next to close, launched, a table in three
// back, the others awaited.
func (l *loader) campaigns(ctx context.Context) error {
	t := l.tl
	if !l.timed {
		return nil
	}
	if err := l.heldRegistrations(ctx); err != nil {
		return err
	}
	if t.running.Name != t.past.Name {
		if err := l.returnedOnTime(ctx, t.running); err != nil {
			return err
		}
	}
	launch := t.launch(t.past)
	if err := l.on(launch, func() error { return l.campaignRegistrations(ctx, t.past, launch) }); err != nil {
		return err
	}
	err := l.launched(ctx, t.past, func(i int, r certif.CollectionReturn) (certif.Date, bool) {
		switch {
		case slices.Contains(heldEmployers, r.EmployerCode) || i%3 == 0: // on time
			return t.past.Deadline.AddDays(-6), true
		case i%3 == 1: // late
			if day := t.past.Deadline.AddDays(4); day.Before(l.today) {
				return day, true
			}
			return l.today, true
		}
		return certif.Date{}, false // missing
	})
	if err != nil {
		return err
	}
	back := t.launch(t.open).AddDays(10)
	if back.After(l.today) {
		back = l.today
	}
	return l.launched(ctx, t.open, func(i int, _ certif.CollectionReturn) (certif.Date, bool) { return back, i%3 == 0 })
}

// returnedOnTime launches a campaign whose deadline has passed and has every
// demo employer return its table on time.
func (l *loader) returnedOnTime(ctx context.Context, cp calendar.CollectionCampaign) error {
	return l.launched(ctx, cp, func(int, certif.CollectionReturn) (certif.Date, bool) { return cp.Deadline.AddDays(-6), true })
}

// launched launches a campaign on its day (timeline.launch) and returns the
// tables of the demo employers: the i-th on the day returnOn gives (between
// the launch and today), unless it says not. A table returned before (an
// interrupted load) stays as it is.
func (l *loader) launched(ctx context.Context, cp calendar.CollectionCampaign, returnOn func(i int, r certif.CollectionReturn) (certif.Date, bool)) error {
	launch := l.tl.launch(cp)
	err := l.on(launch, func() error {
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
		day, ok := returnOn(i, r)
		if !ok || !r.ReturnedAt.IsZero() || r.SentAt.IsZero() {
			continue
		}
		if day.Before(launch) {
			day = launch
		}
		if day.After(l.today) {
			day = l.today
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
		if slices.ContainsFunc(regs, func(g certif.Registration) bool {
			return len(certif.CollectionAttempts(g, cp.ExamMonths)) > 0 || hasBlock(g, "COS", 3)
		}) {
			continue // registered before (interrupted load), or examined on COS block 3 a fortnight ago
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
