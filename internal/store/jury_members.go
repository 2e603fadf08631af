package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"certibloc/internal/certif"
)

const juryMemberSelect = `SELECT m.id, m.first_name, m.last_name, m.email, m.phone, m.roles, COALESCE(m.employer_id, 0), COALESCE(e.code, ''),
	m.organisation, m.branch_code, m.qualifications, m.trained_on, m.max_sessions, m.status, COALESCE(m.proposed_by, 0), COALESCE(m.proposed_by_fund, ''), m.decision_reason, m.version
	FROM jury_members m LEFT JOIN employers e ON e.id = m.employer_id WHERE 1 = 1`

func scanJuryMember(r *sql.Rows) (certif.JuryMember, error) {
	var m certif.JuryMember
	var roles, quals, status string
	err := r.Scan(&m.ID, &m.FirstName, &m.LastName, &m.Email, &m.Phone, &roles, &m.EmployerID, &m.EmployerCode, &m.Organisation, &m.Branch,
		&quals, dateCol{&m.TrainedOn}, &m.MaxSessions, &status, &m.ProposedBy, &m.ProposedByFund, &m.DecisionReason, &m.Version)
	for _, x := range splitList(roles) {
		m.Roles = append(m.Roles, certif.JuryRole(x))
	}
	m.Qualifications, m.Status = splitList(quals), certif.MemberStatus(status)
	return m, err
}

// JuryMemberFilter selects members of the pool.
type JuryMemberFilter struct {
	Scope         Scope
	Status        certif.MemberStatus // "" for every status
	Qualification string              // experts of that CQP
}

// JuryMembers lists the members of the pool by name. An employer sees the
// members it sends or proposed; a jury member, themself; a national fund,
// the members of its branch.
func (s *Store) JuryMembers(ctx context.Context, f JuryMemberFilter) ([]certif.JuryMember, error) {
	where, args := f.Scope.juryMemberRows()
	if f.Status != "" {
		where, args = where+` AND m.status = ?`, append(args, string(f.Status))
	}
	rows, err := s.query(ctx, juryMemberSelect+where+` ORDER BY m.last_name, m.first_name, m.id`, args...)
	list, err := collect(rows, err, scanJuryMember)
	if f.Qualification != "" {
		list = slices.DeleteFunc(list, func(m certif.JuryMember) bool { return !slices.Contains(m.Qualifications, f.Qualification) })
	}
	return list, err
}

// JuryMember returns one member of the pool, in the scope.
func (s *Store) JuryMember(ctx context.Context, id int64, sc Scope) (certif.JuryMember, error) {
	where, args := sc.juryMemberRows()
	rows, err := s.query(ctx, juryMemberSelect+` AND m.id = ?`+where, append([]any{id}, args...)...)
	list, err := collect(rows, err, scanJuryMember)
	if err == nil && len(list) == 0 {
		err = notFound("Membre de jury introuvable.")
	}
	if err != nil {
		return certif.JuryMember{}, err
	}
	return list[0], nil
}

// CreateJuryMember adds an active member to the pool (the office, the demo).
func (s *Store) CreateJuryMember(ctx context.Context, by Caller, m certif.JuryMember) (certif.JuryMember, error) {
	m.ID, m.Status = 0, certif.MemberActive
	return s.SaveJuryMember(ctx, by, m, 0)
}

// ProposeJuryMember records a member the caller proposes: it waits for the
// office's decision (DecideJuryMember) and sits only once accepted. An
// employer proposes an expert of its own (R14: employers are expected to
// provide experts); a national fund, a member of its branch, sent by an
// employer of that branch or by none (then the fund's own).
func (s *Store) ProposeJuryMember(ctx context.Context, by Caller, m certif.JuryMember) (certif.JuryMember, error) {
	m.ID, m.Status, m.ProposedBy, m.ProposedByFund = 0, certif.MemberProposed, 0, ""
	switch sc := by.Scope; {
	case sc.EmployerID != 0:
		m.EmployerID, m.ProposedBy, m.Organisation = sc.EmployerID, sc.EmployerID, ""
	case sc.Branch != "":
		fund, _ := certif.NationalFundOf(sc.Branch)
		m.ProposedByFund, m.Branch = sc.Branch, sc.Branch
		if slices.Contains(m.Roles, certif.JuryCertifierRep) {
			return m, &certif.Error{Code: certif.EInvalid, Message: "Rôle de jury non proposable.",
				Fields: map[string]string{"roles": "Une caisse nationale propose des experts métier et des représentants de branche."}}
		}
		if err := s.employerOfBranch(ctx, m.EmployerID, fund); err != nil {
			return m, err
		}
		if m.EmployerID != 0 {
			m.Organisation = ""
		} else if strings.TrimSpace(m.Organisation) == "" {
			m.Organisation = fund.Name
		}
	default:
		return m, certif.Errorf(certif.EForbidden, "Seuls un employeur et une caisse nationale proposent des membres de jury.")
	}
	return s.SaveJuryMember(ctx, by, m, 0)
}

