package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"certibloc/internal/certif"
)

const windowSelect = `SELECT id, opens_on, closes_on, COALESCE(qualification_code, ''), period, label FROM registration_windows`

func scanWindow(r *sql.Rows) (certif.RegistrationWindow, error) {
	var w certif.RegistrationWindow
	var period string
	err := r.Scan(&w.ID, dateCol{&w.Opens}, dateCol{&w.Closes}, &w.Qualification, &period, &w.Label)
	if period != "" {
		w.Period, _ = certif.ParseMonth(period)
	}
	return w, err
}

// RegistrationWindows lists the registration windows (R1), by opening date;
// none means certification runs all year round.
func (s *Store) RegistrationWindows(ctx context.Context) (certif.Windows, error) {
	return keptList(s, "RegistrationWindows", func() (certif.Windows, error) {
		rows, err := s.query(ctx, windowSelect+` ORDER BY opens_on, id`)
		return collect(rows, err, scanWindow)
	}, nil)
}

// readRegistrationWindows reads the windows on query (a transaction's, or
// the readers': RegistrationWindows keeps its list between changes).
func readRegistrationWindows(query querier) (certif.Windows, error) {
	rows, err := query(windowSelect + ` ORDER BY opens_on, id`)
	return collect(rows, err, scanWindow)
}

func windowFields(w certif.RegistrationWindow) map[string]string {
	return map[string]string{"opens": w.Opens.French(), "closes": w.Closes.French(), "qualification": w.Qualification,
		"period": w.Period.String(), "label": w.Label}
}

// SaveRegistrationWindow creates a window (ID 0) or changes one (office);
// every change is traced.
func (s *Store) SaveRegistrationWindow(ctx context.Context, by Caller, w certif.RegistrationWindow) (certif.RegistrationWindow, error) {
	w.Qualification = strings.ToUpper(strings.TrimSpace(w.Qualification))
	w.Label = strings.TrimSpace(w.Label)
	if err := w.Validate(); err != nil {
		return w, err
	}
	if w.Qualification != "" {
		if _, err := s.Qualification(ctx, w.Qualification); err != nil {
			return w, &certif.Error{Code: certif.EInvalid, Message: "Certification inconnue.", Fields: map[string]string{"qualification": "Choisissez un CQP du référentiel, ou aucun pour toutes les certifications."}}
		}
	}
	var qual any
	if w.Qualification != "" {
		qual = w.Qualification
	}
	err := s.write(ctx, by.Actor, func(tx *Tx) error {
		if w.ID == 0 {
			id, err := tx.insert(`INSERT INTO registration_windows (opens_on, closes_on, qualification_code, period, label, created_at, created_by)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, w.Opens, w.Closes, qual, w.Period.String(), w.Label, stamp(s.now()), by.Actor.Email)
			w.ID = id
			if err != nil {
				return err
			}
			return tx.audit(certif.AuditEvent{Entity: "registration_window", EntityKey: idKey(id), Action: "create", After: windowText(w)})
		}
		rows, err := tx.query(windowSelect+` WHERE id = ?`, w.ID)
		old, err := collect(rows, err, scanWindow)
		if err == nil && len(old) == 0 {
			err = notFound("Fenêtre d'inscription introuvable.")
		}
		if err != nil {
			return err
		}
		if _, err := tx.exec(`UPDATE registration_windows SET opens_on = ?, closes_on = ?, qualification_code = ?, period = ?, label = ? WHERE id = ?`,
			w.Opens, w.Closes, qual, w.Period.String(), w.Label, w.ID); err != nil {
			return err
		}
		return tx.auditChanges("registration_window", idKey(w.ID), windowFields(old[0]), windowFields(w), "")
	})
	return w, err
}

// DeleteRegistrationWindow removes a window (office), traced with its reason.
func (s *Store) DeleteRegistrationWindow(ctx context.Context, by Caller, id int64) error {
	return s.write(ctx, by.Actor, func(tx *Tx) error {
		rows, err := tx.query(windowSelect+` WHERE id = ?`, id)
		old, err := collect(rows, err, scanWindow)
		if err == nil && len(old) == 0 {
			err = notFound("Fenêtre d'inscription introuvable.")
		}
		if err != nil {
			return err
		}
		if _, err := tx.exec(`DELETE FROM registration_windows WHERE id = ?`, id); err != nil {
			return err
		}
		return tx.audit(certif.AuditEvent{Entity: "registration_window", EntityKey: idKey(id), Action: "delete", Before: windowText(old[0]), Reason: strings.TrimSpace(by.Reason)})
	})
}

// windowText describes a window in the audit trail.
func windowText(w certif.RegistrationWindow) string {
	s := fmt.Sprintf("du %s au %s, %s", w.Opens.French(), w.Closes.French(), w.Scope())
	if w.Label != "" {
		s += " (" + w.Label + ")"
	}
	return s
}

// traceOutsideWindow records that the office registered, changed or deleted
// a registration outside the window that governs it (R1).
func (tx *Tx) traceOutsideWindow(regID, candidateID int64, action string, periods []certif.Month) error {
	return tx.audit(outsideWindowEvent(regID, candidateID, action, periods))
}

// outsideWindowEvent is the audit event of an office action outside a window (R1).
func outsideWindowEvent(regID, candidateID int64, action string, periods []certif.Month) certif.AuditEvent {
	var ps []string
	for _, p := range periods {
		ps = append(ps, p.French())
	}
	return certif.AuditEvent{Entity: "registration", EntityKey: idKey(regID), Action: "outside_window", CandidateID: candidateID,
		Field: action, After: strings.Join(ps, ", "), Reason: "Hors de la fenêtre d'inscription : action réservée à l'équipe des examens."}
}

// officeOutsideWindow reports whether the office acts outside a window that
// governs some of the periods.
func officeOutsideWindow(ws certif.Windows, by Caller, qual string, periods []certif.Month) bool {
	if by.Role != certif.RoleOffice {
		return false
	}
	outside, _ := ws.Check(true, qual, periods, by.Today)
	return outside
}
