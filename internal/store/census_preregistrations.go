package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"certibloc/internal/census"
	"certibloc/internal/certif"
)

// preRegistrationFrom joins a pre-registration to its candidate (c) and the
// candidate's employer (e). The scope is the candidate's employer, like a
// registration's: a candidate moved to another employer takes it along, and
// a candidate merged into another (MergeCandidates) hands it over.
const preRegistrationFrom = ` FROM pre_registrations p JOIN candidates c0 ON c0.id = p.candidate_id
	JOIN candidates c ON c.id = COALESCE(c0.merged_into, c0.id) JOIN employers e ON e.id = c.employer_id WHERE c.deleted_at IS NULL`

const preRegistrationSelect = `SELECT p.id, p.census_import_id, p.line, c.id, c.employer_id, e.code, p.qualification_code, COALESCE(p.programme_code, ''), p.blocks,
	p.path_start, p.path_end, p.contract, p.status, p.created_at, p.decided_at, p.decided_by, COALESCE(p.registration_id, 0), p.decline_reason,
	c.birth_name, c.usage_name, c.first_name1, c.birth_date, c.sex` + preRegistrationFrom

func scanPreRegistration(r *sql.Rows) (census.PreRegistration, error) {
	var p census.PreRegistration
	var blocks, contract, status, birth, usage, first, sex string
	var created, decided sql.NullString
	var birthDate certif.Date
	err := r.Scan(&p.ID, &p.CensusID, &p.Line, &p.CandidateID, &p.EmployerID, &p.EmployerCode, &p.Qualification, &p.Programme, &blocks,
		dateCol{&p.PathStart}, dateCol{&p.PathEnd}, &contract, &status, &created, &decided, &p.DecidedBy, &p.RegistrationID, &p.DeclineReason,
		&birth, &usage, &first, dateCol{&birthDate}, &sex)
	for _, b := range strings.Split(blocks, ",") {
		if n, err := strconv.Atoi(b); err == nil {
			p.Blocks = append(p.Blocks, n)
		}
	}
	p.Contract, p.Status = certif.Contract(contract), census.Status(status)
	p.CreatedAt, p.DecidedAt = parseStamp(created), parseStamp(decided)
	p.Candidate = certif.PrintedIdentity(sex, birth, usage, first, birthDate)
	return p, err
}

// PreRegistrationFilter selects pre-registrations; empty fields match everything.
type PreRegistrationFilter struct {
	Scope    Scope
	Status   census.Status
	Employer string // employer code (office and certifier)
	Page     int    // from 1
	PerPage  int
}

// PreRegistrations lists pre-registrations in a scope, pending first then by
// path end and name, with the total count; ConfirmBy is set (R6).
func (s *Store) PreRegistrations(ctx context.Context, f PreRegistrationFilter) ([]census.PreRegistration, int, error) {
	where, args := f.Scope.candidateRows("c")
	if f.Status != "" {
		where += ` AND p.status = ?`
		args = append(args, string(f.Status))
	}
	if f.Employer != "" {
		where += ` AND e.code = ?`
		args = append(args, strings.ToUpper(f.Employer))
	}
	total, err := s.count(ctx, `SELECT COUNT(*)`+preRegistrationFrom+where, args...)
	if err != nil {
		return nil, 0, err
	}
	limit, offset := paging(f.Page, f.PerPage)
	rows, err := s.query(ctx, preRegistrationSelect+where+fmt.Sprintf(` ORDER BY CASE p.status WHEN 'pending' THEN 0 ELSE 1 END, p.path_end, c.birth_name, p.id LIMIT %d OFFSET %d`, limit, offset), args...)
	list, err := collect(rows, err, scanPreRegistration)
	if err != nil {
		return nil, 0, err
	}
	return list, total, s.setConfirmBy(ctx, list)
}

// PreRegistration returns one pre-registration in a scope: one of another
// employer's candidate is not found.
func (s *Store) PreRegistration(ctx context.Context, id int64, sc Scope) (census.PreRegistration, error) {
	where, args := sc.candidateRows("c")
	rows, err := s.query(ctx, preRegistrationSelect+` AND p.id = ?`+where, append([]any{id}, args...)...)
	list, err := collect(rows, err, scanPreRegistration)
	if err == nil && len(list) == 0 {
		err = notFound("Pré-inscription introuvable.")
	}
	if err != nil {
		return census.PreRegistration{}, err
	}
	return list[0], s.setConfirmBy(ctx, list)
}

func (s *Store) setConfirmBy(ctx context.Context, list []census.PreRegistration) error {
	if len(list) == 0 {
		return nil
	}
	cal, err := s.Calendar(ctx)
	for i := range list {
		list[i].ConfirmBy = census.ConfirmBy(list[i].PathEnd, cal)
	}
	return err
}

// CountPendingPreRegistrations counts the pre-registrations waiting for their
// employer in a scope.
func (s *Store) CountPendingPreRegistrations(ctx context.Context, sc Scope) (int, error) {
	_, n, err := s.PreRegistrations(ctx, PreRegistrationFilter{Scope: sc, Status: census.Pending, PerPage: 1})
	return n, err
}

