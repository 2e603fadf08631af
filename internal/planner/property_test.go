package planner

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// randomSizes draws small instance sizes, some with members' maximums far too
// low (many unplaced attempts) and some with plenty.
func randomSizes(n int) []Size {
	r := rand.New(rand.NewPCG(42, 7))
	sizes := make([]Size, n)
	for i := range sizes {
		sizes[i] = Size{Employers: 2 + r.IntN(10), Candidates: 3 + r.IntN(40), Members: 4 + r.IntN(30), Capacity: 0.2 + 2*r.Float64()}
	}
	return sizes
}

func TestSolveAndBaselineNeverBreakAHardConstraintOnRandomInstances(t *testing.T) {
	t.Parallel()
	n := 60
	if testing.Short() {
		n = 15
	}
	for i, size := range randomSizes(n) {
		inst := Generate(int64(i), size)
		for name, planner := range map[string]func(Instance) Plan{"Solve": Solve, "Baseline": Baseline} {
			p := planner(inst)
			for _, v := range Check(inst, p) {
				t.Errorf("instance %d %+v, %s : Check : %s", i, size, name, v.Message)
			}
			for _, v := range independentViolations(inst, p) {
				t.Errorf("instance %d %+v, %s : contrôle indépendant : %s", i, size, name, v)
			}
		}
	}
}

func TestSolveIsDeterministicOnRandomInstances(t *testing.T) {
	t.Parallel()
	for i, size := range randomSizes(10) {
		inst := Generate(int64(i), size)
		first, _ := json.Marshal(Solve(inst))
		again, _ := json.Marshal(Solve(inst))
		if !bytes.Equal(first, again) {
			t.Errorf("instance %d : deux plans de la même instance diffèrent", i)
		}
	}
}

