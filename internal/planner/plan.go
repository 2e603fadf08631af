package planner

import (
	"cmp"
	"slices"
	"strconv"
)

// planner is the state of one run of Solve.
type planner struct {
	m         *model
	eligible  map[string]map[string][]*member // qualification → role → who may hold it (constraint 2), by id
	pools     *pools                          // the same by half-day available
	load      []int                           // sessions a member sits, by member rank (member.idx)
	busy      []halfSet                       // half-days a member sits, by member rank
	sessions  []*session
	byGroup   map[groupKey][]*session // the sessions of each group, by half-day then rank
	changed   map[windowKey]int       // the improvement pass's step when it last changed a session of the group and window
	opened    int                     // sessions opened
	step      int                     // sessions the improvement pass emptied, plus one
	candidate map[string][]placedSlot // a candidate's slots
	emptying  *session                // the session the improvement pass is emptying
	late      bool                    // the repair: slots may move to sessions decided later
	only      []*member               // the repair: open sessions only on half-days one of them is free
	unplaced  []Unplaced              // the attempts the construction could not place
}

// session is a session being built; the greedy lays slots one after another
// from the start of its window, the improvement pass may re-time them.
type session struct {
	hd     int
	qual   *qualification
	host   *employer // nil when remote
	branch string
	jury   [3]*member
	window span
	next   int // start of the next slot: the end of the latest
	slots  []slot
	seq    int // its rank among the sessions opened
	failed int // the improvement pass's step when it last failed to empty it
}

// key is the group of a session: its qualification, and its host in person,
// its branch remotely.
func (s *session) key() groupKey {
	if s.host != nil {
		return groupKey{qual: s.qual.Code, host: s.host.Code}
	}
	return groupKey{qual: s.qual.Code, branch: s.branch}
}

// addSession records a new session.
func (p *planner) addSession(s *session) {
	s.seq = p.opened
	p.opened++
	p.sessions = append(p.sessions, s)
	group := p.byGroup[s.key()]
	i, _ := slices.BinarySearchFunc(group, s, func(x, y *session) int { return cmp.Or(x.hd-y.hd, x.seq-y.seq) })
	p.byGroup[s.key()] = slices.Insert(group, i, s)
}

// slot is an attempt placed in a session, and its start in minutes.
type slot struct {
	a     *attempt
	start int
}

func newPlanner(m *model) *planner {
	p := &planner{m: m, eligible: map[string]map[string][]*member{}, load: make([]int, len(m.members)),
		busy: make([]halfSet, len(m.members)), candidate: map[string][]placedSlot{},
		byGroup: map[groupKey][]*session{}, changed: map[windowKey]int{}, step: 1}
	for code, q := range m.quals {
		p.eligible[code] = map[string][]*member{}
		for _, role := range roles {
			for _, x := range m.members {
				if seatProblems(x, role, q) == nil {
					p.eligible[code][role] = append(p.eligible[code][role], x)
				}
			}
		}
	}
	p.pools = newPools(m, p.eligible)
	return p
}

