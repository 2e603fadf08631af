package certif

import (
	"fmt"
	"time"
)

// ChangeDeadline is the last day on which the employer may still change or
// delete a registration (R20): the R6 deadline of the earliest period among the
// blocks that still wait for their jury. The zero date means no block waits.
func ChangeDeadline(reg Registration) Date {
	var deadline Date
	for _, a := range reg.Attempts {
		if !a.Status.InProgress() {
			continue
		}
		if d := RegistrationDeadline(a.Period); deadline.IsZero() || d.Before(deadline) {
			deadline = d
		}
	}
	return deadline
}

// CheckChange applies R20: an employer changes or deletes a registration until
// its deadline; after it, only the exam office can. Decided blocks never change.
func CheckChange(role Role, reg Registration, today Date) error {
	return CheckChangeIn(role, reg, today, nil)
}

// CheckChangeIn is CheckChange with the registration windows of R1: for the
// blocks whose period a window governs, the employer changes or deletes while
// the window is open, and only then; R20 rules the other blocks.
func CheckChangeIn(role Role, reg Registration, today Date, ws Windows) error {
	if reg.Deleted {
		return Errorf(EConflict, "Cette inscription est supprimée.")
	}
	deadline := ChangeDeadline(reg)
	if deadline.IsZero() {
		return Errorf(EConflict, "Tous les blocs de cette inscription ont été jugés : elle ne peut plus être modifiée.")
	}
	if role == RoleOffice {
		return nil
	}
	if role != RoleEmployer {
		return Errorf(EForbidden, "Seuls l'employeur et l'équipe des examens modifient une inscription.")
	}
	if _, err := ws.Check(false, reg.Qualification, reg.PendingPeriods(), today); err != nil {
		return err
	}
	if deadline = ChangeDeadline(ws.withoutGoverned(reg)); !deadline.IsZero() && today.After(deadline) {
		return Errorf(EForbidden, "La date limite de modification (%s) est passée : seule l'équipe des examens peut encore modifier ou supprimer cette inscription.", deadline.French())
	}
	return nil
}

// Eligibility says whether a block attempt can be presented to a professional
// jury (R8), and why not.
type Eligibility struct {
	Eligible bool
	Reasons  []string
}

// AttemptEligibility applies R8 to one block attempt: no registration by the
// employer, no exam. identityErr is the result of the candidate's identity check;
// holds are the R5 blocks of the employer (collection table missing or late).
func AttemptEligibility(a BlockAttempt, reg Registration, identityErr error, holds ...CollectionHold) Eligibility {
	var e Eligibility
	switch {
	case reg.Deleted:
		e.Reasons = append(e.Reasons, "Inscription supprimée par l'employeur : pas d'inscription, pas d'examen.")
	case !a.Status.InProgress():
		e.Reasons = append(e.Reasons, "Bloc déjà jugé ("+a.Status.Label()+").")
	}
	if identityErr != nil {
		e.Reasons = append(e.Reasons, "Identité du candidat incomplète ou invalide : les certificats ne pourraient pas être édités.")
	}
	for _, h := range holds {
		if h.Covers(a, reg) {
			e.Reasons = append(e.Reasons, h.Reason)
		}
	}
	if len(e.Reasons) > 0 {
		return e
	}
	e.Eligible = true
	if reg.LateReason != "" {
		e.Reasons = append(e.Reasons, "Inscrit hors délai avec dérogation de l'équipe des examens : "+reg.LateReason+".")
	} else {
		e.Reasons = append(e.Reasons, fmt.Sprintf("Inscrit dans les délais pour la période %s.", OfMonth(a.Period)))
	}
	return e
}

// NilDeclaration is an employer's statement that it presents nobody for a
// certification period ("néant", R17).
type NilDeclaration struct {
	EmployerCode string    `json:"employer"`
	Period       Month     `json:"period"`
	DeclaredAt   time.Time `json:"declared_at"`
	DeclaredBy   string    `json:"declared_by"`
	Lapsed       bool      `json:"lapsed"` // the employer registered someone for the period afterwards
}

// CheckNilDeclaration applies R17 before recording a "néant": the period must
// hold exams, be to come and within the calendar, and the employer must not
// already present someone.
func CheckNilDeclaration(period Month, today Date, registered int, sched Schedule) error {
	var v Validation
	beyond := PeriodBeyondCalendar("Période de certification", period, sched)
	switch {
	case period.IsZero():
		v.Add("period", "Indiquez la période de certification (AAAA-MM).")
	case !sched.IsExamMonth(period):
		v.Add("period", fmt.Sprintf("Aucune épreuve n'a lieu en %s.", period.French()))
	case beyond != "":
		v.Add("period", beyond)
	case period.Last().Before(today):
		v.Add("period", fmt.Sprintf("La période %s est passée.", OfMonth(period)))
	case registered > 0:
		v.Add("period", "Vous présentez déjà "+Count(registered, "candidat", "candidats")+" pour "+period.French()+" : la déclaration « néant » ne s'applique pas.")
	}
	return v.Err()
}
