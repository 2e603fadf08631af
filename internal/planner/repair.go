package planner

// repair is the last step of Solve, for the attempts the construction left
// unplaced. First each is tried again (place: join a session or open one),
// the improvement pass having freed members. Then, while some remain, the
// sessions of their branches are emptied as in the improvement pass but into
// sessions decided later too (late): an attempt placed counts before one
// decided earlier (docs/planner.md), and each session emptied frees a branch
// representative's session for the unplaced. After each, the unplaced are
// tried again; it stops when no such session empties, or when one emptied
// gave no attempt a place (later ones would not either, most likely, and
// would only delay attempts). The reasons of those still unplaced are said
// again, the members' loads having changed.
func (p *planner) repair() {
	still := make([]*attempt, 0, len(p.unplaced))
	for _, u := range p.unplaced {
		still = append(still, p.m.attempts[u.Attempt])
	}
	still = p.replace(still, nil)
	if len(still) > 0 {
		p.late = true
		for _, s := range p.sessions {
			s.failed = 0 // tried within its own jury window only
		}
		for len(still) > 0 {
			branches := map[string]bool{}
			for _, a := range still {
				branches[a.branch] = true
			}
			emptied := p.emptyOne(func(s *session) bool { return branches[s.branch] })
			if emptied == nil {
				break
			}
			n := len(still)
			if still = p.replace(still, emptied); len(still) == n {
				break
			}
		}
		p.late = false
	}
	p.unplaced = p.unplaced[:0]
	for _, a := range still {
		p.unplaced = append(p.unplaced, Unplaced{Attempt: a.ID, Reason: p.reason(a)})
	}
}

// replace places what it can of as (place) and returns the others. Once
// session emptied is emptied, only those for whom its expert or its branch
// representative, freed, may sit are tried, and new sessions are opened only
// on the half-days one of those is free (the others could only join a
// session, and the emptying gave none more room). A session that takes one
// counts as changed for the improvement pass.
func (p *planner) replace(as []*attempt, emptied *session) []*attempt {
	var still []*attempt
	for _, a := range as {
		if emptied != nil {
			if p.only = p.freedFor(emptied, a); len(p.only) == 0 {
				still = append(still, a)
				continue
			}
		}
		placed := p.place(a)
		p.only = nil
		if !placed {
			still = append(still, a)
			continue
		}
		p.step++
		for _, k := range hostGroups(a) {
			for w := range p.m.cutoffs {
				p.changed[windowKey{k, w}] = p.step
			}
		}
	}
	return still
}

// freedFor is the expert and the branch representative of s who may sit in a
// session for a.
func (p *planner) freedFor(s *session, a *attempt) []*member {
	emp := p.m.employers[a.Employer]
	var freed []*member
	if x := s.jury[1]; s.qual.Code == a.Qualification && fitsCandidate(x, RoleExpert, emp) {
		freed = append(freed, x)
	}
	if x := s.jury[2]; seatProblems(x, RoleBranch, p.m.quals[a.Qualification]) == nil && fitsCandidate(x, RoleBranch, emp) {
		freed = append(freed, x)
	}
	return freed
}