// attemptOrder is the order attempts are placed in.
func (p *planner) attemptOrder() []*attempt {
	order := make([]*attempt, 0, len(p.m.attempts))
	for _, a := range p.m.attempts {
		order = append(order, a)
	}
	slices.SortFunc(order, func(a, b *attempt) int {
		return cmp.Or(cmp.Compare(a.from, b.from), cmp.Compare(a.Candidate, b.Candidate),
			cmp.Compare(boolRank(!a.inPerson), boolRank(!b.inPerson)), cmp.Compare(a.Block, b.Block), cmp.Compare(a.ID, b.ID))
	})
	return order
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// place puts a into the session of the earliest jury window that can take it.
func (p *planner) place(a *attempt) bool {
	for i := range p.m.cutoffs {
		first, last := p.m.juryWindow(i)
		first = max(first, a.from)
		if first > last {
			continue
		}
		s := p.join(a, first, last)
		if s == nil {
			s = p.open(a, first, last)
		}
		if s != nil {
			p.add(s, a)
			return true
		}
	}
	return false
}

// join returns the existing session of [first, last] that a fits best, or
// nil: one where its candidate already sits that half-day first, then the
// earliest, then the first opened. Only a's groups may host it (hostGroups).
func (p *planner) join(a *attempt, first, last int) *session {
	var best *session
	bestWithCandidate := false
	for _, k := range hostGroups(a) {
		group := p.byGroup[k]
		i, _ := slices.BinarySearchFunc(group, first*2, func(t *session, hd int) int { return t.hd - hd })
		for _, s := range group[i:] {
			if s.hd/2 > last {
				break
			}
			if !p.fits(s, a) {
				continue
			}
			withCandidate := p.candidateSits(a.Candidate, s.hd)
			if best == nil || (withCandidate && !bestWithCandidate) ||
				(withCandidate == bestWithCandidate && (s.hd < best.hd || (s.hd == best.hd && s.seq < best.seq))) {
				best, bestWithCandidate = s, withCandidate
			}
		}
	}
	return best
}

// fits says whether a can take the next slot of s.
func (p *planner) fits(s *session, a *attempt) bool {
	return s.next+a.minutes <= s.window.end && accepts(s, a, p.m.employers[a.Employer]) &&
		p.candidateFree(a.Candidate, s.hd/2, span{s.next, s.next + a.minutes})
}

// accepts says whether session s may evaluate a, its candidate being of emp,
// time aside: the qualification, the place and the members (constraint 3).
func accepts(s *session, a *attempt, emp *employer) bool {
	if !hosts(s, a) {
		return false
	}
	for i, role := range roles {
		if !fitsCandidate(s.jury[i], role, emp) {
			return false
		}
	}
	return true
}

// hosts says whether session s may evaluate a, time and members aside: the
// qualification and the place (constraint 5; in person, only the host's own
// candidates; remote, one branch).
func hosts(s *session, a *attempt) bool {
	if s.qual.Code != a.Qualification {
		return false
	}
	if s.host != nil {
		return s.host.Code == a.Employer
	}
	return !a.inPerson && s.branch == a.branch
}

// open opens a session for a on the latest half-day of [first, last] that can
// host it, or returns nil.
func (p *planner) open(a *attempt, first, last int) *session {
	emp := p.m.employers[a.Employer]
	var host *employer
	if a.inPerson {
		host = emp
	}
	pool, emps, own := p.pools.of(a.Qualification, emp.Branch), []*employer{emp}, p.candidate[a.Candidate]
	for hd := last*2 + 1; hd >= first*2; hd-- {
		if !p.m.workingDay(hd/2) || (p.only != nil && !slices.ContainsFunc(p.only, func(x *member) bool { return x.available.has(hd) && !p.busy[x.idx].has(hd) })) {
			continue
		}
		w := p.m.window(hd, host)
		if w.length() < a.minutes || !slotsFree(own, hd/2, span{w.start, w.start + a.minutes}) {
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

// free says whether x may hold role for a candidate of emp on half-day hd.
func (p *planner) free(x *member, role string, emp *employer, hd int) bool {
	return fitsCandidate(x, role, emp) && x.available.has(hd) && !p.busy[x.idx].has(hd) && p.load[x.idx] < x.MaxSessions
}

// add gives a the next slot of s.
func (p *planner) add(s *session, a *attempt) {
	sl := span{s.next, s.next + a.minutes}
	s.slots = append(s.slots, slot{a, sl.start})
	s.next = sl.end
	p.candidate[a.Candidate] = append(p.candidate[a.Candidate], placedSlot{attempt: a.ID, day: s.hd / 2, span: sl})
}

func (p *planner) candidateFree(candidate string, day int, sl span) bool {
	return slotsFree(p.candidate[candidate], day, sl)
}

// slotsFree says whether none of a candidate's slots overlaps sl on day.
func slotsFree(slots []placedSlot, day int, sl span) bool {
	for _, o := range slots {
		if o.day == day && o.span.start < sl.end && sl.start < o.span.end {
			return false
		}
	}
	return true
}

// candidateSits says whether the candidate already has a slot on half-day hd.
func (p *planner) candidateSits(candidate string, hd int) bool {
	half := p.m.halves[hd%2]
	for _, o := range p.candidate[candidate] {
		if o.day == hd/2 && o.span.start >= half.start && o.span.end <= half.end {
			return true
		}
	}
	return false
}

// plan writes the sessions in date order, numbered S1, S2…
func (p *planner) plan(unplaced []Unplaced) Plan {
	sessions := slices.Clone(p.sessions)
	slices.SortStableFunc(sessions, func(a, b *session) int {
		return cmp.Or(cmp.Compare(a.hd, b.hd), cmp.Compare(a.qual.Code, b.qual.Code), cmp.Compare(hostCode(a), hostCode(b)))
	})
	out := Plan{Sessions: make([]Session, 0, len(sessions)), Unplaced: unplaced}
	for i, s := range sessions {
		ps := Session{ID: "S" + strconv.Itoa(i+1), Date: dateOf(s.hd / 2).String(), Half: HalfAM, Mode: ModeRemote,
			Qualification: s.qual.Code, Members: Jury{Certifier: s.jury[0].ID, Expert: s.jury[1].ID, Branch: s.jury[2].ID}, Slots: make([]Slot, 0, len(s.slots))}
		for _, sl := range s.slots {
			ps.Slots = append(ps.Slots, Slot{Attempt: sl.a.ID, Start: clock(sl.start)})
		}
		if s.hd%2 == 1 {
			ps.Half = HalfPM
		}
		if s.host != nil {
			ps.Mode, ps.Employer = ModeInPerson, s.host.Code
		}
		out.Sessions = append(out.Sessions, ps)
	}
	slices.SortFunc(out.Unplaced, func(a, b Unplaced) int { return cmp.Compare(a.Attempt, b.Attempt) })
	return out
}

func hostCode(s *session) string {
	if s.host == nil {
		return ""
	}
	return s.host.Code
}
