package store

import (
	"context"
	"slices"

	"certibloc/internal/certif"
)

// AddEvidence records an evidence file (R11) the caller uploaded for a slot
// it sees: a jury member for the sessions they sit in, an employer for its
// own candidates, the office for any. The file is already in the blob store
// under f.Key. A closed session takes no more files. Traced on the
// candidate's file.
func (s *Store) AddEvidence(ctx context.Context, by Caller, slotID int64, f EvidenceFile) (EvidenceFile, error) {
	err := s.write(ctx, by.Actor, func(tx *Tx) error {
		sessionID, err := slotSession(tx.query, slotID, by.Scope)
		if err != nil {
			return err
		}
		ss, err := tx.lockSession(sessionID, 0)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(ss.Slots, func(sl certif.Slot) bool { return sl.ID == slotID })
		switch {
		case i < 0:
			return errNoEvaluation
		case ss.Status == certif.SessionClosed:
			return certif.Errorf(certif.EConflict, "Cette séance est close : elle ne reçoit plus de pièces.")
		case !ss.Status.Live():
			return certif.Errorf(certif.EConflict, "Cette séance est annulée : elle ne reçoit pas de pièces.")
		}
		sl := ss.Slots[i]
		f.AttemptID, f.SlotID, f.UploadedBy, f.UploaderRole, f.At = sl.AttemptID, sl.ID, by.Actor.Email, by.Role, s.now()
		if f.ID, err = tx.insert(`INSERT INTO evidence_files (attempt_id, slot_id, uploaded_by, uploader_role, file_name, content_type, size, sha256, blob_key, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, f.AttemptID, f.SlotID, f.UploadedBy, string(f.UploaderRole), f.Name, f.Type, f.Size, f.SHA256, f.Key, stamp(f.At)); err != nil {
			return err
		}
		return tx.audit(certif.AuditEvent{Entity: "evidence_file", EntityKey: idKey(f.ID), Action: "create", Field: "file",
			After: f.Name + " (" + f.SHA256 + ")", CandidateID: sl.CandidateID})
	})
	return f, err
}
