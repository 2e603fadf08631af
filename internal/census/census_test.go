package census

import (
	"strings"
	"testing"
	"time"

	"certibloc/internal/certif"
	"certibloc/internal/clock"
)

type letterSchedule struct{}

func (letterSchedule) IsExamMonth(m certif.Month) bool { return m.Month != time.August }
func (letterSchedule) KnownYears() (first, last int)   { return 2022, 2028 }
func (s letterSchedule) CertificationPeriod(d certif.Date) certif.Month {
	m := d.MonthOf()
	for !s.IsExamMonth(m) {
		m = m.Add(1)
	}
	return m
}
func (letterSchedule) EarliestPeriod(certif.Date) certif.Month { return certif.Month{} }

var (
	dam  = certif.Qualification{Code: "DAM", Route: certif.RouteCensus, Blocks: []certif.Block{{Number: 1}, {Number: 2}, {Number: 3}}}
	dns  = certif.Qualification{Code: "DNS", Route: certif.RouteCensus, Blocks: []certif.Block{{Number: 1}}}
	cos  = certif.Qualification{Code: "COS", Route: certif.RouteCollectionTable, Blocks: []certif.Block{{Number: 1}}}
	ir   = certif.Qualification{Code: "IR", Route: certif.RouteTrainingPlanning, Blocks: []certif.Block{{Number: 1}}}
	gcar = certif.Qualification{Code: "GCAR", Route: certif.RouteTrainingPlanning, EmployerNotifiesOffice: true, Blocks: []certif.Block{{Number: 1}}}
)

func TestR4_PreRegistrationProposesARegistrationButIsNotOne(t *testing.T) {
	t.Parallel()
	p := PreRegistration{Qualification: "DAM", Blocks: []int{1, 3}, PathStart: certif.MustDate("2026-01-05"), PathEnd: certif.MustDate("2026-08-14"), Status: Pending}
	req := p.Request()
	if req.Path != certif.PathPartial || len(req.Blocks) != 2 || req.CertifiableFrom != p.PathEnd || req.Contract != certif.ContractCDI {
		t.Errorf("demande : %+v", req)
	}
	p.Blocks, p.Contract = nil, certif.ContractPro
	if req := p.Request(); req.Path != certif.PathComplete || req.Blocks != nil || req.Contract != certif.ContractPro {
		t.Errorf("parcours complet : %+v", req)
	}
	if e := p.Eligibility(); e.Eligible || !strings.Contains(e.Reasons[0], "pas d'inscription, pas d'examen") {
		t.Errorf("R8 : une pré-inscription n'est pas éligible : %+v", e)
	}
	p.Status, p.RegistrationID = Confirmed, 12
	if e := p.Eligibility(); !e.Eligible || !strings.Contains(e.Reasons[0], "n° 12") {
		t.Errorf("confirmée : %+v", e)
	}
	// August has no exams: the period is September 2026, to confirm by 01/06/2026 (R6).
	p.ConfirmBy = ConfirmBy(p.PathEnd, letterSchedule{})
	if p.ConfirmBy.String() != "2026-06-01" || p.Late(certif.MustDate("2026-06-01")) || !p.Late(certif.MustDate("2026-06-02")) {
		t.Errorf("à confirmer avant le %s", p.ConfirmBy)
	}
	if p.BlocksText() != "tous les blocs restant à valider" {
		t.Errorf("blocs : %q", p.BlocksText())
	}
}

func TestR4_CheckLine(t *testing.T) {
	t.Parallel()
	ok := Line{Qualification: "DAM", Blocks: []int{2}, PathStart: certif.MustDate("2026-01-05"), PathEnd: certif.MustDate("2026-10-30")}
	if err := CheckLine(ok, &certif.Offer{Qualification: dam}); err != nil {
		t.Fatal(err)
	}
	bad := Line{Blocks: []int{4}, PathStart: certif.MustDate("2026-10-30"), PathEnd: certif.MustDate("2026-01-05")}
	f := certif.ErrorFields(CheckLine(bad, &certif.Offer{Qualification: cos}))
	if !strings.Contains(f["qualification"], "ne relève pas du recensement") || !strings.Contains(f["certifiable_from"], "finit (05/01/2026) avant de commencer") ||
		!strings.Contains(f["blocks"], "pas de bloc 4") {
		t.Errorf("erreurs : %v", f)
	}
	if f := certif.ErrorFields(CheckLine(Line{}, &certif.Offer{Qualification: dam})); f["path_start"] == "" || f["certifiable_from"] == "" {
		t.Errorf("dates obligatoires : %v", f)
	}
}

