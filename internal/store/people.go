package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"certibloc/internal/certif"
)

// CreateJuryMember adds a jury member.
func (s *Store) CreateJuryMember(ctx context.Context, actor Actor, m certif.JuryMember) (certif.JuryMember, error) {
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
	err := s.write(ctx, actor, func(tx *Tx) error {
		id, err := tx.insert(`INSERT INTO jury_members (first_name, last_name, email, roles, employer_id, qualifications, trained_on, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, m.FirstName, m.LastName, m.Email, strings.Join(roles, ","), nullID(m.EmployerID),
			strings.Join(m.Qualifications, ","), nullDate(m.TrainedOn), stamp(s.now()))
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
	err := r.Scan(&m.ID, &m.FirstName, &m.LastName, &m.Email, &roles, &m.EmployerID, &quals, &m.TrainedOn)
	for _, x := range splitList(roles) {
		m.Roles = append(m.Roles, certif.JuryRole(x))
	}
	m.Qualifications = splitList(quals)
	return m, err
}

// CreateCandidate adds a candidate for an employer after checking the identity.
func (s *Store) CreateCandidate(ctx context.Context, actor Actor, c certif.Candidate, today certif.Date) (certif.Candidate, error) {
	if err := c.Validate(today); err != nil {
		return c, err
	}
	c.BirthName = strings.TrimSpace(c.BirthName)
	c.UsageName = strings.TrimSpace(c.UsageName)
	c.BirthINSEE = strings.ToUpper(strings.TrimSpace(c.BirthINSEE))
	fn := append(append([]string(nil), c.FirstNames...), "", "", "")[:3]
	err := s.write(ctx, actor, func(tx *Tx) error {
		if err := tx.queryRow(`SELECT id FROM employers WHERE code = ?`, c.EmployerCode).Scan(&c.EmployerID); errors.Is(err, sql.ErrNoRows) {
			return &certif.Error{Code: certif.EInvalid, Message: "Employeur inconnu.", Fields: map[string]string{"employer": "Aucun employeur n'a le code " + c.EmployerCode + "."}}
		} else if err != nil {
			return err
		}
		now := stamp(s.now())
		id, err := tx.insert(`INSERT INTO candidates (employer_id, birth_name, usage_name, first_name1, first_name2, first_name3, sex, birth_date,
			birth_insee, birth_country, email, phone, search_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.EmployerID, c.BirthName, c.UsageName, fn[0], fn[1], fn[2], c.Sex, c.BirthDate, c.BirthINSEE, c.BirthCountry,
			NormalizeEmail(c.Email), c.Phone, certif.SearchKey(c.UsageName, c.BirthName, strings.Join(c.FirstNames, " ")), now, now)
		if err != nil {
			return err
		}
		c.ID = id
		return tx.audit(certif.AuditEvent{Entity: "candidate", EntityKey: idKey(id), Action: "create", After: c.PrintedName()})
	})
	return c, err
}

const candidateSelect = `SELECT c.id, c.employer_id, e.code, c.birth_name, c.usage_name, c.first_name1, c.first_name2, c.first_name3,
	c.sex, c.birth_date, c.birth_insee, c.birth_country, c.email, c.phone
	FROM candidates c JOIN employers e ON e.id = c.employer_id WHERE c.deleted_at IS NULL`

func scanCandidate(r *sql.Rows) (certif.Candidate, error) {
	var c certif.Candidate
	var f1, f2, f3 string
	err := r.Scan(&c.ID, &c.EmployerID, &c.EmployerCode, &c.BirthName, &c.UsageName, &f1, &f2, &f3,
		&c.Sex, &c.BirthDate, &c.BirthINSEE, &c.BirthCountry, &c.Email, &c.Phone)
	for _, f := range []string{f1, f2, f3} {
		if f != "" {
			c.FirstNames = append(c.FirstNames, f)
		}
	}
	return c, err
}

// Candidates lists candidates; employerID 0 lists every employer's (office and
// certifier only: callers pass the principal's employer otherwise).
func (s *Store) Candidates(ctx context.Context, employerID int64) ([]certif.Candidate, error) {
	rows, err := s.query(ctx, candidateSelect+` AND (? = 0 OR c.employer_id = ?) ORDER BY c.birth_name, c.first_name1`, employerID, employerID)
	return collect(rows, err, scanCandidate)
}

// Candidate returns one candidate, scoped to employerID when it is not 0: a
// candidate of another employer is not found.
func (s *Store) Candidate(ctx context.Context, id, employerID int64) (certif.Candidate, error) {
	rows, err := s.query(ctx, candidateSelect+` AND c.id = ? AND (? = 0 OR c.employer_id = ?)`, id, employerID, employerID)
	list, err := collect(rows, err, scanCandidate)
	if err == nil && len(list) == 0 {
		err = notFound("Candidat introuvable.")
	}
	if err != nil {
		return certif.Candidate{}, err
	}
	return list[0], nil
}

// CountCandidates counts live candidates (employerID 0: all).
func (s *Store) CountCandidates(ctx context.Context, employerID int64) (int, error) {
	var n int
	return n, s.queryRow(ctx, `SELECT COUNT(*) FROM candidates WHERE deleted_at IS NULL AND (? = 0 OR employer_id = ?)`, employerID, employerID).Scan(&n)
}
