package certif

import (
	"strings"
	"testing"
)

func activeExpert() JuryMember {
	return JuryMember{FirstName: "Paul", LastName: "Lefèvre", Email: "paul@jury.test", Roles: []JuryRole{JuryExpert, JuryBranchRep},
		EmployerID: 1, Branch: "famille", Qualifications: []string{"COS"}, TrainedOn: MustDate("2025-03-10"),
		MaxSessions: DefaultMaxSessions, Status: MemberActive}
}

func TestR14_AMemberSitsInTheSeatsItHoldsTrainedWhenTheCQPRequiresIt(t *testing.T) {
	t.Parallel()
	cos := Qualification{Code: "COS", JuryTrainingMandatory: true}
	gc := Qualification{Code: "GC"}
	day := MustDate("2026-03-03")
	untrained := activeExpert()
	untrained.TrainedOn = Date{}
	trainedLater := activeExpert()
	trainedLater.TrainedOn = MustDate("2026-04-01")
	proposed := activeExpert()
	proposed.Status = MemberProposed
	for _, tc := range []struct {
		name string
		m    JuryMember
		role JuryRole
		q    Qualification
		ok   bool
		why  string
	}{
		{"expert of the CQP, trained", activeExpert(), JuryExpert, cos, true, ""},
		{"branch representative", activeExpert(), JuryBranchRep, gc, true, ""},
		{"seat it does not hold", activeExpert(), JuryCertifierRep, cos, false, "ne siège pas comme représentant du certificateur"},
		{"expert of another CQP", activeExpert(), JuryExpert, gc, false, "n'est pas expert du CQP GC"},
		{"never trained, training required", untrained, JuryExpert, cos, false, "exige la formation des membres de jury"},
		{"trained after the session", trainedLater, JuryExpert, cos, false, "ne l'a pas suivie au 03/03/2026"},
		{"never trained, no training required", untrained, JuryBranchRep, gc, true, ""},
		{"proposal not yet accepted", proposed, JuryExpert, cos, false, "n'est pas un membre actif"},
	} {
		ok, why := tc.m.MaySit(tc.role, tc.q, day)
		if ok != tc.ok || !strings.Contains(why, tc.why) {
			t.Errorf("%s : %v %q", tc.name, ok, why)
		}
	}
}

func TestR14_AMemberFileNamesEveryFieldInError(t *testing.T) {
	t.Parallel()
	if err := activeExpert().Validate(); err != nil {
		t.Fatalf("fiche valide refusée : %v", err)
	}
	bad := JuryMember{FirstName: "P4ul", Email: "pas une adresse", Roles: []JuryRole{JuryExpert, JuryBranchRep, "juge"}, Status: "perdu"}
	fields := ErrorFields(bad.Validate())
	for _, f := range []string{"first_name", "last_name", "email", "roles", "qualifications", "branch", "organisation", "max_sessions", "status"} {
		if fields[f] == "" {
			t.Errorf("champ %s non signalé : %v", f, fields)
		}
	}
}

func TestHalfDaysOfAWeekAndTheirWriting(t *testing.T) {
	t.Parallel()
	week := WeekHalfDays(MustDate("2026-03-05")) // a Thursday
	if len(week) != 10 || week[0].String() != "2026-03-02:am" || week[9].String() != "2026-03-06:pm" {
		t.Errorf("semaine : %v", week)
	}
	h, err := ParseHalfDay("2026-03-03:pm")
	if err != nil || h.French() != "mardi 03/03/2026 après-midi" {
		t.Errorf("%v %q", err, h.French())
	}
	for _, s := range []string{"2026-03-03", "2026-03-03:soir", "03/03/2026:am"} {
		if _, err := ParseHalfDay(s); err == nil {
			t.Errorf("%q accepté", s)
		}
	}
}

func TestCountAgreesTheNoun(t *testing.T) {
	t.Parallel()
	for n, want := range map[int]string{0: "0 séance", 1: "1 séance", 2: "2 séances"} {
		if got := Count(n, "séance", "séances"); got != want {
			t.Errorf("%d : %q", n, got)
		}
	}
}

func TestOfMonthElides(t *testing.T) {
	t.Parallel()
	for m, want := range map[string]string{"2026-03": "de mars 2026", "2026-04": "d'avril 2026", "2026-08": "d'août 2026", "2026-10": "d'octobre 2026"} {
		if got := OfMonth(MustMonth(m)); got != want {
			t.Errorf("%s : %q", m, got)
		}
	}
}

func TestR14_AnAvailabilityRequestAsksAheadAndRemindsBeforeItsDate(t *testing.T) {
	t.Parallel()
	today := MustDate("2026-12-01")
	ok := AvailabilityRequest{From: MustDate("2027-01-04"), To: MustDate("2027-02-26"), AnswerBy: MustDate("2026-12-15")}
	if err := ok.Validate(today); err != nil {
		t.Fatalf("demande valide refusée : %v", err)
	}
	bad := AvailabilityRequest{From: MustDate("2026-11-30"), To: MustDate("2026-11-01"), AnswerBy: MustDate("2026-11-20")}
	fields := ErrorFields(bad.Validate(today))
	for _, f := range []string{"from", "to", "answer_by"} {
		if fields[f] == "" {
			t.Errorf("champ %s non signalé : %v", f, fields)
		}
	}
	for day, due := range map[string]bool{"2026-12-12": false, "2026-12-13": true, "2026-12-15": true, "2026-12-16": false} {
		if got := ok.ReminderDue(MustDate(day)); got != due {
			t.Errorf("relance le %s : %v", day, got)
		}
	}
}
