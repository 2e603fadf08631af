package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"certibloc/internal/certif"
)

var staleEvaluation = certif.Errorf(certif.EStale, "Cette évaluation a été modifiée par un autre membre du jury depuis que vous l'avez ouverte : rechargez-la, puis refaites votre saisie.")

// evaluationTx is the session and slot an evaluation write works on, locked.
type evaluationTx struct {
	ss   certif.JurySession
	sl   certif.Slot
	old  certif.Evaluation
	role certif.JuryRole
}

// openEvaluation locks the session of a slot the caller sees, checks that
// the caller may record in it on its day, and reads the evaluation.
func (tx *Tx) openEvaluation(by Caller, slotID int64) (evaluationTx, error) {
	var et evaluationTx
	sessionID, err := slotSession(tx.query, slotID, by.Scope)
	if err != nil {
		return et, err
	}
	if et.ss, err = tx.lockSession(sessionID, 0); err != nil {
		return et, err
	}
	i := slices.IndexFunc(et.ss.Slots, func(sl certif.Slot) bool { return sl.ID == slotID })
	if i < 0 {
		return et, errNoEvaluation
	}
	et.sl = et.ss.Slots[i]
	if et.role, err = et.ss.CheckRecord(by.Scope.JuryMemberID); err != nil {
		return et, err
	}
	if err := et.ss.CheckEvaluationDay(by.Today); err != nil {
		return et, err
	}
	et.old, err = readEvaluation(tx.query, et.ss, et.sl)
	return et, err
}

// SaveEvaluation records a jury member's entry on a slot (R11): presence,
// answers on the block's grid, proposal and comment, over the version read
// (0 for the first save; a stale save is refused). It clears the
// confirmations already given, moves a convened session to held (the jury
// sat) and traces every change on the candidate's file. A final evaluation
// no longer changes.
func (s *Store) SaveEvaluation(ctx context.Context, by Caller, slotID int64, ev certif.Evaluation, version int) (certif.Evaluation, error) {
	var saved certif.Evaluation
	err := s.write(ctx, by.Actor, func(tx *Tx) error {
		et, err := tx.openEvaluation(by, slotID)
		if err != nil {
			return err
		}
		if et.old.Final() {
			return certif.Errorf(certif.EConflict, "Cette évaluation est confirmée par les trois membres du jury : elle ne se modifie plus.")
		}
		if et.old.Version != version {
			return staleEvaluation
		}
		answers := map[int64]certif.CriterionResult{}
		for _, r := range ev.Results {
			answers[r.CriterionID] = r
		}
		next := et.old
		next.Presence, next.Proposal, next.Comment, next.Results = ev.Presence, ev.Proposal, ev.Comment, nil
		for _, r := range et.old.Results { // the grid, in its order: nothing else is answered
			a := answers[r.CriterionID]
			next.Results = append(next.Results, certif.CriterionResult{CriterionID: r.CriterionID, Label: r.Label, Result: a.Result, Comment: a.Comment})
		}
		next.Normalize()
		if err := next.Validate(); err != nil {
			return err
		}
		if err := tx.writeEvaluation(&next, version); err != nil {
			return err
		}
		if err := tx.holdSession(et.ss); err != nil {
			return err
		}
		if len(et.old.Confirmations) > 0 {
			if _, err := tx.exec(`DELETE FROM evaluation_confirmations WHERE slot_id = ?`, slotID); err != nil {
				return err
			}
			next.Confirmations = nil
		}
		saved = next
		return tx.auditCandidateChanges(et.sl.CandidateID, "evaluation", idKey(slotID), evaluationFields(et.old), evaluationFields(next), "")
	})
	return saved, err
}

