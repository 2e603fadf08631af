package planner

import (
	"certibloc/internal/certif"
	"fmt"
)

// seatProblems says, in French, why member x may not hold role in a session
// of qualification q (constraint 2): the role is not x's, x is not trained
// though q requires it, or the expert is not qualified for q. Nil when x may.
func seatProblems(x *member, role string, q *qualification) []string {
	var problems []string
	if !x.roles[role] {
		problems = append(problems, fmt.Sprintf("le membre %s n'a pas le rôle %s", x.ID, certif.De(roleName(role))))
	}
	if q.TrainingRequired && !x.Trained {
		problems = append(problems, fmt.Sprintf("le membre %s n'est pas formé, alors que le CQP %s exige des membres de jury formés", x.ID, q.Code))
	}
	if role == RoleExpert && !x.quals[q.Code] {
		problems = append(problems, fmt.Sprintf("l'expert métier %s n'est pas qualifié pour le CQP %s", x.ID, q.Code))
	}
	return problems
}

// fitsCandidate says whether member x, holding role, may evaluate a candidate
// of employer emp (constraint 3): x is not of emp, and a branch representative
// is of emp's branch.
func fitsCandidate(x *member, role string, emp *employer) bool {
	return x.Employer != emp.Code && (role != RoleBranch || x.branch == emp.Branch)
}
