package store_test

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"certibloc/internal/certif"
	"certibloc/internal/demo"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// Benchmarks of the lists and searches at the national scale of DOMAIN.md
// (about 300 employers, 60,000 candidates, 150,000 block attempts over 10
// years), as demo.LoadNational fills the database:
//
//	go test -run XXX -bench National -benchtime 2s ./internal/store
//
// The national database is built once, then kept for the next runs: a SQLite
// file in the temporary directory, and a schema of the CERTIBLOC_TEST_POSTGRES
// database (the postgres benchmarks are skipped without it). Their names carry
// demo.NationalVersion, so a change of the generated data rebuilds them.
// CERTIBLOC_BENCH_FRACTION loads a part of the national scale (0.1: a tenth);
// CERTIBLOC_BENCH_DB benchmarks an existing database instead, such as one
// filled by `certibloc demo --scale national`.

// benchToday is the date the national data is generated for.
var benchToday = certif.MustDate("2026-11-23")

func BenchmarkNational(b *testing.B) {
	for _, dialect := range []string{"sqlite", "postgres"} {
		b.Run(dialect, func(b *testing.B) {
			st := nationalStore(b, dialect)
			benchmarkLists(b, st)
		})
	}
}

// benchmarkLists measures the list pages, the searches and the counts.
func benchmarkLists(b *testing.B, st *store.Store) {
	// the largest employer, and a period with decisions, give the heaviest pages
	var employerID int64
	var employerCode string
	emps, err := st.Employers(ctx)
	if err != nil {
		b.Fatal(err)
	}
	most := -1
	for _, e := range emps {
		if n, err := st.CountCandidates(ctx, store.Scope{EmployerID: e.ID}); err != nil {
			b.Fatal(err)
		} else if n > most {
			most, employerID, employerCode = n, e.ID, e.Code
		}
	}
	b.Logf("employeur le plus grand : %s (%d candidats)", employerCode, most)
	period := certif.MustMonth("2025-06")
	employer := store.Scope{EmployerID: employerID}
	cases := []struct {
		name string
		run  func() (int, error)
	}{
		{"Registrations/Office/Page1", regs(st, store.RegistrationFilter{})},
		{"Registrations/Office/Page100", regs(st, store.RegistrationFilter{Page: 100})},
		{"Registrations/Office/Recent", regs(st, store.RegistrationFilter{Sort: "recent"})},
		{"Registrations/Office/Certifiable", regs(st, store.RegistrationFilter{Sort: "certifiable"})},
		{"Registrations/Office/QualificationPeriodStatus", regs(st, store.RegistrationFilter{Qualification: "COS", Period: period, Status: certif.AttemptValidated})},
		{"Registrations/Office/BranchContract", regs(st, store.RegistrationFilter{Branch: "famille", Contract: certif.ContractPro})},
		{"Registrations/Office/Waiting", regs(st, store.RegistrationFilter{Status: certif.AttemptRegistered})},
		{"Registrations/Office/SearchHelene", regs(st, store.RegistrationFilter{Search: "hélène"})},
		{"Registrations/Office/SearchTwoWords", regs(st, store.RegistrationFilter{Search: "lefevre marie"})},
		{"Registrations/Employer/Page1", regs(st, store.RegistrationFilter{Scope: employer})},
		{"Registrations/Employer/SearchHelene", regs(st, store.RegistrationFilter{Scope: employer, Search: "hélène"})},
		{"Registrations/Employer/Export", regs(st, store.RegistrationFilter{Scope: employer, Unlimited: true})},
		{"Candidates/Office/Page1", cands(st, store.CandidateFilter{})},
		{"Candidates/Office/SearchHelene", cands(st, store.CandidateFilter{Search: "hélène"})},
		{"Candidates/Office/SearchRare", cands(st, store.CandidateFilter{Search: "vandenberghe"})},
		{"Candidates/Employer/Page1", cands(st, store.CandidateFilter{Scope: employer})},
		{"CountCandidates/Office", func() (int, error) { return st.CountCandidates(ctx, store.All) }},
		{"CountCandidates/Employer", func() (int, error) { return st.CountCandidates(ctx, employer) }},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			var total int
			for b.Loop() {
				n, err := c.run()
				if err != nil {
					b.Fatal(err)
				}
				total = n
			}
			b.ReportMetric(float64(total), "rows")
		})
	}
}

// regs runs a registrations list and returns its total count.
func regs(st *store.Store, f store.RegistrationFilter) func() (int, error) {
	return func() (int, error) {
		list, total, err := st.Registrations(ctx, f)
		if err == nil && total > 0 && len(list) == 0 && f.Page <= 1 {
			err = fmt.Errorf("liste vide pour %d inscriptions", total)
		}
		return total, err
	}
}

