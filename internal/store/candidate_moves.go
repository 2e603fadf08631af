package store

import (
	"database/sql"

	"certibloc/internal/certif"
)

// handOverRegistrations gives the candidate's registrations still waiting for
// a decision to its new employer, which becomes responsible for presenting it
// (R8). Their health data stays with the employer that declared it (R15): the
// disability box and the adjustments are withdrawn, traced under the former
// employer (who, with the office and the certifier, still reads the trace),
// and the new employer declares them again if needed. Registrations that are
// over (decided, withdrawn, deleted) stay the former employer's.
func (tx *Tx) handOverRegistrations(candidateID, toEmployerID int64, toCode, reason string) (int, error) {
	rows, err := tx.query(`SELECT r.id, e.code, r.disability, r.adjustments FROM registrations r JOIN employers e ON e.id = r.employer_id
		WHERE r.candidate_id = ? AND r.employer_id <> ? AND r.deleted_at IS NULL
		AND EXISTS (SELECT 1 FROM block_attempts a WHERE a.registration_id = r.id AND a.status IN (?, ?, ?)) ORDER BY r.id`,
		candidateID, toEmployerID, string(certif.AttemptRegistered), string(certif.AttemptScheduled), string(certif.AttemptEvaluated))
	type moved struct {
		certif.Registration
		fromCode string
	}
	list, err := collect(rows, err, func(r *sql.Rows) (moved, error) {
		var m moved
		return m, r.Scan(&m.ID, &m.fromCode, &m.Disability, &m.Adjustments)
	})
	if err != nil {
		return 0, err
	}
	now := stamp(tx.s.now())
	for _, m := range list {
		key := idKey(m.ID)
		if m.CarriesHealthData() {
			if _, err := tx.exec(`UPDATE registrations SET disability = FALSE, adjustments = '', updated_at = ?, version = version + 1 WHERE id = ?`, now, m.ID); err != nil {
				return 0, err
			}
			before := map[string]string{"disability": boolText(m.Disability), "adjustments": m.Adjustments}
			after := map[string]string{"disability": boolText(false), "adjustments": ""}
			if err := tx.auditCandidateChanges(candidateID, "registration", key, before, after,
				"Changement d'employeur : les données de santé restent à l'employeur qui les a déclarées"); err != nil {
				return 0, err
			}
		}
		if _, err := tx.exec(`UPDATE registrations SET employer_id = ?, updated_at = ?, version = version + 1 WHERE id = ?`, toEmployerID, now, m.ID); err != nil {
			return 0, err
		}
		if err := tx.audit(certif.AuditEvent{Entity: "registration", EntityKey: key, Action: "handover", Field: "employer", CandidateID: candidateID,
			Before: m.fromCode, After: toCode, Reason: reason}); err != nil {
			return 0, err
		}
	}
	return len(list), nil
}
