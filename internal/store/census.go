package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"certibloc/internal/census"
	"certibloc/internal/certif"
	"certibloc/internal/progress"
)

// CensusLine is one line of a census file (R4), as read: the trainee, whose
// EmployerCode names its employer, and its CQP path.
type CensusLine struct {
	Line      int
	Candidate certif.Candidate
	Path      census.Line
	Contract  certif.Contract // "" when the census does not know it
}

// CensusResult says what a census line does, or why it is refused.
type CensusResult struct {
	Line      int
	Employer  string
	Candidate string            // printed identity (R16)
	Action    string            // French: what committing the file does with this line
	Fields    map[string]string // errors by field, nil when the line is accepted
}

// CensusEmployer is what a census file does for one employer: its new
// pre-registrations and who is told by mail.
type CensusEmployer struct {
	Code             string
	Name             string
	PreRegistrations int
	Recipients       []string
	MailQueued       bool
}

// CensusReport is the outcome of a census file: every line, the totals and
// the employers told.
type CensusReport struct {
	Results          []CensusResult
	NewCandidates    int
	KnownCandidates  int
	PreRegistrations int
	Unchanged        int
	Refused          int
	Employers        []CensusEmployer
	Warnings         []string
}

// CensusNotifier writes the mail that tells an employer which
// pre-registrations to confirm (its subject and bodies; the store sets the
// recipients, the dedup key and the employer).
type CensusNotifier func(e certif.Employer, entries []census.PreRegistration) (Mail, error)

// errImportPreview rolls back a preview transaction.
var errImportPreview = errors.New("aperçu")

// ImportCensus applies a census file of the office (R4), all or nothing: each
// trainee is matched with its employer's candidates by birth name, first name
// and birth date (or created), and pre-registered "à confirmer par
// l'employeur" for the blocks it does not already have validated or
// registered; then each employer concerned gets one mail (notify) to its HR
// addresses, or to its accounts when it has none. A line already recensed
// (same candidate, CQP and path start) changes nothing, so the same file
// imported twice creates nothing new and mails nobody. With commit false it
// only reports what would happen; when a line is refused nothing is written
// and the error is EInvalid. importID is the kept file (SaveCensusUpload).
func (s *Store) ImportCensus(ctx context.Context, by Caller, lines []CensusLine, commit bool, importID int64, notify CensusNotifier) (CensusReport, error) {
	var rep CensusReport
	if err := by.dated(); err != nil {
		return rep, err
	}
	if by.Role != certif.RoleOffice {
		return rep, certif.Errorf(certif.EForbidden, "Seule l'équipe des examens importe le recensement.")
	}
	emps, err := s.Employers(ctx)
	if err != nil {
		return rep, err
	}
	byCode := map[string]certif.Employer{}
	for _, e := range emps {
		byCode[e.Code] = e
	}
	quals, err := s.Qualifications(ctx, true)
	if err != nil {
		return rep, err
	}
	qualByCode := map[string]certif.Qualification{}
	for _, q := range quals {
		qualByCode[q.Code] = q
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return rep, err
	}
	progress.Lines(ctx, commit, len(lines))
	err = s.write(ctx, by.Actor, func(tx *Tx) error {
		created := map[string][]census.PreRegistration{} // by employer code
		var order []string
		for _, l := range lines {
			res, p := tx.censusLine(by, l, importID, byCode, qualByCode, cal, &rep)
			progress.Advance(ctx)
			if res.Fields != nil {
				rep.Refused++
			}
			rep.Results = append(rep.Results, res)
			if p.ID != 0 {
				if len(created[p.EmployerCode]) == 0 {
					order = append(order, p.EmployerCode)
				}
				created[p.EmployerCode] = append(created[p.EmployerCode], p)
			}
		}
		if rep.Refused > 0 {
			return &certif.Error{Code: certif.EInvalid, Message: fmt.Sprintf("Fichier refusé : %d ligne(s) en erreur. Rien n'a été enregistré ; corrigez le fichier et déposez-le de nouveau.", rep.Refused)}
		}
		for _, code := range order {
			if err := tx.notifyCensus(by, byCode[code], created[code], importID, commit, notify, &rep); err != nil {
				return err
			}
		}
		if !commit {
			return errImportPreview
		}
		summary := fmt.Sprintf("%d pré-inscription(s) pour %d employeur(s), %d nouveau(x) candidat(s), %d ligne(s) déjà recensée(s) ou inscrite(s)",
			rep.PreRegistrations, len(order), rep.NewCandidates, rep.Unchanged)
		_, err := tx.exec(`UPDATE census_imports SET committed_at = ?, summary = ? WHERE id = ? AND committed_at IS NULL`, stamp(s.now()), summary, importID)
		return err
	})
	if errors.Is(err, errImportPreview) {
		err = nil
	}
	return rep, err
}

