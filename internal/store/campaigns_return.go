package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"certibloc/internal/calendar"
	"certibloc/internal/certif"
	"certibloc/internal/progress"
)

// CollectionResult says what a row of a returned table does, or why it is refused.
type CollectionResult struct {
	Line           int                     `json:"line"`
	RegistrationID int64                   `json:"registration_id"`
	Candidate      string                  `json:"candidate"` // printed identity (R16)
	Qualification  string                  `json:"qualification"`
	Changes        []string                `json:"changes"` // French, what committing changes in the registration
	Change         certif.CollectionChange `json:"-"`
	Fields         map[string]string       `json:"-"` // errors by field, nil when the row is accepted
}

// CollectionReport is the outcome of a returned table: every row, the
// registrations of the campaign the file leaves out, and the totals.
type CollectionReport struct {
	Campaign   certif.Month       `json:"campaign"`
	Employer   string             `json:"employer"`
	Results    []CollectionResult `json:"-"`
	Missing    []string           `json:"missing"` // French: registrations of the campaign absent from the file
	Accepted   int                `json:"accepted"`
	Changed    int                `json:"changed"` // accepted rows that change their registration
	Refused    int                `json:"refused"`
	ReturnedOn certif.Date        `json:"returned_on"`
	Late       bool               `json:"late"`
}

// ReturnedFile is the table an employer returns, kept with its return.
type ReturnedFile struct {
	Name     string
	Content  []byte
	UploadID int64 // the upload kept between preview and commit, marked committed; 0 if none
}

// ReturnCollection applies an employer's returned collection table, all or
// nothing: every row must answer a registration of the campaign (R5) and pass
// certif.PlanCollectionEntry (blocks to evaluate among the registered ones,
// R18 opening hours, R15 adjustments, R20); blocks not evaluated are
// withdrawn, the specialty and adjustments updated, each change traced on the
// candidate's history. The return is dated by.On(): after the campaign's
// deadline it is late, and the employer's candidates of the campaign cannot be
// presented until the office lifts the block (R5). The office recording a
// table received earlier dates it with by.EffectiveOn and says why in
// by.Reason, traced with the return. The rows are checked on by.Today. With
// commit false it only reports what would happen; a refused row makes the
// error EInvalid.
func (s *Store) ReturnCollection(ctx context.Context, by Caller, cp calendar.CollectionCampaign, employerCode string, entries []certif.CollectionEntry, commit bool, file ReturnedFile) (CollectionReport, error) {
	rep := CollectionReport{Campaign: cp.Name, ReturnedOn: by.On(), Late: certif.ReturnIsLate(cp.Deadline, by.On())}
	if err := by.dated(); err != nil {
		return rep, err
	}
	e, err := s.EmployerByCode(ctx, employerCode)
	if err != nil {
		return rep, err
	}
	if !by.Scope.ownsEmployer(e.ID) {
		return rep, notFound("Employeur introuvable.")
	}
	rep.Employer = e.Code
	regs, err := s.collectionRegistrations(ctx, cp, e.Code)
	if err != nil {
		return rep, err
	}
	rep.plan(ctx, by, cp, regs, entries)
	if err := s.logHealthReads(ctx, by.viewer("Tableau de recueil retourné"), rep.adjustmentsShown()); err != nil {
		return rep, err
	}
	if rep.Refused > 0 {
		return rep, certif.Refused("Tableau", rep.Refused)
	}
	if !commit {
		return rep, nil
	}
	old := map[int64]certif.Registration{}
	for _, r := range regs {
		old[r.ID] = r.Registration
	}
	progress.Lines(ctx, true, len(rep.Results))
	err = s.write(ctx, by.Actor, func(tx *Tx) error {
		for _, res := range rep.Results {
			if err := tx.applyCollectionChange(old[res.RegistrationID], res.Change, cp); err != nil {
				return err
			}
			progress.Advance(ctx)
		}
		return tx.recordReturn(e, cp, &rep, file, by.Reason)
	})
	return rep, err
}

