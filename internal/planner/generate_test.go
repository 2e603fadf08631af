package planner

import (
	"bytes"
	"encoding/json"
	"testing"
)

func TestGenerateIsTheSameForASeedAndDiffersAcrossSeeds(t *testing.T) {
	t.Parallel()
	first, _ := json.Marshal(Generate(3, Small))
	again, _ := json.Marshal(Generate(3, Small))
	other, _ := json.Marshal(Generate(4, Small))
	if !bytes.Equal(first, again) {
		t.Error("deux instances de la même graine diffèrent")
	}
	if bytes.Equal(first, other) {
		t.Error("deux graines différentes donnent la même instance")
	}
}

func TestTheNationalInstanceHasTheScaleOfTheNetwork(t *testing.T) {
	t.Parallel()
	inst := Generate(1, National)
	data, err := json.Marshal(inst)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := DecodeInstance(data); err != nil {
		t.Fatalf("l'instance générée ne se relit pas : %v", err)
	}
	if n := len(inst.Attempts); n < 6000 || n > 6600 || len(inst.Employers) != 300 || len(inst.Members) != 400 {
		t.Errorf("%d tentatives, %d employeurs, %d membres", n, len(inst.Employers), len(inst.Members))
	}
	m, _ := compile(inst)
	closedWednesday, extra := 0, 0
	for _, e := range m.employers {
		if e.opening[3].length() == 0 {
			closedWednesday++
		}
	}
	for _, a := range m.attempts {
		if a.from > m.lastCutoff() {
			t.Errorf("la tentative %s est certifiable après la dernière date limite", a.ID)
		}
		if a.ExtraMinutes > 0 {
			extra++
		}
	}
	roles := map[string]int{}
	for _, x := range m.members {
		roles[x.Roles[0]]++
		if x.MaxSessions < 1 || len(x.Available) < x.MaxSessions {
			t.Errorf("le membre %s : %d séances au plus, %d demi-journées disponibles", x.ID, x.MaxSessions, len(x.Available))
		}
	}
	t.Logf("fermés le mercredi : %d ; tentatives avec temps majoré : %d ; rôles : %v", closedWednesday, extra, roles)
	if closedWednesday == 0 || extra == 0 || roles[RoleCertifier] == 0 || roles[RoleExpert] == 0 || roles[RoleBranch] == 0 {
		t.Error("il manque des employeurs fermés le mercredi, du temps majoré ou un rôle")
	}
}
