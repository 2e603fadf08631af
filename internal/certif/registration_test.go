package certif

import (
	"strings"
	"testing"
	"time"
)

// letterSchedule is the schedule of the letters: exams every month but August,
// from 2022 (the letter of 2022) to two years after 2026 (the letter of 2025).
type letterSchedule struct{}

func (letterSchedule) IsExamMonth(m Month) bool      { return m.Month != time.August }
func (letterSchedule) KnownYears() (first, last int) { return 2022, 2028 }
func (s letterSchedule) CertificationPeriod(d Date) Month {
	m := d.MonthOf()
	for !s.IsExamMonth(m) {
		m = m.Add(1)
	}
	return m
}
func (s letterSchedule) EarliestPeriod(today Date) Month {
	m := today.MonthOf()
	for !s.IsExamMonth(m) || !RegistrationOnTime(m, today) {
		m = m.Add(1)
	}
	return m
}

var (
	cos = Qualification{Code: "COS", Blocks: []Block{{Number: 1}, {Number: 2}, {Number: 3}, {Number: 4}}}
	ca  = Qualification{Code: "CA", Blocks: []Block{{Number: 1}}}
	day = MustDate("2026-05-15")
)

func plan(t *testing.T, req RegistrationRequest, q Qualification, has CandidateBlocks, ov Override) (Plan, map[string]string) {
	t.Helper()
	if req.Contract == "" {
		req.Contract = ContractCDI
	}
	if req.CertifiableFrom.IsZero() {
		req.CertifiableFrom = MustDate("2026-10-05")
	}
	p, err := PlanRegistration(req, q, has, letterSchedule{}, day, ov)
	return p, ErrorFields(err)
}

func TestR3_CompletePathPresentsEveryRemainingBlock(t *testing.T) {
	p, f := plan(t, RegistrationRequest{Qualification: "COS", Path: PathComplete}, cos,
		CandidateBlocks{Validated: map[int]Date{2: MustDate("2025-12-17")}}, Override{})
	if f != nil || len(p.Blocks) != 3 || p.Blocks[0] != 1 || p.Blocks[1] != 3 || p.Blocks[2] != 4 {
		t.Errorf("blocs restants : %v %v", p.Blocks, f)
	}
	_, f = plan(t, RegistrationRequest{Path: PathComplete}, ca, CandidateBlocks{Validated: map[int]Date{1: MustDate("2025-12-17")}}, Override{})
	if !strings.Contains(f["blocks"], "déjà validé tous les blocs") {
		t.Errorf("certification déjà acquise : %v", f)
	}
}

func TestR3_PartialPathNeverForMonoBlocOrValidatedBlocks(t *testing.T) {
	_, f := plan(t, RegistrationRequest{Path: PathPartial, Blocks: []int{1}}, ca, CandidateBlocks{}, Override{})
	if !strings.Contains(f["path"], "mono-bloc") {
		t.Errorf("parcours partiel d'un mono-bloc accepté : %v", f)
	}
	_, f = plan(t, RegistrationRequest{Path: PathPartial, Blocks: []int{2, 3}}, cos, CandidateBlocks{Validated: map[int]Date{2: MustDate("2025-12-17")}}, Override{})
	if !strings.Contains(f["blocks"], "Le bloc 2 est déjà validé (le 17/12/2025)") {
		t.Errorf("bloc validé représenté : %v", f)
	}
	_, f = plan(t, RegistrationRequest{Path: PathPartial, Blocks: []int{5}}, cos, CandidateBlocks{}, Override{})
	if !strings.Contains(f["blocks"], "pas de bloc 5") {
		t.Errorf("bloc inconnu : %v", f)
	}
	_, f = plan(t, RegistrationRequest{Path: PathPartial}, cos, CandidateBlocks{}, Override{})
	if f["blocks"] == "" {
		t.Error("parcours partiel sans bloc accepté")
	}
	p, f := plan(t, RegistrationRequest{Path: PathPartial, Blocks: []int{3, 1, 3}}, cos, CandidateBlocks{}, Override{})
	if f != nil || len(p.Blocks) != 2 || p.Blocks[0] != 1 || p.Blocks[1] != 3 {
		t.Errorf("2 blocs sur 4 : %v %v", p.Blocks, f)
	}
}

