package planner

import (
	"fmt"
	"strings"

	"certibloc/internal/certif"
)

// frenchDay displays a day number as JJ/MM/AAAA.
func frenchDay(day int) string { return dateOf(day).French() }

// frenchHalfDay displays a half-day: "03/03/2026 matin".
func frenchHalfDay(hd int) string {
	if hd%2 == 0 {
		return frenchDay(hd/2) + " matin"
	}
	return frenchDay(hd/2) + " après-midi"
}

// frenchWeekday names the weekday of a day number, lower case.
func frenchWeekday(day int) string { return certif.FrenchWeekday(weekdayOf(day)) }

// clock displays minutes since midnight as HH:MM (the plan's data).
func clock(minutes int) string { return fmt.Sprintf("%02d:%02d", minutes/60, minutes%60) }

// frenchSpan displays a span as a person reads it: "9 h 00–12 h 30".
func frenchSpan(s span) string {
	return certif.FrenchClock(clock(s.start)) + "–" + certif.FrenchClock(clock(s.end))
}

// roleName names a jury role in French.
func roleName(role string) string {
	switch role {
	case RoleCertifier:
		return "représentant du certificateur"
	case RoleExpert:
		return "expert métier"
	}
	return "représentant de la branche"
}

// sentence makes a French sentence of a fragment: capital first letter, the
// session in parentheses when there is one, a full stop.
func sentence(fragment, session string) string {
	r := []rune(fragment)
	s := strings.ToUpper(string(r[:1])) + string(r[1:])
	if session != "" {
		s += " (séance " + session + ")"
	}
	return s + "."
}
