package certif

import (
	"fmt"
	"time"
)

// The bounds of the dates people enter. Every path that takes such a date
// (forms, API, registration and census files, bulk loads) goes through these
// functions: a certification period lies in the years the calendar knows
// (Schedule.KnownYears), a candidate's age is plausible, a block validated
// before the platform was validated in the past. Each function returns the
// French message naming the field, or "" when the date is plausible.

// msgNoCalendar refuses every period while the calendar knows no year.
const msgNoCalendar = "Le calendrier des examens ne compte encore aucune année : l'équipe des examens doit d'abord enregistrer les mois d'examen."

// KnownPeriods returns the first and the last certification periods of the
// years the calendar knows; ok is false when it knows none.
func KnownPeriods(sched Schedule) (first, last Month, ok bool) {
	from, to := sched.KnownYears()
	first, last = Month{from, time.January}, Month{to, time.December}
	for !last.Before(first) && !sched.IsExamMonth(first) {
		first = first.Add(1)
	}
	for !last.Before(first) && !sched.IsExamMonth(last) {
		last = last.Add(-1)
	}
	if last.Before(first) {
		return Month{}, Month{}, false
	}
	return first, last, true
}

// PeriodBeyondCalendar says why period p, named by what ("Période d'examen
// imposée"), lies after the last period the calendar knows. Records of the
// past (bulk loads of history) may precede the calendar, not go beyond it.
func PeriodBeyondCalendar(what string, p Month, sched Schedule) string {
	_, last, ok := KnownPeriods(sched)
	switch {
	case !ok:
		return msgNoCalendar
	case last.Before(p):
		return fmt.Sprintf("%s hors calendrier : %s est au-delà du calendrier des examens, dont la dernière période est %s.", what, p.French(), last.French())
	}
	return ""
}

// PeriodOutsideCalendar says why period p, named by what, lies outside the
// periods the calendar knows.
func PeriodOutsideCalendar(what string, p Month, sched Schedule) string {
	if msg := PeriodBeyondCalendar(what, p, sched); msg != "" {
		return msg
	}
	if first, _, _ := KnownPeriods(sched); p.Before(first) {
		return fmt.Sprintf("%s hors calendrier : %s précède le calendrier des examens, dont la première période est %s.", what, p.French(), first.French())
	}
	return ""
}

// CertifiableFromOutsideCalendar says why a certifiable-from date d, named by
// what ("Date « certifiable à partir du »"), gives a certification period the
// calendar does not know, with the last date (or the first period) possible.
func CertifiableFromOutsideCalendar(what string, d Date, sched Schedule) string {
	first, last, ok := KnownPeriods(sched)
	p := sched.CertificationPeriod(d)
	switch {
	case !ok:
		return msgNoCalendar
	case last.Before(p):
		return fmt.Sprintf("%s trop lointaine : le %s donnerait la période de certification %s, au-delà du calendrier des examens, qui s'arrête en %s. Dernière date possible : %s.",
			what, d.French(), OfMonth(p), last.French(), last.Last().French())
	case p.Before(first):
		return fmt.Sprintf("%s trop ancienne : le %s donnerait la période de certification %s, avant le début du calendrier des examens (%s).",
			what, d.French(), OfMonth(p), first.French())
	}
	return ""
}

// Candidate ages the platform accepts on the day a candidate is entered (R16
// checks: plausible age), in whole years.
const (
	MinCandidateAge = 16
	MaxCandidateAge = 80
)

// BirthDateRange is the earliest and the latest birth dates of a candidate
// entered on day today.
func BirthDateRange(today Date) (earliest, latest Date) {
	return today.AddMonths(-12 * (MaxCandidateAge + 1)).AddDays(1), today.AddMonths(-12 * MinCandidateAge)
}

// BirthDateImplausible says why a birth date gives an age outside
// MinCandidateAge–MaxCandidateAge on day today.
func BirthDateImplausible(birth, today Date) string {
	earliest, latest := BirthDateRange(today)
	if birth.Before(earliest) || birth.After(latest) {
		return fmt.Sprintf("Date de naissance peu plausible (%s) : le candidat doit avoir entre %d et %d ans au %s, donc être né entre le %s et le %s.",
			birth.French(), MinCandidateAge, MaxCandidateAge, today.French(), earliest.French(), latest.French())
	}
	return ""
}

// PriorValidationImplausible says why a block cannot have been validated on
// day on, before the platform, by a candidate born on birth (zero when
// unknown), as the office records it on day today: not in the future, not
// before the candidate was MinCandidateAge.
func PriorValidationImplausible(on, birth, today Date) string {
	switch {
	case on.After(today):
		return fmt.Sprintf("Date de validation dans le futur (%s) : un bloc validé avant la plateforme l'a été au plus tard aujourd'hui (%s).", on.French(), today.French())
	case !birth.IsZero() && on.Before(birth.AddMonths(12*MinCandidateAge)):
		return fmt.Sprintf("Date de validation peu plausible (%s) : le candidat, né le %s, n'avait pas %d ans.", on.French(), birth.French(), MinCandidateAge)
	}
	return ""
}
