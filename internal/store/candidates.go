package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"certibloc/internal/certif"
)

// identityKey folds the identity that reveals a possible duplicate: birth name,
// first name and birth date.
func identityKey(c certif.Candidate) string {
	first := ""
	if len(c.FirstNames) > 0 {
		first = c.FirstNames[0]
	}
	return certif.SearchKey(c.BirthName, first) + "|" + c.BirthDate.String()
}

func normalizeCandidate(c *certif.Candidate) {
	c.BirthName = strings.Join(strings.Fields(c.BirthName), " ")
	c.UsageName = strings.Join(strings.Fields(c.UsageName), " ")
	for i := range c.FirstNames {
		c.FirstNames[i] = strings.Join(strings.Fields(c.FirstNames[i]), " ")
	}
	for len(c.FirstNames) > 0 && c.FirstNames[len(c.FirstNames)-1] == "" {
		c.FirstNames = c.FirstNames[:len(c.FirstNames)-1]
	}
	c.BirthINSEE = strings.ToUpper(strings.TrimSpace(c.BirthINSEE))
	c.BirthCountry = strings.TrimSpace(c.BirthCountry)
	c.Email = NormalizeEmail(c.Email)
	c.Phone = strings.TrimSpace(c.Phone)
	c.Sex = strings.ToUpper(strings.TrimSpace(c.Sex))
}

func firstNames3(c certif.Candidate) []string {
	return append(append([]string(nil), c.FirstNames...), "", "", "")[:3]
}

// candidateFields flattens an identity for the audit trail.
func candidateFields(c certif.Candidate) map[string]string {
	fn := firstNames3(c)
	return map[string]string{
		"birth_name": c.BirthName, "usage_name": c.UsageName, "first_name1": fn[0], "first_name2": fn[1], "first_name3": fn[2],
		"sex": c.Sex, "birth_date": c.BirthDate.French(), "birth_insee": c.BirthINSEE, "birth_country": c.BirthCountry,
		"email": c.Email, "phone": c.Phone, "employer": c.EmployerCode,
	}
}

// CreateCandidate adds a candidate for an employer after checking the identity
// (R16); see AddCandidate.
func (s *Store) CreateCandidate(ctx context.Context, by Caller, c certif.Candidate) (certif.Candidate, error) {
	c, _, err := s.AddCandidate(ctx, by, c, CandidateEntry{})
	return c, err
}

// CandidateEntry is how a candidate is entered by a person.
type CandidateEntry struct {
	// Submission is the key of the form or API request (Idempotency-Key): the
	// same key sent again by the same account creates nothing and answers the
	// candidate the first one created.
	Submission string
	// Homonym confirms that the employer's candidate of the same birth name,
	// first name and date of birth is another person.
	Homonym bool
}

// AddCandidate adds a candidate for an employer after checking the identity
// (R16). An employer's second candidate with the same birth name, first name
// and date of birth is refused unless entry confirms a homonym; a repeated
// submission returns the first one's candidate, with repeated true.
func (s *Store) AddCandidate(ctx context.Context, by Caller, c certif.Candidate, entry CandidateEntry) (_ certif.Candidate, repeated bool, _ error) {
	if err := by.dated(); err != nil {
		return c, false, err
	}
	normalizeCandidate(&c)
	if err := c.Validate(by.Today); err != nil {
		return c, false, err
	}
	err := s.write(ctx, by.Actor, func(tx *Tx) error {
		done, err := tx.claimSubmission(entry.Submission)
		if err != nil || done != "" {
			repeated = done != ""
			c.ID, _ = strconv.ParseInt(done, 10, 64)
			return err
		}
		if !entry.Homonym {
			if err := tx.refuseSameIdentity(c); err != nil {
				return err
			}
		}
		if c, err = tx.createCandidate(c); err != nil {
			return err
		}
		return tx.completeSubmission(entry.Submission, idKey(c.ID))
	})
	if certif.ErrorCode(err) == certif.EConflict && entry.Submission != "" {
		// The same submission, sent at the same time, was handled by another request.
		if done, derr := s.submissionResult(ctx, by.Actor, entry.Submission); derr == nil && done != "" {
			c.ID, _ = strconv.ParseInt(done, 10, 64)
			repeated, err = true, nil
		}
	}
	if err != nil || !repeated {
		return c, repeated, err
	}
	c, err = s.Candidate(ctx, c.ID, All)
	return c, true, err
}

