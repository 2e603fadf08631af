package certif

import (
	"testing"
	"time"
)

func TestR18_OpeningHoursAsEmployersWriteThem(t *testing.T) {
	cases := []struct {
		text       string
		open       []time.Weekday
		closed     []time.Weekday
		start, end int
	}{
		{"Du lundi au vendredi, 8 h 30 – 16 h 30", []time.Weekday{time.Monday, time.Friday}, []time.Weekday{time.Saturday, time.Sunday}, 510, 990},
		{"Du lundi au vendredi sauf mercredi, 9 h – 12 h et 13 h 30 – 16 h", []time.Weekday{time.Tuesday, time.Thursday}, []time.Weekday{time.Wednesday}, 540, 960},
		{"Lundi, mardi et jeudi 9h-17h", []time.Weekday{time.Monday, time.Thursday}, []time.Weekday{time.Wednesday, time.Friday}, 540, 1020},
		{"8:00 - 17:00", []time.Weekday{time.Monday, time.Friday}, []time.Weekday{time.Saturday}, 480, 1020},
	}
	for _, c := range cases {
		o, ok := ParseOpeningHours(c.text)
		if !ok {
			t.Errorf("%q: not read", c.text)
			continue
		}
		for _, w := range c.open {
			if o[w] != [2]int{c.start, c.end} {
				t.Errorf("%q: %s = %v, want %d–%d", c.text, w, o[w], c.start, c.end)
			}
		}
		for _, w := range c.closed {
			if o.Open(w) {
				t.Errorf("%q: open on %s", c.text, w)
			}
		}
	}
	for _, bad := range []string{"", "sur rendez-vous", "17 h – 9 h"} {
		if _, ok := ParseOpeningHours(bad); ok {
			t.Errorf("%q read as opening hours", bad)
		}
	}
}

func TestR12_ConvocationNeedsTheLinkOrThePlaceAndThreeMembers(t *testing.T) {
	full := [3]SessionMember{{JuryCertifierRep, 1, "", ""}, {JuryExpert, 2, "", ""}, {JuryBranchRep, 3, "", ""}}
	slot := []Slot{{AttemptID: 1, Start: "09:00", Minutes: 60}}
	ok := JurySession{Mode: ModeRemote, Link: "https://teams.microsoft.com/l/x", Members: full, Slots: slot, Status: SessionDraft}
	if err := ok.CheckConvocation(); err != nil {
		t.Fatalf("complete session refused: %v", err)
	}
	for name, s := range map[string]JurySession{
		"remote without link":    {Mode: ModeRemote, Members: full, Slots: slot},
		"employer without site":  {Mode: ModeEmployer, Members: full, Slots: slot},
		"institute without site": {Mode: ModeInstitute, Members: full, Slots: slot},
		"a seat empty":           {Mode: ModeRemote, Link: "https://x.example/j", Members: [3]SessionMember{{JuryCertifierRep, 1, "", ""}}, Slots: slot},
		"no candidate":           {Mode: ModeRemote, Link: "https://x.example/j", Members: full},
	} {
		if err := s.CheckConvocation(); ErrorCode(err) != EInvalid {
			t.Errorf("%s: %v, want invalid", name, err)
		}
	}
	if DefaultRemoteTool("Zoom") != ToolZoom || DefaultRemoteTool("Teams") != ToolTeams {
		t.Error("R12: Zoom for Assurance Maladie, Teams for the others")
	}
}

func TestR12_SessionLife(t *testing.T) {
	s := JurySession{Status: SessionDraft}
	for _, step := range []struct {
		to SessionStatus
		ok bool
	}{{SessionHeld, false}, {SessionConvened, true}, {SessionClosed, false}, {SessionHeld, true}, {SessionCancelled, false}, {SessionClosed, true}} {
		err := s.CheckTransition(step.to)
		if (err == nil) != step.ok {
			t.Fatalf("%s → %s: %v", s.Status, step.to, err)
		}
		if err == nil {
			s.Status = step.to
		}
	}
	if (JurySession{Status: SessionDraft, Locked: true}).Movable() || (JurySession{Status: SessionConvened}).Movable() || !(JurySession{Status: SessionDraft}).Movable() {
		t.Error("only an unlocked draft is the planner's to move")
	}
}

func TestR15_GrantSummaryNeverNamesTheCondition(t *testing.T) {
	g := AdjustmentGrant{ExtraMinutes: 30, AccessibleRoom: true, Secretary: true}
	if got, want := g.Summary(), "30 minutes de temps supplémentaire, salle accessible, assistance d'un secrétaire"; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
	if (AdjustmentGrant{ExtraMinutes: 1}).Summary() != "1 minute de temps supplémentaire" {
		t.Error("singular")
	}
	if err := (AdjustmentGrant{ExtraMinutes: 500}).Validate(); err == nil {
		t.Error("500 extra minutes accepted")
	}
}

func TestFrenchClock(t *testing.T) {
	for in, want := range map[string]string{"09:00": "9 h", "14:05": "14 h 05", "13:30": "13 h 30"} {
		if got := FrenchClock(in); got != want {
			t.Errorf("%s: %q, want %q", in, got, want)
		}
	}
	if (Slot{Start: "09:00", Minutes: 90}).End() != "10:30" {
		t.Error("slot end")
	}
}
