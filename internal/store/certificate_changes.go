package store

import (
	"context"
	"database/sql"
	"strings"

	"certibloc/internal/certif"
	"certibloc/internal/certificate"
)

// SetCertificateIssuer gives the store the platform's certificate issuer
// (certificate.Issuer, with the platform's key): the re-issue after a
// correction of identity derives the new certificates' short codes with it.
// Called at wiring time.
func (s *Store) SetCertificateIssuer(is CertificateIssuer) { s.certificateIssuer = is }

// CertificateIssuer is the issuer SetCertificateIssuer gave, nil before.
func (s *Store) CertificateIssuer() CertificateIssuer { return s.certificateIssuer }

// RevokeCertificate revokes a valid certificate (the certifier), with its
// reason: the verification page says "révoqué" from then on. Traced on the
// holder's file.
func (s *Store) RevokeCertificate(ctx context.Context, by Caller, number, reason string) error {
	reason = strings.Join(strings.Fields(reason), " ")
	if reason == "" {
		var v certif.Validation
		v.Add("reason", "Indiquez le motif de la révocation : il est gardé avec le certificat.")
		return v.Err()
	}
	return s.write(ctx, by.Actor, func(tx *Tx) error {
		var status string
		var candidateID int64
		err := tx.queryRow(`SELECT status, candidate_id FROM certificates WHERE number = ?`+tx.s.dialect.forUpdate("certificates"), number).Scan(&status, &candidateID)
		if err == sql.ErrNoRows {
			return notFound("Certificat inconnu.")
		}
		if err != nil {
			return err
		}
		if certificate.Status(status) != certificate.Valid {
			return certif.Errorf(certif.EConflict, "Le certificat %s est déjà %s : il ne peut plus être révoqué.", number, certificate.Status(status).French())
		}
		if _, err := tx.exec(`UPDATE certificates SET status = 'revoked', revoked_reason = ?, revoked_by = ?, revoked_at = ? WHERE number = ?`,
			reason, by.Actor.Email, stamp(tx.s.now()), number); err != nil {
			return err
		}
		if err := tx.forgetCertificatePDF(number); err != nil {
			return err
		}
		return tx.audit(certif.AuditEvent{Entity: "certificate", EntityKey: number, Action: "update", Field: "status", CandidateID: candidateID,
			Before: string(certificate.Valid), After: string(certificate.Revoked), Reason: reason})
	})
}

// printedIdentityChanged reports whether a correction changes what R16 prints
// on a certificate: usage and birth names, first name, date of birth.
func printedIdentityChanged(old, c certif.Candidate) bool {
	first := func(c certif.Candidate) string {
		if len(c.FirstNames) == 0 {
			return ""
		}
		return c.FirstNames[0]
	}
	return old.BirthName != c.BirthName || old.UsageName != c.UsageName || first(old) != first(c) || old.BirthDate != c.BirthDate
}

// reissueAfterCorrection re-issues, in the correction's transaction, every
// valid certificate of a candidate whose printed identity changed: a new
// number with the corrected identity, dated today; the old one "remplacé" and
// pointing to the new one. Both are traced.
func (tx *Tx) reissueAfterCorrection(old, c certif.Candidate, today certif.Date) error {
	if !printedIdentityChanged(old, c) {
		return nil
	}
	rows, err := tx.query(`SELECT number, kind, jury_day, attempt_id, qualification_code, block_number FROM certificates
		WHERE candidate_id = ? AND status = 'valid' ORDER BY number`, c.ID)
	list, err := collect(rows, err, func(r *sql.Rows) (issued, error) {
		var x issued
		var kind string
		var attempt sql.NullInt64
		err := r.Scan(&x.replaces, &kind, dateCol{&x.juryDay}, &attempt, &x.qual, &x.block)
		x.kind, x.attemptID, x.candidateID, x.issuedOn = certificate.Kind(kind), attempt.Int64, c.ID, today
		if x.issuedOn.Before(x.juryDay) { // a date of reference set before the jury (tests, demo)
			x.issuedOn = x.juryDay
		}
		return x, err
	})
	if err != nil || len(list) == 0 {
		return err
	}
	if tx.s.certificateIssuer == nil {
		return certif.Errorf(certif.EInvalid, "La clé des certificats n'est pas configurée : les certificats de ce candidat ne peuvent pas être réédités.")
	}
	for _, x := range list {
		number, err := tx.issueCertificate(x, tx.s.certificateIssuer.Code)
		if err != nil {
			return err
		}
		if _, err := tx.exec(`UPDATE certificates SET status = 'replaced', replaced_by = ? WHERE number = ?`, number, x.replaces); err != nil {
			return err
		}
		if err := tx.forgetCertificatePDF(x.replaces); err != nil {
			return err
		}
		if err := tx.audit(certif.AuditEvent{Entity: "certificate", EntityKey: x.replaces, Action: "update", Field: "status", CandidateID: c.ID,
			Before: string(certificate.Valid), After: string(certificate.Replaced), Reason: "remplacé par le certificat " + number + " après correction de l'identité"}); err != nil {
			return err
		}
	}
	return nil
}
