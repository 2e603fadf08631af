package store_test

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// figures is a row's counts as the test compares them.
func figures(r store.StatisticsRow) string {
	median, _ := r.Delays.Median()
	return fmt.Sprintf("inscrits %d, validés %d, non validés %d, absents %d, délai %d, séances %d, membres %d",
		r.Registered, r.Validated, r.NotValidated, r.Absent, median, r.Sessions, r.Members)
}

func rowsByLabel(rows []store.StatisticsRow) map[string]string {
	out := map[string]string{}
	for _, r := range rows {
		key := r.Label
		switch {
		case r.Block > 0:
			key = fmt.Sprintf("%s-%d", r.Qualification, r.Block)
		case r.Qualification != "":
			key = r.Qualification
		case r.EmployerCode != "":
			key = r.EmployerCode
		case r.Branch != "":
			key = r.Branch
		}
		out[key] = figures(r)
	}
	return out
}

func checkRows(t *testing.T, table string, got []store.StatisticsRow, want map[string]string) {
	t.Helper()
	rows := rowsByLabel(got)
	if len(rows) != len(want) {
		t.Errorf("%s : %d lignes, attendu %d : %v", table, len(rows), len(want), rows)
	}
	for k, w := range want {
		if rows[k] != w {
			t.Errorf("%s, %s :\n  obtenu  %s\n  attendu %s", table, k, rows[k], w)
		}
	}
}

// TestStatistics_ByYearCQPBlockBranchEmployer: the known history of
// storetest.StatisticsData counted by year, CQP, block, branch and
// employer, as the office, an employer and a national fund see it.
func TestStatistics_ByYearCQPBlockBranchEmployer(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newRegFixture(t, st)
		storetest.StatisticsData(t, st, "CAF69", "CPAM33")
		today := certif.MustDate("2026-11-23")

		all, err := st.Statistics(ctx, 0, store.All, today)
		if err != nil {
			t.Fatal(err)
		}
		if all.Year != 2026 || fmt.Sprint(all.Years) != "[2025 2026]" {
			t.Errorf("année %d, années %v", all.Year, all.Years)
		}
		if rate, _ := all.Total.SuccessRate(); all.Total.Presented() != 5 || rate != 0.8 {
			t.Errorf("total 2026 : %d présentés, taux %v", all.Total.Presented(), rate)
		}
		checkRows(t, "par année", all.ByYear, map[string]string{
			"2025": "inscrits 2, validés 1, non validés 1, absents 1, délai 160, séances 0, membres 0",
			"2026": "inscrits 3, validés 4, non validés 1, absents 0, délai 143, séances 1, membres 3",
		})
		checkRows(t, "par CQP", all.ByQualification, map[string]string{
			"COS": "inscrits 3, validés 3, non validés 1, absents 0, délai 149, séances 0, membres 0",
			"GC":  "inscrits 1, validés 1, non validés 0, absents 0, délai 136, séances 1, membres 3",
		})
		checkRows(t, "par bloc", all.ByBlock, map[string]string{
			"COS-1": "inscrits 2, validés 2, non validés 0, absents 0, délai 146, séances 0, membres 0",
			"COS-2": "inscrits 2, validés 1, non validés 1, absents 0, délai 149, séances 0, membres 0",
			"GC-1":  "inscrits 1, validés 1, non validés 0, absents 0, délai 136, séances 0, membres 0",
			"GC-2":  "inscrits 1, validés 0, non validés 0, absents 0, délai 0, séances 1, membres 3",
		})
		caf := "inscrits 2, validés 3, non validés 0, absents 0, délai 149, séances 1, membres 3"
		cpam := "inscrits 1, validés 1, non validés 1, absents 0, délai 128, séances 0, membres 0"
		checkRows(t, "par branche", all.ByBranch, map[string]string{"famille": caf, "maladie": cpam})
		checkRows(t, "par employeur", all.ByEmployer, map[string]string{"CAF69": caf, "CPAM33": cpam})
		if all.ByQualification[0].Qualification != "GC" || all.ByQualification[0].Label != "Gestionnaire conseil de la Sécurité sociale" ||
			all.ByBlock[0].Label != "Bloc 1" || all.ByEmployer[0].Label != "CAF du Rhône" || all.ByBranch[0].Label == "famille" {
			t.Errorf("libellés et ordre : %+v %+v %+v %+v", all.ByQualification[0], all.ByBlock[0], all.ByEmployer[0], all.ByBranch[0])
		}

		old, err := st.Statistics(ctx, 2025, store.All, today)
		if err != nil {
			t.Fatal(err)
		}
		checkRows(t, "par employeur en 2025", old.ByEmployer, map[string]string{
			"CAF69":  "inscrits 1, validés 1, non validés 1, absents 0, délai 160, séances 0, membres 0",
			"CPAM33": "inscrits 1, validés 0, non validés 0, absents 1, délai 0, séances 0, membres 0",
		})

		// An employer: its own registrations only, never the other's.
		own, err := st.Statistics(ctx, 2026, store.Scope{EmployerID: f.cpam.ID}, today)
		if err != nil {
			t.Fatal(err)
		}
		checkRows(t, "CPAM33 par employeur", own.ByEmployer, map[string]string{"CPAM33": cpam})
		checkRows(t, "CPAM33 par année", own.ByYear, map[string]string{
			"2025": "inscrits 1, validés 0, non validés 0, absents 1, délai 0, séances 0, membres 0",
			"2026": cpam,
		})
		checkRows(t, "CPAM33 par CQP", own.ByQualification, map[string]string{"COS": cpam})
		// A national fund: its branch.
		fund, err := st.Statistics(ctx, 2026, store.Scope{Branch: "famille"}, today)
		if err != nil {
			t.Fatal(err)
		}
		checkRows(t, "CNAF par employeur", fund.ByEmployer, map[string]string{"CAF69": caf})
		checkRows(t, "CNAF par branche", fund.ByBranch, map[string]string{"famille": caf})
		// The national figures beside them: no employer's.
		national, err := st.NationalStatistics(ctx, 2026, today, false)
		if err != nil || len(national.ByEmployer) != 0 || len(national.ByBranch) != 0 || figures(national.Total) != figures(all.Total) || len(national.ByBlock) != 4 {
			t.Errorf("chiffres nationaux : %+v %v", national, err)
		}
		if withBranches, _ := st.NationalStatistics(ctx, 2026, today, true); len(withBranches.ByBranch) != 2 || len(withBranches.ByEmployer) != 0 {
			t.Errorf("chiffres nationaux par branche : %+v", withBranches)
		}
		// Anyone else: nothing.
		none, err := st.Statistics(ctx, 2026, store.Nobody, today)
		if err != nil || len(none.Years) != 0 || len(none.ByEmployer) != 0 || !none.Total.Empty() {
			t.Errorf("sans périmètre : %+v %v", none, err)
		}
		// A year without figures, on an empty store: the current one.
		if empty, err := st.Statistics(ctx, 2030, store.All, today); err != nil || empty.Year != 2030 || len(empty.ByQualification) != 0 {
			t.Errorf("année sans données : %+v %v", empty, err)
		}
	})
}

