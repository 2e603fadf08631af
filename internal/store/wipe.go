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
	tables, err := s.names(ctx, s.dialect.tablesQuery())
	if err != nil {
		return err
	}
	functions, err := s.names(ctx, s.dialect.functionsQuery())
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
	for _, f := range functions {
		if _, err := s.wdb.ExecContext(ctx, `DROP FUNCTION IF EXISTS `+f+` CASCADE`); err != nil {
			return err
		}
	}
	s.changes.Add(1)          // the memo forgets what it kept
	s.keptStatistics.forget() // the counts start again: kept years could match them
	s.applied, err = s.Migrate(ctx)
	return err
}

// names is the first column of a query's rows, on the writer.
func (s *Store) names(ctx context.Context, query string) ([]string, error) {
	rows, err := s.wdb.QueryContext(ctx, query)
	return collect(rows, err, func(r *sql.Rows) (string, error) {
		var name string
		return name, r.Scan(&name)
	})
}
