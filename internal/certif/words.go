package certif

import "strconv"

// Count writes n with its noun in agreement: Count(1, "demi-journée",
// "demi-journées") is "1 demi-journée", Count(0, …) "0 demi-journée" (French
// puts 0 and 1 in the singular).
func Count(n int, one, many string) string {
	if n > 1 {
		return strconv.Itoa(n) + " " + many
	}
	return strconv.Itoa(n) + " " + one
}
