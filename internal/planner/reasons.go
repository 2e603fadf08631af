package planner

import (
	"fmt"
	"slices"
)

// reason says in French which constraint stopped attempt a, checking them
// from the calendar to the jury: the last cutoff, working days, the length of
// the test against the half-day (and, in person, the employer's opening
// hours), then each role of the jury (who may hold it, who is available),
// whether the three meet on one half-day, who is still free, and last the
// candidate's own time.
func (p *planner) reason(a *attempt) string {
	last := p.m.lastCutoff()
	between := fmt.Sprintf("entre le %s et le %s", frenchDay(a.from), frenchDay(last))
	if a.from > last {
		return fmt.Sprintf("certifiable à partir du %s, après la date limite du dernier jury national (%s)", frenchDay(a.from), frenchDay(last))
	}
	emp := p.m.employers[a.Employer]
	hds, working := p.hostingHalfDays(a, emp)
	switch {
	case working == 0:
		return "aucune demi-journée ouvrée " + between
	case len(hds) == 0 && a.inPerson:
		return fmt.Sprintf("aucune demi-journée d'ouverture de l'employeur %s ne permet l'épreuve en présentiel du bloc %d (%d min) %s", emp.Code, a.Block, a.minutes, between)
	case len(hds) == 0:
		return fmt.Sprintf("l'épreuve du bloc %d (%d min) dépasse la durée d'une demi-journée", a.Block, a.minutes)
	}
	for _, loads := range []bool{false, true} {
		for _, role := range roles {
			if why := p.roleReason(a, emp, role, hds, between, loads); why != "" {
				return why
			}
		}
		if !loads && !p.meet(a, emp, hds) {
			return "aucune demi-journée " + between + " ne réunit à la fois un représentant du certificateur, un expert métier et un représentant de la branche disponibles"
		}
	}
	return fmt.Sprintf("le candidat %s est déjà évalué à chaque demi-journée où un jury pourrait se réunir %s, et aucune séance ouverte n'a de place", a.Candidate, between)
}

// meet says whether, on one of the half-days hds, each role has a member who
// may hold it for a and is available, loads and other sessions aside.
func (p *planner) meet(a *attempt, emp *employer, hds []int) bool {
	for _, hd := range hds {
		met := true
		for _, role := range roles {
			met = met && slices.ContainsFunc(p.eligible[a.Qualification][role], func(x *member) bool {
				return fitsCandidate(x, role, emp) && x.available.has(hd)
			})
		}
		if met {
			return true
		}
	}
	return false
}

// hostingHalfDays lists the half-days from a's certifiable-from date to the
// last cutoff where a session could hold a's test, and counts the working ones.
func (p *planner) hostingHalfDays(a *attempt, emp *employer) (hds []int, working int) {
	var host *employer
	if a.inPerson {
		host = emp
	}
	for hd := a.from * 2; hd <= p.m.lastCutoff()*2+1; hd++ {
		if !p.m.workingDay(hd / 2) {
			continue
		}
		working++
		if p.m.window(hd, host).length() >= a.minutes {
			hds = append(hds, hd)
		}
	}
	return hds, working
}

// roleReason says why nobody can hold role for a on the half-days hds, or "":
// nobody may, or nobody is available; with loads, everybody is at their
// maximum or sits elsewhere.
func (p *planner) roleReason(a *attempt, emp *employer, role string, hds []int, between string, loads bool) string {
	who := memberDescription(role, p.m.quals[a.Qualification], emp)
	may, available := false, false
	for _, x := range p.eligible[a.Qualification][role] {
		if !fitsCandidate(x, role, emp) {
			continue
		}
		may = true
		for _, hd := range hds {
			available = available || x.available.has(hd)
			if p.free(x, role, emp, hd) || (!loads && available) {
				return ""
			}
		}
	}
	switch {
	case !may:
		return "aucun " + who
	case !available:
		return "aucun " + who + ", n'est disponible " + between
	case !loads:
		return ""
	}
	return "chaque " + who + ", disponible " + between + ", a atteint son nombre maximal de séances ou siège déjà dans une autre séance"
}

// memberDescription describes who may hold role for a candidate of emp in a
// session of q: "expert métier qualifié et formé pour le CQP GC, d'un autre
// employeur que CAF-075".
func memberDescription(role string, q *qualification, emp *employer) string {
	who := roleName(role)
	if role == RoleBranch {
		who += " " + emp.Branch
	}
	switch {
	case role == RoleExpert && q.TrainingRequired:
		who += " qualifié et formé pour le CQP " + q.Code
	case role == RoleExpert:
		who += " qualifié pour le CQP " + q.Code
	case q.TrainingRequired:
		who += " formé au CQP " + q.Code
	}
	return who + ", d'un autre employeur que " + emp.Code
}
