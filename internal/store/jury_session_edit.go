package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"certibloc/internal/certif"
)

// SessionUpdate is a session as the office changed it by hand, with the
// version the change was made on: a stale change is refused (EStale).
type SessionUpdate struct {
	Session certif.JurySession
	Version int
	Reason  string // traced with the change
}

var staleSession = certif.Errorf(certif.EStale, "Cette séance a été modifiée par quelqu'un d'autre depuis que vous l'avez ouverte : rechargez-la, puis refaites votre modification.")

// lockSession reads a session for update and checks its version.
func (tx *Tx) lockSession(id int64, version int) (certif.JurySession, error) {
	rows, err := tx.query(sessionSelect+` AND s.id = ?`+tx.s.dialect.forUpdate("s"), id)
	list, err := collect(rows, err, scanSession)
	switch {
	case err != nil:
		return certif.JurySession{}, err
	case len(list) == 0:
		return certif.JurySession{}, notFound("Séance de jury introuvable.")
	case version != 0 && list[0].Version != version:
		return certif.JurySession{}, staleSession
	}
	if err := attachSessionParts(tx.query, list, All); err != nil {
		return certif.JurySession{}, err
	}
	return list[0], nil
}

// SaveSessions writes sessions the office changed by hand (place, link,
// members, slots moved between them, lock) and queues the mails their
// change causes, in one transaction. A session convened before gets its
// SEQUENCE raised when it changes, and so does each slot that moved, and its
// attempts stay scheduled; every changed field is traced.
func (s *Store) SaveSessions(ctx context.Context, by Caller, updates []SessionUpdate, mails []Mail) ([]certif.JurySession, error) {
	var out []certif.JurySession
	err := s.write(ctx, by.Actor, func(tx *Tx) error {
		out = nil
		for _, u := range updates {
			old, err := tx.lockSession(u.Session.ID, u.Version)
			if err != nil {
				return err
			}
			if !old.Editable() {
				return certif.Errorf(certif.EConflict, "Une séance %s ne se modifie plus.", strings.ToLower(old.Status.Label()))
			}
			saved, err := tx.saveSession(old, u.Session, u.Reason)
			if err != nil {
				return err
			}
			out = append(out, saved)
		}
		return tx.enqueueAll(mails)
	})
	return out, err
}

// saveSession writes one session's changes over old.
func (tx *Tx) saveSession(old, ss certif.JurySession, reason string) (certif.JurySession, error) {
	before, after := sessionFields(old), sessionFields(ss)
	changed := false
	for k, v := range after {
		changed = changed || before[k] != v
	}
	if changed && old.Status == certif.SessionConvened {
		ss.Sequence = old.Sequence + 1
	} else {
		ss.Sequence = old.Sequence
	}
	now := stamp(tx.s.now())
	if _, err := tx.exec(`UPDATE jury_sessions SET mode = ?, remote_tool = ?, link = ?, employer_id = ?, site_id = ?, institute_site_id = ?,
		locked = ?, sequence = ?, updated_at = ?, version = version + 1 WHERE id = ?`,
		string(ss.Mode), string(ss.RemoteTool), strings.TrimSpace(ss.Link), nullID(ss.EmployerID), nullID(ss.SiteID), nullID(ss.InstituteID),
		ss.Locked, ss.Sequence, now, ss.ID); err != nil {
		return ss, err
	}
	for _, m := range ss.Members {
		if m.MemberID == old.Member(m.Role).MemberID {
			continue
		}
		if _, err := tx.exec(`DELETE FROM jury_session_members WHERE session_id = ? AND role = ?`, ss.ID, string(m.Role)); err != nil {
			return ss, err
		}
		if m.MemberID != 0 {
			if _, err := tx.exec(`INSERT INTO jury_session_members (session_id, role, member_id) VALUES (?, ?, ?)`, ss.ID, string(m.Role), m.MemberID); err != nil {
				return ss, err
			}
		}
	}
	for _, sl := range ss.Slots {
		if sl.ID == 0 {
			return ss, certif.Errorf(certif.EInvalid, "Créneau sans identifiant.")
		}
		bump := 0
		if old.Status == certif.SessionConvened || sl.Sequence > 0 {
			bump = 1
		}
		if _, err := tx.exec(`UPDATE jury_session_slots SET session_id = ?, starts_at = ?, sequence = sequence + ?
			WHERE id = ? AND (session_id <> ? OR starts_at <> ?)`, ss.ID, sl.Start, bump, sl.ID, ss.ID, sl.Start); err != nil {
			return ss, err
		}
	}
	ss.Version = old.Version + 1
	return ss, tx.auditChanges("jury_session", idKey(ss.ID), before, after, reason)
}

