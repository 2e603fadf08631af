package store

import (
	"context"
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
	// Unread says that cells of the line could not be read: the line is
	// refused, its checks still run to list all its errors at once.
	Unread bool
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
	cat, err := s.catalogue(ctx)
	if err != nil {
		return rep, err
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return rep, err
	}
	keys, employers := censusKeys(lines, byCode)
	snap, err := readCensusSnapshot(s.reader(ctx), keys, employers)
	if err != nil {
		return rep, err
	}
	progress.Lines(ctx, commit, len(lines))
	plan := planCensus(by, lines, importID, byCode, cat, cal, snap, func() { progress.Advance(ctx) })
	if err := plan.refusal(); err != nil || !commit {
		return plan.report, err
	}
	err = s.write(ctx, by.Actor, func(tx *Tx) error {
		now, err := readCensusSnapshot(tx.query, keys, employers)
		if err != nil {
			return err
		}
		if !sameCensusSnapshot(snap, now) {
			if plan = planCensus(by, lines, importID, byCode, cat, cal, now, func() {}); plan.refusal() != nil {
				return plan.refusal()
			}
		}
		if err := tx.applyCensus(&plan, importID, notify); err != nil {
			return err
		}
		r := plan.report
		summary := fmt.Sprintf("%s pour %s, %s, %s",
			certif.Count(r.PreRegistrations, "pré-inscription", "pré-inscriptions"), certif.Count(len(plan.employers), "employeur", "employeurs"), certif.Count(r.NewCandidates, "nouveau candidat", "nouveaux candidats"), certif.Count(r.Unchanged, "ligne déjà recensée ou inscrite", "lignes déjà recensées ou inscrites"))
		_, err = tx.exec(`UPDATE census_imports SET committed_at = ?, summary = ? WHERE id = ? AND committed_at IS NULL`, stamp(s.now()), summary, importID)
		return err
	})
	return plan.report, err
}

// refusal is the error of a census file with refused lines, nil when none is.
func (p censusPlan) refusal() error { return fileRefused(p.report.Refused) }

// censusKeys are the distinct identity keys of a census file's trainees and
// the employers it names.
func censusKeys(lines []CensusLine, emps map[string]certif.Employer) ([]string, []int64) {
	seenKey, seenEmployer := map[string]bool{}, map[int64]bool{}
	var keys []string
	var employers []int64
	for _, l := range lines {
		if k := fileIdentityKey(l.Candidate); !seenKey[k] {
			seenKey[k] = true
			keys = append(keys, k)
		}
		if e, ok := emps[strings.ToUpper(strings.TrimSpace(l.Candidate.EmployerCode))]; ok && !seenEmployer[e.ID] {
			seenEmployer[e.ID] = true
			employers = append(employers, e.ID)
		}
	}
	return keys, employers
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
