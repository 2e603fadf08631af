package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"certibloc/internal/certif"
)

// candidateBlocks reads what a candidate has for a qualification: validated
// blocks, and blocks waiting for a jury in registrations other than exclude.
func (tx *Tx) candidateBlocks(candidateID int64, qual string, exclude int64) (certif.CandidateBlocks, error) {
	return readCandidateBlocks(tx.query, candidateID, qual, exclude)
}

// readCandidateBlocks is candidateBlocks on query.
func readCandidateBlocks(query querier, candidateID int64, qual string, exclude int64) (certif.CandidateBlocks, error) {
	has := certif.CandidateBlocks{Validated: map[int]certif.Date{}, InProgress: map[int]int64{}}
	rows, err := query(`SELECT block_number, status, COALESCE(decided_on, ''), COALESCE(registration_id, 0) FROM block_attempts
		WHERE candidate_id = ? AND qualification_code = ?`, candidateID, qual)
	type row struct {
		block   int
		status  certif.AttemptStatus
		decided certif.Date
		reg     int64
	}
	list, err := collect(rows, err, func(r *sql.Rows) (row, error) {
		var x row
		var status, decided string
		err := r.Scan(&x.block, &status, &decided, &x.reg)
		x.status = certif.AttemptStatus(status)
		if decided != "" {
			x.decided, _ = certif.ParseDate(decided)
		}
		return x, err
	})
	for _, x := range list {
		switch {
		case x.status == certif.AttemptValidated:
			has.Validated[x.block] = x.decided
		case x.status.InProgress() && x.reg != exclude:
			has.InProgress[x.block] = x.reg
		}
	}
	return has, err
}

func (s *Store) activeQualification(ctx context.Context, code string) (certif.Qualification, error) {
	q, err := s.Qualification(ctx, strings.ToUpper(strings.TrimSpace(code)))
	if err != nil || !q.Active {
		return q, &certif.Error{Code: certif.EInvalid, Message: "Certification inconnue ou fermée aux inscriptions.",
			Fields: map[string]string{"qualification": "Choisissez un CQP du référentiel ouvert aux inscriptions."}}
	}
	return q, nil
}

// CreateRegistration registers a candidate to a qualification after checking
// the rules (R2, R3, R6, R15, R19, the branch rule), every refusal at once: it
// creates one block attempt per block presented, lapses the employer's
// "néant" for those periods (R17) and traces everything on the candidate's
// history.
func (s *Store) CreateRegistration(ctx context.Context, by Caller, candidateID int64, req certif.RegistrationRequest) (certif.Registration, error) {
	var reg certif.Registration
	c, q, prog, cal, err := s.registrationInputs(ctx, by, candidateID, req)
	if err != nil {
		return reg, err
	}
	var id int64
	err = s.write(ctx, by.Actor, func(tx *Tx) error {
		id, _, err = tx.register(by, c, q, prog, req, cal)
		return err
	})
	if err != nil {
		return reg, err
	}
	return s.Registration(ctx, id, by.Scope)
}

// CheckRegistration applies the rules of CreateRegistration to a request and
// returns their refusal, every error at once, recording nothing: a form
// refused for what it could not read (a malformed date) names what the rules
// say of the rest in the same answer.
func (s *Store) CheckRegistration(ctx context.Context, by Caller, candidateID int64, req certif.RegistrationRequest) error {
	c, q, prog, cal, err := s.registrationInputs(ctx, by, candidateID, req)
	if err != nil {
		return err
	}
	req.Qualification, req.Programme = q.Code, prog.CodeOrNone()
	_, _, err = planRegistration(s.reader(ctx), by, c, q, prog, req, cal)
	return err
}

