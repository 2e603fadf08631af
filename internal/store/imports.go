package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"

	"certibloc/internal/certif"
	"certibloc/internal/progress"
)

// ImportLine is one line of an employer's registration file, as read.
type ImportLine struct {
	Line      int
	Key       string // folded birth name, first name and birth date
	Candidate certif.Candidate
	Request   certif.RegistrationRequest
	// Unread says that cells of the line could not be read: the line is
	// refused, its checks still run to list all its errors at once.
	Unread bool
}

// ImportResult says what a line does, or why it is refused.
type ImportResult struct {
	Line      int
	Candidate string            // printed identity (R16)
	Action    string            // French: what committing the file does with this line
	Fields    map[string]string // errors by field ("" for the whole line), nil when the line is accepted; empty for an unread line whose read values pass
}

// ImportReport is the outcome of a file: every line, and the totals.
type ImportReport struct {
	Results          []ImportResult
	NewCandidates    int
	NewRegistrations int
	Unchanged        int
	Refused          int
}

// ImportRegistrations applies a registration file for the caller's employer,
// all or nothing: candidates are matched by birth name, first name and birth
// date (or created), each line's registration goes through the same rules as
// the form; a line identical to a live registration changes nothing, so the
// same file imported twice creates nothing new. With commit false it only
// reports what would happen. When any line is refused nothing is written and
// the error is EInvalid.
//
// The checks read what the lines need in batches, outside any transaction:
// the single SQLite writer is held only by a commit, for its batched inserts,
// after reading again what the checks read, and checking again if it moved.
func (s *Store) ImportRegistrations(ctx context.Context, by Caller, employerCode string, lines []ImportLine, commit bool, importID int64) (ImportReport, error) {
	if err := by.dated(); err != nil {
		return ImportReport{}, err
	}
	e, err := s.EmployerByCode(ctx, employerCode)
	if err != nil {
		return ImportReport{}, err
	}
	if !by.Scope.ownsEmployer(e.ID) {
		return ImportReport{}, notFound("Employeur introuvable.")
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return ImportReport{}, err
	}
	cat, err := s.catalogue(ctx)
	if err != nil {
		return ImportReport{}, err
	}
	keys := importKeys(lines)
	snap, err := readImportSnapshot(s.reader(ctx), e.ID, keys)
	if err != nil {
		return ImportReport{}, err
	}
	progress.Lines(ctx, commit, len(lines))
	plan := planImport(by, e, lines, cat, cal, snap, func() { progress.Advance(ctx) })
	if err := plan.refusal(); err != nil || !commit {
		return plan.report, err
	}
	importChecked(ctx)
	err = s.write(ctx, by.Actor, func(tx *Tx) error {
		now, err := readImportSnapshot(tx.query, e.ID, keys)
		if err != nil {
			return err
		}
		if !sameSnapshot(snap, now) {
			if plan = planImport(by, e, lines, cat, cal, now, func() {}); plan.refusal() != nil {
				return plan.refusal()
			}
		}
		if err := tx.applyImport(by, e, plan.steps); err != nil {
			return err
		}
		if importID == 0 {
			return nil
		}
		r := plan.report
		summary := fmt.Sprintf("%s, %s, %s", certif.Count(r.NewCandidates, "nouveau candidat", "nouveaux candidats"), certif.Count(r.NewRegistrations, "inscription", "inscriptions"), certif.Count(r.Unchanged, "ligne déjà inscrite", "lignes déjà inscrites"))
		_, err = tx.exec(`UPDATE imports SET committed_at = ?, summary = ? WHERE id = ?`, stamp(s.now()), summary, importID)
		return err
	})
	return plan.report, err
}

// importCheckedKey holds, in a test's context, what runs between a file's
// checks and its commit (another user's change, say).
type importCheckedKey struct{}

func importChecked(ctx context.Context) {
	if f, ok := ctx.Value(importCheckedKey{}).(func()); ok {
		f()
	}
}

// refusal is the error of a file with refused lines, nil when none is.
func (p importPlan) refusal() error { return fileRefused(p.report.Refused) }

// fileRefused is the error of an imported file with n refused lines (nil
// when none is): all or nothing, nothing was recorded.
func fileRefused(n int) error {
	if n == 0 {
		return nil
	}
	return certif.Refused("Fichier", n)
}

// importKeys are the distinct identity keys of the lines' candidates.
func importKeys(lines []ImportLine) []string {
	seen := map[string]bool{}
	var keys []string
	for _, l := range lines {
		if k := fileIdentityKey(l.Candidate); !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	return keys
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
