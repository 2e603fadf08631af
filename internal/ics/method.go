package ics

import (
	"strings"
)

// MethodOf returns the METHOD of the calendar object in data, upper-cased
// (e.g. "REQUEST"), or "" when data has none or a value that is not a token.
// Mail uses it for the method parameter of the text/calendar content type.
func MethodOf(data []byte) Method {
	unfolded := strings.NewReplacer("\r\n ", "", "\r\n\t", "", "\n ", "", "\n\t", "").Replace(string(data))
	depth := 0
	for _, line := range strings.Split(unfolded, "\n") {
		line = strings.TrimSuffix(line, "\r")
		name, value, _ := strings.Cut(line, ":")
		name, _, _ = strings.Cut(name, ";")
		switch strings.ToUpper(name) {
		case "BEGIN":
			depth++
		case "END":
			depth--
		case "METHOD":
			if depth == 1 && isToken(value) {
				return Method(strings.ToUpper(value))
			}
		}
	}
	return ""
}

// isToken reports whether s is an iana-token or x-name: letters, digits, "-".
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}
