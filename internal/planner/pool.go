package planner

import (
	"math/bits"
	"slices"
)

// pools are, for each qualification and role (and for the branch role, each
// branch), the members who may hold it (constraint 2) available on each
// half-day, by id: a new session's jury is looked for among those of its
// half-day only, not among every member. Built once per construction, then
// only read.
type pools struct {
	base int                     // the first half-day of byHalf
	by   map[poolKey][][]*member // half-day - base → members, by id
}

type poolKey struct{ qual, role, branch string }

// newPools indexes the eligible members of p by half-day.
func newPools(m *model, eligible map[string]map[string][]*member) pools {
	first, last := 0, -1
	for _, x := range m.members {
		if n := len(x.available.words); n > 0 {
			if last < first {
				first, last = x.available.base, x.available.base+64*n-1
			}
			first, last = min(first, x.available.base), max(last, x.available.base+64*n-1)
		}
	}
	ps := pools{base: first, by: map[poolKey][][]*member{}}
	for qual, byRole := range eligible {
		for _, role := range roles {
			for _, x := range byRole[role] {
				k := poolKey{qual: qual, role: role}
				if role == RoleBranch {
					k.branch = x.branch
				}
				halves := ps.by[k]
				if halves == nil {
					halves = make([][]*member, last-first+1)
					ps.by[k] = halves
				}
				for w, word := range x.available.words {
					for word != 0 {
						b := bits.TrailingZeros64(word)
						word &^= 1 << b
						i := x.available.base + 64*w + b - first
						halves[i] = append(halves[i], x)
					}
				}
			}
		}
	}
	return ps
}

// juryPool is, for each role, the members who may hold it in a session of one
// qualification for candidates of one branch, by half-day from base.
type juryPool struct {
	base   int
	halves [3][][]*member
}

// of is the jury pool of a session of qual for candidates of branch.
func (ps pools) of(qual, branch string) juryPool {
	jp := juryPool{base: ps.base}
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
func (jp juryPool) at(i, hd int) []*member {
	if j := hd - jp.base; j >= 0 && j < len(jp.halves[i]) {
		return jp.halves[i][j]
	}
	return nil
}

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
