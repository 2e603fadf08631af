package planner

import (
	"strings"
	"testing"
)

func ptr(s string) *string { return &s }

// smallInstance is a hand-built instance: a candidate of CAF-075 with an
// in-person block and a remote one, and a candidate of CPAM-092 with a remote
// block and 30 minutes of extra time.
func smallInstance() Instance {
	weekdays := map[string]TimeRange{"1": {"08:30", "16:30"}, "2": {"08:30", "16:30"}, "4": {"08:30", "16:30"}, "5": {"08:30", "16:30"}}
	both := []string{"2026-03-03:am", "2026-03-03:pm"}
	return Instance{
		Year:           2026,
		NonWorkingDays: []string{"2026-04-06"},
		NationalJuries: []NationalJury{{Date: "2026-03-05", Cutoff: "2026-02-27"}, {Date: "2026-04-16", Cutoff: "2026-04-10"}},
		HalfDays:       HalfDays{AM: TimeRange{"09:00", "12:30"}, PM: TimeRange{"13:30", "17:00"}},
		Employers: []Employer{
			{Code: "CAF-075", Branch: "famille", Opening: weekdays},
			{Code: "CPAM-092", Branch: "maladie", Opening: weekdays},
		},
		Qualifications: []Qualification{
			{Code: "COS", TrainingRequired: true, Blocks: []Block{{Number: 1, Minutes: 60, InPerson: true}, {Number: 3, Minutes: 45}}},
			{Code: "GC", Blocks: []Block{{Number: 3, Minutes: 45}}},
		},
		Attempts: []Attempt{
			{ID: "A1", Candidate: "C1", Employer: "CAF-075", Qualification: "COS", Block: 1, CertifiableFrom: "2026-03-02"},
			{ID: "A2", Candidate: "C1", Employer: "CAF-075", Qualification: "COS", Block: 3, CertifiableFrom: "2026-03-02"},
			{ID: "A3", Candidate: "C2", Employer: "CPAM-092", Qualification: "COS", Block: 3, CertifiableFrom: "2026-03-02", ExtraMinutes: 30},
		},
		Members: []Member{
			{ID: "M1", Roles: []string{"certifier"}, Employer: "I410", Qualifications: []string{"COS"}, Trained: true, Available: both, MaxSessions: 10},
			{ID: "M2", Roles: []string{"expert"}, Employer: "CPAM-092", Branch: ptr("maladie"), Qualifications: []string{"COS"}, Trained: true, Available: both, MaxSessions: 10},
			{ID: "M3", Roles: []string{"branch"}, Employer: "CAF-076", Branch: ptr("famille"), Trained: true, Available: both, MaxSessions: 10},
			{ID: "M4", Roles: []string{"branch"}, Employer: "CPAM-093", Branch: ptr("maladie"), Trained: true, Available: both, MaxSessions: 10},
			{ID: "M5", Roles: []string{"expert"}, Employer: "CAF-076", Branch: ptr("famille"), Qualifications: []string{"COS"}, Trained: true, Available: both, MaxSessions: 10},
			{ID: "M6", Roles: []string{"certifier"}, Employer: "I410", Trained: true, Available: both, MaxSessions: 10},
		},
	}
}

// smallPlan is a valid plan of smallInstance: the candidate of CAF-075 sits
// both blocks in person at its employer, the other remotely.
func smallPlan() Plan {
	return Plan{
		Sessions: []Session{
			{ID: "S1", Date: "2026-03-03", Half: "am", Mode: "in_person", Employer: "CAF-075", Qualification: "COS",
				Members: Jury{Certifier: "M1", Expert: "M2", Branch: "M3"},
				Slots:   []Slot{{Attempt: "A1", Start: "09:00"}, {Attempt: "A2", Start: "10:00"}}},
			{ID: "S2", Date: "2026-03-03", Half: "pm", Mode: "remote", Qualification: "COS",
				Members: Jury{Certifier: "M1", Expert: "M5", Branch: "M4"},
				Slots:   []Slot{{Attempt: "A3", Start: "13:30"}}},
		},
		Unplaced: []Unplaced{},
	}
}

func TestTheSmallHandBuiltPlanBreaksNoConstraint(t *testing.T) {
	t.Parallel()
	if vs := Check(smallInstance(), smallPlan()); len(vs) != 0 {
		t.Fatalf("violations inattendues : %+v", vs)
	}
}

// breakCase breaks one constraint of the small plan and names the violation
// Check must report.
type breakCase struct {
	name       string
	breakIt    func(inst *Instance, p *Plan)
	constraint int
	message    string
}