// plan checks every row against the registrations of the campaign.
func (rep *CollectionReport) plan(ctx context.Context, by Caller, cp calendar.CollectionCampaign, regs []RegistrationRow, entries []certif.CollectionEntry) {
	progress.Lines(ctx, false, len(entries))
	byID := map[int64]RegistrationRow{}
	for _, r := range regs {
		byID[r.ID] = r
	}
	lineOf := map[int64]int{}
	for _, en := range entries {
		res := CollectionResult{Line: en.Line, RegistrationID: en.RegistrationID}
		r, ok := byID[en.RegistrationID]
		switch {
		case !ok:
			res.Fields = map[string]string{"registration_id": fmt.Sprintf("l'inscription n° %d ne fait pas partie du tableau de %s pour la campagne %s", en.RegistrationID, rep.Employer, certif.OfMonth(cp.Name))}
		case lineOf[en.RegistrationID] != 0:
			res.Fields = map[string]string{"registration_id": fmt.Sprintf("même inscription que la ligne %d", lineOf[en.RegistrationID])}
		default:
			lineOf[en.RegistrationID] = en.Line
			res.Candidate, res.Qualification = r.Candidate.PrintedName(), r.Qualification
			change, err := certif.PlanCollectionEntry(en, r.Registration, cp.ExamMonths, by.Role, by.Today)
			res.Change, res.Changes = change, change.Describe(r.Registration)
			if err != nil {
				res.Fields = certif.ErrorFields(err)
			}
		}
		switch {
		case res.Fields != nil:
			rep.Refused++
		case res.Change.ChangesRegistration():
			rep.Accepted++
			rep.Changed++
		default:
			rep.Accepted++
		}
		rep.Results = append(rep.Results, res)
		progress.Advance(ctx)
	}
	for _, r := range regs {
		if lineOf[r.ID] == 0 {
			rep.Missing = append(rep.Missing, fmt.Sprintf("Inscription n° %d – %s (%s) : absente du fichier, elle reste inchangée.", r.ID, r.Candidate.PrintedName(), r.Qualification))
		}
	}
}

// adjustmentsShown lists the registrations whose adjustments the report
// shows (health data, R15).
func (rep CollectionReport) adjustmentsShown() []int64 {
	var ids []int64
	for _, res := range rep.Results {
		if res.Change.AdjustmentsChanged && res.Change.Adjustments != "" {
			ids = append(ids, res.RegistrationID)
		}
	}
	return ids
}

// applyCollectionChange writes what a row changes in its registration:
// withdrawn blocks, specialty, adjustments; each field traced.
func (tx *Tx) applyCollectionChange(old certif.Registration, c certif.CollectionChange, cp calendar.CollectionCampaign) error {
	if !c.ChangesRegistration() {
		return nil
	}
	now := stamp(tx.s.now())
	updated := old
	updated.Specialty, updated.Disability, updated.Adjustments = c.Specialty, c.Disability, c.Adjustments
	updated.Attempts, updated.Blocks = nil, nil
	for _, a := range old.Attempts {
		if slices.Contains(c.Withdrawn, a.Block) && slices.Contains(cp.ExamMonths, a.Period) {
			res, err := tx.exec(`UPDATE block_attempts SET status = ?, updated_at = ? WHERE id = ? AND status = ?`,
				string(certif.AttemptWithdrawn), now, a.ID, string(certif.AttemptRegistered))
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return certif.Errorf(certif.EConflict, "Les inscriptions ont changé depuis l'aperçu : rien n'a été enregistré ; déposez le tableau de nouveau.")
			}
			continue
		}
		updated.Attempts = append(updated.Attempts, a)
		updated.Blocks = append(updated.Blocks, a.Block)
	}
	if _, err := tx.exec(`UPDATE registrations SET specialty = ?, disability = ?, adjustments = ?, updated_at = ?, version = version + 1 WHERE id = ? AND deleted_at IS NULL`,
		c.Specialty, c.Disability, c.Adjustments, now, old.ID); err != nil {
		return err
	}
	return tx.auditCandidateChanges(old.CandidateID, "registration", idKey(old.ID), registrationFields(old), registrationFields(updated),
		"Tableau de recueil de la campagne "+certif.OfMonth(cp.Name))
}