// registrationInputs reads what a new registration is checked against: the
// candidate (in the caller's scope), the qualification (open to
// registrations) named directly or through a programme, and the calendar.
func (s *Store) registrationInputs(ctx context.Context, by Caller, candidateID int64, req certif.RegistrationRequest) (c certif.Candidate, q certif.Qualification, prog *certif.Programme, cal certif.Schedule, err error) {
	if err := by.dated(); err != nil {
		return c, q, nil, nil, err
	}
	if by.Role != certif.RoleOffice && by.Role != certif.RoleEmployer {
		return c, q, nil, nil, certif.Errorf(certif.EForbidden, "Seuls l'employeur et l'équipe des examens inscrivent des candidats.")
	}
	if c, err = s.Candidate(ctx, candidateID, by.Scope); err != nil {
		return c, q, nil, nil, err
	}
	cat, err := s.catalogue(ctx)
	if err != nil {
		return c, q, nil, nil, err
	}
	if q, prog, err = cat.resolve(req.Qualification, req.Programme); err != nil {
		return c, q, prog, nil, err
	}
	cal, err = s.Calendar(ctx)
	return c, q, prog, cal, err
}

// planRegistration applies the rules of a new registration on what query
// reads: the registration windows (R1), the blocks (R3), the deadline (R6),
// the contract, the branch rule, every refusal at once. It returns the plan
// and, for a registration outside the employer's branch (the office's, with
// a reason), that branch.
func planRegistration(query querier, by Caller, c certif.Candidate, q certif.Qualification, prog *certif.Programme, req certif.RegistrationRequest, cal certif.Schedule) (certif.Plan, string, error) {
	has, err := readCandidateBlocks(query, c.ID, q.Code, 0)
	if err != nil {
		return certif.Plan{}, "", err
	}
	windows, err := readRegistrationWindows(query)
	if err != nil {
		return certif.Plan{}, "", err
	}
	rows, err := query(`SELECT branch_code FROM employers WHERE id = ?`, c.EmployerID)
	branches, err := collect(rows, err, func(r *sql.Rows) (string, error) {
		var b string
		return b, r.Scan(&b)
	})
	if err != nil {
		return certif.Plan{}, "", err
	}
	if len(branches) != 1 {
		return certif.Plan{}, "", fmt.Errorf("employeur %d du candidat %d introuvable", c.EmployerID, c.ID)
	}
	ov := certif.Override{ByOffice: by.Role == certif.RoleOffice, Reason: by.Reason, Windows: windows}
	outsideBranch, branchErr := certif.CheckBranch(q, prog, branches[0], ov)
	plan, err := certif.PlanRegistration(req, q, has, cal, by.Today, ov)
	if err := certif.Join(branchErr, err); err != nil {
		return plan, "", err
	}
	if outsideBranch {
		return plan, branches[0], nil
	}
	return plan, "", nil
}

// register plans and records a registration inside a transaction, within the
// registration windows (R1) if any, to q, through the programme prog when not nil.
func (tx *Tx) register(by Caller, c certif.Candidate, q certif.Qualification, prog *certif.Programme, req certif.RegistrationRequest, cal certif.Schedule) (int64, certif.Plan, error) {
	req.Qualification, req.Programme = q.Code, prog.CodeOrNone()
	plan, outsideBranch, err := planRegistration(tx.query, by, c, q, prog, req, cal)
	if err != nil {
		return 0, plan, err
	}
	now := stamp(tx.s.now())
	id, err := tx.insert(`INSERT INTO registrations (`+strings.Join(registrationColumns, ", ")+`) VALUES `+inList(len(registrationColumns)),
		registrationRow(by, c, q, req, plan, now)...)
	if err != nil {
		return 0, plan, err
	}
	if err := tx.insertAttempts(id, c.ID, q.Code, plan); err != nil {
		return 0, plan, err
	}
	if err := tx.lapseNilDeclarations(c.EmployerID, plan); err != nil {
		return 0, plan, err
	}
	events := registrationEvents(id, c.ID, q, req.Programme, plan, by.Reason)
	if outsideBranch != "" {
		events = append(events, certif.AuditEvent{Entity: "registration", EntityKey: idKey(id), Action: "branch_override", CandidateID: c.ID,
			Reason: by.Reason, After: q.Code + " pour la branche " + outsideBranch})
	}
	for _, ev := range events {
		if err := tx.audit(ev); err != nil {
			return 0, plan, err
		}
	}
	return id, plan, nil
}

// registrationColumns are the columns a new registration fills (registrationRow).
var registrationColumns = []string{"candidate_id", "employer_id", "qualification_code", "programme_code", "path", "certifiable_from", "contract", "exam_period",
	"repeating", "specialty", "disability", "adjustments", "registered_on", "late_reason", "created_at", "updated_at"}