// writeEvaluation upserts an evaluation and its answers.
func (tx *Tx) writeEvaluation(e *certif.Evaluation, version int) error {
	now := stamp(tx.s.now())
	var err error
	if version == 0 {
		_, err = tx.exec(`INSERT INTO evaluations (slot_id, attempt_id, presence, proposal, comment, status, updated_by, updated_at, version)
			VALUES (?, ?, ?, ?, ?, 'draft', ?, ?, 1)`, e.SlotID, e.AttemptID, string(e.Presence), string(e.Proposal), e.Comment, tx.actor.Email, now)
	} else {
		_, err = tx.exec(`UPDATE evaluations SET presence = ?, proposal = ?, comment = ?, updated_by = ?, updated_at = ?, version = version + 1
			WHERE slot_id = ? AND version = ?`, string(e.Presence), string(e.Proposal), e.Comment, tx.actor.Email, now, e.SlotID, version)
	}
	if err != nil {
		return err
	}
	e.Version, e.UpdatedBy = version+1, tx.actor.Email
	if _, err := tx.exec(`DELETE FROM evaluation_results WHERE slot_id = ?`, e.SlotID); err != nil {
		return err
	}
	rows := make([][]any, len(e.Results))
	for i, r := range e.Results {
		rows[i] = []any{e.SlotID, r.CriterionID, i + 1, r.Label, string(r.Result), r.Comment}
	}
	return tx.insertRows(`evaluation_results`, []string{"slot_id", "criterion_id", "position", "label", "result", "comment"}, rows)
}

// holdSession moves a convened session to held: its first evaluation was
// saved, on or after its day.
func (tx *Tx) holdSession(ss certif.JurySession) error {
	if ss.Status != certif.SessionConvened {
		return nil
	}
	return tx.moveSession(ss, certif.SessionHeld, "première évaluation enregistrée")
}

// moveSession changes a session's status (certif CheckTransition), traced.
func (tx *Tx) moveSession(ss certif.JurySession, next certif.SessionStatus, reason string) error {
	if next != certif.SessionHeld || ss.Status != certif.SessionClosed {
		if err := ss.CheckTransition(next); err != nil {
			return err
		}
	}
	if _, err := tx.exec(`UPDATE jury_sessions SET status = ?, updated_at = ?, version = version + 1 WHERE id = ?`, string(next), stamp(tx.s.now()), ss.ID); err != nil {
		return err
	}
	return tx.audit(certif.AuditEvent{Entity: "jury_session", EntityKey: idKey(ss.ID), Action: "status", Field: "status",
		Before: string(ss.Status), After: string(next), Reason: reason})
}

// evaluationFields flattens an evaluation for the audit trail.
func evaluationFields(e certif.Evaluation) map[string]string {
	f := map[string]string{"presence": string(e.Presence), "proposal": string(e.Proposal), "comment": e.Comment, "status": string(e.Status)}
	for _, r := range e.Results {
		key := fmt.Sprintf("criterion.%d", r.CriterionID)
		if r.Result != "" {
			f[key] = string(r.Result)
		}
		if r.Comment != "" {
			f[key+".comment"] = r.Comment
		}
	}
	return f
}

// Confirmed is what a confirmation did: the evaluation as it stands, and
// whether the session closed with it.
type Confirmed struct {
	Evaluation    certif.Evaluation
	SessionClosed bool
}

// ConfirmEvaluation records a seated member's confirmation of the version
// of an evaluation they read (R11; a stale one is refused). With the third
// seat the evaluation becomes final; when every slot of the session is
// final, the session closes and its attempts become evaluated, each traced
// on its candidate's file.
func (s *Store) ConfirmEvaluation(ctx context.Context, by Caller, slotID int64, version int) (Confirmed, error) {
	var out Confirmed
	err := s.write(ctx, by.Actor, func(tx *Tx) error {
		et, err := tx.openEvaluation(by, slotID)
		if err != nil {
			return err
		}
		if et.old.Version != version {
			return staleEvaluation
		}
		if _, err := et.ss.CheckConfirm(et.old, by.Scope.JuryMemberID); err != nil {
			return err
		}
		if _, err := tx.exec(`INSERT INTO evaluation_confirmations (slot_id, role, member_id, version, confirmed_at) VALUES (?, ?, ?, ?, ?)`,
			slotID, string(et.role), by.Scope.JuryMemberID, version, stamp(s.now())); err != nil {
			return err
		}
		if err := tx.audit(certif.AuditEvent{Entity: "evaluation", EntityKey: idKey(slotID), Action: "confirm", Field: "confirmation." + string(et.role),
			After: et.role.Label(), CandidateID: et.sl.CandidateID}); err != nil {
			return err
		}
		if out.Evaluation, err = readEvaluation(tx.query, et.ss, et.sl); err != nil || !out.Evaluation.AllConfirmed() {
			return err
		}
		if _, err := tx.exec(`UPDATE evaluations SET status = 'final' WHERE slot_id = ?`, slotID); err != nil {
			return err
		}
		out.Evaluation.Status = certif.EvaluationFinal
		if err := tx.audit(certif.AuditEvent{Entity: "evaluation", EntityKey: idKey(slotID), Action: "update", Field: "status",
			Before: string(certif.EvaluationDraft), After: string(certif.EvaluationFinal), CandidateID: et.sl.CandidateID}); err != nil {
			return err
		}
		out.SessionClosed, err = tx.closeIfComplete(et.ss)
		return err
	})
	return out, err
}

