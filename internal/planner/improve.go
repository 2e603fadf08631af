package planner

import (
	"cmp"
	"slices"
)

// improve is the pass after the greedy construction: it takes the sessions
// from the smallest and tries to empty each into the others, and keeps a move
// set only when the whole session empties. A slot moves only into a session
// that hosts its attempt (qualification, place: hosts), on or after its
// certifiable-from date, decided by the same national jury or an earlier one,
// and only if the target's slots, re-timed, still fit its window with every
// candidate in one place at a time, and the target's members may evaluate the
// moved candidate, or those who may not can be replaced by members free that
// half-day who may evaluate all its candidates (rejury). So the pass never
// places fewer attempts nor decides one later; the emptied session's members
// are freed. It starts again after each session it empties, until none does.
func (p *planner) improve() {
	for p.emptyOne(nil) != nil {
	}
}

// emptyOne empties one session into the others, the smallest first, among
// those only keeps (all when nil), and returns it; nil when none can be.
func (p *planner) emptyOne(only func(*session) bool) *session {
	type sized struct {
		s           *session
		slots, used int
	}
	order := make([]sized, 0, len(p.sessions))
	for _, s := range p.sessions {
		if only == nil || only(s) {
			order = append(order, sized{s, len(s.slots), s.used()})
		}
	}
	slices.SortStableFunc(order, func(a, b sized) int {
		return cmp.Or(cmp.Compare(a.slots, b.slots), cmp.Compare(a.used, b.used))
	})
	for _, x := range order {
		s := x.s
		if p.unchangedSince(s) {
			continue
		}
		if p.empty(s) {
			return s
		}
		s.failed = p.step
	}
	return nil
}

// unchangedSince says whether no session that s's slots may move to (same
// groups, national juries from their certifiable-from date's to s's) changed
// since the pass last failed to empty s: trying again would fail again,
// members' loads aside.
func (p *planner) unchangedSince(s *session) bool {
	if s.failed == 0 {
		return false
	}
	last := p.reach(s)
	for _, sl := range s.slots {
		for _, k := range hostGroups(sl.a) {
			for w := p.m.decidingJury(sl.a.from); w <= last; w++ {
				if p.changed[windowKey{k, w}] > s.failed {
					return false
				}
			}
		}
	}
	return true
}

// reach is the last national jury that may decide the slots of s once moved:
// the one deciding s, or with late (repair) the last one.
func (p *planner) reach(s *session) int {
	if p.late {
		return len(p.m.cutoffs) - 1
	}
	return p.m.decidingJury(s.hd / 2)
}

// windowKey is the sessions of a group decided by one national jury.
type windowKey struct {
	group groupKey
	jury  int
}

// hostGroups are the groups whose sessions may host a: its own, and for a
// remote block the in-person sessions at its employer.
func hostGroups(a *attempt) []groupKey {
	if a.inPerson {
		return []groupKey{keyOf(a)}
	}
	return []groupKey{keyOf(a), {qual: a.Qualification, host: a.Employer}}
}

// used is the minutes of a session's slots.
func (s *session) used() int {
	n := 0
	for _, sl := range s.slots {
		n += sl.a.minutes
	}
	return n
}

// chainDepth is how many slots an ejection chain may push on: one. On the
// example, two finds no better plan and takes twice the time.
const chainDepth = 1

// empty moves every slot of s into other sessions, the longest first, or
// changes nothing and returns false.
func (p *planner) empty(s *session) bool {
	moving := slices.Clone(s.slots)
	slices.SortStableFunc(moving, func(a, b slot) int {
		return cmp.Or(cmp.Compare(b.a.minutes, a.a.minutes), cmp.Compare(a.a.ID, b.a.ID))
	})
	p.emptying = s
	defer func() { p.emptying = nil }()
	u := newUndo()
	u.keep(p, s)
	for _, sl := range moving {
		u.keep(p, s, sl.a.Candidate)
		p.unplace(s, sl.a)
		if !p.moveIn(sl.a, s, chainDepth, u) {
			u.restore(p)
			return false
		}
	}
	p.sessions = slices.DeleteFunc(p.sessions, func(t *session) bool { return t == s })
	k := s.key()
	p.byGroup[k] = slices.DeleteFunc(p.byGroup[k], func(t *session) bool { return t == s })
	p.step++
	for _, k := range u.slots {
		p.changed[windowKey{k.t.key(), p.m.decidingJury(k.t.hd / 2)}] = p.step
	}
	for _, x := range s.jury {
		p.seat(x, s.hd, false)
	}
	return true
}

