package certif

import (
	"strings"
	"testing"
)

// census2022 is the window of the letter of 4 August 2022: registrations,
// changes and deletions from Monday 22 August to Friday 9 September 2022.
var census2022 = RegistrationWindow{ID: 1, Opens: MustDate("2022-08-22"), Closes: MustDate("2022-09-09"), Label: "Session de décembre 2022"}

// december2022 registers the whole COS for the December 2022 session.
var december2022 = RegistrationRequest{Qualification: "COS", Path: PathComplete, CertifiableFrom: MustDate("2022-12-02"), Contract: ContractCDI}

// TestR1_SameRulesTwoModels runs the same requests through PlanRegistration
// with and without a registration window: the all-year model of 2023 (R6
// rules, the office overrides with a reason) and the campaign model of 2022
// (the window rules, only the office acts outside it, and it is flagged).
func TestR1_SameRulesTwoModels(t *testing.T) {
	cases := []struct {
		name    string
		windows Windows
		day     string
		office  bool
		reason  string
		code    Code // "" when accepted
		msg     string
		late    bool
		outside bool
	}{
		{name: "2023: on time", day: "2022-08-25"},
		{name: "2023: after R6 deadline", day: "2022-09-05", code: EInvalid, msg: "3 mois avant."},
		{name: "2023: office overrides R6", day: "2022-09-05", office: true, reason: "contrat tardif", late: true},
		{name: "2022: inside the window", windows: Windows{census2022}, day: "2022-08-22"},
		{name: "2022: inside the window, after the 3 months", windows: Windows{census2022}, day: "2022-09-09"},
		{name: "2022: before the window", windows: Windows{census2022}, day: "2022-08-19", code: EForbidden, msg: "Prochaine ouverture : le 22/08/2022."},
		{name: "2022: after the window", windows: Windows{census2022}, day: "2022-09-12", code: EForbidden, msg: "fenêtre d'inscription (du 22/08/2022 au 09/09/2022) : en dehors, seule l'équipe des examens"},
		{name: "2022: office after the window", windows: Windows{census2022}, day: "2022-09-12", office: true, outside: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ov := Override{ByOffice: tc.office, Reason: tc.reason, Windows: tc.windows}
			p, err := PlanRegistration(december2022, cos, CandidateBlocks{}, letterSchedule{}, MustDate(tc.day), ov)
			if ErrorCode(err) != tc.code || !strings.Contains(ErrorMessage(err), tc.msg) {
				t.Fatalf("erreur %v, attendu %q %q", err, tc.code, tc.msg)
			}
			if err == nil && (p.Late != tc.late || p.OutsideWindow != tc.outside || len(p.Attempts) != 4 || p.Attempts[0].Period.String() != "2022-12") {
				t.Errorf("plan : %+v", p)
			}
		})
	}
}

