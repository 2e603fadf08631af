package certif

import (
	"slices"
	"strconv"
	"strings"
)

// Decision is what a national joint jury decides on a block attempt (R9).
type Decision string

const (
	DecisionValidated    Decision = "validated"
	DecisionNotValidated Decision = "not_validated"
	DecisionAbsent       Decision = "absent"
)

// Decisions lists the decisions, in the order the deliberation offers them.
var Decisions = []Decision{DecisionValidated, DecisionNotValidated, DecisionAbsent}

// Label is the decision in French.
func (d Decision) Label() string {
	switch d {
	case DecisionValidated:
		return "Validé"
	case DecisionNotValidated:
		return "Non validé"
	case DecisionAbsent:
		return "Absent"
	}
	return string(d)
}

// Status is the attempt's status once decided.
func (d Decision) Status() AttemptStatus {
	switch d {
	case DecisionValidated:
		return AttemptValidated
	case DecisionNotValidated:
		return AttemptNotValidated
	}
	return AttemptAbsent
}

// Follows is the decision that follows a professional jury's proposal: a
// favourable proposal validates, an unfavourable one does not, an absent
// candidate is absent.
func (p Proposal) Follows() Decision {
	switch p {
	case ProposalFavourable:
		return DecisionValidated
	case ProposalUnfavourable:
		return DecisionNotValidated
	}
	return DecisionAbsent
}

// NationalCase is an attempt on a national jury's case list: evaluated, its
// professional jury held on HeldOn, its proposal final on FinalOn.
type NationalCase struct {
	AttemptID     int64
	CandidateID   int64
	Qualification string
	Block         int
	HeldOn        Date
	FinalOn       Date
	Proposal      Proposal
}

// ReachedJury is the index, in cutoffs (ascending), of the national jury that
// decides a case (R9): the first whose cutoff is on or after both the day the
// professional jury sat and the day its proposal became final — a proposal
// confirmed after a cutoff goes to the next jury. False when no jury of the
// calendar comes late enough.
func (c NationalCase) ReachedJury(cutoffs []Date) (int, bool) {
	ready := c.HeldOn
	if c.FinalOn.After(ready) {
		ready = c.FinalOn
	}
	for i, cut := range cutoffs {
		if !cut.Before(ready) {
			return i, true
		}
	}
	return 0, false
}

// CheckDecision applies the deliberation's rule: a decision departing from
// the professional jury's proposal states its reason; an absent candidate
// cannot be validated.
func CheckDecision(c NationalCase, d Decision, reason string) error {
	var v Validation
	if !slices.Contains(Decisions, d) {
		v.Add("decision", "Choisissez une décision : validé, non validé ou absent.")
	}
	if d != c.Proposal.Follows() && strings.TrimSpace(reason) == "" {
		v.Add("reason", "Cette décision s'écarte de la proposition du jury professionnel : indiquez-en le motif (il figure au procès-verbal).")
	}
	if c.Proposal == ProposalAbsent && d == DecisionValidated {
		v.Add("decision", "Un candidat absent au jury professionnel ne peut pas être validé.")
	}
	return v.Err()
}

// Awarded reports whether a qualification is obtained (R3): every one of its
// blocks validated, across national juries (earlier validations, prior to
// the platform included).
func Awarded(q Qualification, validated map[int]bool) bool {
	for _, b := range q.Blocks {
		if !validated[b.Number] {
			return false
		}
	}
	return len(q.Blocks) > 0
}

// NationalSeat is a member of a national joint jury (R9): a representative
// of the employers or of the employees, one of them presiding.
type NationalSeat struct {
	Name      string
	Sex       string // "F", "M" or "" (not given): the minutes agree "présidente", "absent" with it
	Side      Side
	President bool
	Sat       bool
}

// Side is who a national jury member represents.
type Side string

const (
	SideEmployer Side = "employer"
	SideEmployee Side = "employee"
)

// Represents is who the member represents, agreed with their sex:
// "représentante des salariés", "représentant·e des employeurs".
func (s NationalSeat) Represents() string {
	of := " des employeurs"
	if s.Side == SideEmployee {
		of = " des salariés"
	}
	return Agreed(s.Sex, "représentant", "représentante") + of
}

// Label is the side in French (the composition form's choice).
func (s Side) Label() string {
	if s == SideEmployee {
		return "Représentant des salariés"
	}
	return "Représentant des employeurs"
}

// CheckComposition checks a joint jury: both sides represented, one
// president, every name given; all errors at once.
func CheckComposition(seats []NationalSeat) error {
	var v Validation
	sides, presidents := map[Side]int{}, 0
	for i, s := range seats {
		if !ValidName(s.Name) {
			v.Add("seat_"+strconv.Itoa(i+1), "Ligne "+strconv.Itoa(i+1)+" : nom invalide.")
		}
		if s.Sex != "" && s.Sex != "F" && s.Sex != "M" {
			v.Add("seat_"+strconv.Itoa(i+1), "Ligne "+strconv.Itoa(i+1)+" : civilité invalide (Mme, M. ou non précisée).")
		}
		if s.Side != SideEmployer && s.Side != SideEmployee {
			v.Add("seat_"+strconv.Itoa(i+1), "Ligne "+strconv.Itoa(i+1)+" : choisissez le collège.")
		}
		sides[s.Side]++
		if s.President {
			presidents++
		}
	}
	if sides[SideEmployer] == 0 || sides[SideEmployee] == 0 {
		v.Add("seats", "Un jury paritaire compte des représentants des employeurs et des salariés.")
	}
	if presidents != 1 {
		v.Add("president", "Désignez un président, et un seul.")
	}
	return v.Err()
}