// registrationRow is the row of a registration of c made by the caller, created at.
func registrationRow(by Caller, c certif.Candidate, q certif.Qualification, req certif.RegistrationRequest, plan certif.Plan, at string) []any {
	lateReason := ""
	if plan.Late {
		lateReason = by.Reason
	}
	return []any{c.ID, c.EmployerID, q.Code, nullText(req.Programme), string(plan.Path), req.CertifiableFrom, string(req.Contract), req.ExamPeriod.String(), req.Repeating,
		strings.TrimSpace(req.Specialty), req.Disability, strings.TrimSpace(req.Adjustments), by.Today, lateReason, at, at}
}

// registrationEvents are the audit events of a new registration: its
// creation and, when the office made it so, its lateness (R6, with the
// reason) and its registration outside a window (R1).
func registrationEvents(id, candidateID int64, q certif.Qualification, programme string, plan certif.Plan, reason string) []certif.AuditEvent {
	key := idKey(id)
	events := []certif.AuditEvent{{Entity: "registration", EntityKey: key, Action: "create", CandidateID: candidateID,
		After: fmt.Sprintf("%s, blocs %s, %s", certif.Via(q.Code, programme), blockList(plan.Blocks), periodList(plan))}}
	if plan.Late {
		events = append(events, certif.AuditEvent{Entity: "registration", EntityKey: key, Action: "late_override", CandidateID: candidateID,
			Reason: reason, After: periodList(plan)})
	}
	if plan.OutsideWindow {
		events = append(events, outsideWindowEvent(id, candidateID, "create", plan.Periods()))
	}
	return events
}