func TestR3_BlockAlreadyRegisteredIsNotRegisteredTwice(t *testing.T) {
	_, f := plan(t, RegistrationRequest{Path: PathPartial, Blocks: []int{1, 2}}, cos, CandidateBlocks{InProgress: map[int]int64{2: 41}}, Override{})
	if !strings.Contains(f["blocks"], "inscription n° 41") {
		t.Errorf("double inscription d'un bloc : %v", f)
	}
}

func TestR2_EachBlockHasItsOwnCertifiableDate(t *testing.T) {
	p, f := plan(t, RegistrationRequest{Path: PathPartial, Blocks: []int{1, 2}, CertifiableFrom: MustDate("2026-09-10"),
		BlockDates: map[int]Date{2: MustDate("2026-11-20")}}, cos, CandidateBlocks{}, Override{})
	if f != nil || p.Attempts[0].Period.String() != "2026-09" || p.Attempts[1].Period.String() != "2026-11" {
		t.Errorf("périodes par bloc : %+v %v", p.Attempts, f)
	}
	p, _ = plan(t, RegistrationRequest{Path: PathComplete, CertifiableFrom: MustDate("2026-08-12")}, ca, CandidateBlocks{}, Override{})
	if p.Attempts[0].Period.String() != "2026-09" {
		t.Errorf("certifiable en août : période %s, attendu septembre", p.Attempts[0].Period)
	}
	_, f = plan(t, RegistrationRequest{Path: PathPartial, Blocks: []int{1}, BlockDates: map[int]Date{3: MustDate("2026-11-20")}}, cos, CandidateBlocks{}, Override{})
	if f["block_dates"] == "" {
		t.Error("date d'un bloc non présenté acceptée")
	}
}

func TestR6_LateRegistrationIsRefusedWithTheEarliestPeriod(t *testing.T) {
	// On 15/05/2026, August is skipped: the earliest period is September (deadline 01/06).
	_, f := plan(t, RegistrationRequest{Path: PathComplete, CertifiableFrom: MustDate("2026-07-01")}, ca, CandidateBlocks{}, Override{})
	want := "Inscription trop tardive pour la période de juillet 2026 : elle devait être faite au plus tard le 01/04/2026"
	if !strings.Contains(f["certifiable_from"], want) || !strings.Contains(f["certifiable_from"], "Première période possible aujourd'hui : septembre 2026") {
		t.Errorf("message R6 : %v", f)
	}
	if _, f := plan(t, RegistrationRequest{Path: PathComplete, CertifiableFrom: MustDate("2026-09-01")}, ca, CandidateBlocks{}, Override{}); f != nil {
		t.Errorf("inscription à 3 mois pile refusée : %v", f)
	}
	if _, f := plan(t, RegistrationRequest{Path: PathComplete, CertifiableFrom: MustDate("2028-01-01")}, ca, CandidateBlocks{}, Override{}); f != nil {
		t.Errorf("inscription anticipée refusée : %v", f)
	}
}

func TestR6_OfficeOverridesWithAReason(t *testing.T) {
	req := RegistrationRequest{Path: PathComplete, CertifiableFrom: MustDate("2026-07-01")}
	if _, f := plan(t, req, ca, CandidateBlocks{}, Override{ByOffice: false, Reason: "urgence"}); f["certifiable_from"] == "" {
		t.Error("un employeur ne peut pas déroger au délai")
	}
	if _, f := plan(t, req, ca, CandidateBlocks{}, Override{ByOffice: true}); f["late_reason"] == "" {
		t.Errorf("dérogation sans motif : %v", f)
	}
	p, f := plan(t, req, ca, CandidateBlocks{}, Override{ByOffice: true, Reason: "contrat signé tardivement"})
	if f != nil || !p.Late {
		t.Errorf("dérogation motivée refusée : %v", f)
	}
}

func TestR19_OnlyProContractsImposeTheirPeriod(t *testing.T) {
	p, f := plan(t, RegistrationRequest{Path: PathComplete, Contract: ContractPro, CertifiableFrom: MustDate("2026-12-20"), ExamPeriod: MustMonth("2026-11")}, ca, CandidateBlocks{}, Override{})
	if f != nil || p.Attempts[0].Period.String() != "2026-11" {
		t.Errorf("période du contrat de professionnalisation : %+v %v", p.Attempts, f)
	}
	_, f = plan(t, RegistrationRequest{Path: PathComplete, Contract: ContractCDI, ExamPeriod: MustMonth("2026-11")}, ca, CandidateBlocks{}, Override{})
	if f["exam_period"] == "" {
		t.Error("période imposée acceptée pour un CDI")
	}
	_, f = plan(t, RegistrationRequest{Path: PathComplete, Contract: ContractPro, ExamPeriod: MustMonth("2026-08")}, ca, CandidateBlocks{}, Override{})
	if f["exam_period"] == "" {
		t.Error("période d'août acceptée")
	}
	_, f = plan(t, RegistrationRequest{Path: PathComplete, Contract: "interim"}, ca, CandidateBlocks{}, Override{})
	if f["contract"] == "" {
		t.Error("contrat inconnu accepté")
	}
}

