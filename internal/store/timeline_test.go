package store_test

import (
	"strings"
	"testing"
	"time"

	"certibloc/internal/certif"
	"certibloc/internal/demo"
	"certibloc/internal/minutes"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// blockOf finds a block's timeline.
func blockOf(qs []certif.QualificationTimeline, qual string, block int) (certif.BlockTimeline, bool) {
	for _, q := range qs {
		for _, b := range q.Blocks {
			if q.Code == qual && b.Block == block {
				return b, true
			}
		}
	}
	return certif.BlockTimeline{}, false
}

// TestR9_CandidateTimelineReadsEveryBlockAndTheJuryItReaches: in the demo of
// 02/12/2026, the candidate whose proposal was confirmed on its session's day
// (a fortnight before) has it read
// with its session, its employer's collection table (R5) and the national
// jury of 17/12/2026 it waits for (R9); its employer and the candidate read
// the same blocks, another employer none; once proclaimed, the block is
// validated with its certificate (R10, R16).
func TestR9_CandidateTimelineReadsEveryBlockAndTheJuryItReaches(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		today := certif.MustDate("2026-12-02")
		st.SetClock(func() time.Time { return today.Time().Add(9 * time.Hour) })
		if _, err := demo.Load(ctx, st, today); err != nil {
			t.Fatal(err)
		}
		cases, err := st.NationalCases(ctx, store.All)
		if err != nil || len(cases) != 1 {
			t.Fatalf("liste des cas : %+v %v", cases, err)
		}
		c := cases[0]
		read := func(sc store.Scope) ([]certif.QualificationTimeline, certif.TimelineFacts) {
			t.Helper()
			f, err := st.CandidateTimeline(ctx, c.CandidateID, sc)
			if err != nil {
				t.Fatal(err)
			}
			f.Today, f.IdentityValid, f.Staff = today, true, sc.IsAll()
			return certif.Timelines(f), f
		}
		qs, f := read(store.All)
		var attempt certif.AttemptFacts
		for _, a := range f.Attempts {
			if a.ID == c.AttemptID {
				attempt = a
			}
		}
		if attempt.Session == nil || attempt.Evaluation.Status != certif.EvaluationFinal || attempt.FinalOn != attempt.Session.HalfDay.Day || attempt.Decision != nil ||
			attempt.Collection == nil || attempt.Collection.Status(today) != certif.CollectionReturned {
			t.Fatalf("faits de la tentative : %+v", attempt)
		}
		b, ok := blockOf(qs, c.Qualification, c.Block)
		if !ok || b.NextJury != certif.MustDate("2026-12-17") || b.Validated {
			t.Fatalf("parcours du bloc : %+v", b)
		}
		for _, sc := range []store.Scope{{EmployerID: c.EmployerID}, {CandidateID: c.CandidateID}} {
			if _, mine := read(sc); len(mine.Attempts) != len(f.Attempts) {
				t.Errorf("%+v voit %d tentatives sur %d", sc, len(mine.Attempts), len(f.Attempts))
			}
		}
		if _, other := read(store.Scope{EmployerID: c.EmployerID + 1}); len(other.Attempts) != 0 || len(other.Awards) != 0 {
			t.Errorf("un autre employeur voit le parcours : %+v", other.Attempts)
		}
		jury := certif.MustDate("2026-12-17")
		by := store.Caller{Actor: store.Actor{Email: "ucanss@test.fr"}, Role: certif.RoleCertifier, Scope: store.All, Today: jury}
		reach := func(certif.NationalCase) bool { return true }
		if err := st.DecideNational(ctx, by, jury, []store.NationalDecision{{AttemptID: c.AttemptID, Decision: certif.DecisionValidated}}, reach); err != nil {
			t.Fatal(err)
		}
		if _, f = read(store.All); func() bool {
			for _, a := range f.Attempts {
				if a.ID == c.AttemptID {
					return a.Decision == nil || a.Decision.Proclaimed || a.Decision.Jury != jury
				}
			}
			return true
		}() {
			t.Errorf("décision avant la proclamation : %+v", f.Attempts)
		}
		if err := st.SaveNationalComposition(ctx, by, jury, []certif.NationalSeat{{Name: "Anne Roy", Side: certif.SideEmployer, Sat: true},
			{Name: "Karim Benali", Side: certif.SideEmployee, President: true, Sat: true}}); err != nil {
			t.Fatal(err)
		}
		if _, err := minutes.Archive(ctx, st, testSigner(t), by, jury); err != nil {
			t.Fatal(err)
		}
		onTheDay := by
		onTheDay.Today = jury
		if _, err := st.Proclaim(ctx, onTheDay, jury, nil, testIssuer); err != nil {
			t.Fatal(err)
		}
		qs, _ = read(store.Scope{CandidateID: c.CandidateID})
		b, _ = blockOf(qs, c.Qualification, c.Block)
		last := b.Steps[len(b.Steps)-1]
		if !b.Validated || last.Kind != certif.StepCertificate || last.Certificate == nil || last.Certificate.Code != "CODE-"+last.Certificate.Number {
			t.Errorf("après la proclamation : %+v", b)
		}
		// Transferred to another employer, the candidate keeps the block
		// capitalised; the new employer reads its result, not the former
		// employer's registration.
		emps, err := st.Employers(ctx)
		if err != nil {
			t.Fatal(err)
		}
		other := emps[0]
		if other.ID == c.EmployerID {
			other = emps[1]
		}
		office := store.Caller{Actor: store.Actor{Email: "examens@test.fr"}, Role: certif.RoleOffice, Scope: store.All, Today: jury, Reason: "mutation"}
		if _, err := st.TransferCandidate(ctx, office, c.CandidateID, other.Code); err != nil {
			t.Fatal(err)
		}
		qs, f = read(store.Scope{EmployerID: other.ID})
		b, _ = blockOf(qs, c.Qualification, c.Block)
		if !b.Validated || len(b.Steps) != 1 || !strings.Contains(b.Steps[0].Text, "précédent employeur") {
			t.Errorf("bloc validé chez le précédent employeur : %+v", b)
		}
		for _, a := range f.Attempts {
			if a.EmployerCode == c.EmployerCode || a.Certificate != nil {
				t.Errorf("le nouvel employeur lit l'inscription du précédent : %+v", a)
			}
		}
	})
}