// refuseSameIdentity refuses a second candidate of the employer with the same
// birth name, first name and date of birth: most often the same person
// entered twice.
func (tx *Tx) refuseSameIdentity(c certif.Candidate) error {
	var id int64
	err := tx.queryRow(`SELECT c.id FROM candidates c JOIN employers e ON e.id = c.employer_id
		WHERE e.code = ? AND c.identity_key = ? AND c.deleted_at IS NULL ORDER BY c.id LIMIT 1`, c.EmployerCode, identityKey(c)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	return &certif.Error{Code: certif.EConflict, Message: fmt.Sprintf("Ce candidat existe déjà (dossier n° %d) : même nom de naissance, "+
		"même prénom et même date de naissance. S'il s'agit d'une autre personne, confirmez-le et enregistrez de nouveau.", id),
		Fields: map[string]string{"homonym": fmt.Sprintf("Dossier n° %d déjà enregistré avec cette identité.", id)}}
}

func (tx *Tx) createCandidate(c certif.Candidate) (certif.Candidate, error) {
	if err := tx.queryRow(`SELECT id FROM employers WHERE code = ?`, c.EmployerCode).Scan(&c.EmployerID); errors.Is(err, sql.ErrNoRows) {
		return c, &certif.Error{Code: certif.EInvalid, Message: "Employeur inconnu.", Fields: map[string]string{"employer": "Aucun employeur n'a le code " + c.EmployerCode + "."}}
	} else if err != nil {
		return c, err
	}
	id, err := tx.insert(`INSERT INTO candidates (`+strings.Join(candidateColumns, ", ")+`) VALUES `+inList(len(candidateColumns)), candidateRow(c, stamp(tx.s.now()))...)
	if err != nil {
		return c, err
	}
	c.ID = id
	return c, tx.audit(candidateCreated(c))
}

// candidateColumns are the columns a new candidate fills (candidateRow).
var candidateColumns = []string{"employer_id", "birth_name", "usage_name", "first_name1", "first_name2", "first_name3", "sex", "birth_date",
	"birth_insee", "birth_country", "email", "phone", "search_key", "identity_key", "created_at", "updated_at"}

// candidateRow is a new candidate's row, created at.
func candidateRow(c certif.Candidate, at string) []any {
	fn := firstNames3(c)
	return []any{c.EmployerID, c.BirthName, c.UsageName, fn[0], fn[1], fn[2], c.Sex, c.BirthDate, c.BirthINSEE, c.BirthCountry,
		c.Email, c.Phone, certif.SearchKey(c.UsageName, c.BirthName, strings.Join(c.FirstNames, " ")), identityKey(c), at, at}
}

// candidateCreated is the audit event of a new candidate.
func candidateCreated(c certif.Candidate) certif.AuditEvent {
	return certif.AuditEvent{Entity: "candidate", EntityKey: idKey(c.ID), Action: "create", After: c.PrintedName(), CandidateID: c.ID}
}

const candidateSelect = `SELECT c.id, c.employer_id, e.code, c.birth_name, c.usage_name, c.first_name1, c.first_name2, c.first_name3,
	c.sex, c.birth_date, c.birth_insee, c.birth_country, c.email, c.phone, c.version
	FROM candidates c JOIN employers e ON e.id = c.employer_id WHERE c.deleted_at IS NULL`

func scanCandidate(r *sql.Rows) (certif.Candidate, error) {
	var c certif.Candidate
	var f1, f2, f3 string
	err := r.Scan(&c.ID, &c.EmployerID, &c.EmployerCode, &c.BirthName, &c.UsageName, &f1, &f2, &f3,
		&c.Sex, dateCol{&c.BirthDate}, &c.BirthINSEE, &c.BirthCountry, &c.Email, &c.Phone, &c.Version)
	for _, f := range []string{f1, f2, f3} {
		if f != "" {
			c.FirstNames = append(c.FirstNames, f)
		}
	}
	return c, err
}

// CandidateFilter selects candidates for a list.
type CandidateFilter struct {
	Scope    Scope
	Search   string // accent- and case-insensitive, on names
	Employer string // employer code (office and certifier)
	Page     int    // from 1
	PerPage  int
}

// Candidates lists candidates in a scope, by name, with the total count.
func (s *Store) Candidates(ctx context.Context, f CandidateFilter) ([]certif.Candidate, int, error) {
	where, args := f.Scope.candidateRows("c")
	w, a := searchClause("c.search_key", f.Search)
	where, args = where+w, append(args, a...)
	if f.Employer != "" {
		where += ` AND e.code = ?`
		args = append(args, strings.ToUpper(f.Employer))
	}
	total, err := s.count(ctx, `SELECT COUNT(*) FROM candidates c JOIN employers e ON e.id = c.employer_id WHERE c.deleted_at IS NULL`+where, args...)
	if err != nil {
		return nil, 0, err
	}
	limit, offset := paging(f.Page, f.PerPage)
	rows, err := s.query(ctx, candidateSelect+where+fmt.Sprintf(` ORDER BY c.birth_name, c.first_name1, c.id LIMIT %d OFFSET %d`, limit, offset), args...)
	list, err := collect(rows, err, scanCandidate)
	return list, total, err
}

// searchClause matches every word of a search, accent- and case-insensitively,
// against a folded column (certif.SearchKey).
func searchClause(column, search string) (string, []any) {
	var w string
	var args []any
	for _, word := range strings.Fields(certif.SearchKey(search)) {
		word = strings.NewReplacer("%", "", "_", "").Replace(word)
		if word == "" {
			continue
		}
		w += " AND " + column + " LIKE ?"
		args = append(args, "%"+word+"%")
	}
	return w, args
}

// paging turns a page number into LIMIT and OFFSET (50 per page by default, 500 at most).
func paging(page, perPage int) (int, int) {
	if perPage <= 0 || perPage > 500 {
		perPage = 50
	}
	if page < 1 {
		page = 1
	}
	return perPage, (page - 1) * perPage
}

// Candidate returns one candidate in a scope: a candidate of another employer is not found.
func (s *Store) Candidate(ctx context.Context, id int64, sc Scope) (certif.Candidate, error) {
	where, args := sc.candidateRows("c")
	rows, err := s.query(ctx, candidateSelect+` AND c.id = ?`+where, append([]any{id}, args...)...)
	list, err := collect(rows, err, scanCandidate)
	if err == nil && len(list) == 0 {
		err = notFound("Candidat introuvable.")
	}
	if err != nil {
		return certif.Candidate{}, err
	}
	return list[0], nil
}

// CountCandidates counts live candidates in a scope.
func (s *Store) CountCandidates(ctx context.Context, sc Scope) (int, error) {
	where, args := sc.candidateRows("c")
	return s.count(ctx, `SELECT COUNT(*) FROM candidates c WHERE c.deleted_at IS NULL`+where, args...)
}

// UpdateCandidate replaces a candidate's identity with c (see EditCandidate).
func (s *Store) UpdateCandidate(ctx context.Context, by Caller, id int64, c certif.Candidate) (certif.Candidate, error) {
	return s.EditCandidate(ctx, by, id, 0, func(old *certif.Candidate) error {
		c.ID, c.EmployerID, c.EmployerCode, c.Version = old.ID, old.EmployerID, old.EmployerCode, old.Version
		*old = c
		return nil
	})
}

// EditCandidate corrects a candidate's identity: edit changes the current
// identity, read and written in one transaction (two corrections at once both
// apply); each changed field is traced on the candidate's history. With
// version not 0, the correction was made from that version: if someone else
// changed the candidate since, it is refused (EStale).
func (s *Store) EditCandidate(ctx context.Context, by Caller, id int64, version int, edit func(*certif.Candidate) error) (certif.Candidate, error) {
	var c certif.Candidate
	if err := by.dated(); err != nil {
		return c, err
	}
	err := s.write(ctx, by.Actor, func(tx *Tx) error {
		old, err := tx.lockCandidate(id, by.Scope)
		if err != nil {
			return err
		}
		if version != 0 && version != old.Version {
			return errStaleCandidate
		}
		c = old
		c.FirstNames = slices.Clone(old.FirstNames)
		if err := edit(&c); err != nil {
			return err
		}
		normalizeCandidate(&c)
		c.ID, c.EmployerID, c.EmployerCode, c.Version = old.ID, old.EmployerID, old.EmployerCode, old.Version
		if err := c.Validate(by.Today); err != nil {
			return err
		}
		fn := firstNames3(c)
		if _, err := tx.exec(`UPDATE candidates SET birth_name = ?, usage_name = ?, first_name1 = ?, first_name2 = ?, first_name3 = ?, sex = ?,
			birth_date = ?, birth_insee = ?, birth_country = ?, email = ?, phone = ?, search_key = ?, identity_key = ?, updated_at = ?,
			version = version + 1 WHERE id = ?`,
			c.BirthName, c.UsageName, fn[0], fn[1], fn[2], c.Sex, c.BirthDate, c.BirthINSEE, c.BirthCountry, c.Email, c.Phone,
			certif.SearchKey(c.UsageName, c.BirthName, strings.Join(c.FirstNames, " ")), identityKey(c), stamp(s.now()), id); err != nil {
			return err
		}
		c.Version++
		if err := tx.auditCandidateChanges(id, "candidate", idKey(id), candidateFields(old), candidateFields(c), by.Reason); err != nil {
			return err
		}
		return tx.reissueAfterCorrection(old, c, by.Today)
	})
	return c, err
}

var errStaleCandidate = &certif.Error{Code: certif.EStale, Message: "Ce dossier a été modifié par quelqu'un d'autre depuis que vous l'avez ouvert : " +
	"votre correction n'a pas été enregistrée. Rechargez le dossier pour voir sa version actuelle, puis refaites votre correction."}

var errStaleCandidateDeletion = &certif.Error{Code: certif.EStale, Message: "Ce dossier a été modifié par quelqu'un d'autre depuis que vous l'avez ouvert : " +
	"le candidat n'a pas été supprimé. Rechargez le dossier pour voir sa version actuelle, puis décidez de nouveau."}

// lockCandidate reads a candidate in the scope and locks it until the end of
// the transaction.
func (tx *Tx) lockCandidate(id int64, sc Scope) (certif.Candidate, error) {
	where, args := sc.candidateRows("c")
	rows, err := tx.query(candidateSelect+` AND c.id = ?`+where+tx.s.dialect.forUpdate("c"), append([]any{id}, args...)...)
	list, err := collect(rows, err, scanCandidate)
	if err == nil && len(list) == 0 {
		err = notFound("Candidat introuvable.")
	}
	if err != nil {
		return certif.Candidate{}, err
	}
	return list[0], nil
}

// DeleteCandidate removes a candidate (soft delete) that has no registration
// waiting for a jury. With version not 0, the deletion was decided on that
// version: if someone else changed the candidate since, it is refused
// (EStale) and nothing is deleted.
func (s *Store) DeleteCandidate(ctx context.Context, by Caller, id int64, version int) error {
	return s.write(ctx, by.Actor, func(tx *Tx) error {
		c, err := tx.lockCandidate(id, by.Scope)
		if err != nil {
			return err
		}
		if version != 0 && version != c.Version {
			return errStaleCandidateDeletion
		}
		var live int
		if err := tx.queryRow(`SELECT COUNT(*) FROM registrations WHERE candidate_id = ? AND deleted_at IS NULL`, id).Scan(&live); err != nil {
			return err
		}
		if live > 0 {
			return certif.Errorf(certif.EConflict, "Ce candidat a %s : supprimez-les d'abord.", certif.Count(live, "inscription", "inscriptions"))
		}
		if _, err := tx.exec(`UPDATE candidates SET deleted_at = ?, version = version + 1 WHERE id = ?`, stamp(s.now()), id); err != nil {
			return err
		}
		return tx.audit(certif.AuditEvent{Entity: "candidate", EntityKey: idKey(id), Action: "delete", Before: c.PrintedName(), Reason: by.Reason, CandidateID: id})
	})
}

// TransferCandidate moves a candidate to another employer (office): the
// candidate keeps its history and validated blocks; the former employer no
// longer sees it. Its registrations still waiting for a decision pass to the
// new employer without their health data (handOverRegistrations); it returns
// how many.
func (s *Store) TransferCandidate(ctx context.Context, by Caller, id int64, employerCode string) (int, error) {
	c, err := s.Candidate(ctx, id, All)
	if err != nil {
		return 0, err
	}
	to, err := s.EmployerByCode(ctx, employerCode)
	if err != nil {
		return 0, &certif.Error{Code: certif.EInvalid, Message: "Employeur inconnu.", Fields: map[string]string{"employer": "Aucun employeur n'a le code " + employerCode + "."}}
	}
	if to.ID == c.EmployerID {
		return 0, &certif.Error{Code: certif.EInvalid, Message: "Le candidat est déjà rattaché à cet employeur.", Fields: map[string]string{"employer": "Choisissez un autre employeur."}}
	}
	var moved int
	err = s.write(ctx, by.Actor, func(tx *Tx) error {
		if _, err := tx.exec(`UPDATE candidates SET employer_id = ?, updated_at = ?, version = version + 1 WHERE id = ?`, to.ID, stamp(s.now()), id); err != nil {
			return err
		}
		if err := tx.audit(certif.AuditEvent{Entity: "candidate", EntityKey: idKey(id), Action: "transfer", Field: "employer",
			Before: c.EmployerCode, After: to.Code, Reason: by.Reason, CandidateID: id}); err != nil {
			return err
		}
		moved, err = tx.handOverRegistrations(id, to.ID, to.Code, by.Reason)
		return err
	})
	return moved, err
}

// DuplicateGroup is a set of candidates that may be the same person.
type DuplicateGroup struct {
	Key        string
	Candidates []certif.Candidate
}

// Duplicates lists the candidates sharing birth name, first name and birth date
// (possible duplicates, often across employers); the office merges them.
func (s *Store) Duplicates(ctx context.Context) ([]DuplicateGroup, error) {
	rows, err := s.query(ctx, candidateSelect+` AND c.identity_key IN (SELECT identity_key FROM candidates WHERE deleted_at IS NULL
		GROUP BY identity_key HAVING COUNT(*) > 1) ORDER BY c.identity_key, c.id`)
	list, err := collect(rows, err, scanCandidate)
	var groups []DuplicateGroup
	for _, c := range list {
		k := identityKey(c)
		if len(groups) == 0 || groups[len(groups)-1].Key != k {
			groups = append(groups, DuplicateGroup{Key: k})
		}
		groups[len(groups)-1].Candidates = append(groups[len(groups)-1].Candidates, c)
	}
	return groups, err
}

// PossibleDuplicates returns the other candidates with the same identity key.
func (s *Store) PossibleDuplicates(ctx context.Context, c certif.Candidate) ([]certif.Candidate, error) {
	rows, err := s.query(ctx, candidateSelect+` AND c.identity_key = ? AND c.id <> ?`, identityKey(c), c.ID)
	return collect(rows, err, scanCandidate)
}

// MergeCandidates merges candidate drop into keep (office): registrations, block
// attempts (validated blocks included), accounts and history move to keep; drop
// is removed and points to keep. Registrations of drop's employer still waiting
// for a decision pass to keep's employer without their health data
// (handOverRegistrations); it returns how many.
func (s *Store) MergeCandidates(ctx context.Context, by Caller, keepID, dropID int64) (int, error) {
	if keepID == dropID {
		return 0, certif.Errorf(certif.EInvalid, "Choisissez deux candidats différents.")
	}
	keep, err := s.Candidate(ctx, keepID, All)
	if err != nil {
		return 0, err
	}
	drop, err := s.Candidate(ctx, dropID, All)
	if err != nil {
		return 0, err
	}
	var moved int
	err = s.write(ctx, by.Actor, func(tx *Tx) error {
		for _, q := range []string{
			`UPDATE registrations SET candidate_id = ?, version = version + 1 WHERE candidate_id = ?`,
			`UPDATE block_attempts SET candidate_id = ? WHERE candidate_id = ?`,
			`UPDATE users SET candidate_id = ? WHERE candidate_id = ?`,
			`UPDATE audit_events SET candidate_id = ? WHERE candidate_id = ?`,
		} {
			if _, err := tx.exec(q, keepID, dropID); err != nil {
				return err
			}
		}
		if _, err := tx.exec(`UPDATE candidates SET deleted_at = ?, merged_into = ?, version = version + 1 WHERE id = ?`, stamp(s.now()), keepID, dropID); err != nil {
			return err
		}
		if err := tx.audit(certif.AuditEvent{Entity: "candidate", EntityKey: idKey(keepID), Action: "merge",
			Before: fmt.Sprintf("n° %d %s (%s)", dropID, drop.PrintedName(), drop.EmployerCode), After: fmt.Sprintf("n° %d %s (%s)", keepID, keep.PrintedName(), keep.EmployerCode),
			Reason: by.Reason, CandidateID: keepID}); err != nil {
			return err
		}
		moved, err = tx.handOverRegistrations(keepID, keep.EmployerID, keep.EmployerCode, by.Reason)
		return err
	})
	return moved, err
}

// ReportIdentityError records a candidate's report that its printed identity is
// wrong (R16); the employer and the office see it in the history.
func (s *Store) ReportIdentityError(ctx context.Context, by Caller, candidateID int64, message string) error {
	message = strings.TrimSpace(message)
	if message == "" {
		return &certif.Error{Code: certif.EInvalid, Message: "Décrivez l'erreur.", Fields: map[string]string{"message": "Indiquez ce qui est inexact et la bonne valeur."}}
	}
	if len([]rune(message)) > 1000 {
		return &certif.Error{Code: certif.EInvalid, Message: "Message trop long.", Fields: map[string]string{"message": "1 000 caractères au plus."}}
	}
	return s.write(ctx, by.Actor, func(tx *Tx) error {
		return tx.audit(certif.AuditEvent{Entity: "candidate", EntityKey: idKey(candidateID), Action: "identity_report", After: message, CandidateID: candidateID})
	})
}
