package certif

import (
	"slices"
	"strings"
)

// OpenTo reports whether the employers of a branch may register candidates
// to the qualification: the branches it serves (DOMAIN.md: DAM and the
// Maladie programmes for Maladie, GC and COS for Famille, Recouvrement and
// Retraite…).
func (q Qualification) OpenTo(branch string) bool { return slices.Contains(q.Branches, branch) }

// CheckBranch applies the branch rule to a registration for an employer of
// branch: a qualification not open to it is refused to the employer; the
// office may register outside it, with a reason, traced. It reports whether
// the registration is outside the employer's branch.
//
// A CQP the branch reaches through one of its programmes, confirmed by the
// office, is open to it when the registration names that programme (GC
// through GCAM for Maladie); a programme of another branch is refused.
func CheckBranch(q Qualification, prog *Programme, branch string, ov Override) (outside bool, err error) {
	if prog != nil && branch != "" && prog.Branch != branch {
		msg := "Le programme " + prog.Code + " est celui de la branche " + branchName(prog.Branch) + " : il ne concerne pas les organismes de la branche " + branchName(branch) + "."
		return true, &Error{Code: EInvalid, Message: msg, Fields: map[string]string{"qualification": msg}}
	}
	if branch == "" || q.OpenTo(branch) || (prog != nil && prog.Leads(branch, q.Code)) {
		return false, nil
	}
	msg := "Le CQP " + q.Title + " n'est pas ouvert aux organismes de la branche " + branchName(branch) + "."
	field := "Choisissez un CQP ouvert à la branche " + branchName(branch) + "."
	if !ov.ByOffice {
		return true, &Error{Code: EInvalid, Message: msg, Fields: map[string]string{"qualification": field}}
	}
	if strings.TrimSpace(ov.Reason) == "" {
		return true, &Error{Code: EInvalid, Message: msg + " Pour inscrire malgré tout, indiquez le motif de la dérogation.",
			Fields: map[string]string{"late_reason": "Motif de l'inscription hors de la branche de l'employeur."}}
	}
	return true, nil
}

// branchName is a branch's name as people say it: "Maladie", "Famille".
func branchName(code string) string {
	if code == "" {
		return ""
	}
	return strings.ToUpper(code[:1]) + code[1:]
}
