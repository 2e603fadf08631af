package juries_test

import (
	"os"
	"testing"

	"certibloc/internal/certif"
	"certibloc/internal/juries"
	"certibloc/internal/store"
)

// BenchmarkPlanNationalYear plans a year from a national-scale database
// (`certibloc demo --scale national`), as the "Planifier" page does: the
// snapshot read, the planner, then the drafts saved (each iteration replaces
// the previous one's). Reports what was placed.
//
//	go run ./cmd/certibloc demo --scale national --db sqlite:/tmp/national.db --today 2026-12-02
//	CERTIBLOC_BENCH_DB=sqlite:/tmp/national.db go test -run XXX -bench PlanNationalYear -benchtime 3x ./internal/juries
func BenchmarkPlanNationalYear(b *testing.B) {
	dsn := os.Getenv("CERTIBLOC_BENCH_DB")
	if dsn == "" {
		b.Skip("CERTIBLOC_BENCH_DB non défini : pas de base à l'échelle nationale")
	}
	st, err := store.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	today := certif.MustDate("2026-12-02")
	from, to := today.AddDays(1), today.AddDays(365)
	for _, step := range []string{"compute", "save"} {
		b.Run(step, func(b *testing.B) {
			var run store.PlanningRun
			var planned juries.Planned
			for b.Loop() {
				if step == "compute" {
					planned, err = juries.Compute(ctx, st, from, to, today)
				} else {
					run, planned, err = juries.Plan(ctx, st, store.PlatformOn(today), from, to, today)
				}
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(planned.Built.Instance.Attempts)), "attempts")
			b.ReportMetric(float64(len(planned.Sessions)), "sessions")
			b.ReportMetric(float64(len(planned.Built.Instance.Attempts)-len(planned.Plan.Unplaced)), "placed")
			_ = run
		})
	}
}