// recordReturn dates the return (the first return's day decides lateness),
// keeps the file and its rows, and traces it.
func (tx *Tx) recordReturn(e certif.Employer, cp calendar.CollectionCampaign, rep *CollectionReport, file ReturnedFile, reason string) error {
	id, _, err := tx.collectionReturnID(cp.Name, e.ID)
	if err != nil {
		return err
	}
	now := stamp(tx.s.now())
	if id == 0 {
		id, err = tx.insert(`INSERT INTO collection_returns (campaign, employer_id) VALUES (?, ?)`, cp.Name.String(), e.ID)
		if err != nil {
			return err
		}
	}
	var firstOn string
	if err := tx.queryRow(`SELECT COALESCE(returned_on, '') FROM collection_returns WHERE id = ?`, id).Scan(&firstOn); err != nil {
		return err
	}
	if firstOn != "" {
		first, _ := certif.ParseDate(firstOn)
		rep.ReturnedOn, rep.Late = first, certif.ReturnIsLate(cp.Deadline, first)
	}
	if _, err := tx.exec(`UPDATE collection_returns SET returned_at = ?, returned_on = ?, returned_by = ?, returned_filename = ?, returned_file = ?,
		late = ?, nil_declared = FALSE WHERE id = ?`, now, rep.ReturnedOn, tx.actor.Email, file.Name, file.Content, rep.Late, id); err != nil {
		return err
	}
	if _, err := tx.exec(`DELETE FROM collection_return_rows WHERE return_id = ?`, id); err != nil {
		return err
	}
	for _, res := range rep.Results {
		c := res.Change
		if _, err := tx.exec(`INSERT INTO collection_return_rows (return_id, registration_id, line, blocks, specialty, site, reception_hours, phone_hours,
			has_adjustments) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, res.RegistrationID, res.Line, blockList(c.Evaluated), c.Specialty, c.Site,
			c.ReceptionHours, c.PhoneHours, c.AdjustmentsInFile); err != nil {
			return err
		}
	}
	summary := fmt.Sprintf("%s, %s", certif.Count(rep.Accepted, "ligne", "lignes"), certif.Count(rep.Changed, "inscription modifiée", "inscriptions modifiées"))
	if rep.Late {
		summary += ", retourné après la date limite du " + cp.Deadline.French()
	}
	if file.UploadID != 0 {
		if _, err := tx.exec(`UPDATE imports SET committed_at = ?, summary = ? WHERE id = ?`, now, summary, file.UploadID); err != nil {
			return err
		}
	}
	if reason != "" {
		summary += ", daté du " + rep.ReturnedOn.French()
	}
	return tx.audit(certif.AuditEvent{Entity: "collection", EntityKey: collectionKey(cp.Name, e.Code), Action: "return", After: summary, Reason: reason})
}

// DeclareCollectionNil records that an employer has nobody to present in a
// campaign ("néant"): refused when the campaign concerns registrations of the
// employer. It also declares "néant" (R17) for each exam month of the
// campaign in which the employer presents nobody at all, as DeclareNil does.
func (s *Store) DeclareCollectionNil(ctx context.Context, by Caller, cp calendar.CollectionCampaign, employerCode string) error {
	if err := by.dated(); err != nil {
		return err
	}
	e, err := s.EmployerByCode(ctx, employerCode)
	if err != nil {
		return err
	}
	regs, err := s.collectionRegistrations(ctx, cp, e.Code)
	if err != nil {
		return err
	}
	if len(regs) > 0 {
		return certif.Errorf(certif.EConflict, "Vous présentez %s dans la campagne %s : retournez le tableau de recueil plutôt que « néant ».", certif.Count(len(regs), "candidat", "candidats"), certif.OfMonth(cp.Name))
	}
	if len(cp.ExamMonths) == 0 || cp.ExamMonths[len(cp.ExamMonths)-1].Last().Before(by.Today) {
		return certif.Errorf(certif.EInvalid, "La campagne %s est passée.", certif.OfMonth(cp.Name))
	}
	for _, m := range cp.ExamMonths {
		// A month already declared, or in which the employer presents someone
		// for another route, keeps its own R17 state.
		if _, err := s.DeclareNil(ctx, by, e.Code, m); err != nil && certif.ErrorCode(err) != certif.EInvalid && certif.ErrorCode(err) != certif.EConflict {
			return err
		}
	}
	return s.write(ctx, by.Actor, func(tx *Tx) error {
		id, _, err := tx.collectionReturnID(cp.Name, e.ID)
		if err != nil {
			return err
		}
		if id == 0 {
			if id, err = tx.insert(`INSERT INTO collection_returns (campaign, employer_id) VALUES (?, ?)`, cp.Name.String(), e.ID); err != nil {
				return err
			}
		}
		if _, err := tx.exec(`UPDATE collection_returns SET nil_declared = TRUE, returned_at = ?, returned_on = COALESCE(returned_on, ?), returned_by = ? WHERE id = ?`,
			stamp(s.now()), by.On(), by.Actor.Email, id); err != nil {
			return err
		}
		return tx.audit(certif.AuditEvent{Entity: "collection", EntityKey: collectionKey(cp.Name, e.Code), Action: "nil_declaration",
			After: "néant : aucun candidat dans la campagne " + certif.OfMonth(cp.Name)})
	})
}

// CollectionRows returns the rows of an employer's returned table, by
// registration id (office's planning of the juries).
func (s *Store) CollectionRows(ctx context.Context, campaign certif.Month, employerID int64) (map[int64]certif.CollectionEntry, error) {
	rows, err := s.query(ctx, `SELECT r.line, r.registration_id, r.blocks, r.specialty, r.site, r.reception_hours, r.phone_hours
		FROM collection_return_rows r JOIN collection_returns cr ON cr.id = r.return_id WHERE cr.campaign = ? AND cr.employer_id = ?`, campaign.String(), employerID)
	type row struct {
		e      certif.CollectionEntry
		blocks string
	}
	list, err := collect(rows, err, func(r *sql.Rows) (row, error) {
		var x row
		return x, r.Scan(&x.e.Line, &x.e.RegistrationID, &x.blocks, &x.e.Specialty, &x.e.Site, &x.e.ReceptionHours, &x.e.PhoneHours)
	})
	out := map[int64]certif.CollectionEntry{}
	for _, x := range list {
		for _, b := range strings.Split(x.blocks, ", ") {
			var n int
			if _, err := fmt.Sscan(b, &n); err == nil {
				x.e.Blocks = append(x.e.Blocks, n)
			}
		}
		out[x.e.RegistrationID] = x.e
	}
	return out, err
}
