package store

import (
	"context"
	"database/sql"
	"strings"

	"certibloc/internal/accrochage"
	"certibloc/internal/certif"
)

// RNCPRegistrations lists every qualification's RNCP registrations with their
// validity dates, by qualification code, in order of their first day.
func (s *Store) RNCPRegistrations(ctx context.Context) (map[string][]accrochage.Registration, error) {
	return readRNCPRegistrations(s.reader(ctx))
}

// SaveRNCPRegistrations replaces the RNCP registrations of a qualification
// (the office enters a renewal under its new number), traced.
func (s *Store) SaveRNCPRegistrations(ctx context.Context, by Caller, qual string, regs []accrochage.Registration) error {
	return s.saveRNCPRegistrations(ctx, by, qual, nil, regs)
}

// ReviseRNCPRegistrations is SaveRNCPRegistrations for an editor who read the
// registrations at version read (RNCPVersion): when someone changed them
// since, the edit is refused (EStale) and nothing is written.
func (s *Store) ReviseRNCPRegistrations(ctx context.Context, by Caller, qual, read string, regs []accrochage.Registration) error {
	return s.saveRNCPRegistrations(ctx, by, qual, &read, regs)
}

// RNCPVersion is the version of a qualification's registrations an editor
// reads: their text, as the audit trail shows it.
func RNCPVersion(regs []accrochage.Registration) string { return registrationsText(regs) }

var staleRNCP = certif.Errorf(certif.EStale, "Les enregistrements RNCP de cette certification ont été modifiés par quelqu'un d'autre depuis que vous avez ouvert la page : rechargez-la, puis refaites votre modification.")

func (s *Store) saveRNCPRegistrations(ctx context.Context, by Caller, qual string, read *string, regs []accrochage.Registration) error {
	regs, problems := accrochage.CheckRegistrations(regs)
	if len(problems) > 0 {
		return &certif.Error{Code: certif.EInvalid, Message: "Enregistrements RNCP refusés : " + strings.Join(problems, " ; ") + ".",
			Fields: map[string]string{"rncp": strings.Join(problems, " ; ")}}
	}
	return s.write(ctx, by.Actor, func(tx *Tx) error {
		var n int
		if err := tx.queryRow(`SELECT COUNT(*) FROM qualifications WHERE code = ?`, qual).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return notFound("Certification %s introuvable.", qual)
		}
		rows, err := tx.query(`SELECT number, registered_on, ends_on FROM rncp_registrations WHERE qualification_code = ? ORDER BY COALESCE(registered_on, ''), number`, qual)
		old, err := collect(rows, err, func(r *sql.Rows) (accrochage.Registration, error) {
			var reg accrochage.Registration
			return reg, r.Scan(&reg.Code, dateCol{&reg.From}, dateCol{&reg.Until})
		})
		if err != nil {
			return err
		}
		before, after := registrationsText(old), registrationsText(regs)
		if read != nil && *read != before {
			return staleRNCP
		}
		if before == after {
			return nil
		}
		if _, err := tx.exec(`DELETE FROM rncp_registrations WHERE qualification_code = ?`, qual); err != nil {
			return err
		}
		var values [][]any
		for _, r := range regs {
			values = append(values, []any{qual, r.Code, r.From, r.Until})
		}
		if err := tx.insertRows("rncp_registrations", []string{"qualification_code", "number", "registered_on", "ends_on"}, values); err != nil {
			return err
		}
		return tx.audit(certif.AuditEvent{Entity: "qualification", EntityKey: qual, Action: "update", Field: "rncp_registrations",
			Before: before, After: after, Reason: by.Reason})
	})
}

// registrationsText is a list of registrations as the audit trail shows it.
func registrationsText(regs []accrochage.Registration) string {
	parts := make([]string, len(regs))
	for i, r := range regs {
		parts[i] = r.Code + " (" + r.Period() + ")"
	}
	return strings.Join(parts, ", ")
}
