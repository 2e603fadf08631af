package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"certibloc/internal/certif"
	"certibloc/internal/progress"
)

// ImportLine is one line of an employer's registration file, as read.
type ImportLine struct {
	Line      int
	Key       string // folded birth name, first name and birth date
	Candidate certif.Candidate
	Request   certif.RegistrationRequest
}

// ImportResult says what a line does, or why it is refused.
type ImportResult struct {
	Line      int
	Candidate string            // printed identity (R16)
	Action    string            // French: what committing the file does with this line
	Fields    map[string]string // errors by field, nil when the line is accepted
}

// ImportReport is the outcome of a file: every line, and the totals.
type ImportReport struct {
	Results          []ImportResult
	NewCandidates    int
	NewRegistrations int
	Unchanged        int
	Refused          int
}

// errImportPreview rolls back a preview transaction.
var errImportPreview = errors.New("aperçu")

// ImportRegistrations applies a registration file for the caller's employer,
// all or nothing: candidates are matched by birth name, first name and birth
// date (or created), each line's registration goes through the same rules as
// the form; a line identical to a live registration changes nothing, so the
// same file imported twice creates nothing new. With commit false it only
// reports what would happen. When any line is refused nothing is written and
// the error is EInvalid.
func (s *Store) ImportRegistrations(ctx context.Context, by Caller, employerCode string, lines []ImportLine, commit bool, importID int64) (ImportReport, error) {
	var rep ImportReport
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
	cal, err := s.Calendar(ctx)
	if err != nil {
		return rep, err
	}
	quals, err := s.Qualifications(ctx, true)
	if err != nil {
		return rep, err
	}
	byCode := map[string]certif.Qualification{}
	for _, q := range quals {
		byCode[q.Code] = q
	}
	progress.Lines(ctx, commit, len(lines))
	err = s.write(ctx, by.Actor, func(tx *Tx) error {
		for _, l := range lines {
			res := tx.importLine(by, e, l, byCode, cal, &rep)
			if res.Fields != nil {
				rep.Refused++
			}
			rep.Results = append(rep.Results, res)
			progress.Advance(ctx)
		}
		switch {
		case rep.Refused > 0:
			return &certif.Error{Code: certif.EInvalid, Message: fmt.Sprintf("Fichier refusé : %d ligne(s) en erreur. Rien n'a été enregistré ; corrigez le fichier et déposez-le de nouveau.", rep.Refused)}
		case !commit:
			return errImportPreview
		}
		if importID != 0 {
			summary := fmt.Sprintf("%d nouveau(x) candidat(s), %d inscription(s), %d ligne(s) déjà inscrite(s)", rep.NewCandidates, rep.NewRegistrations, rep.Unchanged)
			if _, err := tx.exec(`UPDATE imports SET committed_at = ?, summary = ? WHERE id = ?`, stamp(s.now()), summary, importID); err != nil {
				return err
			}
		}
		return nil
	})
	if errors.Is(err, errImportPreview) {
		err = nil
	}
	return rep, err
}

// importLine applies one line inside the import transaction.
func (tx *Tx) importLine(by Caller, e certif.Employer, l ImportLine, quals map[string]certif.Qualification, cal certif.Schedule, rep *ImportReport) ImportResult {
	res := ImportResult{Line: l.Line, Candidate: l.Candidate.PrintedName()}
	fail := func(err error) ImportResult {
		res.Fields = certif.ErrorFields(err)
		if len(res.Fields) == 0 {
			res.Fields = map[string]string{"": certif.ErrorMessage(err)}
		}
		return res
	}
	q, ok := quals[strings.ToUpper(l.Request.Qualification)]
	if !ok {
		return fail(&certif.Error{Code: certif.EInvalid, Fields: map[string]string{"qualification": "CQP inconnu ou fermé aux inscriptions : " + l.Request.Qualification + "."}})
	}
	l.Request.Qualification = q.Code
	c := l.Candidate
	c.EmployerCode = e.Code
	normalizeCandidate(&c)
	if err := c.Validate(by.Today); err != nil {
		return fail(err)
	}
	var existing int64
	err := tx.queryRow(`SELECT id FROM candidates WHERE employer_id = ? AND identity_key = ? AND deleted_at IS NULL ORDER BY id LIMIT 1`, e.ID, identityKey(c)).Scan(&existing)
	switch {
	case err == nil:
		c.ID, c.EmployerID = existing, e.ID
		res.Action = "Candidat déjà connu"
	case errors.Is(err, sql.ErrNoRows):
		if c, err = tx.createCandidate(c); err != nil {
			return fail(err)
		}
		rep.NewCandidates++
		res.Action = "Nouveau candidat"
	default:
		return fail(err)
	}
	var same int
	if err := tx.queryRow(`SELECT COUNT(*) FROM registrations WHERE candidate_id = ? AND qualification_code = ? AND certifiable_from = ? AND deleted_at IS NULL`,
		c.ID, q.Code, l.Request.CertifiableFrom).Scan(&same); err != nil {
		return fail(err)
	}
	if same > 0 {
		rep.Unchanged++
		res.Action += ", déjà inscrit : rien à faire"
		return res
	}
	_, plan, err := tx.register(by, c, q, l.Request, cal)
	if err != nil {
		return fail(err)
	}
	rep.NewRegistrations++
	res.Action += fmt.Sprintf(", inscription %s blocs %s (%s)", q.Code, blockList(plan.Blocks), periodList(plan))
	return res
}

// Upload is a file kept between its preview and its commit.
type Upload struct {
	ID          int64
	EmployerID  int64
	Filename    string
	SHA256      string
	Content     []byte
	CreatedBy   string
	Committed   bool
	Summary     string
	CommittedAt sql.NullString
}

// SaveUpload keeps an uploaded file for its commit.
func (s *Store) SaveUpload(ctx context.Context, by Caller, employerID int64, filename string, content []byte) (int64, error) {
	sum := sha256.Sum256(content)
	var id int64
	err := s.write(ctx, by.Actor, func(tx *Tx) error {
		var err error
		id, err = tx.insert(`INSERT INTO imports (employer_id, filename, sha256, content, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			employerID, filename, hex.EncodeToString(sum[:]), content, by.Actor.Email, stamp(s.now()))
		return err
	})
	return id, err
}

// LoadUpload returns a kept file, scoped to the caller's employer.
func (s *Store) LoadUpload(ctx context.Context, id int64, sc Scope) (Upload, error) {
	var u Upload
	where, args := sc.employerRows("i")
	err := s.queryRow(ctx, `SELECT i.id, i.employer_id, i.filename, i.sha256, i.content, i.created_by, i.committed_at, i.summary FROM imports i WHERE i.id = ?`+where,
		append([]any{id}, args...)...).Scan(&u.ID, &u.EmployerID, &u.Filename, &u.SHA256, &u.Content, &u.CreatedBy, &u.CommittedAt, &u.Summary)
	if errors.Is(err, sql.ErrNoRows) {
		return u, uploadGone("Fichier d'import")
	}
	u.Committed = u.CommittedAt.Valid
	return u, err
}

// DeleteUpload forgets a refused file: nothing of it is kept.
func (s *Store) DeleteUpload(ctx context.Context, id int64) error {
	return s.write(ctx, System, func(tx *Tx) error {
		_, err := tx.exec(`DELETE FROM imports WHERE id = ? AND committed_at IS NULL`, id)
		return err
	})
}
