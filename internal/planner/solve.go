package planner

// Solve plans the attempts of inst into professional-jury sessions,
// deterministically (same instance, same plan, byte for byte: every loop runs
// in a sorted order, nothing random, no clock). Two constructions run side
// by side:
//
//   - windowed runs (pack.go): the national jury windows in order; in each,
//     the attempts certifiable by its cutoff are grouped by what a session
//     may hold together and cut into runs that fill a half-day, each held on
//     the earliest half-day that can host it; what they leave goes to the
//     attempt-by-attempt construction;
//   - attempt by attempt (place): attempts by certifiable-from date, each in
//     the earliest national jury window it can reach, joining a session that
//     fits or opening one on the latest half-day of the window that can host
//     it.
//
// A new session's members are the least loaded (then smallest id) of those
// who may sit (role, training, qualification, not of a candidate's employer,
// of the candidates' branch), available and free that half-day and below
// their maximum. The better plan (more attempts placed, then a shorter total
// wait for the deciding national jury, then fewer sessions: the order of
// docs/planner.md) goes through an improvement pass that empties the
// smallest sessions into the others (improve.go), then a repair of what is
// left unplaced (repair.go: tried again, then sessions of its branch emptied
// into sessions decided later too, freeing their members). An attempt no
// window can take is listed unplaced with the reason in French. Check accepts every plan
// Solve makes. An instance that cannot be read leaves every attempt unplaced,
// with the error as the reason.
func Solve(inst Instance) Plan { return solve(inst, true) }

// solve is Solve, with or without the improvement pass and the repair: the
// two constructions, and the better of them (see better) improved.
func solve(inst Instance, improve bool) Plan {
	m, err := compile(inst)
	if err != nil {
		return invalidPlan(inst, err)
	}
	// The two constructions share only the read-only model: they run side by
	// side (2 cores), and the choice does not depend on which ends first.
	var greedy *planner
	done := make(chan struct{})
	go func() {
		defer close(done)
		greedy = construct(m, false)
	}()
	packed := construct(m, true)
	<-done
	best := packed
	if better(m, greedy.plan(greedy.unplaced), packed.plan(packed.unplaced)) {
		best = greedy
	}
	if improve {
		best.improve()
		best.repair()
	}
	return best.plan(best.unplaced)
}

// build is one construction, then the improvement pass when asked.
func build(m *model, packed, improve bool) Plan {
	pl := construct(m, packed)
	if improve {
		pl.improve()
	}
	return pl.plan(pl.unplaced)
}

// construct runs one construction: windowed runs (pack), or attempt by
// attempt (place); place takes what pack leaves too.
func construct(m *model, packed bool) *planner {
	pl := newPlanner(m)
	pl.unplaced = []Unplaced{}
	order := pl.attemptOrder()
	if packed {
		order = pl.pack(order)
	}
	for _, a := range order {
		if !pl.place(a) {
			pl.unplaced = append(pl.unplaced, Unplaced{Attempt: a.ID, Reason: pl.reason(a)})
		}
	}
	return pl
}

// better says whether plan p is better than q (docs/planner.md): more
// attempts placed, then fewer days in all from certifiable-from to the
// deciding national jury, then fewer sessions.
func better(m *model, p, q Plan) bool {
	if len(p.Unplaced) != len(q.Unplaced) {
		return len(p.Unplaced) < len(q.Unplaced)
	}
	if wp, wq := m.totalWait(p), m.totalWait(q); wp != wq {
		return wp < wq
	}
	return len(p.Sessions) < len(q.Sessions)
}

// totalWait is the sum, over the attempts p places, of the days from their
// certifiable-from date to the national jury that decides them.
func (m *model) totalWait(p Plan) int {
	total := 0
	for _, s := range p.Sessions {
		day, _ := parseDay(s.Date)
		jury := m.juryDays[m.decidingJury(day)]
		for _, sl := range s.Slots {
			total += jury - m.attempts[sl.Attempt].from
		}
	}
	return total
}
