package store

import (
	"context"
	"database/sql"
	"slices"
	"time"

	"certibloc/internal/certif"
)

// EvaluationSheet is one slot as its jury reads it (R11): the session, the
// candidate and the block with its modalities, what was granted (R15: what
// to respect, never why), the evaluation and the evidence files.
type EvaluationSheet struct {
	Session       certif.JurySession
	Slot          certif.Slot
	Qualification certif.Qualification
	Block         certif.Block
	CandidateSex  string
	AttemptStatus certif.AttemptStatus
	Grant         certif.AdjustmentGrant
	Evaluation    certif.Evaluation // not read for an employer
	Evidence      []EvidenceFile
}

var errNoEvaluation = notFound("Évaluation introuvable.")

// slotSession returns the session of a slot the scope sees: a jury member's
// sessions once convened, an employer's slots of its own candidates, all for
// the office; anything else is not found.
func slotSession(q querier, slotID int64, sc Scope) (int64, error) {
	where, args := sc.juryRows()
	slotWhere, slotArgs := sc.slotRows()
	rows, err := q(`SELECT sl.session_id FROM jury_session_slots sl JOIN jury_sessions s ON s.id = sl.session_id
		JOIN block_attempts a ON a.id = sl.attempt_id JOIN registrations r ON r.id = a.registration_id
		WHERE sl.id = ?`+where+slotWhere, append(append([]any{slotID}, args...), slotArgs...)...)
	ids, err := collect(rows, err, scanID)
	if err == nil && len(ids) == 0 {
		err = errNoEvaluation
	}
	if err != nil {
		return 0, err
	}
	return ids[0], nil
}

// EvaluationSheet reads the sheet of a slot in the scope.
func (s *Store) EvaluationSheet(ctx context.Context, slotID int64, sc Scope) (EvaluationSheet, error) {
	var sh EvaluationSheet
	sessionID, err := slotSession(s.reader(ctx), slotID, sc)
	if err != nil {
		return sh, err
	}
	if sh.Session, err = s.JurySession(ctx, sessionID, All); err != nil {
		return sh, err
	}
	i := slices.IndexFunc(sh.Session.Slots, func(sl certif.Slot) bool { return sl.ID == slotID })
	if i < 0 {
		return sh, errNoEvaluation
	}
	sh.Slot = sh.Session.Slots[i]
	if sh.Qualification, err = s.Qualification(ctx, sh.Session.Qualification); err != nil {
		return sh, err
	}
	if n := sh.Slot.Block; n >= 1 && n <= len(sh.Qualification.Blocks) {
		sh.Block = sh.Qualification.Blocks[n-1]
	}
	var regID int64
	var status string
	if err := s.queryRow(ctx, `SELECT a.registration_id, a.status, c.sex FROM block_attempts a JOIN candidates c ON c.id = a.candidate_id WHERE a.id = ?`,
		sh.Slot.AttemptID).Scan(&regID, &status, &sh.CandidateSex); err != nil {
		return sh, err
	}
	sh.AttemptStatus = certif.AttemptStatus(status)
	if sh.Grant, err = s.AdjustmentGrant(ctx, regID); err != nil {
		return sh, err
	}
	if sc.EmployerID == 0 {
		if sh.Evaluation, err = readEvaluation(s.reader(ctx), sh.Session, sh.Slot); err != nil {
			return sh, err
		}
	}
	sh.Evidence, err = s.evidenceOf(ctx, sh.Slot.AttemptID)
	return sh, err
}

// readEvaluation reads a slot's evaluation; before its first save, a blank
// one on the block's grid. A draft is read on the grid as it stands now
// (answers kept by criterion); a final one as it was confirmed.
func readEvaluation(q querier, ss certif.JurySession, sl certif.Slot) (certif.Evaluation, error) {
	e := certif.Evaluation{SlotID: sl.ID, AttemptID: sl.AttemptID, Status: certif.EvaluationDraft}
	rows, err := q(`SELECT presence, proposal, comment, status, updated_by, version FROM evaluations WHERE slot_id = ?`, sl.ID)
	found, err := collect(rows, err, func(r *sql.Rows) (certif.Evaluation, error) {
		var x certif.Evaluation
		var presence, proposal, status string
		err := r.Scan(&presence, &proposal, &x.Comment, &status, &x.UpdatedBy, &x.Version)
		x.Presence, x.Proposal, x.Status = certif.Presence(presence), certif.Proposal(proposal), certif.EvaluationStatus(status)
		return x, err
	})
	if err != nil {
		return e, err
	}
	if len(found) == 1 {
		f := found[0]
		e.Presence, e.Proposal, e.Comment, e.Status, e.UpdatedBy, e.Version = f.Presence, f.Proposal, f.Comment, f.Status, f.UpdatedBy, f.Version
	}
	rows, err = q(`SELECT criterion_id, label, result, comment FROM evaluation_results WHERE slot_id = ? ORDER BY position, criterion_id`, sl.ID)
	answers, err := collect(rows, err, func(r *sql.Rows) (certif.CriterionResult, error) {
		var x certif.CriterionResult
		var result string
		err := r.Scan(&x.CriterionID, &x.Label, &result, &x.Comment)
		x.Result = certif.Acquisition(result)
		return x, err
	})
	if err != nil {
		return e, err
	}
	if e.Final() {
		e.Results = answers
	} else {
		rows, err := q(criterionSelect+` AND qualification_code = ? AND block_number = ? ORDER BY position, id`, ss.Qualification, sl.Block)
		grid, err := collect(rows, err, scanCriterion)
		if err != nil {
			return e, err
		}
		for _, c := range grid {
			r := certif.CriterionResult{CriterionID: c.ID, Label: c.Label}
			if i := slices.IndexFunc(answers, func(a certif.CriterionResult) bool { return a.CriterionID == c.ID }); i >= 0 {
				r.Result, r.Comment = answers[i].Result, answers[i].Comment
			}
			e.Results = append(e.Results, r)
		}
	}
	rows, err = q(`SELECT ec.role, ec.member_id, m.first_name, m.last_name, ec.confirmed_at FROM evaluation_confirmations ec
		JOIN jury_members m ON m.id = ec.member_id WHERE ec.slot_id = ? ORDER BY ec.confirmed_at`, sl.ID)
	e.Confirmations, err = collect(rows, err, func(r *sql.Rows) (certif.Confirmation, error) {
		var c certif.Confirmation
		var role, first, last string
		var at sql.NullString
		err := r.Scan(&role, &c.MemberID, &first, &last, &at)
		c.Role, c.Name, c.At = certif.JuryRole(role), certif.JuryMember{FirstName: first, LastName: last}.Name(), parseStamp(at)
		return c, err
	})
	return e, err
}