// insertAttempts creates the planned block attempts, numbering each block's attempts.
func (tx *Tx) insertAttempts(regID, candidateID int64, qual string, plan certif.Plan) error {
	now := stamp(tx.s.now())
	for _, a := range plan.Attempts {
		var n int
		if err := tx.queryRow(`SELECT COALESCE(MAX(attempt), 0) + 1 FROM block_attempts WHERE candidate_id = ? AND qualification_code = ? AND block_number = ?`,
			candidateID, qual, a.Block).Scan(&n); err != nil {
			return err
		}
		if _, err := tx.exec(`INSERT INTO block_attempts (registration_id, candidate_id, qualification_code, block_number, attempt, certifiable_from,
			period, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			regID, candidateID, qual, a.Block, n, a.CertifiableFrom, a.Period.String(), string(certif.AttemptRegistered), now, now); err != nil {
			return err
		}
	}
	return nil
}

// lapseNilDeclarations ends the employer's "néant" for the periods it now presents someone in (R17).
func (tx *Tx) lapseNilDeclarations(employerID int64, plan certif.Plan) error {
	var periods []string
	for _, a := range plan.Attempts {
		periods = append(periods, a.Period.String())
	}
	return tx.lapseNilDeclarationsOf(employerID, periods)
}

// lapseNilDeclarationsOf ends the employer's "néant" for periods (R17).
func (tx *Tx) lapseNilDeclarationsOf(employerID int64, periods []string) error {
	if len(periods) == 0 {
		return nil
	}
	_, err := tx.exec(`UPDATE nil_declarations SET lapsed_at = ? WHERE employer_id = ? AND lapsed_at IS NULL AND period IN `+inList(len(periods)),
		append([]any{stamp(tx.s.now()), employerID}, anys(periods)...)...)
	return err
}

func blockList(blocks []int) string {
	s := make([]string, len(blocks))
	for i, b := range blocks {
		s[i] = strconv.Itoa(b)
	}
	return strings.Join(s, ", ")
}

func periodList(plan certif.Plan) string {
	var s []string
	for _, a := range plan.Attempts {
		s = append(s, fmt.Sprintf("bloc %d : %s", a.Block, a.Period.French()))
	}
	return strings.Join(s, " ; ")
}

const registrationSelect = `SELECT r.id, r.candidate_id, r.employer_id, e.code, r.qualification_code, COALESCE(r.programme_code, ''), r.path, r.certifiable_from, r.contract,
	r.exam_period, r.repeating, r.specialty, r.disability, r.adjustments, r.registered_on, r.late_reason, r.deleted_at IS NOT NULL, r.version
	FROM registrations r JOIN employers e ON e.id = r.employer_id JOIN candidates c ON c.id = r.candidate_id WHERE 1 = 1`

func scanRegistration(r *sql.Rows) (certif.Registration, error) {
	var g certif.Registration
	var path, contract, period string
	err := r.Scan(&g.ID, &g.CandidateID, &g.EmployerID, &g.EmployerCode, &g.Qualification, &g.Programme, &path, dateCol{&g.CertifiableFrom}, &contract,
		&period, &g.Repeating, &g.Specialty, &g.Disability, &g.Adjustments, dateCol{&g.RegisteredOn}, &g.LateReason, &g.Deleted, &g.Version)
	g.Path, g.Contract = certif.Path(path), certif.Contract(contract)
	if period != "" {
		g.ExamPeriod, _ = certif.ParseMonth(period)
	}
	return g, err
}

// Registration returns a registration with its block attempts, without its
// health data (RevealHealth gives it to those who may see it). An employer sees
// the registrations it made of its own candidates: another employer's, or a
// former employer's of a candidate transferred to it, is not found.
func (s *Store) Registration(ctx context.Context, id int64, sc Scope) (certif.Registration, error) {
	g, err := s.registration(ctx, id, sc)
	g = g.WithoutHealthData()
	return g, err
}

// registration is Registration with the health data, for the store's own checks and traces.
func (s *Store) registration(ctx context.Context, id int64, sc Scope) (certif.Registration, error) {
	return readRegistration(s.reader(ctx), id, sc, "")
}

// lockRegistration reads a registration, with its health data, inside a write
// transaction and keeps it locked until the transaction ends: a change is
// computed from the row as it is, never from a copy read before.
func (tx *Tx) lockRegistration(id int64, sc Scope) (certif.Registration, error) {
	return readRegistration(tx.query, id, sc, tx.s.dialect.forUpdate("r"))
}

func readRegistration(query querier, id int64, sc Scope, lock string) (certif.Registration, error) {
	where, args := sc.registrationRows()
	rows, err := query(registrationSelect+` AND r.id = ?`+where+lock, append([]any{id}, args...)...)
	list, err := collect(rows, err, scanRegistration)
	if err == nil && len(list) == 0 {
		err = notFound("Inscription introuvable.")
	}
	if err != nil {
		return certif.Registration{}, err
	}
	return list[0], attachAttempts(query, list)
}

// CandidateRegistrations lists a candidate's registrations (deleted ones too)
// in the scope, newest first, without their health data.
func (s *Store) CandidateRegistrations(ctx context.Context, candidateID int64, sc Scope) ([]certif.Registration, error) {
	where, args := sc.registrationRows()
	rows, err := s.query(ctx, registrationSelect+` AND r.candidate_id = ?`+where+` ORDER BY r.id DESC`, append([]any{candidateID}, args...)...)
	list, err := collect(rows, err, scanRegistration)
	if err != nil {
		return nil, err
	}
	withoutHealth(list)
	return list, attachAttempts(s.reader(ctx), list)
}

const attemptSelect = `SELECT id, COALESCE(registration_id, 0), candidate_id, qualification_code, block_number, attempt, certifiable_from,
	period, status, decided_on, source = 'history' FROM block_attempts`

func scanAttempt(r *sql.Rows) (certif.BlockAttempt, error) {
	var a certif.BlockAttempt
	var period, status string
	err := r.Scan(&a.ID, &a.RegistrationID, &a.CandidateID, &a.Qualification, &a.Block, &a.Attempt, dateCol{&a.CertifiableFrom},
		&period, &status, dateCol{&a.DecidedOn}, &a.FromHistory)
	a.Period, _ = certif.ParseMonth(period)
	a.Status = certif.AttemptStatus(status)
	return a, err
}

// attachAttempts loads the attempts of the registrations in one query.
func attachAttempts(query querier, regs []certif.Registration) error {
	if len(regs) == 0 {
		return nil
	}
	index := map[int64]*certif.Registration{}
	ids := make([]string, len(regs))
	for i := range regs {
		index[regs[i].ID] = &regs[i]
		ids[i] = idKey(regs[i].ID)
	}
	rows, err := query(attemptSelect + ` WHERE registration_id IN (` + strings.Join(ids, ",") + `) ORDER BY block_number`)
	attempts, err := collect(rows, err, scanAttempt)
	for _, a := range attempts {
		g := index[a.RegistrationID]
		g.Attempts = append(g.Attempts, a)
		g.Blocks = append(g.Blocks, a.Block)
		if a.CertifiableFrom != g.CertifiableFrom {
			if g.BlockDates == nil {
				g.BlockDates = map[int]certif.Date{}
			}
			g.BlockDates[a.Block] = a.CertifiableFrom
		}
	}
	return err
}

// ValidatedBlocks returns a candidate's validated blocks (registrations and
// history), by qualification.
func (s *Store) ValidatedBlocks(ctx context.Context, candidateID int64) ([]certif.BlockAttempt, error) {
	rows, err := s.query(ctx, attemptSelect+` WHERE candidate_id = ? AND status = ? ORDER BY qualification_code, block_number`, candidateID, string(certif.AttemptValidated))
	return collect(rows, err, scanAttempt)
}

// registrationFields flattens a registration for the audit trail.
func registrationFields(g certif.Registration) map[string]string {
	f := map[string]string{
		"path": g.Path.Label(), "blocks": blockList(g.Blocks), "certifiable_from": g.CertifiableFrom.French(), "contract": g.Contract.Label(),
		"exam_period": g.ExamPeriod.String(), "repeating": boolText(g.Repeating), "specialty": g.Specialty,
		"disability": boolText(g.Disability), "adjustments": g.Adjustments, "late_reason": g.LateReason,
	}
	for _, a := range g.Attempts {
		if a.Status.InProgress() {
			f[fmt.Sprintf("block%d.period", a.Block)] = a.Period.French()
		}
	}
	return f
}

// UpdateRegistration replaces a registration's request (see EditRegistration).
func (s *Store) UpdateRegistration(ctx context.Context, by Caller, id int64, req certif.RegistrationRequest) (certif.Registration, error) {
	return s.EditRegistration(ctx, by, id, 0, func(certif.RegistrationRequest) (certif.RegistrationRequest, error) { return req, nil })
}

// RegistrationEdit computes the new request of a registration from its
// current one (certif.Registration.Request), inside the write transaction.
type RegistrationEdit func(current certif.RegistrationRequest) (certif.RegistrationRequest, error)

// EditRegistration changes a registration (R20: the employer until the
// deadline, the office after it; R1: within the registration window, if one
// governs it), re-checking every rule; each changed field is traced on the
// candidate's history. The registration is read and written in one
// transaction, locked in between: two changes at once both apply, one after
// the other. With version not 0, the change was made from that version of the
// registration: if someone else changed it since, it is refused (EStale).
func (s *Store) EditRegistration(ctx context.Context, by Caller, id int64, version int, edit RegistrationEdit) (certif.Registration, error) {
	if err := by.dated(); err != nil {
		return certif.Registration{}, err
	}
	windows, err := s.RegistrationWindows(ctx)
	if err != nil {
		return certif.Registration{}, err
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return certif.Registration{}, err
	}
	err = s.write(ctx, by.Actor, func(tx *Tx) error {
		old, err := tx.lockRegistration(id, by.Scope)
		if err != nil {
			return err
		}
		if version != 0 && version != old.Version {
			return errStaleRegistration
		}
		req, err := edit(old.Request())
		if err != nil {
			return err
		}
		return tx.changeRegistration(by, old, req, windows, cal)
	})
	if err != nil {
		return certif.Registration{}, err
	}
	return s.Registration(ctx, id, by.Scope)
}

var errStaleRegistration = &certif.Error{Code: certif.EStale, Message: "Cette inscription a été modifiée par quelqu'un d'autre depuis que vous l'avez ouverte : " +
	"votre modification n'a pas été enregistrée. Rechargez l'inscription pour voir sa version actuelle, puis refaites votre modification."}

var errStaleRegistrationDeletion = &certif.Error{Code: certif.EStale, Message: "Cette inscription a été modifiée par quelqu'un d'autre depuis que vous l'avez ouverte : " +
	"elle n'a pas été supprimée. Rechargez l'inscription pour voir sa version actuelle, puis décidez de nouveau."}

// changeRegistration plans and writes the new request of a locked registration.
func (tx *Tx) changeRegistration(by Caller, old certif.Registration, req certif.RegistrationRequest, windows certif.Windows, cal certif.Schedule) error {
	id := old.ID
	if err := certif.CheckChangeIn(by.Role, old, by.Today, windows); err != nil {
		return err
	}
	for _, a := range old.Attempts {
		if a.Status != certif.AttemptRegistered && a.Status.InProgress() {
			return certif.Errorf(certif.EConflict, "Le bloc %d a déjà un jury professionnel planifié : seule l'équipe des examens peut le déplacer.", a.Block)
		}
	}
	q, err := tx.s.activeQualification(tx.ctx, old.Qualification)
	if err != nil {
		return err
	}
	req.Qualification = q.Code
	reason := by.Reason
	if reason == "" {
		reason = old.LateReason
	}
	has, err := tx.candidateBlocks(old.CandidateID, q.Code, id)
	if err != nil {
		return err
	}
	plan, err := certif.PlanRegistration(req, q, has, cal, by.Today, certif.Override{ByOffice: by.Role == certif.RoleOffice, Reason: reason, Windows: windows})
	if err != nil {
		return err
	}
	if periods := append(old.PendingPeriods(), plan.Periods()...); officeOutsideWindow(windows, by, q.Code, periods) {
		if err := tx.traceOutsideWindow(id, old.CandidateID, "update", periods); err != nil {
			return err
		}
	}
	lateReason := old.LateReason
	if plan.Late {
		lateReason = reason
	}
	if _, err := tx.exec(`UPDATE registrations SET path = ?, certifiable_from = ?, contract = ?, exam_period = ?, repeating = ?, specialty = ?,
		disability = ?, adjustments = ?, late_reason = ?, updated_at = ?, version = version + 1 WHERE id = ?`,
		string(plan.Path), req.CertifiableFrom, string(req.Contract), req.ExamPeriod.String(), req.Repeating, strings.TrimSpace(req.Specialty),
		req.Disability, strings.TrimSpace(req.Adjustments), lateReason, stamp(tx.s.now()), id); err != nil {
		return err
	}
	if _, err := tx.exec(`DELETE FROM block_attempts WHERE registration_id = ? AND status = ?`, id, string(certif.AttemptRegistered)); err != nil {
		return err
	}
	if err := tx.insertAttempts(id, old.CandidateID, q.Code, plan); err != nil {
		return err
	}
	if err := tx.lapseNilDeclarations(old.EmployerID, plan); err != nil {
		return err
	}
	updated := certif.Registration{Path: plan.Path, Blocks: plan.Blocks, CertifiableFrom: req.CertifiableFrom, Contract: req.Contract,
		ExamPeriod: req.ExamPeriod, Repeating: req.Repeating, Specialty: strings.TrimSpace(req.Specialty), Disability: req.Disability,
		Adjustments: strings.TrimSpace(req.Adjustments), LateReason: lateReason}
	for _, a := range plan.Attempts {
		updated.Attempts = append(updated.Attempts, certif.BlockAttempt{Block: a.Block, Period: a.Period, Status: certif.AttemptRegistered})
	}
	return tx.auditCandidateChanges(old.CandidateID, "registration", idKey(id), registrationFields(old), registrationFields(updated), by.Reason)
}

// DeleteRegistration removes a registration (soft delete, R20, R1): its blocks
// that waited for a jury are withdrawn; the registration stays in the history.
// The registration is locked while it is checked and deleted; with version
// not 0, the deletion was decided on that version: if someone else changed
// the registration since, it is refused (EStale) and nothing is deleted.
func (s *Store) DeleteRegistration(ctx context.Context, by Caller, id int64, version int) error {
	if err := by.dated(); err != nil {
		return err
	}
	windows, err := s.RegistrationWindows(ctx)
	if err != nil {
		return err
	}
	return s.write(ctx, by.Actor, func(tx *Tx) error {
		old, err := tx.lockRegistration(id, by.Scope)
		if err != nil {
			return err
		}
		if version != 0 && version != old.Version {
			return errStaleRegistrationDeletion
		}
		if err := certif.CheckChangeIn(by.Role, old, by.Today, windows); err != nil {
			return err
		}
		if officeOutsideWindow(windows, by, old.Qualification, old.PendingPeriods()) {
			if err := tx.traceOutsideWindow(id, old.CandidateID, "delete", old.PendingPeriods()); err != nil {
				return err
			}
		}
		now := stamp(s.now())
		if _, err := tx.exec(`UPDATE registrations SET deleted_at = ?, deleted_reason = ?, updated_at = ?, version = version + 1 WHERE id = ?`, now, strings.TrimSpace(by.Reason), now, id); err != nil {
			return err
		}
		if _, err := tx.exec(`UPDATE block_attempts SET status = ?, updated_at = ? WHERE registration_id = ? AND status IN (?, ?, ?)`,
			string(certif.AttemptWithdrawn), now, id, string(certif.AttemptRegistered), string(certif.AttemptScheduled), string(certif.AttemptEvaluated)); err != nil {
			return err
		}
		return tx.audit(certif.AuditEvent{Entity: "registration", EntityKey: idKey(id), Action: "delete", CandidateID: old.CandidateID,
			Before: fmt.Sprintf("%s, blocs %s", old.Qualification, blockList(old.Blocks)), Reason: by.Reason})
	})
}

// RecordPriorValidation records a block validated before the platform (office:
// taking over the history of myCertif), so that it is never presented again
// (R3). The validation date is checked against by.Today and the candidate's age.
func (s *Store) RecordPriorValidation(ctx context.Context, by Caller, candidateID int64, qual string, block int, validatedOn certif.Date, note string) error {
	if err := by.dated(); err != nil {
		return err
	}
	c, err := s.Candidate(ctx, candidateID, All)
	if err != nil {
		return err
	}
	q, err := s.Qualification(ctx, strings.ToUpper(qual))
	if err != nil {
		return &certif.Error{Code: certif.EInvalid, Message: "Certification inconnue.", Fields: map[string]string{"qualification": "Choisissez un CQP du référentiel."}}
	}
	var v certif.Validation
	if _, ok := q.Block(block); !ok {
		v.Add("block", fmt.Sprintf("Le CQP %s n'a pas de bloc %d.", q.Code, block))
	}
	if validatedOn.IsZero() {
		v.Add("validated_on", "Indiquez la date de validation (jury paritaire national).")
	} else if msg := certif.PriorValidationImplausible(validatedOn, c.BirthDate, by.Today); msg != "" {
		v.Add("validated_on", msg)
	}
	if strings.TrimSpace(note) == "" {
		v.Add("note", "Indiquez la source (ex. : procès-verbal du jury du 17/12/2025).")
	}
	if err := v.Err(); err != nil {
		return err
	}
	return s.write(ctx, by.Actor, func(tx *Tx) error {
		has, err := tx.candidateBlocks(candidateID, q.Code, 0)
		if err != nil {
			return err
		}
		if d, done := has.Validated[block]; done {
			return certif.Errorf(certif.EConflict, "Le bloc %d du CQP %s est déjà validé (le %s).", block, q.Code, d.French())
		}
		var n int
		if err := tx.queryRow(`SELECT COALESCE(MAX(attempt), 0) + 1 FROM block_attempts WHERE candidate_id = ? AND qualification_code = ? AND block_number = ?`,
			candidateID, q.Code, block).Scan(&n); err != nil {
			return err
		}
		now := stamp(s.now())
		if _, err := tx.exec(`INSERT INTO block_attempts (candidate_id, qualification_code, block_number, attempt, certifiable_from, period, status,
			decided_on, source, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'history', ?, ?, ?)`,
			candidateID, q.Code, block, n, validatedOn, validatedOn.MonthOf().String(), string(certif.AttemptValidated), validatedOn, strings.TrimSpace(note), now, now); err != nil {
			return err
		}
		return tx.audit(certif.AuditEvent{Entity: "candidate", EntityKey: idKey(candidateID), Action: "prior_validation", CandidateID: candidateID,
			After: fmt.Sprintf("%s bloc %d validé le %s", q.Code, block, validatedOn.French()), Reason: note})
	})
}
