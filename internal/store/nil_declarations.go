package store

import (
	"context"
	"database/sql"

	"certibloc/internal/certif"
)

// DeclareNil records that an employer presents nobody for a certification
// period ("néant", R17).
func (s *Store) DeclareNil(ctx context.Context, by Caller, employerCode string, period certif.Month) (certif.NilDeclaration, error) {
	d := certif.NilDeclaration{EmployerCode: employerCode, Period: period, DeclaredBy: by.Actor.Email}
	if err := by.dated(); err != nil {
		return d, err
	}
	e, err := s.EmployerByCode(ctx, employerCode)
	if err != nil {
		return d, err
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return d, err
	}
	err = s.write(ctx, by.Actor, func(tx *Tx) error {
		var registered int
		if err := tx.queryRow(`SELECT COUNT(DISTINCT r.candidate_id) FROM registrations r JOIN block_attempts a ON a.registration_id = r.id
			WHERE r.employer_id = ? AND r.deleted_at IS NULL AND a.period = ? AND a.status <> ?`, e.ID, period.String(), string(certif.AttemptWithdrawn)).Scan(&registered); err != nil {
			return err
		}
		if err := certif.CheckNilDeclaration(period, by.Today, registered, cal); err != nil {
			return err
		}
		now := s.now()
		var lapsed sql.NullString
		err := tx.queryRow(`SELECT lapsed_at FROM nil_declarations WHERE employer_id = ? AND period = ?`, e.ID, period.String()).Scan(&lapsed)
		switch {
		case err == nil && !lapsed.Valid:
			return &certif.Error{Code: certif.EConflict, Message: "La déclaration « néant » pour " + period.French() + " est déjà enregistrée.",
				Fields: map[string]string{"period": "Déjà déclarée."}}
		case err == nil:
			if _, err := tx.exec(`UPDATE nil_declarations SET declared_at = ?, declared_by = ?, lapsed_at = NULL WHERE employer_id = ? AND period = ?`,
				stamp(now), by.Actor.Email, e.ID, period.String()); err != nil {
				return err
			}
		case isMissing(err):
			if _, err := tx.exec(`INSERT INTO nil_declarations (employer_id, period, declared_at, declared_by) VALUES (?, ?, ?, ?)`,
				e.ID, period.String(), stamp(now), by.Actor.Email); err != nil {
				return err
			}
		default:
			return err
		}
		d.DeclaredAt = now
		return tx.audit(certif.AuditEvent{Entity: "employer", EntityKey: e.Code, Action: "nil_declaration", After: period.String()})
	})
	return d, err
}

// NilDeclarations lists the "néant" declarations in a scope, newest period first.
func (s *Store) NilDeclarations(ctx context.Context, sc Scope) ([]certif.NilDeclaration, error) {
	where, args := sc.employerRows("n")
	rows, err := s.query(ctx, `SELECT e.code, n.period, n.declared_at, n.declared_by, n.lapsed_at IS NOT NULL FROM nil_declarations n
		JOIN employers e ON e.id = n.employer_id WHERE 1 = 1`+where+` ORDER BY n.period DESC, e.code`, args...)
	return collect(rows, err, func(r *sql.Rows) (certif.NilDeclaration, error) {
		var d certif.NilDeclaration
		var period string
		var at sql.NullString
		err := r.Scan(&d.EmployerCode, &period, &at, &d.DeclaredBy, &d.Lapsed)
		d.Period, _ = certif.ParseMonth(period)
		d.DeclaredAt = parseStamp(at)
		return d, err
	})
}

func isMissing(err error) bool { return err == sql.ErrNoRows }
