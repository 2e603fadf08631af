package planner

import "testing"

// decidingJuries maps each placed attempt to the index of the national jury
// that decides it.
func decidingJuries(t *testing.T, inst Instance, p Plan) map[string]int {
	t.Helper()
	m, err := compile(inst)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, s := range p.Sessions {
		day, err := parseDay(s.Date)
		if err != nil {
			t.Fatal(err)
		}
		for _, sl := range s.Slots {
			out[sl.Attempt] = m.decidingJury(day)
		}
	}
	return out
}

func TestImprovementNeverPlacesFewerOrDecidesLater(t *testing.T) {
	t.Parallel()
	inst := exampleInstance(t)
	m, err := compile(inst)
	if err != nil {
		t.Fatal(err)
	}
	for _, packed := range []bool{true, false} {
		improvementNeverPlacesFewerOrDecidesLater(t, inst, build(m, packed, false), build(m, packed, true))
	}
}

func improvementNeverPlacesFewerOrDecidesLater(t *testing.T, inst Instance, greedy, improved Plan) {
	t.Helper()
	for _, v := range Check(inst, improved) {
		t.Errorf("violation : %s", v.Message)
	}
	t.Logf("séances : %d sans la passe d'amélioration, %d avec (borne inférieure %d)", len(greedy.Sessions), len(improved.Sessions), LowerBoundSessions(inst))
	if placedCount(improved) < placedCount(greedy) {
		t.Errorf("%d tentatives placées après la passe, %d avant", placedCount(improved), placedCount(greedy))
	}
	if len(improved.Sessions) > len(greedy.Sessions) {
		t.Errorf("%d séances après la passe, %d avant", len(improved.Sessions), len(greedy.Sessions))
	}
	after := decidingJuries(t, inst, improved)
	for id, before := range decidingJuries(t, inst, greedy) {
		if j, placed := after[id]; !placed || j > before {
			t.Errorf("la tentative %s, décidée par le jury national n°%d avant la passe, l'est par le n°%d après (placée : %v)", id, before+1, j+1, placed)
		}
	}
}

// mergeInstance is a hand-built instance where the attempt-by-attempt
// construction opens two half-empty sessions: the first jury it picks has an
// expert of the second candidate's employer, so the second candidate opens a
// session of its own, whose jury may evaluate both.
func mergeInstance() Instance {
	weekdays := map[string]TimeRange{"1": {"08:30", "16:30"}, "2": {"08:30", "16:30"}, "3": {"08:30", "16:30"}, "4": {"08:30", "16:30"}, "5": {"08:30", "16:30"}}
	mornings := []string{"2026-03-05:am", "2026-03-06:am"}
	return Instance{
		Year:           2026,
		NationalJuries: []NationalJury{{Date: "2026-03-12", Cutoff: "2026-03-06"}},
		HalfDays:       HalfDays{AM: TimeRange{"09:00", "12:30"}, PM: TimeRange{"13:30", "17:00"}},
		Employers: []Employer{
			{Code: "CAF-075", Branch: "famille", Opening: weekdays},
			{Code: "CAF-076", Branch: "famille", Opening: weekdays},
		},
		Qualifications: []Qualification{{Code: "GC", Blocks: []Block{{Number: 3, Minutes: 45}}}},
		Attempts: []Attempt{
			{ID: "A1", Candidate: "C1", Employer: "CAF-075", Qualification: "GC", Block: 3, CertifiableFrom: "2026-03-02"},
			{ID: "A2", Candidate: "C2", Employer: "CAF-076", Qualification: "GC", Block: 3, CertifiableFrom: "2026-03-02"},
		},
		Members: []Member{
			{ID: "M1", Roles: []string{"certifier"}, Employer: "I410", Available: mornings, MaxSessions: 10},
			{ID: "M2", Roles: []string{"expert"}, Employer: "CAF-076", Branch: ptr("famille"), Qualifications: []string{"GC"}, Available: mornings, MaxSessions: 10},
			{ID: "M3", Roles: []string{"expert"}, Employer: "CAF-077", Branch: ptr("famille"), Qualifications: []string{"GC"}, Available: mornings, MaxSessions: 10},
			{ID: "M4", Roles: []string{"branch"}, Employer: "CAF-077", Branch: ptr("famille"), Available: mornings, MaxSessions: 10},
		},
	}
}

func TestImprovementMergesTwoHalfEmptySessions(t *testing.T) {
	t.Parallel()
	inst := mergeInstance()
	m, err := compile(inst)
	if err != nil {
		t.Fatal(err)
	}
	if greedy := build(m, false, false); len(greedy.Sessions) != 2 || placedCount(greedy) != 2 {
		t.Fatalf("le glouton seul devrait ouvrir deux séances d'une tentative chacune : %+v", greedy)
	}
	p := build(m, false, true)
	if vs := Check(inst, p); len(vs) != 0 {
		t.Fatalf("violations : %+v", vs)
	}
	if len(p.Sessions) != 1 || len(p.Sessions[0].Slots) != 2 {
		t.Fatalf("attendu une seule séance des deux tentatives : %+v", p)
	}
	s := p.Sessions[0]
	if s.Date != "2026-03-05" || s.Members != (Jury{Certifier: "M1", Expert: "M3", Branch: "M4"}) ||
		s.Slots[0] != (Slot{Attempt: "A2", Start: "09:00"}) || s.Slots[1] != (Slot{Attempt: "A1", Start: "09:45"}) {
		t.Errorf("séance inattendue : %+v", s)
	}
}
