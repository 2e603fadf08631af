package store

import (
	"context"
	"database/sql"
)

// OpenMigratedTo connects to dsn and applies the migrations up to version
// last only, as a database not yet upgraded (migration tests).
func OpenMigratedTo(ctx context.Context, dsn string, last int) (*Store, error) {
	s, err := connect(dsn)
	if err != nil {
		return nil, err
	}
	if _, err := s.migrateTo(ctx, last); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Exec runs one statement in a write transaction (placeholders as ?), for a
// test that writes what no exported function writes.
func (s *Store) Exec(ctx context.Context, query string, args ...any) error {
	return s.write(ctx, System, func(tx *Tx) error {
		_, err := tx.exec(query, args...)
		return err
	})
}

// BetweenImportChecksAndCommit runs fn after a registration file's checks,
// before its commit transaction starts.
func BetweenImportChecksAndCommit(ctx context.Context, fn func()) context.Context {
	return context.WithValue(ctx, importCheckedKey{}, fn)
}

// BetweenProclamationPlanAndCommit runs fn after each plan of a
// proclamation's certificates (their PDFs rendered), before its transaction.
func BetweenProclamationPlanAndCommit(ctx context.Context, fn func()) context.Context {
	return context.WithValue(ctx, plannedKey{}, fn)
}

// Indexes lists the schema's indexes as "table.index", in order (migration
// tests: a table rebuild keeps every index).
func (s *Store) Indexes(ctx context.Context) ([]string, error) {
	q := `SELECT tbl_name || '.' || name FROM sqlite_master WHERE type = 'index' ORDER BY 1`
	if s.dialect.name == "postgres" {
		q = `SELECT tablename || '.' || indexname FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1`
	}
	rows, err := s.query(ctx, q)
	return collect(rows, err, func(r *sql.Rows) (string, error) {
		var name string
		return name, r.Scan(&name)
	})
}

// ForgetStatistics drops the kept statistics, as a process that starts.
func (s *Store) ForgetStatistics() { s.keptStatistics.forget() }
