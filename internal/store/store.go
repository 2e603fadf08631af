package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"certibloc/internal/certif"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
	_ "modernc.org/sqlite"             // SQLite driver "sqlite"
)

// Store is certibloc's database. Reads use db; writes use wdb, which for SQLite
// is a single connection (one writer, WAL lets readers go on) and for PostgreSQL
// the same pool as db.
type Store struct {
	db      *sql.DB
	wdb     *sql.DB
	dialect dialect
	now     func() time.Time
	applied []string     // migrations applied by Open
	writes  atomic.Int64 // write transactions begun (Writes)
	changes atomic.Int64 // moves at the start and end of every transaction that changes data (memo.go)
	memo    memo         // aggregates kept between writes (memo.go)

	keptStatistics keptStatistics // the statistics of each year kept until it changes (statistics_kept.go)

	certificateIssuer CertificateIssuer // the certificates' short codes (SetCertificateIssuer)
}

// Open connects to the database named by dsn ("sqlite:PATH" or a postgres:// URL)
// and applies the pending migrations.
func Open(ctx context.Context, dsn string) (*Store, error) {
	s, err := connect(dsn)
	if err != nil {
		return nil, err
	}
	if err := s.db.PingContext(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("connexion à la base impossible (%s) : %w", redact(dsn), err)
	}
	applied, err := s.Migrate(ctx)
	if err != nil {
		s.Close()
		return nil, err
	}
	s.applied = applied
	return s, nil
}

func connect(dsn string) (*Store, error) {
	s := &Store{now: time.Now}
	switch {
	case strings.HasPrefix(dsn, "sqlite:"):
		path := strings.TrimPrefix(dsn, "sqlite:")
		if path == "" {
			return nil, fmt.Errorf("chemin SQLite manquant : utilisez sqlite:CHEMIN")
		}
		s.dialect = sqliteDialect
		pragmas := "_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)" +
			"&_pragma=cache_size(-16384)&_pragma=mmap_size(0)" // 16 MiB page cache per connection; no memory map (it doubled the RSS under load, docs/benchmarks.md)
		read, err := sql.Open("sqlite", "file:"+path+"?"+pragmas)
		if err != nil {
			return nil, err
		}
		write, err := sql.Open("sqlite", "file:"+path+"?"+pragmas+"&_txlock=immediate")
		if err != nil {
			read.Close()
			return nil, err
		}
		read.SetMaxOpenConns(8)
		write.SetMaxOpenConns(1)
		s.db, s.wdb = read, write
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		s.dialect = postgresDialect
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			return nil, err
		}
		db.SetMaxOpenConns(16)
		db.SetConnMaxIdleTime(5 * time.Minute)
		s.db, s.wdb = db, db
	default:
		return nil, fmt.Errorf("base de données non reconnue %q : utilisez sqlite:CHEMIN ou postgres://…", redact(dsn))
	}
	return s, nil
}

// redact hides the password of a database URL.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// AppliedAtOpen lists the migrations that Open applied (none when the database
// was already up to date).
func (s *Store) AppliedAtOpen() []string { return s.applied }

// Writes counts the write transactions the store has begun: a request that
// only reads adds none (tests count them).
func (s *Store) Writes() int64 { return s.writes.Load() }

// Dialect names the database in use: "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.dialect.name }

// Now is the time of the store's clock (SetClock), in UTC.
func (s *Store) Now() time.Time { return s.now().UTC() }

// SetClock replaces the clock used for timestamps (tests).
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// SwapClock replaces the clock used for timestamps and returns the one it
// replaces: the demo writes its history on the days it tells (not while the
// store serves).
func (s *Store) SwapClock(now func() time.Time) (previous func() time.Time) {
	previous, s.now = s.now, now
	return previous
}

// Close closes the connections.
func (s *Store) Close() error {
	err := s.db.Close()
	if s.wdb != s.db {
		if werr := s.wdb.Close(); err == nil {
			err = werr
		}
	}
	return err
}

// Ping checks that the database answers (health check).
func (s *Store) Ping(ctx context.Context) error {
	var one int
	return s.db.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

// stamp is the text form of a UTC timestamp as stored.
func stamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000Z") }

// parseStamp reads a stored timestamp; the zero time for NULL or "".
func parseStamp(s sql.NullString) time.Time {
	if !s.Valid || s.String == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, s.String)
	if err != nil {
		return time.Time{}
	}
	return t
}

// notFound builds the ENotFound error of the package.
func notFound(format string, args ...any) error {
	return certif.Errorf(certif.ENotFound, format, args...)
}