// targets lists the sessions, other than from and the one being emptied, that
// may host a, taken out of from, on or after its certifiable-from date and
// decided no later than from: its candidate's half-days first, then the
// fullest, then the earliest.
func (p *planner) targets(from *session, a *attempt) []*session {
	last := p.m.cutoffs[p.reach(from)]
	type target struct {
		t          *session
		sits, used int
	}
	var out []target
	for _, k := range hostGroups(a) {
		group := p.byGroup[k]
		i, _ := slices.BinarySearchFunc(group, a.from*2, func(t *session, hd int) int { return t.hd - hd })
		for _, t := range group[i:] {
			if t.hd/2 > last {
				break
			}
			if t != from && t != p.emptying && hosts(t, a) {
				out = append(out, target{t, boolRank(!p.candidateSits(a.Candidate, t.hd)), t.used()})
			}
		}
	}
	slices.SortFunc(out, func(x, y target) int {
		return cmp.Or(cmp.Compare(x.sits, y.sits), cmp.Compare(y.used, x.used), cmp.Compare(x.t.hd, y.t.hd), cmp.Compare(x.t.seq, y.t.seq))
	})
	sessions := make([]*session, len(out))
	for i, x := range out {
		sessions[i] = x.t
	}
	return sessions
}

// moveIn puts a, taken out of from, into the first target that takes it
// (moveTo); failing that, with depth left, into a target one of whose slots
// moves on to another session (an ejection chain). u keeps what it changes.
func (p *planner) moveIn(a *attempt, from *session, depth int, u *undo) bool {
	targets := p.targets(from, a)
	for _, t := range targets {
		if t.used()+a.minutes <= t.window.length() && p.moveTo(a, t, u) {
			return true
		}
	}
	if depth == 0 {
		return false
	}
	for _, t := range targets {
		for _, y := range slices.Clone(t.slots) {
			if y.a == a || t.used()-y.a.minutes+a.minutes > t.window.length() {
				continue
			}
			c := newUndo()
			c.keep(p, t, y.a.Candidate)
			p.unplace(t, y.a)
			if p.moveTo(a, t, c) && p.moveIn(y.a, t, depth-1, c) {
				u.absorb(c)
				return true
			}
			c.restore(p)
		}
	}
	return false
}

// moveTo puts a into t if t's members may evaluate it, some replaced
// (rejury), and t's slots, a among them, can be re-timed; u keeps what it
// changes.
func (p *planner) moveTo(a *attempt, t *session, u *undo) bool {
	jury, ok := p.rejury(t, a)
	if !ok {
		return false
	}
	for _, c := range t.slots {
		u.keep(p, t, c.a.Candidate)
	}
	u.keep(p, t, a.Candidate)
	if !p.retime(t, a) {
		return false
	}
	p.replaceJury(t, jury, u)
	return true
}

// unplace takes a out of session s and out of its candidate's slots.
func (p *planner) unplace(s *session, a *attempt) {
	s.slots = slices.DeleteFunc(s.slots, func(sl slot) bool { return sl.a == a })
	p.forget(a)
}

// forget takes a out of its candidate's slots.
func (p *planner) forget(a *attempt) {
	p.candidate[a.Candidate] = slices.DeleteFunc(p.candidate[a.Candidate], func(o placedSlot) bool { return o.attempt == a.ID })
}