func TestR4_CoverSetsAsideValidatedAndRegisteredBlocks(t *testing.T) {
	t.Parallel()
	none := certif.CandidateBlocks{}
	if c := Cover(nil, dam, none); c.Nothing || c.Blocks != nil {
		t.Errorf("parcours complet : %+v", c)
	}
	if c := Cover([]int{1, 2, 3}, dam, none); c.Blocks != nil {
		t.Errorf("tous les blocs cités = parcours complet : %+v", c)
	}
	if c := Cover([]int{1}, dns, none); c.Blocks != nil {
		t.Errorf("mono-bloc : toujours complet : %+v", c)
	}
	has := certif.CandidateBlocks{Validated: map[int]certif.Date{1: certif.MustDate("2025-12-17")}, InProgress: map[int]int64{2: 7}}
	if c := Cover(nil, dam, has); len(c.Blocks) != 1 || c.Blocks[0] != 3 || !strings.Contains(c.Reason, "blocs 1, 2") {
		t.Errorf("bloc 1 validé, bloc 2 inscrit : %+v", c)
	}
	if c := Cover([]int{1, 2}, dam, has); !c.Nothing {
		t.Errorf("rien à pré-inscrire : %+v", c)
	}
	if c := Cover([]int{2, 3}, dam, certif.CandidateBlocks{Validated: map[int]certif.Date{1: certif.MustDate("2025-12-17")}}); c.Blocks != nil {
		t.Errorf("les blocs restants sont tous cités : parcours complet : %+v", c)
	}
}

func trainingSession() TrainingSession {
	return TrainingSession{ID: 4, Qualification: "IR", Title: "Promotion IR 2026 – Lyon", Starts: certif.MustDate("2026-01-12"), Ends: certif.MustDate("2026-11-20"),
		Period: certif.MustMonth("2026-12"), Participants: []Participant{{EmployerID: 1, EmployerCode: "URSSAF69", EmployerName: "URSSAF Rhône-Alpes", Count: 3}}}
}

func TestR7_TrainingSessionValidation(t *testing.T) {
	t.Parallel()
	if err := trainingSession().Validate(ir, letterSchedule{}); err != nil {
		t.Fatal(err)
	}
	s := trainingSession()
	s.Period, s.Ends = certif.MustMonth("2026-08"), certif.MustDate("2026-01-01")
	s.Participants = append(s.Participants, Participant{EmployerCode: "urssaf69", Count: 2}, Participant{EmployerCode: "CAF69", Count: 0})
	f := certif.ErrorFields(s.Validate(cos, letterSchedule{}))
	for field, want := range map[string]string{"qualification": "les plannings de formation concernent les CQP de la voie « Plannings de formation »", "ends": "avant de commencer", "period": "août 2026", "participants": "URSSAF69 figure deux fois"} {
		if !strings.Contains(f[field], want) {
			t.Errorf("%s : %q, attendu %q", field, f[field], want)
		}
	}
	s = trainingSession()
	s.Period = certif.MustMonth("2026-10")
	if f := certif.ErrorFields(s.Validate(ir, letterSchedule{})); !strings.Contains(f["period"], "précède la fin de la formation") {
		t.Errorf("période avant la fin : %v", f)
	}
	s.Participants = nil
	if f := certif.ErrorFields(s.Validate(ir, letterSchedule{})); f["participants"] == "" {
		t.Errorf("sans employeur : %v", f)
	}
}

func TestR7_TrainingSessionPeriodStaysInTheCalendar(t *testing.T) {
	t.Parallel()
	s := trainingSession()
	s.Period = certif.MustMonth("2031-09")
	want := "Période de certification hors calendrier : septembre 2031 est au-delà du calendrier des examens, dont la dernière période est décembre 2028."
	if got := certif.ErrorFields(s.Validate(ir, letterSchedule{}))["period"]; got != want {
		t.Errorf("période lointaine : %q\nattendu %q", got, want)
	}
}

