package planner

import "slices"

// LowerBoundSessions is the lower bound of docs/planner.md on the number of
// sessions: for each qualification and branch (for in-person blocks: each
// employer), the total minutes of its attempts (extra time included) over the
// length of the longest half-day, rounded up, summed. 0 when the instance
// cannot be read.
func LowerBoundSessions(inst Instance) int {
	m, err := compile(inst)
	if err != nil {
		return 0
	}
	halfDay := max(m.halves[0].length(), m.halves[1].length())
	type group struct{ qual, place string }
	minutes := map[group]int{}
	for _, a := range m.attempts {
		g := group{a.Qualification, "branche " + a.branch}
		if a.inPerson {
			g.place = "employeur " + a.Employer
		}
		minutes[g] += a.minutes
	}
	totals := make([]int, 0, len(minutes))
	for _, total := range minutes {
		totals = append(totals, total)
	}
	slices.Sort(totals) // a sum does not care, but keep loops in a fixed order
	bound := 0
	for _, total := range totals {
		bound += (total + halfDay - 1) / halfDay
	}
	return bound
}
