package accrochage

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// CheckRegistrations normalises a CQP's RNCP registrations (codes upper
// case, sorted by first day) and lists their problems in French: a code that
// is not RNCP followed by 4 to 6 digits, twice the same code, an end before
// the start, two registrations in force on the same day.
func CheckRegistrations(regs []Registration) ([]Registration, []string) {
	var c checks
	out := make([]Registration, 0, len(regs))
	seen := map[string]bool{}
	for _, r := range regs {
		r.Code = strings.ToUpper(strings.Join(strings.Fields(r.Code), ""))
		switch {
		case !rncpCode.MatchString(r.Code):
			c.add("code « %s » invalide : RNCP suivi de 4 à 6 chiffres attendu (ex. RNCP35729)", r.Code)
		case seen[r.Code]:
			c.add("%s saisi deux fois", r.Code)
		}
		seen[r.Code] = true
		if !r.From.IsZero() && !r.Until.IsZero() && r.Until.Before(r.From) {
			c.add("%s : fin de validité (%s) avant l'enregistrement (%s)", r.Code, r.Until.French(), r.From.French())
		}
		out = append(out, r)
	}
	slices.SortStableFunc(out, func(a, b Registration) int {
		if a.From.IsZero() != b.From.IsZero() {
			if a.From.IsZero() {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.From.String(), b.From.String())
	})
	for i := 1; i < len(out); i++ {
		prev, cur := out[i-1], out[i]
		if prev.Until.IsZero() || cur.From.IsZero() || !cur.From.After(prev.Until) {
			c.add("%s et %s sont en vigueur en même temps : le suivant commence après la fin du précédent", prev.Code, cur.Code)
		}
	}
	return out, c
}

// Period is the registration's validity in French: "du 09/07/2021 au
// 08/07/2026", "jusqu'au 08/07/2026", "depuis le 09/07/2026", "dates non
// renseignées".
func (r Registration) Period() string {
	switch {
	case !r.From.IsZero() && !r.Until.IsZero():
		return fmt.Sprintf("du %s au %s", r.From.French(), r.Until.French())
	case !r.Until.IsZero():
		return "jusqu'au " + r.Until.French()
	case !r.From.IsZero():
		return "depuis le " + r.From.French()
	}
	return "dates non renseignées"
}
