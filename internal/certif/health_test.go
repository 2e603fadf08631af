package certif

import "testing"

func TestR15_OnlyThoseWhoMustKnowSeeHealthData(t *testing.T) {
	g := Registration{Disability: true, Adjustments: "Tiers temps"}
	for _, c := range []struct {
		role       Role
		concerned  bool
		disability bool
		adjust     string
	}{
		{RoleOffice, false, true, "Tiers temps"},
		{RoleCertifier, false, true, "Tiers temps"},
		{RoleEmployer, true, true, "Tiers temps"}, // the employer that registered the candidate
		{RoleEmployer, false, false, ""},          // another employer, a former one included
		{RoleJury, true, false, "Tiers temps"},    // the adjustments to respect, never the condition
		{RoleJury, false, false, ""},              // a member of another session
		{RoleCandidate, true, false, ""},          // the candidate's space shows none
	} {
		got := HealthAccessOf(c.role, c.concerned).Shown(g)
		if got.Disability != c.disability || got.Adjustments != c.adjust {
			t.Errorf("%s (concerné : %t) voit %+v", c.role, c.concerned, got)
		}
	}
}

func TestR15_AuditEventsMaskHealthValues(t *testing.T) {
	e := AuditEvent{Entity: "registration", Field: "adjustments", Before: "Tiers temps", After: ""}
	if !e.CarriesHealthData() || e.WithoutHealthData().Before != HealthRedacted {
		t.Errorf("valeurs de santé non masquées : %+v", e.WithoutHealthData())
	}
	if (AuditEvent{Field: "specialty", Before: "Accueil"}).CarriesHealthData() {
		t.Error("la spécialité n'est pas une donnée de santé")
	}
}