// EvaluationStates reads where the evaluations of slots stand, by slot, in
// batches: a slot with nothing recorded has the zero state ("À saisir").
func (s *Store) EvaluationStates(ctx context.Context, slotIDs []int64) (map[int64]certif.EvaluationState, error) {
	return evaluationStates(s.reader(ctx), slotIDs)
}

func evaluationStates(q querier, slotIDs []int64) (map[int64]certif.EvaluationState, error) {
	out := map[int64]certif.EvaluationState{}
	err := chunks(uniqueIDs(slotIDs), func(part []int64) error {
		rows, err := q(`SELECT e.slot_id, e.status, e.presence, e.proposal, (SELECT COUNT(*) FROM evaluation_confirmations c WHERE c.slot_id = e.slot_id)
			FROM evaluations e WHERE e.slot_id IN `+inList(len(part)), anys(part)...)
		_, err = collect(rows, err, func(r *sql.Rows) (int64, error) {
			var id int64
			var st certif.EvaluationState
			var status, presence, proposal string
			err := r.Scan(&id, &status, &presence, &proposal, &st.Confirmed)
			st.Status, st.Presence, st.Proposal = certif.EvaluationStatus(status), certif.Presence(presence), certif.Proposal(proposal)
			out[id] = st
			return id, err
		})
		return err
	})
	return out, err
}

// EvidenceFile is the record of an evidence file (R11): the file itself is
// in the blob store under Key.
type EvidenceFile struct {
	ID           int64
	AttemptID    int64
	SlotID       int64
	UploadedBy   string
	UploaderRole certif.Role
	Name         string
	Type         string // detected from the content
	Size         int64
	SHA256       string
	Key          string
	At           time.Time
}

const evidenceSelect = `SELECT f.id, f.attempt_id, COALESCE(f.slot_id, 0), f.uploaded_by, f.uploader_role, f.file_name, f.content_type, f.size, f.sha256,
	f.blob_key, f.created_at FROM evidence_files f`

func scanEvidence(r *sql.Rows) (EvidenceFile, error) {
	var f EvidenceFile
	var role string
	var at sql.NullString
	err := r.Scan(&f.ID, &f.AttemptID, &f.SlotID, &f.UploadedBy, &role, &f.Name, &f.Type, &f.Size, &f.SHA256, &f.Key, &at)
	f.UploaderRole, f.At = certif.Role(role), parseStamp(at)
	return f, err
}

func (s *Store) evidenceOf(ctx context.Context, attemptID int64) ([]EvidenceFile, error) {
	rows, err := s.query(ctx, evidenceSelect+` WHERE f.attempt_id = ? ORDER BY f.id`, attemptID)
	return collect(rows, err, scanEvidence)
}

// Evidence returns an evidence file in the scope: the office all; a jury
// member those of the attempts of the sessions they sit in (once convened);
// an employer those of its own candidates; anything else is not found.
func (s *Store) Evidence(ctx context.Context, id int64, sc Scope) (EvidenceFile, error) {
	where, args := "", []any{id}
	switch {
	case sc.IsAll():
	case sc.JuryMemberID > 0:
		where, args = ` AND EXISTS (SELECT 1 FROM jury_session_slots sl JOIN jury_sessions s ON s.id = sl.session_id
			JOIN jury_session_members m ON m.session_id = s.id WHERE sl.attempt_id = f.attempt_id AND s.status NOT IN ('draft', 'cancelled') AND m.member_id = ?)`,
			append(args, sc.JuryMemberID)
	case sc.EmployerID > 0:
		where, args = ` AND EXISTS (SELECT 1 FROM block_attempts a JOIN registrations r ON r.id = a.registration_id WHERE a.id = f.attempt_id AND r.employer_id = ?)`,
			append(args, sc.EmployerID)
	default:
		where = seesNothing
	}
	rows, err := s.query(ctx, evidenceSelect+` WHERE f.id = ?`+where, args...)
	list, err := collect(rows, err, scanEvidence)
	if err == nil && len(list) == 0 {
		err = notFound("Pièce introuvable.")
	}
	if err != nil {
		return EvidenceFile{}, err
	}
	return list[0], nil
}