func TestR15_AdjustmentsOnlyWithTheDisabilityBox(t *testing.T) {
	_, f := plan(t, RegistrationRequest{Path: PathComplete, Adjustments: "tiers temps"}, ca, CandidateBlocks{}, Override{})
	if f["adjustments"] == "" {
		t.Error("aménagements sans la case handicap acceptés")
	}
	if _, f := plan(t, RegistrationRequest{Path: PathComplete, Disability: true, Adjustments: "tiers temps, salle accessible"}, ca, CandidateBlocks{}, Override{}); f != nil {
		t.Errorf("aménagements refusés : %v", f)
	}
}

func TestR20_EmployerChangesUntilTheDeadlineOnlyOfficeAfter(t *testing.T) {
	reg := Registration{Attempts: []BlockAttempt{
		{Period: MustMonth("2026-10"), Status: AttemptRegistered},
		{Period: MustMonth("2026-09"), Status: AttemptRegistered},
		{Period: MustMonth("2026-03"), Status: AttemptValidated},
	}}
	if d := ChangeDeadline(reg); d.String() != "2026-06-01" {
		t.Errorf("date limite de modification : %s", d)
	}
	if err := CheckChange(RoleEmployer, reg, MustDate("2026-06-01")); err != nil {
		t.Errorf("modification le jour limite refusée : %v", err)
	}
	err := CheckChange(RoleEmployer, reg, MustDate("2026-06-02"))
	if ErrorCode(err) != EForbidden || !strings.Contains(ErrorMessage(err), "seule l'équipe des examens") {
		t.Errorf("modification tardive par l'employeur : %v", err)
	}
	if err := CheckChange(RoleOffice, reg, MustDate("2026-09-15")); err != nil {
		t.Errorf("l'équipe des examens doit pouvoir modifier : %v", err)
	}
	if err := CheckChange(RoleCertifier, reg, day); ErrorCode(err) != EForbidden {
		t.Errorf("le certificateur ne modifie pas les inscriptions : %v", err)
	}
	done := Registration{Attempts: []BlockAttempt{{Period: MustMonth("2026-03"), Status: AttemptValidated}}}
	if err := CheckChange(RoleOffice, done, day); ErrorCode(err) != EConflict {
		t.Errorf("inscription jugée modifiée : %v", err)
	}
}

func TestR8_EachAttemptSaysWhetherItIsEligibleAndWhy(t *testing.T) {
	a := BlockAttempt{Period: MustMonth("2026-09"), Status: AttemptRegistered}
	if e := AttemptEligibility(a, Registration{}, nil); !e.Eligible || !strings.Contains(e.Reasons[0], "septembre 2026") {
		t.Errorf("éligible : %+v", e)
	}
	if e := AttemptEligibility(a, Registration{Deleted: true}, nil); e.Eligible || !strings.Contains(e.Reasons[0], "pas d'inscription, pas d'examen") {
		t.Errorf("inscription supprimée : %+v", e)
	}
	if e := AttemptEligibility(a, Registration{}, Errorf(EInvalid, "x")); e.Eligible {
		t.Errorf("identité invalide : %+v", e)
	}
	if e := AttemptEligibility(a, Registration{LateReason: "contrat tardif"}, nil); !e.Eligible || !strings.Contains(e.Reasons[0], "dérogation") {
		t.Errorf("dérogation : %+v", e)
	}
}

func TestR17_NilDeclaration(t *testing.T) {
	s := letterSchedule{}
	if err := CheckNilDeclaration(MustMonth("2026-09"), day, 0, s); err != nil {
		t.Errorf("néant refusé : %v", err)
	}
	for _, tc := range []struct {
		period     string
		registered int
	}{{"2026-08", 0}, {"2026-04", 0}, {"2026-09", 2}} {
		if ErrorFields(CheckNilDeclaration(MustMonth(tc.period), day, tc.registered, s))["period"] == "" {
			t.Errorf("néant %s avec %d inscrits accepté", tc.period, tc.registered)
		}
	}
}
