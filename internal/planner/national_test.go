package planner

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// planFigures are the measures of a plan that docs/benchmarks.md reports.
type planFigures struct {
	placed, unplaced, sessions, bound int
	meanWait                          float64 // days from certifiable-from to the deciding national jury, over placed attempts
}

// figures measures plan p of inst.
func figures(t testing.TB, inst Instance, p Plan) planFigures {
	t.Helper()
	m, err := compile(inst)
	if err != nil {
		t.Fatal(err)
	}
	juries := slices.Clone(inst.NationalJuries)
	slices.SortFunc(juries, func(a, b NationalJury) int { return strings.Compare(a.Cutoff, b.Cutoff) })
	f := planFigures{unplaced: len(p.Unplaced), sessions: len(p.Sessions), bound: LowerBoundSessions(inst)}
	total := 0
	for _, s := range p.Sessions {
		day, err := parseDay(s.Date)
		if err != nil {
			t.Fatal(err)
		}
		jury, err := parseDay(juries[m.decidingJury(day)].Date)
		if err != nil {
			t.Fatal(err)
		}
		for _, sl := range s.Slots {
			f.placed++
			total += jury - m.attempts[sl.Attempt].from
		}
	}
	if f.placed > 0 {
		f.meanWait = float64(total) / float64(f.placed)
	}
	return f
}

func (f planFigures) report(b *testing.B) {
	b.ReportMetric(float64(f.placed), "placed")
	b.ReportMetric(float64(f.sessions), "sessions")
	b.ReportMetric(float64(f.bound), "bound")
	b.ReportMetric(f.meanWait, "wait-days")
}

func (f planFigures) ratio() float64 { return float64(f.sessions) / float64(f.bound) }

func TestSolvePlacesTheWholeNationalInstanceBetterThanTheBaseline(t *testing.T) {
	if testing.Short() {
		t.Skip("instance nationale : quelques secondes")
	}
	t.Parallel()
	inst := Generate(1, National)
	solved, baseline := Solve(inst), Baseline(inst)
	for _, v := range Check(inst, solved) {
		t.Errorf("Solve : %s", v.Message)
	}
	for _, v := range Check(inst, baseline) {
		t.Errorf("Baseline : %s", v.Message)
	}
	s, b := figures(t, inst, solved), figures(t, inst, baseline)
	t.Logf("Solve : %+v, %.3f × la borne ; Baseline : %+v, %.3f × la borne", s, s.ratio(), b, b.ratio())
	if s.unplaced != 0 {
		t.Errorf("Solve laisse %d tentatives non placées, dont %+v", s.unplaced, solved.Unplaced[0])
	}
	if b.unplaced < 1000 || b.unplaced > 1600 {
		t.Errorf("la référence laisse %d tentatives non placées, attendu de l'ordre de 1 200 à 1 400 (calibrage de Generate)", b.unplaced)
	}
	if s.meanWait > b.meanWait {
		t.Errorf("attente moyenne %.2f jours, plus longue que celle de la référence (%.2f)", s.meanWait, b.meanWait)
	}
	if s.ratio() > 1.35 {
		t.Errorf("%d séances, %.3f × la borne inférieure %d : au-delà de 1,35", s.sessions, s.ratio(), s.bound)
	}
	again, _ := json.Marshal(Solve(inst))
	if first, _ := json.Marshal(solved); !bytes.Equal(first, again) {
		t.Error("deux plans de l'instance nationale diffèrent")
	}
}

func BenchmarkPlanNational(b *testing.B) {
	inst := Generate(1, National)
	var p Plan
	for b.Loop() {
		p = Solve(inst)
	}
	figures(b, inst, p).report(b)
}

func BenchmarkBaselineNational(b *testing.B) {
	inst := Generate(1, National)
	var p Plan
	for b.Loop() {
		p = Baseline(inst)
	}
	figures(b, inst, p).report(b)
}
