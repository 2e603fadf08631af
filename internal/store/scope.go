package store

import "certibloc/internal/certif"

// Scope limits what a caller sees. It comes from the authenticated principal,
// never from the request, and every store read that can leak takes it:
//   - the office and the certifier: everything (All);
//   - an employer's HR: its own employer's data (EmployerID);
//   - a jury member: the sessions they sit in and those sessions' candidates
//     (JuryMemberID; no professional jury exists yet, so none);
//   - a candidate: themself (CandidateID);
//   - a national fund: its branch (Branch): the jury members of the branch,
//     the availability requests it sent, and the branch's professional-jury
//     sessions (branchRows, for their list to come); never a candidate's
//     file nor health data;
//   - an account linked to none of these: nothing (Nobody).
type Scope struct {
	EmployerID   int64
	JuryMemberID int64
	CandidateID  int64
	Branch       string // a national fund's branch code
	nobody       bool
}

// All is the scope of the office and the certifier.
var All = Scope{}

// Nobody is the scope of an account linked to nothing it could see.
var Nobody = Scope{nobody: true}

// ScopeOf returns the scope of a user.
func ScopeOf(u *certif.User) Scope {
	switch {
	case u == nil:
		return Nobody
	case u.Role.SeesAllEmployers():
		return All
	case u.Role == certif.RoleEmployer && u.EmployerID > 0:
		return Scope{EmployerID: u.EmployerID}
	case u.Role == certif.RoleJury && u.JuryMemberID > 0:
		return Scope{JuryMemberID: u.JuryMemberID}
	case u.Role == certif.RoleCandidate && u.CandidateID > 0:
		return Scope{CandidateID: u.CandidateID}
	case u.Role == certif.RoleNationalFund && u.BranchCode != "":
		return Scope{Branch: u.BranchCode}
	}
	return Nobody
}

// IsAll reports whether the scope sees everything.
func (sc Scope) IsAll() bool { return sc == All }

// seesNothing is the clause of a scope that sees none of the rows.
const seesNothing = ` AND 1 = 0`

// employerRows restricts rows an employer owns (alias.employer_id): its own
// for an employer; none for a jury member or a candidate.
func (sc Scope) employerRows(alias string) (string, []any) {
	switch {
	case sc.IsAll():
		return "", nil
	case sc.EmployerID > 0:
		return ` AND ` + alias + `.employer_id = ?`, []any{sc.EmployerID}
	}
	return seesNothing, nil
}

// juryMemberRows restricts the jury pool (alias m): an employer's members
// and proposals; a jury member themself; a national fund the members of its
// branch; nothing for a candidate.
func (sc Scope) juryMemberRows() (string, []any) {
	switch {
	case sc.IsAll():
		return "", nil
	case sc.EmployerID > 0:
		return ` AND (m.employer_id = ? OR m.proposed_by = ?)`, []any{sc.EmployerID, sc.EmployerID}
	case sc.JuryMemberID > 0:
		return ` AND m.id = ?`, []any{sc.JuryMemberID}
	}
	return sc.branchRows("m.branch_code")
}

// branchRows restricts rows of a branch (column holds its code) to a
// national fund's: those of its branch for a national fund, every row for
// the office and the certifier, none for the others. The jury pool and the
// availability requests use it; so will the professional-jury sessions
// ("a national fund sees its branch's sessions").
func (sc Scope) branchRows(column string) (string, []any) {
	switch {
	case sc.IsAll():
		return "", nil
	case sc.Branch != "":
		return ` AND ` + column + ` = ?`, []any{sc.Branch}
	}
	return seesNothing, nil
}

// mobilises reports whether the scope may ask members for their
// availability: the office (every member), a national fund (its branch's).
func (sc Scope) mobilises() bool { return sc.IsAll() || sc.Branch != "" }

// candidateRows restricts candidates (alias c): an employer's own; the
// candidate themself; a jury member's none until they sit in a session.
func (sc Scope) candidateRows(alias string) (string, []any) {
	switch {
	case sc.IsAll():
		return "", nil
	case sc.EmployerID > 0:
		return ` AND ` + alias + `.employer_id = ?`, []any{sc.EmployerID}
	case sc.CandidateID > 0:
		return ` AND ` + alias + `.id = ?`, []any{sc.CandidateID}
	}
	return seesNothing, nil
}

// registrationRows restricts registrations r of candidates c: an employer
// sees the registrations it made of its own candidates (not a former
// employer's of a candidate transferred to it); a candidate their own.
func (sc Scope) registrationRows() (string, []any) {
	switch {
	case sc.IsAll():
		return "", nil
	case sc.EmployerID > 0:
		return ` AND c.employer_id = ? AND r.employer_id = ?`, []any{sc.EmployerID, sc.EmployerID}
	case sc.CandidateID > 0:
		return ` AND r.candidate_id = ?`, []any{sc.CandidateID}
	}
	return seesNothing, nil
}

// sessionRows restricts training sessions s (R7): an employer sees the
// sessions it takes part in; the others none.
func (sc Scope) sessionRows() (string, []any) {
	switch {
	case sc.IsAll():
		return "", nil
	case sc.EmployerID > 0:
		return ` AND EXISTS (SELECT 1 FROM training_session_employers t WHERE t.session_id = s.id AND t.employer_id = ?)`, []any{sc.EmployerID}
	}
	return seesNothing, nil
}

// auditRows restricts the audit trail: an employer reads the events recorded
// while the candidate or registration was its own; the others none (the
// journal and histories are staff and employer pages).
func (sc Scope) auditRows() (string, []any) {
	switch {
	case sc.IsAll():
		return "", nil
	case sc.EmployerID > 0:
		return ` AND employer_id = ?`, []any{sc.EmployerID}
	}
	return seesNothing, nil
}

// ownsEmployer reports whether the scope may act for the employer.
func (sc Scope) ownsEmployer(employerID int64) bool {
	return sc.IsAll() || (sc.EmployerID > 0 && sc.EmployerID == employerID)
}
