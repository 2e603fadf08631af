package accrochage

import (
	"slices"
	"testing"

	"certibloc/internal/certif"
)

func ids(states []State) []string {
	var out []string
	for _, s := range states {
		out = append(out, s.ID)
	}
	return out
}

func TestStatesThroughAFlowAndItsReport(t *testing.T) {
	states := []State{
		{ID: "C-1", Obtained: d("2026-01-10")},
		{ID: "C-2", Obtained: d("2026-01-10")},
		{ID: "C-3", Obtained: d("2026-01-10")},
		{ID: "C-4", Obtained: d("2026-01-10")},
		{ID: "C-7", Obtained: d("2026-01-10"), Status: Accepted, Flow: 1},
	}
	first := NextFlow(states, nil)
	if want := []string{"C-1", "C-2", "C-3", "C-4"}; !slices.Equal(first, want) {
		t.Fatalf("premier flux %v, attendu %v", first, want)
	}
	states = MarkSent(states, first, 3)
	if next := NextFlow(states, nil); len(next) != 0 {
		t.Errorf("en attente de l'accusé, rien à renvoyer : %v", next)
	}
	r, err := ParseReport(readFixture(t, "rapport-ok.xml"))
	if err != nil {
		t.Fatal(err)
	}
	states, unknown := ApplyReport(states, 3, r)
	if len(unknown) != 0 {
		t.Errorf("inconnus %v", unknown)
	}
	want := map[string]Status{"C-1": Accepted, "C-2": Rejected, "C-3": Accepted, "C-4": Accepted, "C-7": Accepted}
	for _, s := range states {
		if s.Status != want[s.ID] {
			t.Errorf("%s : %s, attendu %s", s.ID, s.Status.Label(), want[s.ID].Label())
		}
	}
	if states[1].Reason == "" || states[3].Reason == "" {
		t.Errorf("motifs perdus : %+v", states)
	}
	states = append(states, State{ID: "C-8", Obtained: d("2026-02-01")})
	if next := NextFlow(states, nil); !slices.Equal(next, []string{"C-8"}) {
		t.Errorf("rejet non corrigé renvoyé ? %v", next)
	}
	if next := NextFlow(states, map[string]bool{"C-2": true, "C-1": true}); !slices.Equal(next, []string{"C-2", "C-8"}) {
		t.Errorf("flux suivant %v, attendu C-2 (corrigé) et C-8 (nouveau)", next)
	}
	// A report of flow 3 naming C-8, never sent, or read against flow 2.
	_, unknown = ApplyReport(states, 3, Report{Accepted: []string{"C-8", "C-99"}})
	if !slices.Equal(unknown, []string{"C-8", "C-99"}) {
		t.Errorf("inconnus %v", unknown)
	}
	if _, unknown = ApplyReport(states, 2, r); len(unknown) != 4 {
		t.Errorf("accusé d'un autre flux appliqué : %v", unknown)
	}
}

func TestDeadline(t *testing.T) {
	for in, want := range map[string]string{
		"2026-01-10": "2026-04-10",
		"2025-11-30": "2026-02-28",
		"2027-11-30": "2028-02-29",
		"2026-12-31": "2027-03-31",
	} {
		if got := Due(d(in)).String(); got != want {
			t.Errorf("Due(%s) = %s, attendu %s", in, got, want)
		}
	}
	states := []State{
		{ID: "old-accepted", Obtained: d("2026-01-01"), Status: Accepted},
		{ID: "old-sent", Obtained: d("2026-01-01"), Status: Sent, Flow: 2},
		{ID: "old-rejected", Obtained: d("2026-01-01"), Status: Rejected},
		{ID: "due-today", Obtained: d("2026-01-02")},
		{ID: "recent", Obtained: d("2026-03-01")},
		{ID: "no-date"},
	}
	today := certif.MustDate("2026-04-02")
	if got := ids(Late(states, today)); !slices.Equal(got, []string{"old-sent", "old-rejected"}) {
		t.Errorf("en retard %v", got)
	}
}
