package planner

import "slices"

// seat is a member seated (sits) or freed on a half-day, for undo.
type seat struct {
	x    *member
	hd   int
	sits bool
}

// seat seats member x on half-day hd, or frees it, with its load.
func (p *planner) seat(x *member, hd int, sits bool) {
	if !sits {
		p.load[x.idx]--
		p.busy[x.idx].set(hd, false)
		return
	}
	p.load[x.idx]++
	p.busy[x.idx].set(hd, true)
}

// rejury returns the members of t once a joins it: each member who may not
// evaluate a's candidate (constraint 3) replaced by the least loaded, then
// smallest id, of those who may hold the role, are free that half-day and
// may evaluate every candidate of t and a's (constraints 2 and 3). False
// when a role finds nobody.
func (p *planner) rejury(t *session, a *attempt) (jury [3]*member, ok bool) {
	jury = t.jury
	emps := []*employer{p.m.employers[a.Employer]}
	for _, sl := range t.slots {
		emps = append(emps, p.m.employers[sl.a.Employer])
	}
	for i, role := range roles {
		if fitsCandidate(jury[i], role, emps[0]) {
			continue
		}
		var best *member
		for _, x := range p.eligible[t.qual.Code][role] {
			if slices.Contains(jury[:], x) || !p.free(x, role, emps[0], t.hd) || (best != nil && p.load[x.idx] >= p.load[best.idx]) {
				continue
			}
			if !slices.ContainsFunc(emps, func(e *employer) bool { return !fitsCandidate(x, role, e) }) {
				best = x
			}
		}
		if best == nil {
			return jury, false
		}
		jury[i] = best
	}
	return jury, true
}

// replaceJury gives t the members jury, seating the new ones and freeing the
// replaced; u keeps what it changes.
func (p *planner) replaceJury(t *session, jury [3]*member, u *undo) {
	if jury == t.jury {
		return
	}
	u.keepJury(t)
	for i, x := range t.jury {
		if jury[i] != x {
			p.seat(x, t.hd, false)
			p.seat(jury[i], t.hd, true)
			u.seats = append(u.seats, seat{x, t.hd, false}, seat{jury[i], t.hd, true})
		}
	}
	t.jury = jury
}
