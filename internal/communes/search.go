package communes

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Search lists at most limit communes whose code starts with q, or, when q
// is not a code's start, whose name starts with q (case, accents, hyphens
// and apostrophes aside: "saint eti" finds Saint-Étienne), current communes
// first, after those it names exactly, in the order of their codes.
func Search(q string, limit int) []Commune {
	q = strings.ToUpper(strings.TrimSpace(q))
	if q == "" || limit <= 0 {
		return nil
	}
	all()
	byCodePrefix := q[0] >= '0' && q[0] <= '9' || len(q) <= 5 && (strings.HasPrefix(q, "2A") || strings.HasPrefix(q, "2B"))
	key := fold(q)
	var exact, first, rest []Commune
	for i, c := range ordered {
		name := folded[i]
		switch {
		case byCodePrefix && c.Code == q, !byCodePrefix && name == key:
			exact = append(exact, c)
		case byCodePrefix && !strings.HasPrefix(c.Code, q), !byCodePrefix && !strings.HasPrefix(name, key):
		case c.Kind == Current || c.Kind == District:
			first = append(first, c)
		default:
			rest = append(rest, c)
		}
	}
	out := append(append(exact, first...), rest...)
	return out[:min(len(out), limit)]
}

// fold lowers a name and drops its accents; hyphens and apostrophes become
// spaces.
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == '-' || r == '\'' || r == '’':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
