package planner

import (
	"math/bits"
	"slices"
)

// pools are, for each qualification and role (and for the branch role, each
// branch), the members who may hold it (constraint 2) available on each
// half-day, by id: a new session's jury is looked for among those of its
// half-day only, not among every member. Each list is built the first time a
// session of its qualification is looked for (a construction uses its own
// pools, from one goroutine).
type pools struct {
	eligible    map[string]map[string][]*member
	first, last int // the half-days some member is available, at most
	by          map[poolKey]halfLists
}

// halfLists are members by half-day: those of half-day first+i are
// members[start[i]:start[i+1]], by id.
type halfLists struct {
	start   []int32
	members []*member
}

// at is the members of half-day index i (half-day first+i).
func (l halfLists) at(i int) []*member {
	if i < 0 || i+1 >= len(l.start) {
		return nil
	}
	return l.members[l.start[i]:l.start[i+1]]
}

type poolKey struct{ qual, role, branch string }

// newPools prepares the pools of the eligible members of m.
func newPools(m *model, eligible map[string]map[string][]*member) *pools {
	ps := &pools{eligible: eligible, first: 0, last: -1, by: map[poolKey]halfLists{}}
	for _, x := range m.members {
		if n := len(x.available.words); n > 0 {
			if ps.last < ps.first {
				ps.first, ps.last = x.available.base, x.available.base+64*n-1
			}
			ps.first, ps.last = min(ps.first, x.available.base), max(ps.last, x.available.base+64*n-1)
		}
	}
	return ps
}

// build lists by half-day the members who may hold each role of qual.
func (ps *pools) build(qual string) {
	for _, role := range roles {
		byKey := map[poolKey][]*member{}
		keys := []poolKey{{qual: qual, role: role}} // built, even when nobody may
		for _, x := range ps.eligible[qual][role] {
			k := poolKey{qual: qual, role: role}
			if role == RoleBranch {
				k.branch = x.branch
			}
			if byKey[k] == nil && k != keys[0] {
				keys = append(keys, k)
			}
			byKey[k] = append(byKey[k], x)
		}
		for _, k := range keys {
			ps.by[k] = ps.halves(byKey[k])
		}
	}
}

// halves lists members (by id) by the half-days each is available.
func (ps *pools) halves(members []*member) halfLists {
	if len(members) == 0 {
		return halfLists{}
	}
	each := func(x *member, do func(i int)) {
		for w, word := range x.available.words {
			for word != 0 {
				b := bits.TrailingZeros64(word)
				word &^= 1 << b
				do(x.available.base + 64*w + b - ps.first)
			}
		}
	}
	l := halfLists{start: make([]int32, ps.last-ps.first+2)}
	for _, x := range members {
		each(x, func(i int) { l.start[i+1]++ })
	}
	for i := 1; i < len(l.start); i++ {
		l.start[i] += l.start[i-1]
	}
	l.members = make([]*member, l.start[len(l.start)-1])
	next := slices.Clone(l.start)
	for _, x := range members {
		each(x, func(i int) { l.members[next[i]] = x; next[i]++ })
	}
	return l
}

// juryPool is, for each role, the members who may hold it in a session of one
// qualification for candidates of one branch, by half-day from base.
type juryPool struct {
	base   int
	halves [3]halfLists
}

// of is the jury pool of a session of qual for candidates of branch.
func (ps *pools) of(qual, branch string) juryPool {
	if _, built := ps.by[poolKey{qual: qual, role: RoleCertifier}]; !built {
		ps.build(qual)
	}
	jp := juryPool{base: ps.first}
	for i, role := range roles {
		k := poolKey{qual: qual, role: role}
		if role == RoleBranch {
			k.branch = branch
		}
		jp.halves[i] = ps.by[k]
	}
	return jp
}

// at is the members who may hold roles[i] available on half-day hd.
func (jp juryPool) at(i, hd int) []*member { return jp.halves[i].at(hd - jp.base) }

// pickJury chooses the three members of a new session on half-day hd for
// candidates of emps, among pool: each the least loaded (then smallest id) of
// those free to hold the role for all of them (available, sitting nowhere
// else that half-day, below their maximum, of none of emps, of their branch).
func (p *planner) pickJury(pool juryPool, emps []*employer, hd int) (jury [3]*member, ok bool) {
	// The expert, then the branch representative, are the scarcest roles:
	// when one finds nobody free, say so before looking through the others.
	for _, i := range [2]int{1, 2} {
		if !slices.ContainsFunc(pool.at(i, hd), func(x *member) bool { return p.seatable(x, roles[i], emps, hd) }) {
			return jury, false
		}
	}
	for i, role := range roles {
		for _, x := range pool.at(i, hd) {
			if (jury[i] == nil || p.load[x.idx] < p.load[jury[i].idx]) && p.seatable(x, role, emps, hd) && !slices.Contains(jury[:i], x) {
				jury[i] = x
			}
		}
		if jury[i] == nil {
			return jury, false
		}
	}
	return jury, true
}

// seatable says whether x, available on half-day hd, may hold role for
// candidates of emps then: free that half-day, below its maximum, and
// fitting each candidate (constraint 3).
func (p *planner) seatable(x *member, role string, emps []*employer, hd int) bool {
	if p.load[x.idx] >= x.MaxSessions || p.busy[x.idx].has(hd) {
		return false
	}
	for _, e := range emps {
		if !fitsCandidate(x, role, e) {
			return false
		}
	}
	return true
}