func TestR7_InvitationOnceAndNeverForGestionnaireCarriere(t *testing.T) {
	t.Parallel()
	s := trainingSession()
	if err := CheckPlanningInvitation(s, ir); err != nil {
		t.Fatal(err)
	}
	if err := CheckPlanningInvitation(s, gcar); certif.ErrorCode(err) != certif.EConflict || !strings.Contains(certif.ErrorMessage(err), "n'invite pas") {
		t.Errorf("Gestionnaire carrière : %v", err)
	}
	s.Participants[0].InvitedAt = time.Now()
	if err := CheckPlanningInvitation(s, ir); certif.ErrorCode(err) != certif.EConflict {
		t.Errorf("déjà invités : %v", err)
	}
	if PlanningInvitationKey(4, 1) == PlanningNoticeKey(4, 1) || PlanningInvitationKey(4, 1) == PlanningInvitationKey(4, 2) {
		t.Error("clés de dédoublonnage")
	}
	m := PlanningInvitationMailOf(s, "Inspecteur du recouvrement", s.Participants[0], "http://localhost:8080/")
	if m.Period != "décembre 2026" || m.Participants != 3 || m.RegisterBy.String() != "2026-09-01" || m.Link != "http://localhost:8080/candidats" || m.TrainingSession != "Promotion IR 2026 – Lyon" {
		t.Errorf("courriel d'invitation : %+v", m)
	}
}

func TestR7_GestionnaireCarriereNotice(t *testing.T) {
	t.Parallel()
	s := trainingSession()
	s.Qualification = "GCAR"
	p := s.Participants[0]
	if err := CheckPlanningNotice(s, gcar, p, 2, clock.FormatParis); err != nil {
		t.Fatal(err)
	}
	if err := CheckPlanningNotice(s, ir, p, 2, clock.FormatParis); certif.ErrorCode(err) != certif.EConflict {
		t.Errorf("pas de signalement hors Gestionnaire carrière : %v", err)
	}
	if err := CheckPlanningNotice(s, gcar, p, 0, clock.FormatParis); !strings.Contains(certif.ErrorMessage(err), "inscrivez-les d'abord") {
		t.Errorf("sans inscription : %v", err)
	}
	p.NotifiedAt = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	if err := CheckPlanningNotice(s, gcar, p, 2, clock.FormatParis); !strings.Contains(certif.ErrorMessage(err), "déjà signalé") {
		t.Errorf("deux fois : %v", err)
	}
	if err := CheckPlanningNotice(s, gcar, p, 2, clock.FormatParis); !strings.HasSuffix(certif.ErrorMessage(err), "le 23/11/2026 à 10 h.") {
		t.Errorf("la date du premier signalement est lue à Paris : %v", err)
	}
	m := PlanningNoticeMailOf(s, certif.Employer{Code: "CARSAT69", Name: "CARSAT Rhône-Alpes"}, 2, "rh@carsat.test", "http://x")
	if m.EmployerCode != "CARSAT69" || m.Registered != 2 || m.Link != "http://x/plannings/4" || m.Period != "décembre 2026" {
		t.Errorf("courriel de signalement : %+v", m)
	}
}

func TestR4_CensusMailListsWhatToConfirm(t *testing.T) {
	t.Parallel()
	entries := []PreRegistration{
		{Candidate: "PETIT Marc, né le 30/09/1985", Qualification: "DAM", PathStart: certif.MustDate("2026-01-05"), PathEnd: certif.MustDate("2026-10-30"), ConfirmBy: certif.MustDate("2026-07-01")},
		{Candidate: "DURAND Léa, née le 03/02/1991", Qualification: "DNS", Blocks: []int{1}, PathStart: certif.MustDate("2026-02-02"), PathEnd: certif.MustDate("2026-12-18")},
	}
	m := CensusMailOf(certif.Employer{Code: "CPAM33", Name: "CPAM de la Gironde"}, entries, "https://certibloc.example/")
	if m.Count != 2 || m.Link != "https://certibloc.example/pre-inscriptions" || m.Entries[0].Blocks != "tous les blocs restant à valider" ||
		m.Entries[1].Blocks != "blocs 1" || m.Entries[0].ConfirmBy.String() != "2026-07-01" {
		t.Errorf("courriel de recensement : %+v", m)
	}
}