// TestStatistics_KeptUntilTheirYearChanges: the figures kept between reads
// follow every change of what they count, whoever makes it — this store,
// another instance on the same database, plain SQL — and a change of a year
// leaves the other years' counts of changes alone.
func TestStatistics_KeptUntilTheirYearChanges(t *testing.T) {
	t.Parallel()
	for _, dialect := range storetest.Dialects(t) {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			dsn := storetest.DSN(t, dialect)
			st, other := storetest.OpenDSN(t, dsn), storetest.OpenDSN(t, dsn)
			f := newRegFixture(t, st)
			storetest.StatisticsData(t, st, "CAF69", "CPAM33")
			driver, source := "pgx", dsn
			if dialect == "sqlite" {
				driver, source = "sqlite", strings.TrimPrefix(dsn, "sqlite:")
			}
			db, err := sql.Open(driver, source)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			exec := func(q string) {
				t.Helper()
				if _, err := db.Exec(q); err != nil {
					t.Fatalf("%s : %v", q, err)
				}
			}
			changesOf := func(year int) (n int64) {
				t.Helper()
				if err := db.QueryRow(fmt.Sprintf(`SELECT changes FROM statistics_changes WHERE year = %d`, year)).Scan(&n); err != nil {
					t.Fatal(err)
				}
				return n
			}
			today := certif.MustDate("2026-11-23")
			year := func(y int) store.Statistics {
				t.Helper()
				s, err := st.Statistics(ctx, y, store.All, today)
				if err != nil {
					t.Fatal(err)
				}
				return s
			}
			const was2025 = "inscrits 2, validés 1, non validés 1, absents 1, délai 160, séances 0, membres 0"
			checkRows(t, "par année", year(2026).ByYear, map[string]string{
				"2025": was2025, "2026": "inscrits 3, validés 4, non validés 1, absents 0, délai 143, séances 1, membres 3",
			})
			kept2025, kept2026, everyYear := changesOf(2025), changesOf(2026), changesOf(0)

			// Another instance registers Léa in 2026: the kept 2026 moves, 2025 is left alone.
			hr := f.hr
			hr.Today = certif.MustDate("2026-05-15")
			lea, err := other.CreateRegistration(ctx, hr, f.lea.ID, cosPartial(1))
			if err != nil {
				t.Fatal(err)
			}
			if changesOf(2025) != kept2025 || changesOf(2026) == kept2026 || changesOf(0) != everyYear {
				t.Errorf("changements après une inscription de 2026 : 2025 %d → %d, 2026 %d → %d, toutes %d → %d",
					kept2025, changesOf(2025), kept2026, changesOf(2026), everyYear, changesOf(0))
			}
			checkRows(t, "par année après l'inscription", year(2026).ByYear, map[string]string{
				"2025": was2025, "2026": "inscrits 4, validés 4, non validés 1, absents 0, délai 143, séances 1, membres 3",
			})

			// Plain SQL: a decision of 2025, a session of 2026 no longer held, an employer's branch.
			exec(`UPDATE block_attempts SET status = 'not_validated' WHERE status = 'absent'`)
			exec(`UPDATE jury_sessions SET status = 'cancelled' WHERE status = 'held'`)
			exec(`UPDATE employers SET branch_code = 'famille' WHERE code = 'CPAM33'`)
			now := year(2026)
			checkRows(t, "par année après SQL", now.ByYear, map[string]string{
				"2025": "inscrits 2, validés 1, non validés 2, absents 0, délai 160, séances 0, membres 0",
				"2026": "inscrits 4, validés 4, non validés 1, absents 0, délai 143, séances 0, membres 0",
			})
			if len(now.ByBranch) != 1 || now.ByBranch[0].Branch != "famille" {
				t.Errorf("branches après le changement de branche : %v", rowsByLabel(now.ByBranch))
			}

			// Another instance deletes Léa's registration: 2026 counts three again.
			if err := other.DeleteRegistration(ctx, f.office, lea.ID, 0); err != nil {
				t.Fatal(err)
			}
			if got := year(2026).Total.Registered; got != 3 {
				t.Errorf("inscrits 2026 après la suppression : %d, attendu 3", got)
			}
		})
	}
}
