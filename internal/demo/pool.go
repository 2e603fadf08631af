package demo

import (
	"context"
	"fmt"

	"certibloc/internal/certif"
	"certibloc/internal/store"
)

// availabilityDays is how far ahead the demo members give their availability.
const availabilityDays = 90

// memberAvailability gives a new demo member half-days over the next three
// months, a different pattern for each (index i): about two working days in
// three, some mornings only, some afternoons only, some whole days.
func (l *loader) memberAvailability(ctx context.Context, id int64, i int) error {
	cal, err := l.st.Calendar(ctx)
	if err != nil {
		return err
	}
	from, to := l.today.AddDays(1), l.today.AddDays(availabilityDays)
	var halves []certif.HalfDay
	for d, n := from, 0; !d.After(to); d, n = d.AddDays(1), n+1 {
		if !cal.IsWorkingDay(d) || (n+i)%3 == 0 {
			continue
		}
		switch (n + 2*i) % 4 {
		case 0:
			halves = append(halves, certif.HalfDay{Day: d, Half: certif.Morning})
		case 1:
			halves = append(halves, certif.HalfDay{Day: d, Half: certif.Afternoon})
		default:
			halves = append(halves, certif.HalfDay{Day: d, Half: certif.Morning}, certif.HalfDay{Day: d, Half: certif.Afternoon})
		}
	}
	return l.st.SetAvailability(ctx, l.caller(), id, from, to, halves)
}

// proposal is an expert an employer proposed, waiting for the office.
var proposal = struct {
	employer, first, last string
	quals                 []string
}{"CAF33", "Hugo", "Garnier", []string{"GC", "COS"}}

// proposedExpert records the demo's pending proposal, once.
func (l *loader) proposedExpert(ctx context.Context) error {
	email := personEmail(proposal.first, proposal.last)
	if _, ok := l.jury[email]; ok {
		return nil
	}
	by := store.Caller{Actor: actor, Role: certif.RoleEmployer, Scope: store.Scope{EmployerID: l.employerIDs[proposal.employer]}, Today: l.today}
	_, err := l.st.ProposeJuryMember(ctx, by, certif.JuryMember{FirstName: proposal.first, LastName: proposal.last, Email: email,
		Roles: []certif.JuryRole{certif.JuryExpert}, Qualifications: proposal.quals, TrainedOn: l.today.AddMonths(-2)})
	if err != nil {
		return fmt.Errorf("expert proposé %s %s : %w", proposal.first, proposal.last, err)
	}
	return nil
}
