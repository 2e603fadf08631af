package kit

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"time"

	"certibloc/internal/certif"
	"certibloc/internal/clock"
	"certibloc/internal/communes"
)

// funcs are the functions every template may call.
var funcs = template.FuncMap{
	"frDate":  func(d certif.Date) string { return d.French() },
	"frLong":  func(d certif.Date) string { return d.FrenchLong() },
	"frTime":  clock.FormatParis,
	"frDay":   clock.FormatParisDay,
	"ofMonth": certif.OfMonth,
	"count":   certif.Count,
	// org is who certibloc speaks for, as the header and the footer name them (certif.Names).
	"org": func() certif.Organisations { return certif.Names },
	// blockLabel names a block from its number and known title: "Bloc 2 – …" or "Bloc 2".
	"blockLabel": certif.BlockLabel,
	// fundName is the national fund of a branch: "CNAF" for famille.
	"fundName": func(branch string) string { f, _ := certif.NationalFundOf(branch); return f.Name },
	"frMonth": func(m certif.Month) string {
		return m.French()
	},
	"monthName": func(m time.Month) string { return certif.FrenchMonthName(m) },
	"join":      strings.Join,
	"lower":     strings.ToLower,
	"plural":    certif.Noun,
	"de":        certif.De,
	"agreed":    certif.Agreed,
	// the journal's codes in French (certif/audit_words.go)
	"auditEntity": certif.AuditEntityLabel,
	"auditAction": certif.AuditActionLabel,
	"auditField":  certif.AuditFieldLabel,
	"auditValue":  auditValue,
	"frenchClock": certif.FrenchClock,
	"add":         func(a, b int) int { return a + b },
	"options":     options,
	"frInt":       frenchInt,
	// commune names the birth commune of an INSEE code, "" if unknown.
	"commune": func(code string) string {
		if c, ok := communes.Lookup(code); ok {
			return c.Label()
		}
		return ""
	},
	// communeOf is the commune of an INSEE code (communes.Lookup), its Name
	// empty if unknown: a birthplace reads "{{.Name}} ({{.Code}})".
	"communeOf": func(code string) communes.Commune { c, _ := communes.Lookup(code); return c },
	// args passes several named values to a partial: (args "Page" . "Q" $q).
	"args": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, fmt.Errorf("args : nombre impair de valeurs")
		}
		m := map[string]any{}
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, fmt.Errorf("args : clé %v non textuelle", kv[i])
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
	"contains": func(list []string, s string) bool {
		for _, x := range list {
			if x == s {
				return true
			}
		}
		return false
	},
	"hasModality": func(list []certif.Modality, m certif.Modality) bool {
		for _, x := range list {
			if x == m {
				return true
			}
		}
		return false
	},
}

// frenchInt writes n with a narrow no-break space between thousands, as French does: 12 345.
func frenchInt(n int) string {
	digits := strconv.Itoa(n)
	sign := ""
	if n < 0 {
		sign, digits = "-", digits[1:]
	}
	var b strings.Builder
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString("\u202f")
		}
		b.WriteRune(c)
	}
	return sign + b.String()
}

// BlocksText lists block numbers: "1, 3".
func BlocksText(blocks []int) string {
	s := make([]string, len(blocks))
	for i, b := range blocks {
		s[i] = strconv.Itoa(b)
	}
	return strings.Join(s, ", ")
}

// auditValue shows a value of the journal as a person reads it
// (certif.AuditValue), a timestamp in Paris time: "03/12/2026 à 14 h 05".
func auditValue(v string) string {
	if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
		return clock.FormatParis(t)
	}
	return certif.AuditValue(v)
}
