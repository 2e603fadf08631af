package store

import (
	"context"
	"database/sql"
	"strings"

	"certibloc/internal/certif"
)

// CreateJuryMember adds a jury member.
func (s *Store) CreateJuryMember(ctx context.Context, by Caller, m certif.JuryMember) (certif.JuryMember, error) {
	var v certif.Validation
	if !certif.ValidName(m.FirstName) {
		v.Add("first_name", "Prénom obligatoire : lettres, espaces, traits d'union et apostrophes.")
	}
	if !certif.ValidName(m.LastName) {
		v.Add("last_name", "Nom obligatoire : lettres, espaces, traits d'union et apostrophes.")
	}
	m.Email = NormalizeEmail(m.Email)
	if !certif.ValidEmail(m.Email) {
		v.Add("email", "Adresse électronique invalide.")
	}
	if len(m.Roles) == 0 {
		v.Add("roles", "Choisissez au moins un rôle de jury.")
	}
	if err := v.Err(); err != nil {
		return m, err
	}
	roles := make([]string, len(m.Roles))
	for i, r := range m.Roles {
		roles[i] = string(r)
	}
	err := s.write(ctx, by.Actor, func(tx *Tx) error {
		id, err := tx.insert(`INSERT INTO jury_members (first_name, last_name, email, roles, employer_id, qualifications, trained_on, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, m.FirstName, m.LastName, m.Email, strings.Join(roles, ","), nullID(m.EmployerID),
			strings.Join(m.Qualifications, ","), m.TrainedOn, stamp(s.now()))
		if err != nil {
			return err
		}
		m.ID = id
		return tx.audit(certif.AuditEvent{Entity: "jury_member", EntityKey: m.Email, Action: "create", After: m.FirstName + " " + m.LastName})
	})
	return m, err
}

// JuryMembers lists the jury members by name.
func (s *Store) JuryMembers(ctx context.Context) ([]certif.JuryMember, error) {
	rows, err := s.query(ctx, `SELECT id, first_name, last_name, email, roles, COALESCE(employer_id, 0), qualifications, trained_on
		FROM jury_members ORDER BY last_name, first_name`)
	return collect(rows, err, scanJuryMember)
}

// JuryMember returns one jury member.
func (s *Store) JuryMember(ctx context.Context, id int64) (certif.JuryMember, error) {
	rows, err := s.query(ctx, `SELECT id, first_name, last_name, email, roles, COALESCE(employer_id, 0), qualifications, trained_on
		FROM jury_members WHERE id = ?`, id)
	list, err := collect(rows, err, scanJuryMember)
	if err == nil && len(list) == 0 {
		err = notFound("Membre de jury introuvable.")
	}
	if err != nil {
		return certif.JuryMember{}, err
	}
	return list[0], nil
}

func scanJuryMember(r *sql.Rows) (certif.JuryMember, error) {
	var m certif.JuryMember
	var roles, quals string
	err := r.Scan(&m.ID, &m.FirstName, &m.LastName, &m.Email, &roles, &m.EmployerID, &quals, dateCol{&m.TrainedOn})
	for _, x := range splitList(roles) {
		m.Roles = append(m.Roles, certif.JuryRole(x))
	}
	m.Qualifications = splitList(quals)
	return m, err
}
