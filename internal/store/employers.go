package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"certibloc/internal/certif"
)

// CreateEmployer adds an employer with its HR contacts.
func (s *Store) CreateEmployer(ctx context.Context, actor Actor, e certif.Employer) (certif.Employer, error) {
	branches, err := s.Branches(ctx)
	if err != nil {
		return e, err
	}
	e.Code = strings.ToUpper(strings.TrimSpace(e.Code))
	for i := range e.HREmails {
		e.HREmails[i] = NormalizeEmail(e.HREmails[i])
	}
	if err := e.Validate(branches); err != nil {
		return e, err
	}
	err = s.write(ctx, actor, func(tx *Tx) error {
		id, err := tx.insert(`INSERT INTO employers (code, name, type, branch_code, region, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			e.Code, e.Name, e.Type, e.Branch, e.Region, stamp(s.now()))
		if certif.ErrorCode(err) == certif.EConflict {
			return &certif.Error{Code: certif.EConflict, Message: "Un employeur porte déjà ce code.", Fields: map[string]string{"code": "Code déjà utilisé : " + e.Code + "."}}
		}
		if err != nil {
			return err
		}
		e.ID = id
		for i, m := range e.HREmails {
			if _, err := tx.exec(`INSERT INTO employer_contacts (employer_id, email, position) VALUES (?, ?, ?)`, id, m, i); err != nil {
				return err
			}
		}
		return tx.audit(certif.AuditEvent{Entity: "employer", EntityKey: e.Code, Action: "create", After: e.Name})
	})
	return e, err
}

const employerSelect = `SELECT id, code, name, type, branch_code, region FROM employers`

// Employers lists every employer, by code.
func (s *Store) Employers(ctx context.Context) ([]certif.Employer, error) {
	rows, err := s.query(ctx, employerSelect+` ORDER BY code`)
	list, err := collect(rows, err, func(r *sql.Rows) (certif.Employer, error) {
		var e certif.Employer
		return e, r.Scan(&e.ID, &e.Code, &e.Name, &e.Type, &e.Branch, &e.Region)
	})
	if err != nil {
		return nil, err
	}
	contacts, err := s.employerContacts(ctx, 0)
	for i := range list {
		list[i].HREmails = contacts[list[i].ID]
	}
	return list, err
}

// EmployerByCode returns one employer.
func (s *Store) EmployerByCode(ctx context.Context, code string) (certif.Employer, error) {
	var e certif.Employer
	err := s.queryRow(ctx, employerSelect+` WHERE code = ?`, strings.ToUpper(code)).Scan(&e.ID, &e.Code, &e.Name, &e.Type, &e.Branch, &e.Region)
	if errors.Is(err, sql.ErrNoRows) {
		return e, notFound("Employeur %s introuvable.", code)
	}
	if err != nil {
		return e, err
	}
	contacts, err := s.employerContacts(ctx, e.ID)
	e.HREmails = contacts[e.ID]
	return e, err
}

// employerContacts returns HR emails by employer id (one employer, or all when id is 0).
func (s *Store) employerContacts(ctx context.Context, id int64) (map[int64][]string, error) {
	rows, err := s.query(ctx, `SELECT employer_id, email FROM employer_contacts WHERE ? = 0 OR employer_id = ? ORDER BY employer_id, position`, id, id)
	type pair struct {
		id    int64
		email string
	}
	pairs, err := collect(rows, err, func(r *sql.Rows) (pair, error) {
		var p pair
		return p, r.Scan(&p.id, &p.email)
	})
	out := map[int64][]string{}
	for _, p := range pairs {
		out[p.id] = append(out[p.id], p.email)
	}
	return out, err
}

// CountEmployers counts employers (home pages, demo checks).
func (s *Store) CountEmployers(ctx context.Context) (int, error) {
	var n int
	return n, s.queryRow(ctx, `SELECT COUNT(*) FROM employers`).Scan(&n)
}
