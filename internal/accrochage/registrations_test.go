package accrochage

import (
	"slices"
	"testing"
)

func TestCheckRegistrations(t *testing.T) {
	regs, problems := CheckRegistrations([]Registration{
		{Code: "rncp40999", From: d("2026-07-09")},
		{Code: "RNCP35729", Until: d("2026-07-08")},
	})
	if len(problems) != 0 || regs[0].Code != "RNCP35729" || regs[1].Code != "RNCP40999" {
		t.Errorf("renouvellement refusé : %v %v", regs, problems)
	}
	_, problems = CheckRegistrations([]Registration{
		{Code: "35729"}, {Code: "RNCP1", From: d("2026-01-01"), Until: d("2025-01-01")},
		{Code: "RNCP40999", From: d("2026-07-01")}, {Code: "RNCP40999"},
	})
	for _, want := range []string{
		"code « 35729 » invalide : RNCP suivi de 4 à 6 chiffres attendu (ex. RNCP35729)",
		"RNCP1 : fin de validité (01/01/2025) avant l'enregistrement (01/01/2026)",
		"RNCP40999 saisi deux fois",
	} {
		if !slices.Contains(problems, want) {
			t.Errorf("%q absent de %q", want, problems)
		}
	}
	if got := (Registration{Code: "RNCP35729", Until: d("2026-07-08")}).Period(); got != "jusqu'au 08/07/2026" {
		t.Errorf("période %q", got)
	}
}