// independentViolations checks the hard constraints of the planning
// specification again, from the public types alone and without the
// package's model, so that a fault shared by Check and the planners shows.
func independentViolations(inst Instance, p Plan) []string {
	var out []string
	bad := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	date := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			bad("date illisible %q", s)
		}
		return d
	}
	clockOf := func(s string) int {
		c, err := time.Parse("15:04", s)
		if err != nil {
			bad("heure illisible %q", s)
		}
		return c.Hour()*60 + c.Minute()
	}
	nonWorking := map[string]bool{}
	for _, d := range inst.NonWorkingDays {
		nonWorking[d] = true
	}
	lastCutoff := ""
	for _, j := range inst.NationalJuries {
		lastCutoff = max(lastCutoff, j.Cutoff)
	}
	halves := map[string][2]int{HalfAM: {clockOf(inst.HalfDays.AM[0]), clockOf(inst.HalfDays.AM[1])},
		HalfPM: {clockOf(inst.HalfDays.PM[0]), clockOf(inst.HalfDays.PM[1])}}
	employers := map[string]Employer{}
	for _, e := range inst.Employers {
		employers[e.Code] = e
	}
	quals := map[string]Qualification{}
	for _, q := range inst.Qualifications {
		quals[q.Code] = q
	}
	attempts := map[string]Attempt{}
	for _, a := range inst.Attempts {
		attempts[a.ID] = a
	}
	members := map[string]Member{}
	for _, m := range inst.Members {
		members[m.ID] = m
	}
	block := func(a Attempt) Block {
		for _, b := range quals[a.Qualification].Blocks {
			if b.Number == a.Block {
				return b
			}
		}
		bad("tentative %s : bloc %d inconnu", a.ID, a.Block)
		return Block{}
	}
	type busy struct {
		date string
		span [2]int
	}
	placed := map[string]string{}
	sessionsOf := map[string]int{}
	seated := map[string]bool{} // member|date|half
	candidateSlots := map[string][]busy{}
	for _, s := range p.Sessions {
		q, known := quals[s.Qualification]
		d := date(s.Date)
		half, knownHalf := halves[s.Half]
		if !known || !knownHalf {
			bad("séance %s : CQP %q ou demi-journée %q inconnus", s.ID, s.Qualification, s.Half)
			continue
		}
		// Constraint 1.
		if d.Weekday() == time.Saturday || d.Weekday() == time.Sunday || nonWorking[s.Date] || s.Date > lastCutoff {
			bad("séance %s : le %s n'est pas un jour ouvré avant la dernière date limite", s.ID, s.Date)
		}
		// Constraint 2.
		jury := []struct{ role, id string }{{RoleCertifier, s.Members.Certifier}, {RoleExpert, s.Members.Expert}, {RoleBranch, s.Members.Branch}}
		ids := []string{s.Members.Certifier, s.Members.Expert, s.Members.Branch}
		slices.Sort(ids)
		if len(slices.Compact(ids)) != 3 {
			bad("séance %s : trois membres distincts attendus", s.ID)
		}
		for _, j := range jury {
			m, ok := members[j.id]
			switch {
			case !ok:
				bad("séance %s : membre %q inconnu", s.ID, j.id)
				continue
			case !slices.Contains(m.Roles, j.role):
				bad("séance %s : %s n'a pas le rôle %s", s.ID, j.id, j.role)
			case !slices.Contains(m.Available, s.Date+":"+s.Half):
				bad("séance %s : %s indisponible", s.ID, j.id)
			case q.TrainingRequired && !m.Trained:
				bad("séance %s : %s non formé", s.ID, j.id)
			case j.role == RoleExpert && !slices.Contains(m.Qualifications, q.Code):
				bad("séance %s : l'expert %s n'est pas qualifié", s.ID, j.id)
			}
			key := j.id + "|" + s.Date + "|" + s.Half
			if seated[key] {
				bad("séance %s : %s siège deux fois la même demi-journée", s.ID, j.id)
			}
			seated[key] = true
			if sessionsOf[j.id]++; sessionsOf[j.id] > m.MaxSessions {
				bad("séance %s : %s au-delà de son maximum", s.ID, j.id)
			}
		}
		// Mode and place.
		host, inPerson := employers[s.Employer], s.Mode == ModeInPerson
		if (inPerson && host.Code == "") || (!inPerson && (s.Mode != ModeRemote || s.Employer != "")) {
			bad("séance %s : mode %q chez %q", s.ID, s.Mode, s.Employer)
		}
		var spans [][2]int
		for _, sl := range s.Slots {
			a, ok := attempts[sl.Attempt]
			if !ok || a.Qualification != q.Code {
				bad("séance %s : tentative %q inconnue ou d'un autre CQP", s.ID, sl.Attempt)
				continue
			}
			// Constraint 6: once, not before its date.
			if placed[a.ID] != "" {
				bad("tentative %s placée deux fois", a.ID)
			}
			placed[a.ID] = s.ID
			if s.Date < a.CertifiableFrom {
				bad("tentative %s évaluée avant sa date", a.ID)
			}
			// Constraint 3.
			emp := employers[a.Employer]
			for _, j := range jury {
				if members[j.id].Employer == a.Employer {
					bad("séance %s : %s est de l'employeur du candidat de %s", s.ID, j.id, a.ID)
				}
			}
			if b := members[s.Members.Branch].Branch; b == nil || *b != emp.Branch {
				bad("séance %s : représentant d'une autre branche que celle de %s", s.ID, a.ID)
			}
			// Constraint 5.
			b := block(a)
			if b.InPerson && (!inPerson || s.Employer != a.Employer) {
				bad("séance %s : le bloc en présentiel de %s n'est pas chez son employeur", s.ID, a.ID)
			}
			// Constraint 4.
			start := clockOf(sl.Start)
			span := [2]int{start, start + b.Minutes + a.ExtraMinutes}
			if span[0] < half[0] || span[1] > half[1] {
				bad("séance %s : créneau de %s hors de la demi-journée", s.ID, a.ID)
			}
			if inPerson {
				hours, open := host.Opening[fmt.Sprint((int(d.Weekday())+6)%7+1)]
				if !open || span[0] < clockOf(hours[0]) || span[1] > clockOf(hours[1]) {
					bad("séance %s : créneau de %s hors des heures d'ouverture", s.ID, a.ID)
				}
			}
			for _, o := range spans {
				if span[0] < o[1] && o[0] < span[1] {
					bad("séance %s : créneaux qui se chevauchent", s.ID)
				}
			}
			spans = append(spans, span)
			// Constraint 6: one place at a time.
			for _, o := range candidateSlots[a.Candidate] {
				if o.date == s.Date && span[0] < o.span[1] && o.span[0] < span[1] {
					bad("le candidat %s est à deux endroits à la fois le %s", a.Candidate, s.Date)
				}
			}
			candidateSlots[a.Candidate] = append(candidateSlots[a.Candidate], busy{s.Date, span})
		}
	}
	unplaced := map[string]bool{}
	for _, u := range p.Unplaced {
		if placed[u.Attempt] != "" || unplaced[u.Attempt] || strings.TrimSpace(u.Reason) == "" {
			bad("non placée %s : placée aussi, en double ou sans raison", u.Attempt)
		}
		unplaced[u.Attempt] = true
	}
	for _, a := range inst.Attempts {
		if placed[a.ID] == "" && !unplaced[a.ID] {
			bad("tentative %s ni placée ni non placée", a.ID)
		}
	}
	return out
}

func TestTheIndependentCheckSeesBrokenPlans(t *testing.T) {
	t.Parallel()
	inst := exampleInstance(t)
	cases := []struct {
		name  string
		spoil func(p *Plan)
	}{
		{"a Saturday", func(p *Plan) { p.Sessions[0].Date = "2026-01-10" }},
		{"a member twice", func(p *Plan) { p.Sessions[0].Members.Branch = p.Sessions[0].Members.Expert }},
		{"a slot past the half-day", func(p *Plan) { p.Sessions[0].Slots[0].Start = "12:20" }},
		{"an attempt twice", func(p *Plan) { p.Sessions[1].Slots = append(p.Sessions[1].Slots, p.Sessions[0].Slots[0]) }},
		{"an attempt lost", func(p *Plan) { p.Sessions[0].Slots = p.Sessions[0].Slots[1:] }},
		{"in person held remotely", func(p *Plan) {
			for i, s := range p.Sessions {
				if s.Mode == ModeInPerson {
					p.Sessions[i].Mode, p.Sessions[i].Employer = ModeRemote, ""
					return
				}
			}
		}},
	}
	for _, tc := range cases {
		p := Solve(inst)
		if vs := independentViolations(inst, p); len(vs) != 0 {
			t.Fatalf("le plan de l'exemple enfreint : %v", vs)
		}
		tc.spoil(&p)
		if len(independentViolations(inst, p)) == 0 {
			t.Errorf("%s : le contrôle indépendant ne voit rien", tc.name)
		}
	}
}
