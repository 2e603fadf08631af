package store

import "context"

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
