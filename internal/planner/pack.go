package planner

import (
	"cmp"
	"slices"
)

// pack is the windowed construction of Solve: the national jury windows in
// order, and in each, the attempts certifiable by its cutoff (and not placed
// yet), grouped by what a session may hold together (one qualification, and
// in person one employer, remotely one branch), in-person groups first. Each
// group is cut, in certifiable-from order, into runs that fill a half-day
// (cutRun); the gap of an in-person run is filled with remote blocks of its
// employer and qualification (fill). A run is held on the earliest half-day,
// on or after the latest certifiable-from date among its attempts, where its
// slots fit the window and three members free that half-day may evaluate all
// its candidates (hold). A run that finds no half-day gives back its last
// attempt and tries again; an attempt alone that finds none joins a session
// of the window with room, or waits for the next window. It returns the
// attempts no window could take.
func (p *planner) pack(order []*attempt) []*attempt {
	pending := order
	for w := range p.m.cutoffs {
		first, last := p.m.juryWindow(w)
		var due, later []*attempt
		for _, a := range pending {
			if a.from <= last {
				due = append(due, a)
			} else {
				later = append(later, a)
			}
		}
		var waiting []*attempt
		taken := map[*attempt]bool{} // remote blocks placed in an in-person session
		fillers := map[groupKey][]*attempt{}
		for _, a := range due {
			if !a.inPerson {
				k := groupKey{qual: a.Qualification, host: a.Employer}
				fillers[k] = append(fillers[k], a)
			}
		}
		for _, g := range p.groups(due) {
			if g[0].inPerson {
				waiting = append(waiting, p.packGroup(g, fillers[keyOf(g[0])], taken, first, last)...)
			}
		}
		for _, g := range p.groups(due) {
			g = slices.DeleteFunc(g, func(a *attempt) bool { return taken[a] })
			if len(g) > 0 && !g[0].inPerson {
				waiting = append(waiting, p.packGroup(g, nil, taken, first, last)...)
			}
		}
		pending = append(p.sortAttempts(waiting), later...)
	}
	return pending
}

// sortAttempts sorts attempts in the order of attemptOrder.
func (p *planner) sortAttempts(as []*attempt) []*attempt {
	slices.SortFunc(as, compareAttempts)
	return as
}

func compareAttempts(a, b *attempt) int {
	return cmp.Or(cmp.Compare(a.from, b.from), cmp.Compare(a.Candidate, b.Candidate),
		cmp.Compare(boolRank(!a.inPerson), boolRank(!b.inPerson)), cmp.Compare(a.Block, b.Block), cmp.Compare(a.ID, b.ID))
}

// groupKey is what a session may hold together: a qualification, and the
// host employer in person, the branch remotely.
type groupKey struct{ qual, host, branch string }

func keyOf(a *attempt) groupKey {
	if a.inPerson {
		return groupKey{qual: a.Qualification, host: a.Employer}
	}
	return groupKey{qual: a.Qualification, branch: a.branch}
}

// groups splits attempts (in attemptOrder) by groupKey, groups in key order.
func (p *planner) groups(as []*attempt) [][]*attempt {
	byKey := map[groupKey][]*attempt{}
	var keys []groupKey
	for _, a := range as {
		k := keyOf(a)
		if byKey[k] == nil {
			keys = append(keys, k)
		}
		byKey[k] = append(byKey[k], a)
	}
	slices.SortFunc(keys, func(x, y groupKey) int {
		return cmp.Or(cmp.Compare(x.qual, y.qual), cmp.Compare(x.host, y.host), cmp.Compare(x.branch, y.branch))
	})
	out := make([][]*attempt, len(keys))
	for i, k := range keys {
		out[i] = byKey[k]
	}
	return out
}

// packGroup cuts one group into runs held in [first, last]; it returns the
// attempts that must wait for the next window. The gap an in-person run
// leaves is filled with remote blocks of its employer and qualification
// (fillers) certifiable by then, which taken records.
func (p *planner) packGroup(as, fillers []*attempt, taken map[*attempt]bool, first, last int) []*attempt {
	capacity := max(p.m.halves[0].length(), p.m.halves[1].length())
	rest := as
	var waiting []*attempt
	for len(rest) > 0 {
		run, others := cutRun(rest, capacity)
		run = fill(run, fillers, taken, capacity)
		for len(run) > 0 && !p.hold(run, first, last) {
			if x := run[len(run)-1]; x.inPerson == as[0].inPerson {
				others = append(others, x)
			}
			run = run[:len(run)-1]
		}
		for _, a := range run {
			taken[a] = true
		}
		if len(run) == 0 { // its first attempt, alone, found no half-day
			a := others[len(others)-1]
			others = others[:len(others)-1]
			if s := p.join(a, max(first, a.from), last); s != nil {
				p.add(s, a)
			} else {
				waiting = append(waiting, a)
			}
		}
		rest = p.sortAttempts(others)
	}
	return waiting
}

// fill adds to run the fillers not taken, certifiable by the latest
// certifiable-from date of run, that fit the gap it leaves: its candidates'
// first, then in order.
func fill(run, fillers []*attempt, taken map[*attempt]bool, capacity int) []*attempt {
	if len(fillers) == 0 {
		return run
	}
	used, from := 0, 0
	var candidates []string
	for _, a := range run {
		used += a.minutes
		from = max(from, a.from)
		candidates = append(candidates, a.Candidate)
	}
	for _, own := range []bool{true, false} {
		for _, f := range fillers {
			if !taken[f] && f.from <= from && used+f.minutes <= capacity && slices.Contains(candidates, f.Candidate) == own && !slices.Contains(run, f) {
				run = append(run, f)
				used += f.minutes
			}
		}
	}
	return run
}

// cutRun takes from as (sorted) the attempts of one run: the first ones while
// their minutes fit capacity, then any later one that fits the gap left.
func cutRun(as []*attempt, capacity int) (run, others []*attempt) {
	used := 0
	for _, a := range as {
		if used+a.minutes <= capacity {
			run = append(run, a)
			used += a.minutes
			continue
		}
		others = append(others, a)
	}
	return run, others
}

// hold opens a session for run on the earliest half-day of [first, last], on
// or after the certifiable-from dates of its attempts, where its slots fit
// and a jury may evaluate all its candidates; false when there is none.
func (p *planner) hold(run []*attempt, first, last int) bool {
	from := first
	emps := make([]*employer, 0, len(run))
	minutes := 0
	for _, a := range run {
		from = max(from, a.from)
		minutes += a.minutes
		if e := p.m.employers[a.Employer]; !slices.Contains(emps, e) {
			emps = append(emps, e)
		}
	}
	a := run[0]
	var host *employer
	if a.inPerson {
		host = emps[0]
	}
	q := p.m.quals[a.Qualification]
	pool := p.pools.of(q.Code, a.branch)
	for hd := from * 2; hd <= last*2+1; hd++ {
		if !p.m.workingDay(hd / 2) {
			continue
		}
		t := &session{hd: hd, qual: q, host: host, branch: a.branch, window: p.m.window(hd, host)}
		if t.window.length() < minutes {
			continue
		}
		slots, ok := p.layout(t, run)
		if !ok {
			continue
		}
		if t.jury, ok = p.pickJury(pool, emps, hd); !ok {
			continue
		}
		for _, x := range t.jury {
			p.seat(x, hd, true)
		}
		t.next = t.window.start
		for _, sl := range slots {
			t.slots = append(t.slots, sl)
			p.sit(t, sl)
		}
		p.addSession(t)
		return true
	}
	return false
}
