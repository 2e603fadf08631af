package store

import (
	"context"
	"database/sql"
	"strings"

	"certibloc/internal/certif"
)

// WipeDemo empties a demonstration database — every table of the database
// (SQLite) or of its schema (PostgreSQL) dropped, the migrations applied
// again — so that the demo can be rebuilt for another day. It refuses, with
// nothing changed, when an account outside demoDomain exists: a real
// platform's data is never wiped by mistake.
func (s *Store) WipeDemo(ctx context.Context, demoDomain string) error {
	users, err := s.Users(ctx)
	if err != nil {
		return err
	}
	for _, u := range users {
		if !strings.HasSuffix(u.Email, "@"+demoDomain) {
			return certif.Errorf(certif.EConflict, "La base contient des comptes hors démonstration (%s) : elle n'est pas effacée.", u.Email)
		}
	}
	rows, err := s.wdb.QueryContext(ctx, s.dialect.tablesQuery())
	tables, err := collect(rows, err, func(r *sql.Rows) (string, error) {
		var name string
		return name, r.Scan(&name)
	})
	if err != nil {
		return err
	}
	if s.dialect.name == "sqlite" {
		if _, err := s.wdb.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
			return err
		}
		defer s.wdb.ExecContext(ctx, `PRAGMA foreign_keys = ON`) //nolint:errcheck // restored on the one writer connection
	}
	for _, t := range tables {
		if _, err := s.wdb.ExecContext(ctx, s.dialect.dropTable(t)); err != nil {
			return err
		}
	}
	s.changes.Add(1) // the memo forgets what it kept
	s.applied, err = s.Migrate(ctx)
	return err
}
