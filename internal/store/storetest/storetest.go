// Package storetest opens fresh stores for tests: always a SQLite file in a
// temporary directory, and a PostgreSQL schema of its own when
// CERTIBLOC_TEST_POSTGRES names a database (CI always sets it).
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"certibloc/internal/store"
)

// EnvPostgres names the variable holding the PostgreSQL URL for tests.
const EnvPostgres = "CERTIBLOC_TEST_POSTGRES"

// Dialects lists the databases tests run on here: sqlite, and postgres when
// configured. In CI (CI set) a missing PostgreSQL fails the run.
func Dialects(t testing.TB) []string {
	if os.Getenv(EnvPostgres) != "" {
		return []string{"sqlite", "postgres"}
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s n'est pas défini : en CI, les tests du store doivent aussi passer sur PostgreSQL", EnvPostgres)
	}
	t.Logf("%s non défini : tests du store sur SQLite seulement", EnvPostgres)
	return []string{"sqlite"}
}

// Each runs fn once per dialect, each with a fresh, migrated store. The runs
// are parallel tests (after the caller returns, with the other parallel
// tests): fn shares nothing mutable but its own store.
func Each(t *testing.T, fn func(t *testing.T, st *store.Store)) {
	for _, d := range Dialects(t) {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			fn(t, Open(t, d))
		})
	}
}

// Open returns a fresh, migrated store of the dialect, closed at cleanup.
func Open(t testing.TB, dialect string) *store.Store {
	t.Helper()
	return OpenDSN(t, DSN(t, dialect))
}

// OpenDSN opens (and migrates) the store at dsn, closed at cleanup: a second
// instance on a test's database, as a second server or a command would be.
func OpenDSN(t testing.TB, dsn string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("ouverture du store %s : %v", dsn, err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// DSN returns the address of a fresh, empty database of the dialect: a SQLite
// file in a temporary directory, or a new PostgreSQL schema dropped at cleanup.
func DSN(t testing.TB, dialect string) string {
	t.Helper()
	if dialect == "sqlite" {
		return "sqlite:" + filepath.Join(t.TempDir(), "test.db")
	}
	base := os.Getenv(EnvPostgres)
	if base == "" {
		t.Skipf("%s non défini", EnvPostgres)
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatalf("création du schéma PostgreSQL : %v", err)
	}
	t.Cleanup(func() {
		if db, err := sql.Open("pgx", base); err == nil {
			_, _ = db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
			db.Close()
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
