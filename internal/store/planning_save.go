package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"certibloc/internal/certif"
)

// PlanningRun is one run of the planner, as the office reviews it.
type PlanningRun struct {
	ID        int64
	From, To  certif.Date
	Sessions  int
	Placed    int
	Unplaced  []UnplacedAttempt
	CreatedBy string
	CreatedAt time.Time
}

// UnplacedAttempt is an attempt a run could not place, and why, in French.
type UnplacedAttempt struct {
	AttemptID int64  `json:"attempt_id"`
	Reason    string `json:"reason"`
}

// SavePlan replaces the unlocked drafts of a window (snap.Replaced) with the
// sessions a planner run made of snap, in one short transaction. It first
// checks that nothing it relies on moved since snap was read: the drafts it
// replaces, the attempts it places (still registered, in no other live
// session), the members it seats (free that half-day); if anything did, it
// refuses (EConflict) and the office runs the planner again.
func (s *Store) SavePlan(ctx context.Context, by Caller, snap PlanningSnapshot, sessions []certif.JurySession, unplaced []UnplacedAttempt) (PlanningRun, error) {
	run := PlanningRun{From: snap.From, To: snap.To, Sessions: len(sessions), Unplaced: unplaced, CreatedBy: by.Actor.Email}
	for _, ss := range sessions {
		run.Placed += len(ss.Slots)
	}
	err := s.write(ctx, by.Actor, func(tx *Tx) error {
		if err := tx.checkPlanStillHolds(snap, sessions); err != nil {
			return err
		}
		if err := chunks(snap.Replaced, func(part []int64) error {
			for _, table := range []string{"jury_session_slots", "jury_session_members"} {
				if _, err := tx.exec(`DELETE FROM `+table+` WHERE session_id IN `+inList(len(part)), anys(part)...); err != nil {
					return err
				}
			}
			_, err := tx.exec(`DELETE FROM jury_sessions WHERE id IN `+inList(len(part)), anys(part)...)
			return err
		}); err != nil {
			return err
		}
		if err := tx.insertSessions(sessions); err != nil {
			return err
		}
		body, _ := json.Marshal(unplaced)
		now := stamp(s.now())
		id, err := tx.insert(`INSERT INTO planning_runs (starts_on, ends_on, sessions, placed, unplaced, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			snap.From, snap.To, run.Sessions, run.Placed, string(body), by.Actor.Email, now)
		run.ID, run.CreatedAt = id, parseStamp(sql.NullString{String: now, Valid: true})
		if err != nil {
			return err
		}
		return tx.audit(certif.AuditEvent{Entity: "planning", EntityKey: idKey(id), Action: "create",
			After: fmt.Sprintf("du %s au %s : %s, %s placés, %s non placés", snap.From.French(), snap.To.French(),
				certif.Count(run.Sessions, "séance", "séances"), strconv.Itoa(run.Placed), strconv.Itoa(len(unplaced))),
			Reason: by.Reason})
	})
	return run, err
}

// checkPlanStillHolds is SavePlan's check that the world did not move.
func (tx *Tx) checkPlanStillHolds(snap PlanningSnapshot, sessions []certif.JurySession) error {
	changed := certif.Errorf(certif.EConflict, "Les séances ou les inscriptions ont changé pendant le calcul du planning : relancez la planification.")
	rows, err := tx.query(`SELECT id FROM jury_sessions WHERE status = 'draft' AND locked = FALSE AND day >= ? AND day <= ? ORDER BY id`, snap.From, snap.To)
	drafts, err := collect(rows, err, scanID)
	if err != nil {
		return err
	}
	if !slices.Equal(drafts, uniqueIDs(snap.Replaced)) {
		return changed
	}
	var attempts []int64
	seated := map[string]bool{}
	for _, ss := range sessions {
		for _, sl := range ss.Slots {
			attempts = append(attempts, sl.AttemptID)
		}
		for _, m := range ss.Members {
			seated[fmt.Sprint(m.MemberID, ss.HalfDay)] = true
		}
	}
	err = chunks(attempts, func(part []int64) error {
		var n int
		err := tx.queryRow(`SELECT COUNT(*) FROM block_attempts a JOIN registrations r ON r.id = a.registration_id
			WHERE a.id IN `+inList(len(part))+` AND a.status = 'registered' AND r.deleted_at IS NULL
			AND NOT EXISTS (SELECT 1 FROM jury_session_slots sl JOIN jury_sessions js ON js.id = sl.session_id
				WHERE sl.attempt_id = a.id AND js.status <> 'cancelled' AND NOT (js.status = 'draft' AND js.locked = FALSE AND js.day >= ? AND js.day <= ?))`,
			append(anys(part), snap.From, snap.To)...).Scan(&n)
		if err == nil && n != len(part) {
			return changed
		}
		return err
	})
	if err != nil {
		return err
	}
	rows, err = tx.query(`SELECT sm.member_id, js.day, js.half FROM jury_session_members sm JOIN jury_sessions js ON js.id = sm.session_id
		WHERE js.status <> 'cancelled' AND js.day >= ? AND js.day <= ? AND NOT (js.status = 'draft' AND js.locked = FALSE)`, snap.From, snap.To)
	taken, err := collect(rows, err, func(r *sql.Rows) (string, error) {
		var id int64
		var hd certif.HalfDay
		var half string
		err := r.Scan(&id, dateCol{&hd.Day}, &half)
		hd.Half = certif.Half(half)
		return fmt.Sprint(id, hd), err
	})
	for _, k := range taken {
		if seated[k] {
			return changed
		}
	}
	return err
}

// insertSessions writes new drafts with their members and slots, in
// multi-row inserts whatever their number.
func (tx *Tx) insertSessions(list []certif.JurySession) error {
	now := stamp(tx.s.now())
	rows := make([][]any, len(list))
	for i, ss := range list {
		rows[i] = []any{ss.Qualification, ss.HalfDay.Day, string(ss.HalfDay.Half), string(ss.Mode), string(ss.RemoteTool), strings.TrimSpace(ss.Link),
			nullID(ss.EmployerID), nullID(ss.SiteID), nullID(ss.InstituteID), string(certif.SessionDraft), ss.Locked, tx.actor.Email, now, now}
	}
	ids, err := tx.insertIDs("jury_sessions", []string{"qualification_code", "day", "half", "mode", "remote_tool", "link", "employer_id", "site_id",
		"institute_site_id", "status", "locked", "created_by", "created_at", "updated_at"}, rows)
	if err != nil {
		return err
	}
	var seats, slots [][]any
	for i, ss := range list {
		for _, m := range ss.Members {
			if m.MemberID != 0 {
				seats = append(seats, []any{ids[i], string(m.Role), m.MemberID})
			}
		}
		for _, sl := range ss.Slots {
			slots = append(slots, []any{ids[i], sl.AttemptID, sl.Start, sl.Minutes, sl.ExtraMinutes})
		}
	}
	if err := tx.insertRows("jury_session_members", []string{"session_id", "role", "member_id"}, seats); err != nil {
		return err
	}
	return tx.insertRows("jury_session_slots", []string{"session_id", "attempt_id", "starts_at", "minutes", "extra_minutes"}, slots)
}

// LatestPlanningRun returns the last run of the planner over a window that
// overlaps [from, to], or ENotFound.
func (s *Store) LatestPlanningRun(ctx context.Context, from, to certif.Date) (PlanningRun, error) {
	var run PlanningRun
	var body, at string
	err := s.queryRow(ctx, `SELECT id, starts_on, ends_on, sessions, placed, unplaced, created_by, created_at FROM planning_runs
		WHERE starts_on <= ? AND ends_on >= ? ORDER BY id DESC LIMIT 1`, to, from).
		Scan(&run.ID, dateCol{&run.From}, dateCol{&run.To}, &run.Sessions, &run.Placed, &body, &run.CreatedBy, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return run, notFound("Aucune planification sur cette période.")
	}
	if err == nil {
		run.CreatedAt = parseStamp(sql.NullString{String: at, Valid: true})
		err = json.Unmarshal([]byte(body), &run.Unplaced)
	}
	return run, err
}