// ConfirmPreRegistration turns a pre-registration into a registration (the
// employer, or the office for it): as proposed when req is nil, or as
// corrected. It goes through every rule of a registration (R2, R3, R6, R15,
// R19, R1) on the day of the confirmation, which becomes the registration
// date; the office may override R6 with a reason, as for any registration.
func (s *Store) ConfirmPreRegistration(ctx context.Context, by Caller, id int64, req *certif.RegistrationRequest) (certif.Registration, error) {
	var reg certif.Registration
	if err := by.dated(); err != nil {
		return reg, err
	}
	if by.Role != certif.RoleOffice && by.Role != certif.RoleEmployer {
		return reg, certif.Errorf(certif.EForbidden, "Seuls l'employeur et l'équipe des examens confirment une pré-inscription.")
	}
	p, err := s.pendingPreRegistration(ctx, id, by.Scope)
	if err != nil {
		return reg, err
	}
	proposed := p.Request()
	if req == nil {
		req = &proposed
	}
	req.Qualification, req.Programme = p.Qualification, p.Programme
	c, err := s.Candidate(ctx, p.CandidateID, by.Scope)
	if err != nil {
		return reg, err
	}
	cat, err := s.catalogue(ctx)
	if err != nil {
		return reg, err
	}
	q, prog, err := cat.resolve(p.Qualification, p.Programme)
	if err != nil {
		return reg, err
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return reg, err
	}
	var regID int64
	err = s.write(ctx, by.Actor, func(tx *Tx) error {
		var plan certif.Plan
		if regID, plan, err = tx.register(by, c, q, prog, *req, cal); err != nil {
			return err
		}
		if err := tx.decidePreRegistration(id, census.Confirmed, regID, ""); err != nil {
			return err
		}
		e := certif.AuditEvent{Entity: "pre_registration", EntityKey: idKey(id), Action: "confirm", CandidateID: c.ID,
			After: fmt.Sprintf("inscription n° %d : %s, blocs %s (%s)", regID, q.Code, blockList(plan.Blocks), periodList(plan))}
		if corrected := describeRequest(*req); corrected != describeRequest(proposed) {
			e.Action, e.Before = "confirm_corrected", describeRequest(proposed)
		}
		return tx.audit(e)
	})
	if err != nil {
		return reg, err
	}
	return s.Registration(ctx, regID, by.Scope)
}

// DeclinePreRegistration records the employer's refusal of a pre-registration
// (the trainee left, the path does not take place), with its reason.
func (s *Store) DeclinePreRegistration(ctx context.Context, by Caller, id int64) error {
	if by.Role != certif.RoleOffice && by.Role != certif.RoleEmployer {
		return certif.Errorf(certif.EForbidden, "Seuls l'employeur et l'équipe des examens écartent une pré-inscription.")
	}
	p, err := s.pendingPreRegistration(ctx, id, by.Scope)
	if err != nil {
		return err
	}
	reason := strings.TrimSpace(by.Reason)
	if reason == "" {
		return &certif.Error{Code: certif.EInvalid, Message: "Indiquez pourquoi ce parcours n'est pas à inscrire.",
			Fields: map[string]string{"reason": "Motif obligatoire (ex. : le salarié a quitté l'organisme)."}}
	}
	return s.write(ctx, by.Actor, func(tx *Tx) error {
		if err := tx.decidePreRegistration(id, census.Declined, 0, reason); err != nil {
			return err
		}
		return tx.audit(certif.AuditEvent{Entity: "pre_registration", EntityKey: idKey(id), Action: "decline", CandidateID: p.CandidateID,
			Before: fmt.Sprintf("%s, %s", p.Qualification, p.BlocksText()), Reason: reason})
	})
}

// pendingPreRegistration returns a pre-registration that still waits for its employer.
func (s *Store) pendingPreRegistration(ctx context.Context, id int64, sc Scope) (census.PreRegistration, error) {
	p, err := s.PreRegistration(ctx, id, sc)
	if err != nil {
		return p, err
	}
	switch p.Status {
	case census.Confirmed:
		return p, certif.Errorf(certif.EConflict, "Cette pré-inscription est déjà confirmée : inscription n° %d.", p.RegistrationID)
	case census.Declined:
		return p, certif.Errorf(certif.EConflict, "Cette pré-inscription a été écartée : %s", p.DeclineReason)
	}
	return p, nil
}

// decidePreRegistration moves a pending pre-registration to its decision; a
// concurrent decision makes it fail.
func (tx *Tx) decidePreRegistration(id int64, status census.Status, regID int64, reason string) error {
	res, err := tx.exec(`UPDATE pre_registrations SET status = ?, registration_id = ?, decline_reason = ?, decided_at = ?, decided_by = ?
		WHERE id = ? AND status = 'pending'`, string(status), nullID(regID), reason, stamp(tx.s.now()), tx.actor.Email, id)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n != 1 {
		return certif.Errorf(certif.EConflict, "Cette pré-inscription vient d'être traitée par ailleurs : rechargez la page.")
	}
	return nil
}

// describeRequest sums up a registration request for the trace of a correction.
func describeRequest(r certif.RegistrationRequest) string {
	blocks := "tous les blocs restant à valider"
	if r.Path == certif.PathPartial {
		blocks = "blocs " + blockList(r.Blocks)
	}
	s := fmt.Sprintf("%s, certifiable à partir du %s, %s", blocks, r.CertifiableFrom.French(), r.Contract.Label())
	if !r.ExamPeriod.IsZero() {
		s += ", période imposée " + r.ExamPeriod.French()
	}
	return s
}