// censusLine applies one census line inside the import transaction; it
// returns the pre-registration it creates, if any.
func (tx *Tx) censusLine(by Caller, l CensusLine, importID int64, emps map[string]certif.Employer, quals map[string]certif.Qualification,
	cal certif.Schedule, rep *CensusReport) (CensusResult, census.PreRegistration) {
	var p census.PreRegistration
	res := CensusResult{Line: l.Line, Employer: l.Candidate.EmployerCode, Candidate: l.Candidate.PrintedName()}
	fail := func(err error) (CensusResult, census.PreRegistration) {
		res.Fields = certif.ErrorFields(err)
		if len(res.Fields) == 0 {
			res.Fields = map[string]string{"": certif.ErrorMessage(err)}
		}
		return res, census.PreRegistration{}
	}
	var v certif.Validation
	e, ok := emps[strings.ToUpper(strings.TrimSpace(l.Candidate.EmployerCode))]
	if !ok {
		v.Add("employer", fmt.Sprintf("Employeur inconnu : %q. Utilisez le code de la liste des employeurs de certibloc.", l.Candidate.EmployerCode))
	}
	q, ok := quals[strings.ToUpper(l.Path.Qualification)]
	if !ok {
		v.Add("qualification", "CQP inconnu ou fermé aux inscriptions : "+l.Path.Qualification+".")
	}
	c := l.Candidate
	c.EmployerCode = e.Code
	normalizeCandidate(&c)
	for field, msg := range certif.ErrorFields(c.Validate(by.Today)) {
		v.Add(field, msg)
	}
	if q.Code != "" {
		for field, msg := range certif.ErrorFields(census.CheckLine(l.Path, q)) {
			v.Add(field, msg)
		}
	}
	if err := v.Err(); err != nil {
		return fail(err)
	}
	id, err := tx.matchCandidate(e.ID, c)
	switch {
	case err != nil:
		return fail(err)
	case id != 0:
		c.ID, c.EmployerID = id, e.ID
		rep.KnownCandidates++
		res.Action = fmt.Sprintf("Candidat déjà connu (n° %d)", id)
	default:
		if c, err = tx.createCandidate(c); err != nil {
			return fail(err)
		}
		rep.NewCandidates++
		res.Action = "Nouveau candidat"
	}
	var status string
	err = tx.queryRow(`SELECT status FROM pre_registrations WHERE qualification_code = ? AND path_start = ?
		AND candidate_id IN (SELECT id FROM candidates WHERE id = ? OR merged_into = ?) LIMIT 1`, q.Code, l.Path.PathStart, c.ID, c.ID).Scan(&status)
	if err == nil {
		rep.Unchanged++
		res.Action += fmt.Sprintf(", parcours %s du %s déjà recensé (%s) : rien à faire", q.Code, l.Path.PathStart.French(), strings.ToLower(census.Status(status).Label()))
		return res, p
	} else if !errors.Is(err, sql.ErrNoRows) {
		return fail(err)
	}
	has, err := tx.candidateBlocks(c.ID, q.Code, 0)
	if err != nil {
		return fail(err)
	}
	cover := census.Cover(l.Path.Blocks, q, has)
	if cover.Nothing {
		rep.Unchanged++
		res.Action += ", " + cover.Reason
		return res, p
	}
	p = census.PreRegistration{CensusID: importID, Line: l.Line, CandidateID: c.ID, Candidate: c.PrintedName(), EmployerID: e.ID, EmployerCode: e.Code,
		Qualification: q.Code, Blocks: cover.Blocks, PathStart: l.Path.PathStart, PathEnd: l.Path.PathEnd, Contract: l.Contract, Status: census.Pending,
		ConfirmBy: census.ConfirmBy(l.Path.PathEnd, cal)}
	// The rules of the registration the employer will confirm, but R6: the
	// registration date will be the confirmation date.
	if _, err := certif.PlanRegistration(p.Request(), q, has, cal, by.Today, certif.Override{ByOffice: true, Reason: "recensement"}); err != nil {
		return fail(err)
	}
	if p.ID, err = tx.insert(`INSERT INTO pre_registrations (census_import_id, line, candidate_id, employer_id, qualification_code, blocks, path_start, path_end,
		contract, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		importID, l.Line, c.ID, e.ID, q.Code, joinBlocks(p.Blocks), p.PathStart, p.PathEnd, string(p.Contract), string(census.Pending), stamp(tx.s.now())); err != nil {
		return fail(err)
	}
	what := fmt.Sprintf("%s, %s, parcours du %s au %s", q.Code, p.BlocksText(), p.PathStart.French(), p.PathEnd.French())
	if err := tx.audit(certif.AuditEvent{Entity: "pre_registration", EntityKey: idKey(p.ID), Action: "census", CandidateID: c.ID, After: what}); err != nil {
		return fail(err)
	}
	rep.PreRegistrations++
	res.Action += ", pré-inscription " + what + ", à confirmer par l'employeur au plus tard le " + p.ConfirmBy.French()
	if cover.Reason != "" {
		res.Action += " (" + cover.Reason + ")"
	}
	if p.Late(by.Today) {
		res.Action += " ; attention : le délai de 3 mois est déjà dépassé, la confirmation demandera une dérogation de l'équipe des examens (R6)"
	}
	return res, p
}

// notifyCensus queues the mail of one employer's new pre-registrations
// (once per census file and employer), or warns when nobody can receive it.
func (tx *Tx) notifyCensus(by Caller, e certif.Employer, entries []census.PreRegistration, importID int64, commit bool, notify CensusNotifier, rep *CensusReport) error {
	to, err := tx.employerRecipients(e)
	if err != nil {
		return err
	}
	sum := CensusEmployer{Code: e.Code, Name: e.Name, PreRegistrations: len(entries), Recipients: to}
	if len(to) == 0 {
		rep.Warnings = append(rep.Warnings, fmt.Sprintf("%s (%s) n'a ni adresse RH ni compte : aucun courriel ne lui sera envoyé ; prévenez-le autrement ou ajoutez une adresse RH.", e.Name, e.Code))
	} else if commit {
		m, err := notify(e, entries)
		if err != nil {
			return err
		}
		m.Kind, m.DedupKey, m.To, m.EmployerID = "census", census.CensusKey(importID, e.ID), to, e.ID
		if sum.MailQueued, err = tx.enqueueMail(m); err != nil {
			return err
		}
	}
	rep.Employers = append(rep.Employers, sum)
	return nil
}

// matchCandidate finds an employer's live candidate with the same birth
// name, first name and birth date (the identity key), 0 when none.
func (tx *Tx) matchCandidate(employerID int64, c certif.Candidate) (int64, error) {
	var id int64
	err := tx.queryRow(`SELECT id FROM candidates WHERE employer_id = ? AND identity_key = ? AND deleted_at IS NULL ORDER BY id LIMIT 1`, employerID, identityKey(c)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

// employerRecipients are the addresses that receive an employer's mail: its
// HR addresses, or else its active accounts.
func (tx *Tx) employerRecipients(e certif.Employer) ([]string, error) {
	if len(e.HREmails) > 0 {
		return e.HREmails, nil
	}
	rows, err := tx.query(`SELECT email FROM users WHERE employer_id = ? AND NOT disabled ORDER BY email`, e.ID)
	return collect(rows, err, scanString)
}

func joinBlocks(blocks []int) string {
	return strings.ReplaceAll(census.JoinInts(blocks), " ", "")
}
