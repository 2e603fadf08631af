package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"certibloc/internal/certif"
)

// Tx is a write transaction. Its helpers rebind placeholders for the dialect,
// store dates as dates are stored (dbArgs) and record audit events in the same
// transaction.
type Tx struct {
	tx      *sql.Tx
	ctx     context.Context
	s       *Store
	actor   Actor
	numbers *certificateNumbers // the certificate numbers taken in this transaction (certificates.go)
}

// Actor is who makes a change, as audit events record it.
type Actor struct {
	UserID int64
	Email  string // "système" for changes made by the platform itself
}

// System is the actor of changes made by the platform (seeding, migrations, CLI).
var System = Actor{Email: "système"}

// ActorOf returns the actor of a logged-in user.
func ActorOf(u *certif.User) Actor {
	if u == nil {
		return System
	}
	return Actor{UserID: u.ID, Email: u.Email}
}

// write runs fn in a write transaction, committing when it returns nil. The
// kept reads (memo.go) are forgotten before it starts and again once it is over,
// so that none computed meanwhile survives it.
func (s *Store) write(ctx context.Context, actor Actor, fn func(tx *Tx) error) error {
	return s.writeOn(ctx, s.wdb, actor, fn)
}

// beginner is where a write transaction begins: the writers' pool, or one
// connection of it (migrate.go).
type beginner interface {
	BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error)
}

// writeOn is write on db.
func (s *Store) writeOn(ctx context.Context, db beginner, actor Actor, fn func(tx *Tx) error) error {
	s.changes.Add(1)
	defer s.changes.Add(1)
	return s.transact(ctx, db, actor, fn)
}

// writeLog is write for a transaction that only appends to the logs (a
// health-data read, a token's use): no kept read depends on them.
func (s *Store) writeLog(ctx context.Context, actor Actor, fn func(tx *Tx) error) error {
	return s.transact(ctx, s.wdb, actor, fn)
}

func (s *Store) transact(ctx context.Context, db beginner, actor Actor, fn func(tx *Tx) error) error {
	s.writes.Add(1)
	sqlTx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	tx := &Tx{tx: sqlTx, ctx: ctx, s: s, actor: actor}
	if err := fn(tx); err != nil {
		_ = sqlTx.Rollback()
		return err
	}
	return mapConstraint(sqlTx.Commit())
}

func (tx *Tx) exec(query string, args ...any) (sql.Result, error) {
	res, err := tx.tx.ExecContext(tx.ctx, tx.s.dialect.rebind(query), dbArgs(args)...)
	return res, mapConstraint(err)
}

func (tx *Tx) query(query string, args ...any) (*sql.Rows, error) {
	return tx.tx.QueryContext(tx.ctx, tx.s.dialect.rebind(query), dbArgs(args)...)
}

func (tx *Tx) queryRow(query string, args ...any) *sql.Row {
	return tx.tx.QueryRowContext(tx.ctx, tx.s.dialect.rebind(query), dbArgs(args)...)
}

// insert runs an INSERT … RETURNING id and returns the new id.
func (tx *Tx) insert(query string, args ...any) (int64, error) {
	var id int64
	err := tx.tx.QueryRowContext(tx.ctx, tx.s.dialect.rebind(query+" RETURNING id"), dbArgs(args)...).Scan(&id)
	return id, mapConstraint(err)
}

// audit records one traced change made by the transaction's actor. A change
// to a candidate's file belongs to the employer of the registration (or of
// the candidate) at that moment: that employer, and only it, reads it later.
func (tx *Tx) audit(e certif.AuditEvent) error {
	var userID, regID any
	if tx.actor.UserID != 0 {
		userID = tx.actor.UserID
	}
	if id, err := strconv.ParseInt(e.EntityKey, 10, 64); err == nil && e.Entity == "registration" {
		regID = id
	}
	_, err := tx.exec(`INSERT INTO audit_events (at, user_id, user_email, entity, entity_key, action, field, before_value, after_value, reason, candidate_id, employer_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
		COALESCE((SELECT employer_id FROM registrations WHERE id = ?), (SELECT employer_id FROM candidates WHERE id = ?)))`,
		stamp(tx.s.now()), userID, tx.actor.Email, e.Entity, e.EntityKey, e.Action, e.Field, e.Before, e.After, e.Reason, nullID(e.CandidateID),
		regID, nullID(e.CandidateID))
	return err
}

// auditChanges records one event per field whose value changed, in field order.
func (tx *Tx) auditChanges(entity, key string, before, after map[string]string, reason string) error {
	return tx.auditCandidateChanges(0, entity, key, before, after, reason)
}

// auditCandidateChanges is auditChanges for a change to a candidate's file.
func (tx *Tx) auditCandidateChanges(candidateID int64, entity, key string, before, after map[string]string, reason string) error {
	fields := map[string]bool{}
	for f := range before {
		fields[f] = true
	}
	for f := range after {
		fields[f] = true
	}
	for _, field := range slices.Sorted(maps.Keys(fields)) {
		if b, a := before[field], after[field]; a != b {
			if err := tx.audit(certif.AuditEvent{Entity: entity, EntityKey: key, Action: "update", Field: field, Before: b, After: a, Reason: reason, CandidateID: candidateID}); err != nil {
				return err
			}
		}
	}
	return nil
}

// querier runs a query: the store's readers (Store.reader) or a write transaction's tx.query.
type querier func(query string, args ...any) (*sql.Rows, error)

// rowQuerier runs a query of one row: Tx.queryRow, or the readers' (rowReader).
type rowQuerier func(query string, args ...any) *sql.Row

// rowReader is the rowQuerier of the store's read connections.
func (s *Store) rowReader(ctx context.Context) rowQuerier {
	return func(query string, args ...any) *sql.Row { return s.queryRow(ctx, query, args...) }
}

// reader is the querier of the store's read connections.
func (s *Store) reader(ctx context.Context) querier {
	return func(query string, args ...any) (*sql.Rows, error) { return s.query(ctx, query, args...) }
}

func (s *Store) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return s.db.QueryContext(ctx, s.dialect.rebind(query), dbArgs(args)...)
}

func (s *Store) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return s.db.QueryRowContext(ctx, s.dialect.rebind(query), dbArgs(args)...)
}

// mapConstraint turns unique and foreign-key violations into domain errors.
func mapConstraint(err error) error {
	if err == nil || errors.Is(err, sql.ErrNoRows) {
		return err
	}
	msg := strings.ToLower(err.Error())
	switch {
	case strings.Contains(msg, "unique") || strings.Contains(msg, "duplicate key"):
		return &certif.Error{Code: certif.EConflict, Message: "Cet élément existe déjà."}
	case strings.Contains(msg, "foreign key"):
		return &certif.Error{Code: certif.EConflict, Message: "Cet élément est lié à d'autres données : opération impossible."}
	}
	return err
}

// collect scans every row with scan and closes rows.
func collect[T any](rows *sql.Rows, err error, scan func(*sql.Rows) (T, error)) ([]T, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("lecture : %w", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func scanID(r *sql.Rows) (int64, error) {
	var id int64
	return id, r.Scan(&id)
}
