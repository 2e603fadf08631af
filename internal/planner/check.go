package planner

import (
	"certibloc/internal/certif"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Violation is one breach of the plan: the hard constraint it breaks (1 to 6,
// numbered as in docs/planner.md; 0 for a structural fault such as an unknown
// identifier), what it concerns, and a French sentence that says it.
type Violation struct {
	Constraint int    `json:"constraint"`
	Session    string `json:"session,omitempty"`
	Slot       int    `json:"slot,omitempty"` // from 1, in the session's list
	Attempt    string `json:"attempt,omitempty"`
	Member     string `json:"member,omitempty"`
	Message    string `json:"message"`
}

// Check reports every hard constraint of docs/planner.md that plan p breaks on
// instance inst, and its structural faults; none means the plan holds.
func Check(inst Instance, p Plan) []Violation {
	m, err := compile(inst)
	if err != nil {
		return []Violation{{Message: "L'instance est invalide : " + err.Error() + "."}}
	}
	c := &checker{m: m, placedIn: map[string]string{}, seated: map[string]map[int]string{},
		sessionsOf: map[string]int{}, candidates: map[string][]placedSlot{}}
	seen := map[string]bool{}
	for i, s := range p.Sessions {
		if s.ID == "" || seen[s.ID] {
			c.report(Violation{Session: s.ID, Message: fmt.Sprintf("La séance n°%d n'a pas d'identifiant, ou le même qu'une autre (%q).", i+1, s.ID)})
		}
		seen[s.ID] = true
		c.session(s)
	}
	c.memberLoads()
	c.candidatesInOnePlace()
	c.unplaced(p.Unplaced)
	return c.out
}

// checker gathers the violations of one plan.
type checker struct {
	m          *model
	out        []Violation
	placedIn   map[string]string         // attempt → session
	seated     map[string]map[int]string // member → half-day → session
	sessionsOf map[string]int            // member → sessions
	candidates map[string][]placedSlot   // candidate → slots
}

// placedSlot is a slot as placed, for the candidate's one-place-at-a-time check.
type placedSlot struct {
	session, attempt string
	day              int
	span             span
}

func (c *checker) report(v Violation) { c.out = append(c.out, v) }

// checkedSession is a session whose fields could be read.
type checkedSession struct {
	Session
	hd   int            // half-day, -1 when unreadable
	qual *qualification // nil when unknown
	host *employer      // in person: where it sits
	jury [3]*member     // by roles; nil when unknown
}

// session checks one session: its structure, constraint 1, its jury
// (constraint 2) and its slots (constraints 3 to 6).
func (c *checker) session(s Session) {
	cs := checkedSession{Session: s, hd: c.halfDay(s), qual: c.m.quals[s.Qualification]}
	if cs.qual == nil {
		c.report(Violation{Session: s.ID, Message: sentence(fmt.Sprintf("le CQP %q est inconnu", s.Qualification), s.ID)})
	}
	c.mode(&cs)
	if cs.hd >= 0 {
		day := cs.hd / 2
		if !c.m.workingDay(day) {
			c.report(Violation{Constraint: 1, Session: s.ID, Message: fmt.Sprintf("La séance %s se tient le %s %s, qui n'est pas un jour ouvré.", s.ID, frenchWeekday(day), frenchDay(day))})
		}
		if day > c.m.lastCutoff() {
			c.report(Violation{Constraint: 1, Session: s.ID, Message: fmt.Sprintf("La séance %s se tient le %s, après la date limite du dernier jury national (%s).", s.ID, frenchDay(day), frenchDay(c.m.lastCutoff()))})
		}
	}
	c.jury(&cs)
	c.slots(cs)
}

// halfDay reads the half-day of a session, reporting what it cannot read.
func (c *checker) halfDay(s Session) int {
	day, err := parseDay(s.Date)
	if err != nil {
		c.report(Violation{Session: s.ID, Message: sentence("date de séance illisible : "+err.Error(), s.ID)})
		return -1
	}
	h, err := halfIndex(s.Half)
	if err != nil {
		c.report(Violation{Session: s.ID, Message: sentence(err.Error(), s.ID)})
		return -1
	}
	return day*2 + h
}

// mode checks the mode and the place of a session.
func (c *checker) mode(cs *checkedSession) {
	switch cs.Mode {
	case ModeInPerson:
		if cs.host = c.m.employers[cs.Employer]; cs.host == nil {
			c.report(Violation{Session: cs.ID, Message: sentence(fmt.Sprintf("la séance en présentiel se tient chez un employeur inconnu (%q)", cs.Employer), cs.ID)})
		}
	case ModeRemote:
		if cs.Employer != "" {
			c.report(Violation{Session: cs.ID, Message: sentence(fmt.Sprintf("une séance à distance ne se tient chez aucun employeur, or elle nomme %s", cs.Employer), cs.ID)})
		}
	default:
		c.report(Violation{Session: cs.ID, Message: sentence(fmt.Sprintf("mode %q inconnu, attendu remote ou in_person", cs.Mode), cs.ID)})
	}
}

// jury checks the three members of a session (constraint 2).
func (c *checker) jury(cs *checkedSession) {
	for i, role := range roles {
		id := cs.Members.member(role)
		x := c.m.memberByID[id]
		if x == nil {
			c.report(Violation{Session: cs.ID, Member: id, Message: sentence(fmt.Sprintf("le membre %q, %s, est inconnu", id, roleName(role)), cs.ID)})
			continue
		}
		if slices.Contains(cs.jury[:i], x) {
			c.report(Violation{Constraint: 2, Session: cs.ID, Member: id, Message: sentence(fmt.Sprintf("le membre %s tient deux rôles : un jury compte trois membres distincts", id), cs.ID)})
		}
		cs.jury[i] = x
		if cs.qual != nil {
			for _, problem := range seatProblems(x, role, cs.qual) {
				c.report(Violation{Constraint: 2, Session: cs.ID, Member: id, Message: sentence(problem, cs.ID)})
			}
		}
		c.sessionsOf[id]++
		if cs.hd < 0 {
			continue
		}
		if !x.available.has(cs.hd) {
			c.report(Violation{Constraint: 2, Session: cs.ID, Member: id, Message: sentence(fmt.Sprintf("le membre %s n'est pas disponible le %s", id, frenchHalfDay(cs.hd)), cs.ID)})
		}
		if c.seated[id] == nil {
			c.seated[id] = map[int]string{}
		}
		if other, busy := c.seated[id][cs.hd]; busy && other != cs.ID {
			c.report(Violation{Constraint: 2, Session: cs.ID, Member: id, Message: fmt.Sprintf("Le membre %s siège dans deux séances le %s (%s et %s).", id, frenchHalfDay(cs.hd), other, cs.ID)})
		}
		c.seated[id][cs.hd] = cs.ID
	}
}

// memberLoads checks every member's number of sessions (constraint 2).
func (c *checker) memberLoads() {
	for _, x := range c.m.members {
		if n := c.sessionsOf[x.ID]; n > x.MaxSessions {
			c.report(Violation{Constraint: 2, Member: x.ID, Message: fmt.Sprintf("Le membre %s siège dans %s, au-delà de son maximum de %d.", x.ID, certif.Count(n, "séance", "séances"), x.MaxSessions)})
		}
	}
}

// candidatesInOnePlace checks that no candidate has two slots at once in
// different sessions (constraint 6; within a session, constraint 4 says it).
func (c *checker) candidatesInOnePlace() {
	names := make([]string, 0, len(c.candidates))
	for name := range c.candidates {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		slots := c.candidates[name]
		for i, a := range slots {
			for _, b := range slots[i+1:] {
				if a.session != b.session && a.day == b.day && a.span.start < b.span.end && b.span.start < a.span.end {
					c.report(Violation{Constraint: 6, Session: b.session, Attempt: b.attempt, Message: fmt.Sprintf(
						"Le candidat %s est attendu à deux endroits à la fois le %s : %s (séance %s, %s) et %s (séance %s, %s).",
						name, frenchDay(a.day), a.attempt, a.session, frenchSpan(a.span), b.attempt, b.session, frenchSpan(b.span))})
				}
			}
		}
	}
}

// unplaced checks the list of unplaced attempts and that every attempt of the
// instance is either placed or listed there.
func (c *checker) unplaced(list []Unplaced) {
	listed := map[string]bool{}
	for _, u := range list {
		switch {
		case c.m.attempts[u.Attempt] == nil:
			c.report(Violation{Attempt: u.Attempt, Message: fmt.Sprintf("La tentative non placée %q est inconnue de l'instance.", u.Attempt)})
		case listed[u.Attempt]:
			c.report(Violation{Attempt: u.Attempt, Message: fmt.Sprintf("La tentative %s figure deux fois parmi les non placées.", u.Attempt)})
		case c.placedIn[u.Attempt] != "":
			c.report(Violation{Session: c.placedIn[u.Attempt], Attempt: u.Attempt, Message: fmt.Sprintf("La tentative %s est à la fois placée (séance %s) et listée parmi les non placées.", u.Attempt, c.placedIn[u.Attempt])})
		case strings.TrimSpace(u.Reason) == "":
			c.report(Violation{Attempt: u.Attempt, Message: fmt.Sprintf("La tentative %s n'est pas placée et aucune raison n'en est donnée.", u.Attempt)})
		}
		listed[u.Attempt] = true
	}
	ids := make([]string, 0, len(c.m.attempts))
	for id := range c.m.attempts {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		if !listed[id] && c.placedIn[id] == "" {
			c.report(Violation{Attempt: id, Message: fmt.Sprintf("La tentative %s n'est ni placée ni listée parmi les non placées.", id)})
		}
	}
}

// openingOf describes an employer's opening hours on a weekday.
func openingOf(e *employer, w time.Weekday) string {
	if e.opening[w].length() == 0 {
		return "fermé"
	}
	return "ouvert " + frenchSpan(e.opening[w])
}
