package store

import (
	"context"
	"database/sql"
	"strconv"

	"certibloc/internal/certif"
)

func idKey(id int64) string { return strconv.FormatInt(id, 10) }

// AuditFilter selects audit events; empty fields match everything.
type AuditFilter struct {
	Entity      string
	EntityKey   string
	CandidateID int64
	Limit       int
}

// AuditEvents lists the traced changes the viewer may read, newest first
// (by their time, then their order). An
// employer reads only the events recorded while the candidate or the
// registration was its own: a candidate transferred to it brings neither its
// former employer's health data nor the addresses of that employer's staff.
// Events that show health data (R15) are shown to those who may see them, and
// that read is logged in one statement; for others their values are masked.
func (s *Store) AuditEvents(ctx context.Context, v Viewer, f AuditFilter) ([]certif.AuditEvent, error) {
	events, employers, err := s.auditEvents(ctx, v.Scope, f)
	if err != nil {
		return nil, err
	}
	var read []int64
	seen := map[int64]bool{}
	for i, e := range events {
		if !e.CarriesHealthData() {
			continue
		}
		regID, _ := strconv.ParseInt(e.EntityKey, 10, 64)
		if e.Entity != "registration" || v.healthAccess(employers[i]) != certif.HealthFull {
			events[i] = e.WithoutHealthData()
			continue
		}
		if !seen[regID] {
			seen[regID] = true
			read = append(read, regID)
		}
	}
	return events, s.logHealthReads(ctx, v, read)
}

// auditEvents reads the events of the filter in the scope, with the employer
// each one belongs to.
func (s *Store) auditEvents(ctx context.Context, sc Scope, f AuditFilter) ([]certif.AuditEvent, []int64, error) {
	q := `SELECT id, at, COALESCE(user_id, 0), user_email, entity, entity_key, action, field, before_value, after_value, reason,
		COALESCE(candidate_id, 0), COALESCE(employer_id, 0) FROM audit_events WHERE 1 = 1`
	where, args := sc.auditRows()
	q += where
	if f.Entity != "" {
		q += ` AND entity = ?`
		args = append(args, f.Entity)
	}
	if f.EntityKey != "" {
		q += ` AND entity_key = ?`
		args = append(args, f.EntityKey)
	}
	if f.CandidateID != 0 {
		q += ` AND candidate_id = ?`
		args = append(args, f.CandidateID)
	}
	if f.Limit <= 0 || f.Limit > 1000 {
		f.Limit = 200
	}
	q += ` ORDER BY at DESC, id DESC LIMIT ` + strconv.Itoa(f.Limit)
	rows, err := s.query(ctx, q, args...)
	var employers []int64
	events, err := collect(rows, err, func(r *sql.Rows) (certif.AuditEvent, error) {
		var e certif.AuditEvent
		var at sql.NullString
		var employerID int64
		err := r.Scan(&e.ID, &at, &e.UserID, &e.UserEmail, &e.Entity, &e.EntityKey, &e.Action, &e.Field, &e.Before, &e.After, &e.Reason,
			&e.CandidateID, &employerID)
		e.At = parseStamp(at)
		employers = append(employers, employerID)
		return e, err
	})
	return events, employers, err
}

// AuditEntities lists the kinds of things the audit trail holds, for its filter.
func (s *Store) AuditEntities(ctx context.Context) ([]string, error) {
	rows, err := s.query(ctx, `SELECT DISTINCT entity FROM audit_events ORDER BY entity`)
	return collect(rows, err, scanString)
}

// Setting reads a key of the settings table ("" when absent).
func (s *Store) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := s.queryRow(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return v, err
}

// SetSetting writes a key of the settings table.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	return s.write(ctx, System, func(tx *Tx) error {
		_, err := tx.exec(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
		return err
	})
}