// closeIfComplete closes a session whose every slot is final; its attempts
// become evaluated.
func (tx *Tx) closeIfComplete(ss certif.JurySession) (bool, error) {
	ids := make([]int64, len(ss.Slots))
	for i, sl := range ss.Slots {
		ids[i] = sl.ID
	}
	states, err := evaluationStates(tx.query, ids)
	if err != nil || !certif.SessionComplete(ss, states) {
		return false, err
	}
	if ss.Status == certif.SessionConvened { // saved and confirmed in one go: it sat
		if err := tx.moveSession(ss, certif.SessionHeld, ""); err != nil {
			return false, err
		}
		ss.Status = certif.SessionHeld
	}
	if err := tx.moveSession(ss, certif.SessionClosed, "toutes les évaluations sont confirmées"); err != nil {
		return false, err
	}
	return true, tx.moveAttempts(ss, certif.AttemptScheduled, certif.AttemptEvaluated, "séance "+ss.Title()+" close")
}

// moveAttempts moves the attempts of a session's slots from one status to
// another, each traced on its candidate's file.
func (tx *Tx) moveAttempts(ss certif.JurySession, from, to certif.AttemptStatus, reason string) error {
	for _, sl := range ss.Slots {
		res, err := tx.exec(`UPDATE block_attempts SET status = ?, updated_at = ? WHERE id = ? AND status = ?`, string(to), stamp(tx.s.now()), sl.AttemptID, string(from))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			continue
		}
		if err := tx.audit(certif.AuditEvent{Entity: "block_attempt", EntityKey: idKey(sl.AttemptID), Action: "update", Field: "status",
			Before: string(from), After: string(to), CandidateID: sl.CandidateID, Reason: reason}); err != nil {
			return err
		}
	}
	return nil
}

// ReopenSession reopens a closed session (the office, with its reason): it
// is held again, its evaluations drafts, their confirmations cleared, its
// attempts scheduled again; everything traced, on each candidate's file too.
func (s *Store) ReopenSession(ctx context.Context, by Caller, id int64, version int, reason string) (certif.JurySession, error) {
	var ss certif.JurySession
	reason = strings.TrimSpace(reason)
	err := s.write(ctx, by.Actor, func(tx *Tx) error {
		old, err := tx.lockSession(id, version)
		if err != nil {
			return err
		}
		if err := old.CheckReopen(reason); err != nil {
			return err
		}
		if err := tx.moveSession(old, certif.SessionHeld, reason); err != nil {
			return err
		}
		for _, sl := range old.Slots {
			if _, err := tx.exec(`DELETE FROM evaluation_confirmations WHERE slot_id = ?`, sl.ID); err != nil {
				return err
			}
			if _, err := tx.exec(`UPDATE evaluations SET status = 'draft', version = version + 1 WHERE slot_id = ?`, sl.ID); err != nil {
				return err
			}
			if err := tx.audit(certif.AuditEvent{Entity: "evaluation", EntityKey: idKey(sl.ID), Action: "reopen", Field: "status",
				Before: string(certif.EvaluationFinal), After: string(certif.EvaluationDraft), Reason: reason, CandidateID: sl.CandidateID}); err != nil {
				return err
			}
		}
		ss, ss.Status, ss.Version = old, certif.SessionHeld, old.Version+1
		return tx.moveAttempts(old, certif.AttemptEvaluated, certif.AttemptScheduled, reason)
	})
	return ss, err
}