// sessionFields flattens a session for the audit trail.
func sessionFields(ss certif.JurySession) map[string]string {
	f := map[string]string{"mode": string(ss.Mode), "remote_tool": string(ss.RemoteTool), "link": ss.Link,
		"employer_id": idKey(ss.EmployerID), "site_id": idKey(ss.SiteID), "institute_site_id": idKey(ss.InstituteID), "locked": strconv.FormatBool(ss.Locked)}
	for _, m := range ss.Members {
		f["member."+string(m.Role)] = idKey(m.MemberID)
	}
	for _, sl := range ss.Slots {
		f[fmt.Sprintf("slot%d", sl.ID)] = sl.Start
	}
	return f
}

// enqueueAll queues mails in the transaction.
func (tx *Tx) enqueueAll(mails []Mail) error {
	for _, m := range mails {
		if _, err := tx.enqueueMail(m); err != nil {
			return err
		}
	}
	return nil
}

// MoveSessionStatus moves a session to its next status (certif
// CheckTransition) with the mails it causes, in one transaction: convened,
// its attempts become scheduled; cancelled (with its reason), they return to
// planning and its SEQUENCE is raised for the cancellations; each attempt's
// change is traced on its candidate's file.
func (s *Store) MoveSessionStatus(ctx context.Context, by Caller, id int64, version int, next certif.SessionStatus, reason string, mails []Mail) (certif.JurySession, error) {
	var ss certif.JurySession
	err := s.write(ctx, by.Actor, func(tx *Tx) error {
		old, err := tx.lockSession(id, version)
		if err != nil {
			return err
		}
		if err := old.CheckTransition(next); err != nil {
			return err
		}
		ss = old
		set, args := `status = ?, updated_at = ?, version = version + 1`, []any{string(next), stamp(s.now())}
		attemptStatus := ""
		switch next {
		case certif.SessionConvened:
			if err := old.CheckConvocation(); err != nil {
				return err
			}
			set, args = set+`, convened_at = ?, locked = ?`, append(args, stamp(s.now()), true)
			attemptStatus, ss.Locked = string(certif.AttemptScheduled), true
		case certif.SessionCancelled:
			if strings.TrimSpace(reason) == "" {
				return &certif.Error{Code: certif.EInvalid, Message: "Indiquez le motif de l'annulation.",
					Fields: map[string]string{"reason": "Le motif est obligatoire : il figure sur les avis d'annulation."}}
			}
			set, args = set+`, cancel_reason = ?, sequence = sequence + 1`, append(args, strings.TrimSpace(reason))
			attemptStatus, ss.Sequence, ss.CancelReason = string(certif.AttemptRegistered), ss.Sequence+1, strings.TrimSpace(reason)
		}
		if _, err := tx.exec(`UPDATE jury_sessions SET `+set+` WHERE id = ?`, append(args, id)...); err != nil {
			return err
		}
		ss.Status, ss.Version = next, old.Version+1
		if attemptStatus != "" {
			if err := tx.setSlotAttempts(old, attemptStatus); err != nil {
				return err
			}
		}
		if err := tx.audit(certif.AuditEvent{Entity: "jury_session", EntityKey: idKey(id), Action: "status", Field: "status",
			Before: string(old.Status), After: string(next), Reason: strings.TrimSpace(reason)}); err != nil {
			return err
		}
		return tx.enqueueAll(mails)
	})
	return ss, err
}

// setSlotAttempts sets the status of a session's attempts that are still
// waiting for their jury, traced on each candidate's file.
func (tx *Tx) setSlotAttempts(ss certif.JurySession, status string) error {
	for _, sl := range ss.Slots {
		res, err := tx.exec(`UPDATE block_attempts SET status = ?, updated_at = ? WHERE id = ? AND status IN ('registered', 'scheduled') AND status <> ?`,
			status, stamp(tx.s.now()), sl.AttemptID, status)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			continue
		}
		before := map[string]string{string(certif.AttemptScheduled): string(certif.AttemptRegistered), string(certif.AttemptRegistered): string(certif.AttemptScheduled)}[status]
		if err := tx.audit(certif.AuditEvent{Entity: "block_attempt", EntityKey: idKey(sl.AttemptID), Action: "update", Field: "status",
			Before: before, After: status, CandidateID: sl.CandidateID, Reason: "séance " + ss.Title()}); err != nil {
			return err
		}
	}
	return nil
}
