package certif

import (
	"strings"
	"testing"
)

var jury1712 = MustDate("2026-12-17")

func TestR9_MinutesRecordDecisionsOfAJointJuryThatSat(t *testing.T) {
	both := []NationalSeat{{Name: "Anne Roy", Side: SideEmployer, Sat: true}, {Name: "Karim Benali", Side: SideEmployee, President: true, Sat: true}}
	if err := CheckMinutes(jury1712, 3, both); err != nil {
		t.Errorf("procès-verbal complet : %v", err)
	}
	if err := CheckMinutes(jury1712, 0, both); ErrorFields(err)["decisions"] == "" {
		t.Errorf("aucune décision : %v", err)
	}
	if err := CheckMinutes(jury1712, 3, nil); !strings.Contains(ErrorFields(err)["seats"], "composition") {
		t.Errorf("sans composition : %v", err)
	}
	absent := []NationalSeat{both[0], {Name: "Karim Benali", Side: SideEmployee, President: true}}
	if err := CheckMinutes(jury1712, 3, absent); !strings.Contains(ErrorFields(err)["seats"], "représentant des salariés") {
		t.Errorf("aucun représentant des salariés n'a siégé : %v", err)
	}
}

func TestR9_SignedMinutesAreFinal(t *testing.T) {
	err := MinutesFinal(jury1712)
	if err.Code != EConflict || !strings.Contains(err.Message, "du 17/12/2026 est signé") || !strings.Contains(err.Message, "nouvelle décision d'un jury suivant") {
		t.Errorf("refus : %v", err)
	}
}

func TestR10_ProclamationDayDefaultsToTheJurysDay(t *testing.T) {
	if got := ProclamationDay(jury1712, Date{}); got != jury1712 {
		t.Errorf("par défaut : %v", got)
	}
	if got := ProclamationDay(jury1712, jury1712.AddDays(5)); got != jury1712.AddDays(5) {
		t.Errorf("configurée : %v", got)
	}
	if err := CheckProclamationDay(jury1712, jury1712); err != nil {
		t.Errorf("le jour du jury : %v", err)
	}
	if err := CheckProclamationDay(jury1712, jury1712.AddDays(-1)); !strings.Contains(ErrorFields(err)["proclamation_date"], "précéder le jury national du 17/12/2026") {
		t.Errorf("avant le jury : %v", err)
	}
	if err := CheckProclamationDay(jury1712, Date{}); ErrorFields(err)["proclamation_date"] == "" {
		t.Errorf("sans date : %v", err)
	}
}

func TestR10_ProclamationNotBeforeItsDate(t *testing.T) {
	on := jury1712.AddDays(6)
	for _, c := range []struct {
		today  Date
		signed bool
		want   string
	}{
		{jury1712, false, "Signez d'abord le procès-verbal du jury national du 17/12/2026"},
		{jury1712, true, "se proclament le 23/12/2026, pas avant"},
		{on.AddDays(-1), true, "se proclament le 23/12/2026"},
		{on, true, ""},
		{on.AddDays(30), true, ""},
	} {
		err := CheckProclamation(jury1712, on, c.today, c.signed)
		if (c.want == "") != (err == nil) || (err != nil && !strings.Contains(ErrorMessage(err), c.want)) {
			t.Errorf("le %s (signé : %v) : %v, attendu %q", c.today.French(), c.signed, err, c.want)
		}
	}
}
