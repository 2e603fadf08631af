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

// clock displays minutes since midnight as HH:MM.
func clock(minutes int) string { return fmt.Sprintf("%02d:%02d", minutes/60, minutes%60) }

// frenchSpan displays a span as "09:00–12:30".
func frenchSpan(s span) string { return clock(s.start) + "–" + clock(s.end) }

// Plural writes n and the noun, in the plural when n is not 1 or 0 (French
// grammar: "0 tentative", "1 tentative", "2 tentatives").
func Plural(n int, singular, plural string) string {
	if n > 1 || n < -1 {
		return fmt.Sprintf("%d %s", n, plural)
	}
	return fmt.Sprintf("%d %s", n, singular)
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

// de elides the preposition before a vowel: "d'expert", "de représentant".
func de(word string) string {
	if word != "" && strings.ContainsRune("aeéèêiîoôuh", []rune(word)[0]) {
		return "d'" + word
	}
	return "de " + word
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