// employerOfBranch checks that a national fund's proposal names an employer
// of its branch, or none.
func (s *Store) employerOfBranch(ctx context.Context, employerID int64, fund certif.NationalFund) error {
	if employerID == 0 {
		return nil
	}
	var branch string
	err := s.queryRow(ctx, `SELECT branch_code FROM employers WHERE id = ?`, employerID).Scan(&branch)
	if err != nil || branch != fund.Branch {
		return &certif.Error{Code: certif.EInvalid, Message: "Employeur hors de la branche.",
			Fields: map[string]string{"employer": "Choisissez un employeur de la branche de " + fund.The() + ", ou aucun."}}
	}
	return nil
}

// SaveJuryMember creates a member (ID 0) or changes one: version is the one
// the editor read (0: no check), a stale edit is refused (EStale); every
// change is traced. A member's branch defaults to its employer's.
func (s *Store) SaveJuryMember(ctx context.Context, by Caller, m certif.JuryMember, version int) (certif.JuryMember, error) {
	normalizeJuryMember(&m)
	err := s.write(ctx, by.Actor, func(tx *Tx) error {
		if m.EmployerID != 0 && m.Branch == "" {
			if err := tx.queryRow(`SELECT branch_code FROM employers WHERE id = ?`, m.EmployerID).Scan(&m.Branch); err != nil {
				return certif.Errorf(certif.EInvalid, "Employeur inconnu.")
			}
		}
		if err := m.Validate(); err != nil {
			return err
		}
		if m.ID == 0 {
			id, err := tx.insert(`INSERT INTO jury_members (`+strings.Join(juryMemberColumns, ", ")+`, created_at) VALUES `+inList(len(juryMemberColumns)+1),
				append(juryMemberRow(m), stamp(s.now()))...)
			if err != nil {
				return err
			}
			m.ID, m.Version = id, 1
			return tx.audit(certif.AuditEvent{Entity: "jury_member", EntityKey: idKey(id), Action: "create", After: m.Name() + ", " + m.Status.Label()})
		}
		rows, err := tx.query(juryMemberSelect+` AND m.id = ?`+tx.s.dialect.forUpdate("m"), m.ID)
		old, err := collect(rows, err, scanJuryMember)
		switch {
		case err != nil:
			return err
		case len(old) == 0:
			return notFound("Membre de jury introuvable.")
		case version != 0 && version != old[0].Version:
			return certif.Errorf(certif.EStale, "Cette fiche a été modifiée par quelqu'un d'autre depuis que vous l'avez ouverte : rechargez-la, puis refaites votre modification.")
		}
		set := strings.Join(juryMemberColumns, " = ?, ") + " = ?"
		if _, err := tx.exec(`UPDATE jury_members SET `+set+`, version = version + 1 WHERE id = ?`, append(juryMemberRow(m), m.ID)...); err != nil {
			return err
		}
		m.Version = old[0].Version + 1
		return tx.auditChanges("jury_member", idKey(m.ID), juryMemberFields(old[0]), juryMemberFields(m), "")
	})
	return m, err
}

// DecideJuryMember accepts or declines a proposal (office),
// with the reason of a refusal; traced.
func (s *Store) DecideJuryMember(ctx context.Context, by Caller, id int64, accept bool, reason string) (certif.JuryMember, error) {
	reason = strings.TrimSpace(reason)
	if !accept && reason == "" {
		return certif.JuryMember{}, &certif.Error{Code: certif.EInvalid, Message: "Motif obligatoire.", Fields: map[string]string{"reason": "Dites pourquoi ce membre n'est pas retenu : le motif est gardé sur sa fiche, que voit qui l'a proposé."}}
	}
	m, err := s.JuryMember(ctx, id, All)
	if err != nil {
		return m, err
	}
	if m.Status != certif.MemberProposed {
		return m, certif.Errorf(certif.EConflict, "%s n'est pas une proposition en attente (%s).", m.Name(), strings.ToLower(m.Status.Label()))
	}
	m.Status, m.DecisionReason = certif.MemberDeclined, reason
	if accept {
		m.Status = certif.MemberActive
	}
	return s.SaveJuryMember(ctx, by, m, m.Version)
}

var juryMemberColumns = []string{"first_name", "last_name", "email", "phone", "roles", "employer_id", "organisation", "branch_code", "qualifications",
	"trained_on", "max_sessions", "status", "proposed_by", "proposed_by_fund", "decision_reason"}