// runBreakCases asserts that each case is reported with its constraint and a
// message containing the expected words.
func runBreakCases(t *testing.T, cases []breakCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			inst, p := smallInstance(), smallPlan()
			tc.breakIt(&inst, &p)
			vs := Check(inst, p)
			for _, v := range vs {
				if v.Constraint == tc.constraint && strings.Contains(strings.ToLower(v.Message), strings.ToLower(tc.message)) {
					return
				}
			}
			t.Errorf("attendu une violation %d contenant %q, reçu %+v", tc.constraint, tc.message, vs)
		})
	}
}

func TestR9_SessionsOnWorkingDaysNoLaterThanTheLastCutoff(t *testing.T) {
	t.Parallel()
	runBreakCases(t, []breakCase{
		{"saturday", func(_ *Instance, p *Plan) { p.Sessions[1].Date = "2026-03-07" }, 1, "La séance S2 se tient le samedi 07/03/2026, qui n'est pas un jour ouvré."},
		{"non working day", func(inst *Instance, _ *Plan) { inst.NonWorkingDays = append(inst.NonWorkingDays, "2026-03-03") }, 1, "qui n'est pas un jour ouvré"},
		{"after the last cutoff", func(_ *Instance, p *Plan) { p.Sessions[1].Date = "2026-04-13" }, 1, "après la date limite du dernier jury national (10/04/2026)"},
	})
}

func TestR14_SessionMembersHoldTheThreeRoles(t *testing.T) {
	t.Parallel()
	runBreakCases(t, []breakCase{
		{"role not held", func(_ *Instance, p *Plan) { p.Sessions[0].Members.Certifier, p.Sessions[0].Members.Expert = "M5", "M1" }, 2, "Le membre M5 n'a pas le rôle de représentant du certificateur (séance S1)."},
		{"elision", func(_ *Instance, p *Plan) { p.Sessions[0].Members.Expert = "M3" }, 2, "n'a pas le rôle d'expert métier"},
		{"same member twice", func(inst *Instance, p *Plan) {
			inst.Members[0].Roles = []string{"certifier", "expert"}
			inst.Members[0].Employer = "I410"
			p.Sessions[0].Members.Expert = "M1"
		}, 2, "tient deux rôles"},
		{"unavailable", func(inst *Instance, _ *Plan) { inst.Members[0].Available = []string{"2026-03-03:pm"} }, 2, "Le membre M1 n'est pas disponible le 03/03/2026 matin (séance S1)."},
		{"two sessions in one half-day", func(_ *Instance, p *Plan) { p.Sessions[1].Half = "am" }, 2, "Le membre M1 siège dans deux séances le 03/03/2026 matin (S1 et S2)."},
		{"beyond max sessions", func(inst *Instance, _ *Plan) { inst.Members[0].MaxSessions = 1 }, 2, "Le membre M1 siège dans 2 séances, au-delà de son maximum de 1."},
		{"untrained", func(inst *Instance, _ *Plan) { inst.Members[2].Trained = false }, 2, "le CQP COS exige des membres de jury formés"},
		{"expert not qualified", func(inst *Instance, _ *Plan) { inst.Members[1].Qualifications = nil }, 2, "L'expert métier M2 n'est pas qualifié pour le CQP COS"},
	})
}

func TestR14_NoMemberOfTheCandidatesEmployerAndTheBranchOfTheCandidates(t *testing.T) {
	t.Parallel()
	runBreakCases(t, []breakCase{
		{"member of the candidate's employer", func(inst *Instance, _ *Plan) { inst.Members[2].Employer = "CAF-075" }, 3, "Le membre M3 vient de l'employeur CAF-075 du candidat de A1"},
		{"branch of another branch", func(_ *Instance, p *Plan) { p.Sessions[1].Members.Branch = "M3" }, 3, "n'est pas de la branche maladie du candidat de A3"},
	})
}

func TestR15_SlotsLastTheirMinutesInsideTheHalfDayAndTheOpeningHours(t *testing.T) {
	t.Parallel()
	runBreakCases(t, []breakCase{
		{"beyond the half-day", func(_ *Instance, p *Plan) { p.Sessions[0].Slots[1].Start = "12:00" }, 4, "le créneau de A2 (12 h–12 h 45) déborde de la demi-journée, 9 h–12 h 30 (séance S1)."},
		{"extra time counts", func(_ *Instance, p *Plan) { p.Sessions[1].Slots[0].Start = "15:50" }, 4, "(15 h 50–17 h 05) déborde"},
		{"outside the opening hours", func(inst *Instance, _ *Plan) { inst.Employers[0].Opening["2"] = TimeRange{"09:30", "16:30"} }, 4, "sort des heures d'ouverture de l'employeur CAF-075 le mardi (ouvert 9 h 30–16 h 30)"},
		{"closed that day", func(inst *Instance, _ *Plan) { delete(inst.Employers[0].Opening, "2") }, 4, "le mardi (fermé)"},
		{"overlap", func(_ *Instance, p *Plan) { p.Sessions[0].Slots[1].Start = "09:30" }, 4, "les créneaux de A1 (9 h–10 h) et de A2 (9 h 30–10 h 15) se chevauchent"},
	})
}

