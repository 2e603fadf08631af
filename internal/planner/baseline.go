package planner

import (
	"cmp"
	"slices"
)

// Baseline plans inst first come, first served, as the exam office does by
// hand: attempts are taken by certifiable-from date (then candidate, then
// block), and each goes into the first session, by date, that fits it (same
// qualification and place, members who may evaluate its candidate, room at
// the end, its candidate free then), on or after its certifiable-from date;
// failing that, a new session is opened on the earliest half-day that can
// host it, with the least loaded members free that day. Nothing is packed
// nor moved afterwards. It is the reference Solve is measured against; Check
// accepts its plans. An instance that cannot be read leaves every attempt
// unplaced, as with Solve.
func Baseline(inst Instance) Plan {
	m, err := compile(inst)
	if err != nil {
		return invalidPlan(inst, err)
	}
	pl := newPlanner(m)
	unplaced := []Unplaced{}
	for _, a := range pl.attemptOrder() {
		s := pl.firstFit(a)
		if s == nil {
			s = pl.openEarliest(a)
		}
		if s == nil {
			unplaced = append(unplaced, Unplaced{Attempt: a.ID, Reason: pl.reason(a)})
			continue
		}
		pl.add(s, a)
	}
	return pl.plan(unplaced)
}

// invalidPlan leaves every attempt of an unreadable instance unplaced.
func invalidPlan(inst Instance, err error) Plan {
	p := Plan{Sessions: []Session{}, Unplaced: []Unplaced{}}
	for _, a := range inst.Attempts {
		p.Unplaced = append(p.Unplaced, Unplaced{Attempt: a.ID, Reason: "instance invalide : " + err.Error()})
	}
	slices.SortFunc(p.Unplaced, func(a, b Unplaced) int { return cmp.Compare(a.Attempt, b.Attempt) })
	return p
}

// firstFit is the earliest session on or after a's certifiable-from date that
// a fits, or nil.
func (p *planner) firstFit(a *attempt) *session {
	var best *session
	for _, s := range p.sessions {
		if s.hd/2 >= a.from && (best == nil || s.hd < best.hd) && p.fits(s, a) {
			best = s
		}
	}
	return best
}

// openEarliest opens a session for a on the earliest half-day, up to the last
// cutoff, that can host it, or returns nil.
func (p *planner) openEarliest(a *attempt) *session {
	emp := p.m.employers[a.Employer]
	var host *employer
	if a.inPerson {
		host = emp
	}
	pool, emps := p.pools.of(a.Qualification, emp.Branch), []*employer{emp}
	for hd := a.from * 2; hd <= p.m.lastCutoff()*2+1; hd++ {
		if !p.m.workingDay(hd / 2) {
			continue
		}
		w := p.m.window(hd, host)
		if w.length() < a.minutes || !p.candidateFree(a.Candidate, hd/2, span{w.start, w.start + a.minutes}) {
			continue
		}
		jury, ok := p.pickJury(pool, emps, hd)
		if !ok {
			continue
		}
		return p.openSession(hd, a, emp, host, jury, w)
	}
	return nil
}

// openSession opens a session on half-day hd for a's qualification, seating
// jury.
func (p *planner) openSession(hd int, a *attempt, emp, host *employer, jury [3]*member, w span) *session {
	s := &session{hd: hd, qual: p.m.quals[a.Qualification], host: host, branch: emp.Branch, jury: jury, window: w, next: w.start}
	for _, x := range jury {
		p.seat(x, hd, true)
	}
	p.addSession(s)
	return s
}
