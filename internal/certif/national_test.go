package certif

import (
	"strings"
	"testing"
)

func TestR9_AProposalConfirmedAfterACutoffGoesToTheNextJury(t *testing.T) {
	cutoffs := []Date{MustDate("2026-02-27"), MustDate("2026-04-10"), MustDate("2026-05-22")}
	for _, c := range []struct {
		held, final string
		want        int
		ok          bool
	}{
		{"2026-02-20", "2026-02-24", 0, true},
		{"2026-02-27", "2026-02-27", 0, true},  // on the cutoff: this jury
		{"2026-02-25", "2026-03-02", 1, true},  // confirmed after the cutoff: the next one
		{"2026-04-11", "2026-04-11", 2, true},  // held after a cutoff
		{"2026-05-25", "2026-05-25", 0, false}, // after the last cutoff the calendar knows
	} {
		got, ok := NationalCase{HeldOn: MustDate(c.held), FinalOn: MustDate(c.final)}.ReachedJury(cutoffs)
		if got != c.want || ok != c.ok {
			t.Errorf("tenu le %s, confirmé le %s : jury %d %v, attendu %d %v", c.held, c.final, got, ok, c.want, c.ok)
		}
	}
}

func TestR9_ADecisionDepartingFromTheProposalStatesItsReason(t *testing.T) {
	fav := NationalCase{Proposal: ProposalFavourable}
	if err := CheckDecision(fav, DecisionValidated, ""); err != nil {
		t.Errorf("suivre la proposition : %v", err)
	}
	if err := CheckDecision(fav, DecisionNotValidated, " "); ErrorFields(err)["reason"] == "" {
		t.Errorf("s'écarter sans motif : %v", err)
	}
	if err := CheckDecision(fav, DecisionNotValidated, "Dossier incomplet"); err != nil {
		t.Errorf("s'écarter avec motif : %v", err)
	}
	if err := CheckDecision(NationalCase{Proposal: ProposalAbsent}, DecisionValidated, "motif"); ErrorFields(err)["decision"] == "" {
		t.Errorf("valider un absent : %v", err)
	}
	if ProposalUnfavourable.Follows().Status() != AttemptNotValidated || ProposalAbsent.Follows().Status() != AttemptAbsent {
		t.Error("statuts des décisions")
	}
}

func TestR3_AQualificationIsAwardedWhenAllItsBlocksAreValidated(t *testing.T) {
	q := Qualification{Code: "COS", Blocks: []Block{{Number: 1}, {Number: 2}, {Number: 3}}}
	if Awarded(q, map[int]bool{1: true, 3: true}) {
		t.Error("deux blocs sur trois")
	}
	if !Awarded(q, map[int]bool{1: true, 2: true, 3: true}) {
		t.Error("les trois blocs, à travers plusieurs jurys")
	}
}

func TestR9_AJointJuryHasBothSidesAndOnePresident(t *testing.T) {
	ok := []NationalSeat{{Name: "Anne Roy", Side: SideEmployer, Sat: true}, {Name: "Karim Benali", Side: SideEmployee, President: true, Sat: true}}
	if err := CheckComposition(ok); err != nil {
		t.Errorf("jury paritaire : %v", err)
	}
	err := CheckComposition([]NationalSeat{{Name: "Anne Roy", Side: SideEmployer}, {Name: "", Side: "autre"}})
	f := ErrorFields(err)
	if f["seats"] == "" || f["president"] == "" || f["seat_2"] == "" {
		t.Errorf("toutes les erreurs à la fois : %v", f)
	}
}

func TestR9_AJuryMembersWordsAgreeWithTheirSex(t *testing.T) {
	for _, tc := range []struct {
		seat NationalSeat
		want string
	}{
		{NationalSeat{Sex: "F", Side: SideEmployee}, "représentante des salariés"},
		{NationalSeat{Sex: "M", Side: SideEmployer}, "représentant des employeurs"},
		{NationalSeat{Side: SideEmployer}, "représentant·e des employeurs"},
	} {
		if got := tc.seat.Represents(); got != tc.want {
			t.Errorf("%+v : %q, attendu %q", tc.seat, got, tc.want)
		}
	}
	err := CheckComposition([]NationalSeat{{Name: "Anne Roy", Sex: "X", Side: SideEmployer, President: true}, {Name: "Karim Benali", Side: SideEmployee}})
	if f := ErrorFields(err); !strings.Contains(f["seat_1"], "civilité invalide") {
		t.Errorf("civilité inconnue : %v", f)
	}
}