func juryMemberRow(m certif.JuryMember) []any {
	roles := make([]string, len(m.Roles))
	for i, r := range m.Roles {
		roles[i] = string(r)
	}
	return []any{m.FirstName, m.LastName, m.Email, m.Phone, strings.Join(roles, ","), nullID(m.EmployerID), m.Organisation, m.Branch,
		strings.Join(m.Qualifications, ","), m.TrainedOn, m.MaxSessions, string(m.Status), nullID(m.ProposedBy), nullText(m.ProposedByFund), m.DecisionReason}
}

// juryMemberFields flattens a member for the audit trail.
func juryMemberFields(m certif.JuryMember) map[string]string {
	roles := make([]string, len(m.Roles))
	for i, r := range m.Roles {
		roles[i] = r.Label()
	}
	return map[string]string{"first_name": m.FirstName, "last_name": m.LastName, "email": m.Email, "phone": m.Phone, "roles": strings.Join(roles, ", "),
		"employer": m.EmployerCode, "organisation": m.Organisation, "branch": m.Branch, "qualifications": strings.Join(m.Qualifications, ", "),
		"trained_on": m.TrainedOn.French(), "max_sessions": strconv.Itoa(m.MaxSessions), "status": m.Status.Label(), "decision_reason": m.DecisionReason}
}

func normalizeJuryMember(m *certif.JuryMember) {
	m.FirstName, m.LastName = strings.Join(strings.Fields(m.FirstName), " "), strings.Join(strings.Fields(m.LastName), " ")
	m.Email, m.Phone = NormalizeEmail(m.Email), strings.TrimSpace(m.Phone)
	m.Organisation, m.Branch = strings.TrimSpace(m.Organisation), strings.TrimSpace(m.Branch)
	for i, q := range m.Qualifications {
		m.Qualifications[i] = strings.ToUpper(strings.TrimSpace(q))
	}
	m.Qualifications = slices.Compact(slices.Sorted(slices.Values(m.Qualifications)))
	if m.MaxSessions == 0 {
		m.MaxSessions = certif.DefaultMaxSessions
	}
}

// SetAvailability replaces a member's availability from from to to (both
// included) with halves, which must lie in that range: the member themself
// (scope) or the office; traced as one event.
func (s *Store) SetAvailability(ctx context.Context, by Caller, memberID int64, from, to certif.Date, halves []certif.HalfDay) error {
	m, err := s.JuryMember(ctx, memberID, by.Scope)
	if err != nil {
		return err
	}
	if to.Before(from) {
		return certif.Errorf(certif.EInvalid, "Période de disponibilités invalide : le %s est avant le %s.", to.French(), from.French())
	}
	if !by.Today.IsZero() && from.Before(by.Today) {
		from = by.Today // the past stays as it was: what was declared then
	}
	if to.Before(from) {
		return certif.Errorf(certif.EInvalid, "Période passée : les disponibilités se déclarent à partir d'aujourd'hui.")
	}
	seen := map[certif.HalfDay]bool{}
	var rows [][]any
	for _, h := range halves {
		if !by.Today.IsZero() && h.Day.Before(by.Today) {
			return certif.Errorf(certif.EInvalid, "La demi-journée du %s est passée : les disponibilités se déclarent à partir d'aujourd'hui.", h.French())
		}
		if h.Day.Before(from) || h.Day.After(to) {
			return certif.Errorf(certif.EInvalid, "La demi-journée du %s est hors de la période du %s au %s.", h.French(), from.French(), to.French())
		}
		if !seen[h] {
			seen[h] = true
			rows = append(rows, []any{m.ID, h.Day, string(h.Half)})
		}
	}
	return s.write(ctx, by.Actor, func(tx *Tx) error {
		if _, err := tx.exec(`DELETE FROM jury_availability WHERE member_id = ? AND day >= ? AND day <= ?`, m.ID, from, to); err != nil {
			return err
		}
		if err := tx.insertRows("jury_availability", []string{"member_id", "day", "half"}, rows); err != nil {
			return err
		}
		if err := tx.markAnswered(m.ID, from, to); err != nil {
			return err
		}
		return tx.audit(certif.AuditEvent{Entity: "jury_member", EntityKey: idKey(m.ID), Action: "availability",
			After: fmt.Sprintf("du %s au %s : %s", from.French(), to.French(), certif.Count(len(rows), "demi-journée disponible", "demi-journées disponibles"))})
	})
}

// Availability lists a member's available half-days from from to to, in order.
func (s *Store) Availability(ctx context.Context, memberID int64, from, to certif.Date, sc Scope) ([]certif.HalfDay, error) {
	if _, err := s.JuryMember(ctx, memberID, sc); err != nil {
		return nil, err
	}
	rows, err := s.query(ctx, `SELECT day, half FROM jury_availability WHERE member_id = ? AND day >= ? AND day <= ? ORDER BY day, half`, memberID, from, to)
	return collect(rows, err, func(r *sql.Rows) (certif.HalfDay, error) {
		var h certif.HalfDay
		err := r.Scan(dateCol{&h.Day}, &h.Half)
		return h, err
	})
}