// cands runs a candidates list and returns its total count.
func cands(st *store.Store, f store.CandidateFilter) func() (int, error) {
	return func() (int, error) {
		_, total, err := st.Candidates(ctx, f)
		return total, err
	}
}

// nationalStore opens the national database of the dialect, building it on
// first use (several minutes on PostgreSQL at full scale).
func nationalStore(b *testing.B, dialect string) *store.Store {
	b.Helper()
	fraction := 1.0
	if v := os.Getenv("CERTIBLOC_BENCH_FRACTION"); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f <= 0 || f > 1 {
			b.Fatalf("CERTIBLOC_BENCH_FRACTION=%q : un nombre entre 0 et 1 est attendu", v)
		}
		fraction = f
	}
	name := fmt.Sprintf("certibloc_national_v%d_%s_%s", demo.NationalVersion, strings.ReplaceAll(benchToday.String(), "-", ""),
		strings.ReplaceAll(strconv.FormatFloat(fraction, 'f', -1, 64), ".", "_"))
	var dsn string
	switch {
	case os.Getenv("CERTIBLOC_BENCH_DB") != "":
		dsn = os.Getenv("CERTIBLOC_BENCH_DB")
		if strings.HasPrefix(dsn, "sqlite:") != (dialect == "sqlite") {
			b.Skipf("CERTIBLOC_BENCH_DB n'est pas une base %s", dialect)
		}
	case dialect == "sqlite":
		path := filepath.Join(os.TempDir(), name+".db")
		if _, err := os.Stat(path); err != nil {
			buildSQLite(b, path, fraction)
		}
		dsn = "sqlite:" + path
	default:
		dsn = postgresSchema(b, name)
	}
	st, err := store.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	done, err := st.Setting(ctx, demo.NationalSettingKey)
	if err != nil {
		b.Fatal(err)
	}
	if strings.HasPrefix(done, "chargées") {
		b.Logf("base nationale %s : %s", dialect, done)
		return st
	}
	if done != "" || os.Getenv("CERTIBLOC_BENCH_DB") != "" {
		b.Fatalf("base %s sans données nationales complètes (%q) : supprimez-la pour la reconstruire", dialect, done)
	}
	load(b, st, fraction)
	return st
}

// load fills st with the national data.
func load(b *testing.B, st *store.Store, fraction float64) {
	res, err := demo.LoadNational(ctx, st, benchToday, demo.NationalOptions{Fraction: fraction})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("base nationale %s construite en %s : %d employeurs, %d candidats, %d inscriptions, %d tentatives de blocs",
		st.Dialect(), res.Duration.Round(1e8), res.Employers, res.Candidates, res.Registrations, res.Attempts)
}

// buildSQLite builds the national SQLite database at path, through a
// temporary file renamed once complete.
func buildSQLite(b *testing.B, path string, fraction float64) {
	tmp := path + ".building"
	for _, f := range []string{tmp, tmp + "-wal", tmp + "-shm"} {
		_ = os.Remove(f)
	}
	st, err := store.Open(ctx, "sqlite:"+tmp)
	if err != nil {
		b.Fatal(err)
	}
	load(b, st, fraction)
	if err := st.Close(); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
}

// postgresSchema returns the address of schema name in the CERTIBLOC_TEST_POSTGRES
// database, creating the schema if needed; it skips the benchmark without that
// variable. A schema left half-built by an interrupted run is dropped.
func postgresSchema(b *testing.B, name string) string {
	base := os.Getenv(storetest.EnvPostgres)
	if base == "" {
		b.Skipf("%s non défini : pas de mesure sur PostgreSQL", storetest.EnvPostgres)
	}
	db, err := sql.Open("pgx", base)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	var complete bool
	err = db.QueryRow(`SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'settings')`, name).Scan(&complete)
	if err != nil {
		b.Fatal(err)
	}
	if complete {
		var v string
		_ = db.QueryRow(`SELECT value FROM `+name+`.settings WHERE key = $1`, demo.NationalSettingKey).Scan(&v)
		complete = strings.HasPrefix(v, "chargées")
	}
	if !complete {
		if _, err := db.Exec(`DROP SCHEMA IF EXISTS ` + name + ` CASCADE`); err != nil {
			b.Fatal(err)
		}
		if _, err := db.Exec(`CREATE SCHEMA ` + name); err != nil {
			b.Fatal(err)
		}
	}
	u, err := url.Parse(base)
	if err != nil {
		b.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String()
}
