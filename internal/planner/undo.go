package planner

import "slices"

// undo keeps what a move set changed, to restore it when the set fails. Its
// lists are short (the sessions and candidates of one move set): looked up
// in order, they cost less than maps.
type undo struct {
	slots      []keptSlots
	candidates []keptCandidate
	juries     []keptJury
	seats      []seat // members seated or freed, in order
}

type keptSlots struct {
	t     *session
	slots []slot
	next  int
}

type keptCandidate struct {
	name  string
	slots []placedSlot
}

type keptJury struct {
	t    *session
	jury [3]*member
}

func newUndo() *undo { return &undo{} }

func (u *undo) keptSlots(t *session) bool {
	return slices.ContainsFunc(u.slots, func(k keptSlots) bool { return k.t == t })
}

func (u *undo) keptCandidate(name string) bool {
	return slices.ContainsFunc(u.candidates, func(k keptCandidate) bool { return k.name == name })
}

func (u *undo) keptJury(t *session) bool {
	return slices.ContainsFunc(u.juries, func(k keptJury) bool { return k.t == t })
}

// absorb makes u undo what c would, c's changes following u's.
func (u *undo) absorb(c *undo) {
	for _, k := range c.slots {
		if !u.keptSlots(k.t) {
			u.slots = append(u.slots, k)
		}
	}
	for _, k := range c.candidates {
		if !u.keptCandidate(k.name) {
			u.candidates = append(u.candidates, k)
		}
	}
	for _, k := range c.juries {
		if !u.keptJury(k.t) {
			u.juries = append(u.juries, k)
		}
	}
	u.seats = append(u.seats, c.seats...)
}

// keep records t's slots and the slots of candidates, unless already kept.
func (u *undo) keep(p *planner, t *session, candidates ...string) {
	if !u.keptSlots(t) {
		u.slots = append(u.slots, keptSlots{t, slices.Clone(t.slots), t.next})
	}
	for _, c := range candidates {
		if !u.keptCandidate(c) {
			u.candidates = append(u.candidates, keptCandidate{c, slices.Clone(p.candidate[c])})
		}
	}
}

// keepJury records t's members, unless already kept.
func (u *undo) keepJury(t *session) {
	if !u.keptJury(t) {
		u.juries = append(u.juries, keptJury{t, t.jury})
	}
}

func (u *undo) restore(p *planner) {
	for _, k := range u.slots {
		k.t.slots, k.t.next = k.slots, k.next
	}
	for _, k := range u.candidates {
		p.candidate[k.name] = k.slots
	}
	for _, k := range u.juries {
		k.t.jury = k.jury
	}
	for i := len(u.seats) - 1; i >= 0; i-- {
		p.seat(u.seats[i].x, u.seats[i].hd, !u.seats[i].sits)
	}
}