func TestR12_InPersonBlocksSitAtTheCandidatesEmployer(t *testing.T) {
	t.Parallel()
	runBreakCases(t, []breakCase{
		{"in a remote session", func(_ *Instance, p *Plan) {
			p.Sessions[0].Slots = p.Sessions[0].Slots[1:]
			p.Sessions[1].Slots = append(p.Sessions[1].Slots, Slot{Attempt: "A1", Start: "15:00"})
		}, 5, "le bloc 1 de A1 demande une mise en situation réelle : il ne peut pas être évalué à distance"},
		{"at another employer", func(_ *Instance, p *Plan) { p.Sessions[0].Employer = "CPAM-092" }, 5, "chez l'employeur CAF-075, or la séance se tient chez CPAM-092"},
	})
}

func TestCandidateInOnePlaceOncePlacedNeverEarly(t *testing.T) {
	t.Parallel()
	runBreakCases(t, []breakCase{
		{"two places at once", func(inst *Instance, p *Plan) {
			inst.Attempts[2].Candidate = "C1"
			p.Sessions[1].Half, p.Sessions[1].Members.Certifier, p.Sessions[1].Slots[0].Start = "am", "M6", "09:00"
		}, 6, "Le candidat C1 est attendu à deux endroits à la fois le 03/03/2026 : A1 (séance S1, 9 h–10 h) et A3 (séance S2, 9 h–10 h 15)."},
		{"placed twice", func(_ *Instance, p *Plan) {
			p.Sessions[0].Slots = append(p.Sessions[0].Slots, Slot{Attempt: "A2", Start: "11:00"})
		}, 6, "La tentative A2 est placée une seconde fois, déjà placée dans la séance S1 (séance S1)."},
		{"before certifiable from", func(inst *Instance, _ *Plan) { inst.Attempts[0].CertifiableFrom = "2026-03-04" }, 6, "évaluée le 03/03/2026, avant sa date de certification possible (04/03/2026)"},
	})
}

func TestStructuralFaultsAreReported(t *testing.T) {
	t.Parallel()
	runBreakCases(t, []breakCase{
		{"unknown attempt", func(_ *Instance, p *Plan) { p.Sessions[1].Slots[0].Attempt = "A9" }, 0, "la tentative \"A9\" est inconnue de l'instance"},
		{"unknown member", func(_ *Instance, p *Plan) { p.Sessions[1].Members.Expert = "M9" }, 0, "le membre \"M9\", expert métier, est inconnu"},
		{"unknown employer", func(_ *Instance, p *Plan) { p.Sessions[0].Employer = "CAF-999" }, 0, "chez un employeur inconnu (\"CAF-999\")"},
		{"unknown qualification", func(_ *Instance, p *Plan) { p.Sessions[1].Qualification = "XYZ" }, 0, "le CQP \"XYZ\" est inconnu"},
		{"attempt of another qualification", func(_ *Instance, p *Plan) { p.Sessions[1].Qualification = "GC" }, 0, "la séance évalue le CQP GC, or la tentative A3 relève du CQP COS"},
		{"neither placed nor unplaced", func(_ *Instance, p *Plan) { p.Sessions[1].Slots = nil }, 0, "La tentative A3 n'est ni placée ni listée parmi les non placées."},
		{"placed and unplaced", func(_ *Instance, p *Plan) { p.Unplaced = []Unplaced{{Attempt: "A3", Reason: "x"}} }, 0, "à la fois placée (séance S2) et listée"},
		{"unplaced without reason", func(_ *Instance, p *Plan) {
			p.Sessions[1].Slots = nil
			p.Unplaced = []Unplaced{{Attempt: "A3"}}
		}, 0, "aucune raison n'en est donnée"},
		{"remote with an employer", func(_ *Instance, p *Plan) { p.Sessions[1].Employer = "CPAM-092" }, 0, "une séance à distance ne se tient chez aucun employeur"},
		{"bad half-day", func(_ *Instance, p *Plan) { p.Sessions[1].Half = "soir" }, 0, "demi-journée \"soir\" inconnue"},
	})
}
