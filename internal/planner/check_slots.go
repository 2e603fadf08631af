package planner

import (
	"fmt"
	"slices"
)

// slots checks the slots of a session: what each evaluates (structure,
// constraints 5 and 6), who evaluates it (constraint 3) and when (constraint 4).
func (c *checker) slots(cs checkedSession) {
	var timed []placedSlot
	for i, sl := range cs.Slots {
		a := c.m.attempts[sl.Attempt]
		at := func(constraint int, format string, args ...any) {
			c.report(Violation{Constraint: constraint, Session: cs.ID, Slot: i + 1, Attempt: sl.Attempt, Message: sentence(fmt.Sprintf(format, args...), cs.ID)})
		}
		if a == nil {
			at(0, "la tentative %q est inconnue de l'instance", sl.Attempt)
			continue
		}
		if cs.qual != nil && a.Qualification != cs.qual.Code {
			at(0, "la séance évalue le CQP %s, or la tentative %s relève du CQP %s", cs.qual.Code, a.ID, a.Qualification)
		}
		if other := c.placedIn[a.ID]; other != "" {
			at(6, "la tentative %s est placée une seconde fois, déjà placée dans la séance %s", a.ID, other)
		} else {
			c.placedIn[a.ID] = cs.ID
		}
		c.place(cs, a, at)
		c.jurors(cs, a, i)
		start, err := parseClock(sl.Start)
		if err != nil {
			at(0, "début du créneau de %s illisible : %v", a.ID, err)
			continue
		}
		if cs.hd < 0 {
			continue
		}
		s := placedSlot{session: cs.ID, attempt: a.ID, day: cs.hd / 2, span: span{start, start + a.minutes}}
		c.timing(cs, s, at)
		timed = append(timed, s)
		c.candidates[a.Candidate] = append(c.candidates[a.Candidate], s)
	}
	slices.SortStableFunc(timed, func(a, b placedSlot) int { return a.span.start - b.span.start })
	for i := 1; i < len(timed); i++ {
		if prev, s := timed[i-1], timed[i]; s.span.start < prev.span.end {
			c.report(Violation{Constraint: 4, Session: cs.ID, Attempt: s.attempt, Message: sentence(fmt.Sprintf(
				"les créneaux de %s (%s) et de %s (%s) se chevauchent", prev.attempt, frenchSpan(prev.span), s.attempt, frenchSpan(s.span)), cs.ID)})
		}
	}
}

// place checks where and from when attempt a may sit (constraints 5 and 6).
func (c *checker) place(cs checkedSession, a *attempt, at func(int, string, ...any)) {
	switch {
	case a.inPerson && cs.Mode == ModeRemote:
		at(5, "le bloc %d de %s demande une mise en situation réelle : il ne peut pas être évalué à distance", a.Block, a.ID)
	case a.inPerson && cs.host != nil && cs.host.Code != a.Employer:
		at(5, "le bloc %d de %s demande une mise en situation réelle chez l'employeur %s, or la séance se tient chez %s", a.Block, a.ID, a.Employer, cs.host.Code)
	}
	if cs.hd >= 0 && cs.hd/2 < a.from {
		at(6, "la tentative %s est évaluée le %s, avant sa date de certification possible (%s)", a.ID, frenchDay(cs.hd/2), frenchDay(a.from))
	}
}

// jurors checks the members against the candidate of attempt a (constraint 3).
func (c *checker) jurors(cs checkedSession, a *attempt, slot int) {
	emp := c.m.employers[a.Employer]
	for i, role := range roles {
		x := cs.jury[i]
		if x == nil {
			continue
		}
		v := Violation{Constraint: 3, Session: cs.ID, Slot: slot + 1, Attempt: a.ID, Member: x.ID}
		if x.Employer == a.Employer {
			v.Message = sentence(fmt.Sprintf("le membre %s vient de l'employeur %s du candidat de %s", x.ID, a.Employer, a.ID), cs.ID)
			c.report(v)
		}
		if role == RoleBranch && x.branch != emp.Branch {
			v.Message = sentence(fmt.Sprintf("le représentant de la branche %s n'est pas de la branche %s du candidat de %s", x.ID, emp.Branch, a.ID), cs.ID)
			c.report(v)
		}
	}
}

// timing checks that a slot lies inside the half-day and, in person, inside
// the host's opening hours that weekday (constraint 4).
func (c *checker) timing(cs checkedSession, s placedSlot, at func(int, string, ...any)) {
	half := c.m.halves[cs.hd%2]
	if s.span.start < half.start || s.span.end > half.end {
		at(4, "le créneau de %s (%s) déborde de la demi-journée, %s", s.attempt, frenchSpan(s.span), frenchSpan(half))
	}
	if cs.host == nil {
		return
	}
	w := weekdayOf(s.day)
	if open := cs.host.opening[w]; s.span.start < open.start || s.span.end > open.end {
		at(4, "le créneau de %s (%s) sort des heures d'ouverture de l'employeur %s le %s (%s)", s.attempt, frenchSpan(s.span), cs.host.Code, frenchWeekday(s.day), openingOf(cs.host, w))
	}
}