// BenchmarkNationalTimeline reads and derives the timelines of the first
// candidates of the national database (see BenchmarkNational), as the
// candidate's file does, for the office and for the employer:
//
//	CERTIBLOC_BENCH_FRACTION=0.1 go test -run XXX -bench NationalTimeline ./internal/store
func BenchmarkNationalTimeline(b *testing.B) {
	for _, dialect := range []string{"sqlite", "postgres"} {
		b.Run(dialect, func(b *testing.B) {
			st := nationalStore(b, dialect)
			list, _, err := st.Candidates(ctx, store.CandidateFilter{PerPage: 50})
			if err != nil || len(list) == 0 {
				b.Fatalf("candidats : %d %v", len(list), err)
			}
			for _, who := range []string{"office", "employer"} {
				b.Run(who, func(b *testing.B) {
					blocks, i := 0, 0
					for b.Loop() {
						c := list[i%len(list)]
						i++
						sc := store.All
						if who == "employer" {
							emp, err := st.EmployerByCode(ctx, c.EmployerCode)
							if err != nil {
								b.Fatal(err)
							}
							sc = store.Scope{EmployerID: emp.ID}
						}
						f, err := st.CandidateTimeline(ctx, c.ID, sc)
						if err != nil {
							b.Fatal(err)
						}
						f.Today, f.IdentityValid = benchToday, true
						for _, q := range certif.Timelines(f) {
							blocks += len(q.Blocks)
						}
					}
					b.ReportMetric(float64(blocks)/float64(i), "blocks/op")
				})
			}
		})
	}
}
