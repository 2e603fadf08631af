package store_test

import (
	"testing"

	"certibloc/internal/store"
)

// BenchmarkNationalStatistics measures the statistics at national scale
// (10 years: 60,000 candidates, 150,000 attempts; see BenchmarkNational for
// how the database is built and kept), each case three ways: every year
// kept (a page read again), after a change of the year shown (that year
// computed again, as after a registration or a proclamation), and cold
// (every year computed, as the first read of a process):
//
//	go test -run XXX -bench NationalStatistics -benchtime 20x ./internal/store
func BenchmarkNationalStatistics(b *testing.B) {
	for _, dialect := range []string{"sqlite", "postgres"} {
		b.Run(dialect, func(b *testing.B) {
			st := nationalStore(b, dialect)
			emps, err := st.Employers(ctx)
			if err != nil {
				b.Fatal(err)
			}
			largest, most := emps[0].ID, -1
			for _, e := range emps {
				if n, err := st.CountCandidates(ctx, store.Scope{EmployerID: e.ID}); err == nil && n > most {
					largest, most = e.ID, n
				}
			}
			cases := []struct {
				name string
				run  func() (store.Statistics, error)
			}{
				{"Office/LatestYear", func() (store.Statistics, error) { return st.Statistics(ctx, 0, store.All, benchToday) }},
				{"Office/2020", func() (store.Statistics, error) { return st.Statistics(ctx, 2020, store.All, benchToday) }},
				{"Employer/Own", func() (store.Statistics, error) {
					return st.Statistics(ctx, 2025, store.Scope{EmployerID: largest}, benchToday)
				}},
				{"Employer/National", func() (store.Statistics, error) { return st.NationalStatistics(ctx, 2025, benchToday, false) }},
				{"Fund/Branch", func() (store.Statistics, error) {
					return st.Statistics(ctx, 2025, store.Scope{Branch: "maladie"}, benchToday)
				}},
			}
			modes := []struct {
				name   string
				before func(year int)
			}{
				{"Kept", func(int) {}},
				{"YearChanged", func(year int) {
					if err := st.Exec(ctx, `UPDATE statistics_changes SET changes = changes + 1 WHERE year = ?`, year); err != nil {
						b.Fatal(err)
					}
				}},
				{"Cold", func(int) { st.ForgetStatistics() }},
			}
			for _, c := range cases {
				first, err := c.run()
				if err != nil {
					b.Fatal(err)
				}
				for _, m := range modes {
					b.Run(c.name+"/"+m.name, func(b *testing.B) {
						var rows int
						for b.Loop() {
							b.StopTimer()
							m.before(first.Year)
							b.StartTimer()
							s, err := c.run()
							if err != nil {
								b.Fatal(err)
							}
							rows = len(s.ByYear) + len(s.ByQualification) + len(s.ByBlock) + len(s.ByBranch) + len(s.ByEmployer)
						}
						b.ReportMetric(float64(rows), "rows")
					})
				}
			}
		})
	}
}
