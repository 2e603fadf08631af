package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"certibloc/internal/calendar"
	"certibloc/internal/certif"
	"certibloc/internal/store"
)

// NationalMembers is the size of the national jury pool: enough for a year of
// professional juries of about 300 employers.
const NationalMembers = 400

// nationalPool builds the national jury pool, deterministically: a third of
// certifier's representatives, a third of branch representatives (of
// employers of their branch, in proportion to the branch's candidates) and a
// third of experts of two or three of their branch's CQPs, each available
// about half the working half-days of the year to come, trained for the most
// part, sitting 25 to 45 times a year at most: each session takes one of each.
func nationalPool(r *rand.Rand, emps []nationalEmployer, quals []certif.Qualification, cal *calendar.Calendar, today certif.Date, n int) []store.BulkJuryMember {
	byBranch := map[string][]nationalEmployer{}
	var weights []weighted[string]
	for _, e := range emps {
		byBranch[e.Branch] = append(byBranch[e.Branch], e)
		weights = append(weights, weighted[string]{e.Branch, e.weight})
	}
	branchOf := newPicker(weights)
	qualsOf := map[string][]string{}
	for _, q := range quals {
		for _, b := range q.Branches {
			qualsOf[b] = append(qualsOf[b], q.Code)
		}
	}
	var days []certif.Date
	for d := today.AddDays(1); !d.After(today.AddDays(365)); d = d.AddDays(1) {
		if cal.IsWorkingDay(d) {
			days = append(days, d)
		}
	}
	out := make([]store.BulkJuryMember, 0, n)
	for i := range n {
		first := womenFirstNames[r.IntN(len(womenFirstNames))]
		if r.IntN(3) == 0 {
			first = menFirstNames[r.IntN(len(menFirstNames))]
		}
		last := strings.ReplaceAll(familyNames[r.IntN(len(familyNames))], "~", " ")
		branch := branchOf.pick(r) // members where the candidates are
		m := certif.JuryMember{FirstName: first, LastName: last, Email: fmt.Sprintf("%s.%s.%d@jury.%s", strings.ToLower(certif.SearchKey(first)),
			strings.ReplaceAll(strings.ToLower(certif.SearchKey(last)), " ", "-"), i+1, Domain), MaxSessions: 25 + r.IntN(21)}
		if r.IntN(10) != 0 {
			m.TrainedOn = today.AddDays(-60 - r.IntN(900))
		}
		switch {
		case i%3 == 0:
			m.Roles, m.Organisation = []certif.JuryRole{certif.JuryCertifierRep}, "UCANSS (certificateur)"
		default:
			e := byBranch[branch][r.IntN(len(byBranch[branch]))]
			m.EmployerID, m.Branch = e.ID, branch
			m.Roles = []certif.JuryRole{certif.JuryExpert}
			if i%3 == 1 {
				m.Roles = []certif.JuryRole{certif.JuryBranchRep}
			}
			pool := slices.Clone(qualsOf[branch])
			r.Shuffle(len(pool), func(a, b int) { pool[a], pool[b] = pool[b], pool[a] })
			m.Qualifications = pool[:min(len(pool), 2+r.IntN(2))]
		}
		var halves []certif.HalfDay
		for _, d := range days {
			if r.IntN(100) < 48 {
				halves = append(halves, certif.HalfDay{Day: d, Half: certif.Morning})
			}
			if r.IntN(100) < 48 {
				halves = append(halves, certif.HalfDay{Day: d, Half: certif.Afternoon})
			}
		}
		out = append(out, store.BulkJuryMember{JuryMember: m, Available: halves})
	}
	return out
}

// loadNationalPool writes the national jury pool, after the calendar of the
// years around today (ensureCalendar: the planner needs their juries).
func loadNationalPool(ctx context.Context, st *store.Store, r *rand.Rand, emps []nationalEmployer, quals []certif.Qualification, today certif.Date, n int) error {
	by := national
	by.Today = today
	asItComes := func(_ certif.Date, write func() error) error { return write() }
	if err := ensureCalendar(ctx, st, by, today, asItComes); err != nil {
		return err
	}
	cal, err := st.Calendar(ctx)
	if err != nil {
		return err
	}
	pool := nationalPool(r, emps, quals, cal, today, n)
	for start := 0; start < len(pool); start += 100 {
		part := pool[start:min(start+100, len(pool))]
		if err := st.BulkLoad(ctx, national, func(b *store.Bulk) error { return b.JuryMembers(part) }); err != nil {
			return fmt.Errorf("données nationales, membres de jury : %w", err)
		}
	}
	return nil
}
