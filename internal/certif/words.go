package certif

import (
	"strconv"
	"strings"
	"time"
)

// Count writes n with its noun in agreement: Count(1, "demi-journée",
// "demi-journées") is "1 demi-journée", Count(0, …) "0 demi-journée" (French
// puts 0 and 1 in the singular).
func Count(n int, one, many string) string {
	if n > 1 {
		return strconv.Itoa(n) + " " + many
	}
	return strconv.Itoa(n) + " " + one
}

// OfMonth is "de mars 2026", with the elision before a vowel: "d'avril 2026",
// "d'août 2026", "d'octobre 2026".
func OfMonth(m Month) string {
	if m.Month == time.April || m.Month == time.August || m.Month == time.October {
		return "d'" + m.French()
	}
	return "de " + m.French()
}

// Agreed is a past participle agreed with a person's sex ("F" or "M"):
// Agreed("F", "convoqué", "convoquée") is "convoquée"; when the sex is not
// known, the inclusive form "convoqué·e" from the masculine.
func Agreed(sex, masculine, feminine string) string {
	switch sex {
	case "F":
		return feminine
	case "M":
		return masculine
	}
	return masculine + "·" + strings.TrimPrefix(feminine, masculine)
}
