package planner

import "slices"

// retime lays out the slots of t with a among them: a last, else before the
// last slot, and so on back to first; each slot starts at the earliest time
// after the previous one where its candidate is free (constraint 6), and the
// last must end inside t's window (constraint 4). False, t unchanged, when no
// position fits.
func (p *planner) retime(t *session, a *attempt) bool {
	for _, sl := range t.slots {
		p.forget(sl.a)
	}
	n := len(t.slots)
	for k := n; k >= 0; k-- {
		order := make([]*attempt, 0, n+1)
		for _, sl := range t.slots {
			order = append(order, sl.a)
		}
		order = slices.Insert(order, k, a)
		if slots, ok := p.layout(t, order); ok {
			t.slots = slots
			break
		}
	}
	t.next = t.window.start
	for _, sl := range t.slots {
		p.sit(t, sl)
	}
	return slices.ContainsFunc(t.slots, func(sl slot) bool { return sl.a == a })
}

// layout times the attempts of order one after another in t's window.
func (p *planner) layout(t *session, order []*attempt) ([]slot, bool) {
	slots := make([]slot, 0, len(order))
	cursor := t.window.start
	for _, x := range order {
		start := p.earliestFree(x, t.hd/2, cursor)
		if start+x.minutes > t.window.end {
			return nil, false
		}
		slots = append(slots, slot{x, start})
		cursor = start + x.minutes
	}
	return slots, true
}

// earliestFree is the earliest start from start on where a's candidate has
// no other slot during a's test that day.
func (p *planner) earliestFree(a *attempt, day, start int) int {
	for moved := true; moved; {
		moved = false
		for _, o := range p.candidate[a.Candidate] {
			if o.day == day && o.span.start < start+a.minutes && start < o.span.end {
				start, moved = o.span.end, true
			}
		}
	}
	return start
}

// sit records slot sl of t: the session's next start and its candidate's slot.
func (p *planner) sit(t *session, sl slot) {
	t.next = max(t.next, sl.start+sl.a.minutes)
	p.candidate[sl.a.Candidate] = append(p.candidate[sl.a.Candidate],
		placedSlot{attempt: sl.a.ID, day: t.hd / 2, span: span{sl.start, sl.start + sl.a.minutes}})
}
