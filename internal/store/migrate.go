package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []migration
	for _, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		v, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("migration %s : le nom doit commencer par un numéro", base)
		}
		body, err := migrationFiles.ReadFile(name)
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: base, sql: string(body)})
	}
	return out, nil
}

// Migrate applies the embedded migrations not yet applied, each in its own
// transaction, and returns the names of those it applied.
func (s *Store) Migrate(ctx context.Context) ([]string, error) { return s.migrateTo(ctx, math.MaxInt) }

// migrateTo applies the pending migrations up to version last.
func (s *Store) migrateTo(ctx context.Context, last int) ([]string, error) {
	if _, err := s.wdb.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return nil, fmt.Errorf("table des migrations : %w", err)
	}
	all, err := migrations()
	if err != nil {
		return nil, err
	}
	var applied []string
	for _, m := range all {
		if m.version > last {
			break
		}
		done := false
		apply := func(db beginner) error {
			return s.writeOn(ctx, db, System, func(tx *Tx) error {
				var n int
				if err := tx.queryRow(`SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, m.version).Scan(&n); err != nil {
					return err
				}
				if n > 0 {
					done = true
					return nil
				}
				if _, err := tx.tx.ExecContext(ctx, atNow(s.dialect.schema(m.sql), s.now())); err != nil {
					return fmt.Errorf("migration %s : %w", m.name, err)
				}
				if s.dialect.rebuildsTables(m.sql) {
					if err := tx.foreignKeysHold(); err != nil {
						return fmt.Errorf("migration %s : %w", m.name, err)
					}
				}
				_, err := tx.exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`, m.version, m.name, stamp(s.now()))
				return err
			})
		}
		if s.dialect.rebuildsTables(m.sql) {
			err = s.withoutForeignKeys(ctx, apply)
		} else {
			err = apply(s.wdb)
		}
		if err != nil {
			return applied, err
		}
		if !done {
			applied = append(applied, m.name)
		}
	}
	return applied, nil
}

// withoutForeignKeys runs fn on a writer connection whose foreign keys are
// off (SQLite: the pragma cannot change inside a transaction), and turns them
// on again before the connection goes back to the pool; a connection that
// cannot is dropped from it.
func (s *Store) withoutForeignKeys(ctx context.Context, fn func(db beginner) error) error {
	conn, err := s.wdb.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
		return err
	}
	err = fn(conn)
	if _, onErr := conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA foreign_keys = ON`); onErr != nil {
		_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		return errors.Join(err, onErr)
	}
	return err
}

// foreignKeysHold fails when a row references a row that does not exist
// (SQLite, after a table rebuild with foreign keys off).
func (tx *Tx) foreignKeysHold() error {
	rows, err := tx.query(`PRAGMA foreign_key_check`)
	if err != nil {
		return err
	}
	defer rows.Close()
	if rows.Next() {
		var table string
		var rowid sql.NullInt64
		var parent string
		var fk int
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return err
		}
		return fmt.Errorf("la ligne %d de %s référence une ligne absente de %s", rowid.Int64, table, parent)
	}
	return rows.Err()
}

// nowPlaceholder is {{now}} or {{now+Nd}} in a migration: the moment it runs,
// or N days later, so that a migration can date what it fills in.
var nowPlaceholder = regexp.MustCompile(`\{\{now(?:\+(\d+)d)?\}\}`)

// atNow fills the {{now}} placeholders of a migration with stored timestamps.
func atNow(sql string, now time.Time) string {
	return nowPlaceholder.ReplaceAllStringFunc(sql, func(m string) string {
		days, _ := strconv.Atoi(nowPlaceholder.FindStringSubmatch(m)[1])
		return stamp(now.AddDate(0, 0, days))
	})
}
