package certif

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The French grammar helpers of every text a user reads (pages, mails, PDFs,
// planner messages): real plurals, elision, agreement with a person's sex,
// times of day.

// Noun is the noun in agreement with n: Noun(1, "ligne", "lignes") is "ligne",
// Noun(3, …) "lignes" (French puts 0 and 1, and -1, in the singular).
func Noun(n int, one, many string) string {
	if n > 1 || n < -1 {
		return many
	}
	return one
}

// Count writes n with its noun in agreement: Count(1, "demi-journée",
// "demi-journées") is "1 demi-journée", Count(0, …) "0 demi-journée".
func Count(n int, one, many string) string {
	return strconv.Itoa(n) + " " + Noun(n, one, many)
}

// muteH are the words starting with a mute h that the interface writes
// (elided: "d'heure", "l'habilitation"); any other h is aspirated ("de
// Hugues", "de hauteur").
var muteH = []string{"habilitation", "habitude", "hébergement", "heure", "hiver", "histoire",
	"homme", "horaire", "hôpital", "huissier", "humain", "hélène", "hervé"}

// Elides says whether a word takes the elision "d'", "l'", "qu'": it starts
// with a vowel (or y before a consonant: "Yvelines") or with a mute h.
func Elides(word string) bool {
	r := []rune(strings.ToLower(word))
	if len(r) == 0 {
		return false
	}
	if strings.ContainsRune("aàâäeéèêëiîïoôöuùûü", r[0]) {
		return true
	}
	if r[0] == 'y' {
		return len(r) > 1 && !strings.ContainsRune("aeiou", r[1])
	}
	if r[0] == 'h' {
		w := string(r)
		for _, m := range muteH {
			if strings.HasPrefix(w, m) {
				return true
			}
		}
	}
	return false
}

// De is the preposition "de" before a word, elided where French elides it:
// De("avril") is "d'avril", De("Hélène") "d'Hélène", De("mars") "de mars".
func De(word string) string {
	if Elides(word) {
		return "d'" + word
	}
	return "de " + word
}

// OfMonth is "de mars 2026", with the elision before a vowel: "d'avril 2026",
// "d'août 2026", "d'octobre 2026".
func OfMonth(m Month) string { return De(m.French()) }

// Agreed is a word agreed with a person's sex ("F" or "M"): Agreed("F",
// "convoqué", "convoquée") is "convoquée"; when the sex is not known, the
// inclusive form word by word ("convoqué·e", "Absent·e excusé·e"), or both
// forms when the feminine does not extend the masculine ("candidat ou
// candidate" would not, "directeur ou directrice" does).
func Agreed(sex, masculine, feminine string) string {
	switch sex {
	case "F":
		return feminine
	case "M":
		return masculine
	}
	ms, fs := strings.Fields(masculine), strings.Fields(feminine)
	if len(ms) != len(fs) {
		return masculine + " ou " + feminine
	}
	for i, m := range ms {
		rest, ok := strings.CutPrefix(fs[i], m)
		if !ok {
			return masculine + " ou " + feminine
		}
		if rest != "" {
			ms[i] = m + "·" + rest
		}
	}
	return strings.Join(ms, " ")
}

// FrenchClock writes a time of day "HH:MM" as read in French: "9 h",
// "14 h 05". Anything else is returned unchanged.
func FrenchClock(s string) string {
	m := ParseClock(s)
	if m < 0 {
		return s
	}
	if m%60 == 0 {
		return strconv.Itoa(m/60) + " h"
	}
	return fmt.Sprintf("%d h %02d", m/60, m%60)
}

// ClockOf writes a time's hour and minutes the French way: "14 h 05".
func ClockOf(t time.Time) string { return FrenchClock(t.Format("15:04")) }

// LowerFirst writes a label inside a phrase: "Expert métier" → "expert
// métier", "Équipe" → "équipe".
func LowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// UpperFirst starts a sentence with its capital: a clause ("aucun
// expert…") read as a sentence, "Aucun expert…".
func UpperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