func TestR1_WindowGovernsItsQualificationAndPeriodOnly(t *testing.T) {
	cosDecember := RegistrationWindow{Opens: MustDate("2022-08-22"), Closes: MustDate("2022-09-09"), Qualification: "COS", Period: MustMonth("2022-12")}
	ws := Windows{cosDecember}
	if !ws.Governs("COS", MustMonth("2022-12")) || ws.Governs("CA", MustMonth("2022-12")) || ws.Governs("COS", MustMonth("2023-01")) {
		t.Fatal("portée de la fenêtre")
	}
	ca := RegistrationRequest{Qualification: "CA", Path: PathComplete, CertifiableFrom: MustDate("2022-12-02"), Contract: ContractCDI}
	_, err := PlanRegistration(ca, Qualification{Code: "CA", Blocks: []Block{{Number: 1}}}, CandidateBlocks{}, letterSchedule{}, MustDate("2022-09-05"), Override{Windows: ws})
	if !strings.Contains(ErrorMessage(err), "3 mois avant.") {
		t.Errorf("hors de la portée de la fenêtre, R6 s'applique : %v", err)
	}
	// A COS path over two periods: December is ruled by the window, January 2023 by R6.
	split := december2022
	split.Path, split.Blocks = PathPartial, []int{1, 2}
	split.BlockDates = map[int]Date{2: MustDate("2023-01-10")}
	if _, err := PlanRegistration(split, cos, CandidateBlocks{}, letterSchedule{}, MustDate("2022-09-05"), Override{Windows: ws}); err != nil {
		t.Errorf("décembre dans la fenêtre, janvier dans le délai de 3 mois : %v", err)
	}
	if _, err := PlanRegistration(split, cos, CandidateBlocks{}, letterSchedule{}, MustDate("2022-10-05"), Override{Windows: ws}); ErrorCode(err) != EForbidden {
		t.Errorf("décembre hors fenêtre : %v", err)
	}
	if got := cosDecember.Scope(); got != "CQP COS, période de décembre 2022" {
		t.Errorf("portée : %q", got)
	}
	if got := census2022.Scope(); got != "toutes les certifications, toutes périodes" {
		t.Errorf("portée : %q", got)
	}
}

func TestR1_ChangesAndDeletionsFollowTheWindow(t *testing.T) {
	reg := Registration{Qualification: "COS", Attempts: []BlockAttempt{
		{Block: 1, Period: MustMonth("2022-12"), Status: AttemptRegistered},
		{Block: 2, Period: MustMonth("2022-12"), Status: AttemptValidated},
	}}
	cases := []struct {
		windows Windows
		role    Role
		day     string
		code    Code
		rule    string
	}{
		{nil, RoleEmployer, "2022-09-01", "", ""},
		{nil, RoleEmployer, "2022-09-05", EForbidden, "seule l'équipe des examens peut encore modifier ou supprimer cette inscription"},
		{Windows{census2022}, RoleEmployer, "2022-09-05", "", ""},
		{Windows{census2022}, RoleEmployer, "2022-09-12", EForbidden, "se font pendant la fenêtre d'inscription"},
		{Windows{census2022}, RoleOffice, "2022-09-12", "", ""},
		{Windows{census2022}, RoleCertifier, "2022-09-05", EForbidden, "Seuls l'employeur"},
	}
	for _, tc := range cases {
		err := CheckChangeIn(tc.role, reg, MustDate(tc.day), tc.windows)
		if ErrorCode(err) != tc.code || !strings.Contains(ErrorMessage(err), tc.rule) {
			t.Errorf("%s le %s avec %d fenêtre(s) : %v, attendu %q %s", tc.role, tc.day, len(tc.windows), err, tc.code, tc.rule)
		}
	}
	if err := CheckChange(RoleEmployer, reg, MustDate("2022-09-05")); ErrorCode(err) != EForbidden {
		t.Errorf("CheckChange sans fenêtre : %v", err)
	}
	if got := reg.PendingPeriods(); len(got) != 1 || got[0].String() != "2022-12" {
		t.Errorf("périodes en attente : %v", got)
	}
}

func TestR1_WindowValidation(t *testing.T) {
	w := RegistrationWindow{Opens: MustDate("2022-09-09"), Closes: MustDate("2022-08-22"), Label: strings.Repeat("x", MaxWindowLabelLength+1)}
	f := ErrorFields(w.Validate())
	if f["closes"] == "" || f["label"] == "" {
		t.Errorf("fenêtre invalide : %v", f)
	}
	if f := ErrorFields(RegistrationWindow{}.Validate()); f["opens"] == "" || f["closes"] == "" {
		t.Errorf("dates obligatoires : %v", f)
	}
	if err := census2022.Validate(); err != nil {
		t.Error(err)
	}
	if !census2022.Contains(MustDate("2022-09-09")) || census2022.Contains(MustDate("2022-09-10")) {
		t.Error("bornes incluses")
	}
}
