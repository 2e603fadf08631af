package planner

import "testing"

// scarce is a generated instance whose members' maximums fall short of what
// the attempts need: some must stay unplaced, and the repair has work.
var scarce = Size{Employers: 40, Candidates: 400, Members: 60, Capacity: 0.8}

func TestRepairPlacesMoreWhenMembersAreScarce(t *testing.T) {
	t.Parallel()
	inst := Generate(3, scarce)
	m, err := compile(inst)
	if err != nil {
		t.Fatal(err)
	}
	pl := construct(m, true)
	pl.improve()
	before := len(pl.unplaced)
	pl.repair()
	p := pl.plan(pl.unplaced)
	for _, v := range Check(inst, p) {
		t.Errorf("violation : %s", v.Message)
	}
	t.Logf("%d tentatives : %d non placées avant la réparation, %d après", len(inst.Attempts), before, len(p.Unplaced))
	if before == 0 || len(p.Unplaced) >= before {
		t.Errorf("la réparation laisse %d tentatives non placées sur %d : elle n'en place aucune de plus (ou l'instance n'en laisse aucune)", len(p.Unplaced), before)
	}
}
