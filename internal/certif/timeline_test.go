package certif

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// juries2026 are the national juries of the 2026 letter with their cutoffs.
func juries2026() []JuryDay {
	var out []JuryDay
	for _, p := range [][2]string{{"2026-01-22", "2026-01-16"}, {"2026-03-05", "2026-02-27"}, {"2026-04-16", "2026-04-10"}, {"2026-05-28", "2026-05-22"},
		{"2026-07-10", "2026-07-06"}, {"2026-09-24", "2026-09-18"}, {"2026-11-06", "2026-11-02"}, {"2026-12-17", "2026-12-11"}} {
		out = append(out, JuryDay{Date: MustDate(p[0]), Cutoff: MustDate(p[1])})
	}
	return out
}

// registeredCOS is COS block 1 registered on 10/01/2026 by CAF69 for June 2026.
func registeredCOS() AttemptFacts {
	return AttemptFacts{BlockAttempt: BlockAttempt{ID: 7, Qualification: "COS", Block: 1, Attempt: 1, CertifiableFrom: MustDate("2026-06-01"),
		Period: MustMonth("2026-06"), Status: AttemptRegistered}, RegisteredOn: MustDate("2026-01-10"), EmployerCode: "CAF69"}
}

// timelineOf is the timeline of COS block 1 from one attempt, checked for
// what users must never read: rule codes, internal values.
func timelineOf(t *testing.T, today string, staff bool, attempts ...AttemptFacts) BlockTimeline {
	t.Helper()
	qs := Timelines(TimelineFacts{Today: MustDate(today), Staff: staff, IdentityValid: true, Qualifications: []Qualification{cos}, Attempts: attempts,
		Juries: juries2026(), Schedule: letterSchedule{}})
	if len(qs) != 1 || len(qs[0].Blocks) != 4 {
		t.Fatalf("parcours : %+v", qs)
	}
	for _, b := range qs[0].Blocks {
		checkFrench(t, b)
	}
	return qs[0].Blocks[0]
}

var internalWords = regexp.MustCompile(`\bR\d+\b|registered|scheduled|evaluated|validated|favourable|final|draft|convened|(^|[^A-Z-])\d{4}-\d{2}\b`)

func checkFrench(t *testing.T, b BlockTimeline) {
	t.Helper()
	for _, s := range b.Steps {
		if s.Text == "" || internalWords.MatchString(s.Text) || s.State.Label() == "" {
			t.Errorf("étape mal écrite : %+v", s)
		}
	}
	for _, o := range b.Obstacles {
		if internalWords.MatchString(o) {
			t.Errorf("obstacle mal écrit : %q", o)
		}
	}
}

func stepOf(b BlockTimeline, k StepKind) TimelineStep {
	for _, s := range b.Steps {
		if s.Kind == k {
			return s
		}
	}
	return TimelineStep{}
}

func hasObstacle(b BlockTimeline, part string) bool {
	for _, o := range b.Obstacles {
		if strings.Contains(o, part) {
			return true
		}
	}
	return false
}

func TestR9_TimelineNamesTheEarliestJuryItCanReach(t *testing.T) {
	a := registeredCOS()
	// Not yet planned: at the earliest a jury on 01/06, whose cutoff is 06/07.
	b := timelineOf(t, "2026-03-10", false, a)
	if b.NextJury != MustDate("2026-07-10") || !strings.Contains(stepOf(b, StepDecided).Text, "au plus tôt le 10/07/2026") || stepOf(b, StepDecided).State != StepNext {
		t.Errorf("sans séance : %+v", b)
	}
	if !hasObstacle(b, "Pas encore de séance de jury professionnel") || stepOf(b, StepConvened).State != StepCurrent {
		t.Errorf("sans séance, ce qui manque : %+v", b)
	}
	// Convened on 07/07, after the cutoff of 06/07: the jury of 24/09.
	a.Status, a.Session = AttemptScheduled, &TimelineSession{HalfDay: HalfDay{Day: MustDate("2026-07-07"), Half: Morning}, Start: "09:30", Mode: ModeRemote, Tool: ToolTeams, Status: SessionConvened}
	b = timelineOf(t, "2026-06-20", false, a)
	if b.NextJury != MustDate("2026-09-24") || len(b.Obstacles) != 0 {
		t.Errorf("convoqué le 07/07 : %+v", b)
	}
	if s := stepOf(b, StepConvened); s.State != StepCurrent || s.Text != "Convocation au jury professionnel le mardi 07/07/2026 à 9 h 30, à distance (Microsoft Teams)." {
		t.Errorf("convocation : %+v", s)
	}
	// Held on 02/07 but confirmed on 08/07, after the cutoff: the next one too.
	a.Status, a.Session.HalfDay.Day = AttemptEvaluated, MustDate("2026-07-02")
	a.Evaluation, a.FinalOn = EvaluationState{Status: EvaluationFinal, Proposal: ProposalFavourable, Confirmed: 3}, MustDate("2026-07-08")
	b = timelineOf(t, "2026-07-09", false, a)
	if b.NextJury != MustDate("2026-09-24") || stepOf(b, StepDecided).Text != "En attente de la décision du jury national du 24/09/2026." {
		t.Errorf("confirmé après la date limite : %+v", b)
	}
	// Confirmed in time: the jury of 10/07.
	a.FinalOn = MustDate("2026-07-03")
	if b = timelineOf(t, "2026-07-04", false, a); b.NextJury != MustDate("2026-07-10") {
		t.Errorf("confirmé à temps : %+v", b)
	}
	// No jury late enough in the calendar.
	a.Session.HalfDay.Day, a.FinalOn = MustDate("2026-12-14"), MustDate("2026-12-14")
	if b = timelineOf(t, "2026-12-15", false, a); !b.NextJury.IsZero() || !hasObstacle(b, "Aucun jury national assez tardif") {
		t.Errorf("au-delà du calendrier : %+v", b)
	}
}

func TestR9_TimelineAdjournedByAProclaimedJuryGoesToTheNext(t *testing.T) {
	a := registeredCOS()
	a.Status = AttemptEvaluated
	a.Session = &TimelineSession{HalfDay: HalfDay{Day: MustDate("2026-06-09"), Half: Afternoon}, Start: "14:00", Mode: ModeEmployer, Status: SessionClosed}
	a.Evaluation, a.FinalOn = EvaluationState{Status: EvaluationFinal, Proposal: ProposalFavourable, Confirmed: 3}, MustDate("2026-06-10")
	juries := juries2026()
	juries[4].Proclaimed = true // 10/07 proclaimed without deciding it
	qs := Timelines(TimelineFacts{Today: MustDate("2026-07-20"), IdentityValid: true, Qualifications: []Qualification{cos}, Attempts: []AttemptFacts{a}, Juries: juries})
	b := qs[0].Blocks[0]
	checkFrench(t, b)
	if b.NextJury != MustDate("2026-09-24") || !hasObstacle(b, "Le jury national du 10/07/2026 n'a pas statué sur ce bloc") {
		t.Errorf("ajourné : %+v", b)
	}
	if s := stepOf(b, StepConvened); s.State != StepDone || !strings.Contains(s.Text, "mardi 09/06/2026 à 14 h, en présentiel chez l'employeur") {
		t.Errorf("jury tenu : %+v", s)
	}
}

func TestR10_TimelineShowsTheDecisionOnlyOnceProclaimed(t *testing.T) {
	a := registeredCOS()
	a.Status = AttemptEvaluated
	a.Session = &TimelineSession{HalfDay: HalfDay{Day: MustDate("2026-06-09"), Half: Morning}, Start: "09:00", Mode: ModeRemote, Status: SessionClosed}
	a.Evaluation, a.FinalOn = EvaluationState{Status: EvaluationFinal, Proposal: ProposalFavourable, Confirmed: 3}, MustDate("2026-06-10")
	a.Decision = &TimelineDecision{Jury: MustDate("2026-07-10"), Decision: DecisionValidated}
	for _, staff := range []bool{false, true} {
		b := timelineOf(t, "2026-07-10", staff, a)
		if s := stepOf(b, StepDecided); s.State != StepCurrent || s.Text != "En attente de la décision du jury national du 10/07/2026." || b.Validated {
			t.Errorf("décision avant la proclamation (équipe : %v) : %+v", staff, b)
		}
		if got := strings.Contains(stepOf(b, StepEvaluated).Text, "avis favorable"); got != staff {
			t.Errorf("proposition lue (équipe : %v) : %q", staff, stepOf(b, StepEvaluated).Text)
		}
	}
	a.Status, a.DecidedOn, a.Decision.Proclaimed = AttemptValidated, MustDate("2026-07-10"), true
	a.Certificate = &TimelineCertificate{Number: "CCP-2026-000001", Code: "ABCD-EFGH-JKMN", IssuedOn: MustDate("2026-07-10")}
	b := timelineOf(t, "2026-07-10", false, a)
	if s := stepOf(b, StepDecided); s.State != StepDone || s.Text != "Décision du jury national du 10/07/2026 : bloc validé." || !b.Validated || !b.NextJury.IsZero() {
		t.Errorf("proclamé : %+v", b)
	}
	if s := stepOf(b, StepCertificate); s.Certificate == nil || s.Certificate.Number != "CCP-2026-000001" || s.State != StepDone {
		t.Errorf("certificat : %+v", s)
	}
}

func TestR5_TimelineWaitsForTheCollectionTable(t *testing.T) {
	a := registeredCOS()
	table := CollectionReturn{Campaign: MustMonth("2026-06"), Deadline: MustDate("2026-02-27"), ExamMonths: []Month{MustMonth("2026-06"), MustMonth("2026-07")},
		SentAt: time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)}
	a.Collection = &table
	b := timelineOf(t, "2026-02-10", false, a)
	if s := stepOf(b, StepCollection); s.State != StepCurrent || !strings.Contains(s.Text, "pour les épreuves de juin et juillet 2026 : en attente de son retour, au plus tard le 27/02/2026") {
		t.Errorf("tableau attendu : %+v", s)
	}
	if !hasObstacle(b, "pas encore retourné") || hasObstacle(b, "Pas encore de séance") || stepOf(b, StepConvened).State != StepNext {
		t.Errorf("ce qui bloque avant le retour : %+v", b.Obstacles)
	}
	if b = timelineOf(t, "2026-03-02", false, a); !hasObstacle(b, "n'a pas été retourné avant la date limite du 27/02/2026") || !hasObstacle(b, "levé ce blocage") {
		t.Errorf("tableau manquant : %+v", b.Obstacles)
	}
	table.LiftReason = "Retour par courriel accepté"
	if b = timelineOf(t, "2026-03-02", false, a); stepOf(b, StepCollection).State != StepDone || hasObstacle(b, "blocage") || !hasObstacle(b, "Pas encore de séance") {
		t.Errorf("blocage levé : %+v", b)
	}
	table.LiftReason, table.ReturnedOn = "", MustDate("2026-02-20")
	if b = timelineOf(t, "2026-03-02", false, a); stepOf(b, StepCollection).Text != "Tableau de recueil de l'employeur pour les épreuves de juin et juillet 2026 : retourné le 20/02/2026." {
		t.Errorf("tableau retourné : %+v", stepOf(b, StepCollection))
	}
}

func TestR6_TimelineProposesTheFirstPeriodStillOpen(t *testing.T) {
	a := registeredCOS()
	a.Period, a.Status, a.DecidedOn = MustMonth("2026-06"), AttemptAbsent, MustDate("2026-07-10")
	b := timelineOf(t, "2026-07-20", false, a)
	if s := stepOf(b, StepDecided); s.Text != "Décision du jury national du 10/07/2026 : absence au jury professionnel, bloc non validé." {
		t.Errorf("absence : %+v", s)
	}
	retry := stepOf(b, StepRetry)
	if retry.State != StepNext || !strings.Contains(retry.Text, "Première période possible : novembre 2026, en s'inscrivant au plus tard le 01/08/2026.") {
		t.Errorf("nouvelle tentative : %+v", retry)
	}
	if !hasObstacle(b, "Trop tard pour la période de juillet 2026 : l'inscription devait être faite au plus tard le 01/04/2026") || b.NextJury != MustDate("2026-11-06") {
		t.Errorf("délai d'inscription : %+v", b)
	}
	if stepOf(b, StepCertificate).Kind != "" {
		t.Errorf("un bloc non validé n'a pas de certificat : %+v", b.Steps)
	}
	// A second attempt registered: the first is summed up, the second followed.
	second := registeredCOS()
	second.ID, second.Attempt, second.Period = 8, 2, MustMonth("2026-11")
	b = timelineOf(t, "2026-07-20", false, a, second)
	if b.Steps[0].Kind != StepEarlier || b.Steps[0].Text != "Tentative 1 (période de juin 2026) : décision du jury national du 10/07/2026, absence au jury professionnel, bloc non validé." ||
		stepOf(b, StepRetry).Kind != "" || b.NextJury != MustDate("2026-11-06") {
		t.Errorf("deuxième tentative : %+v", b)
	}
}

func TestR3_TimelineShowsEveryBlockOfTheQualification(t *testing.T) {
	history := AttemptFacts{BlockAttempt: BlockAttempt{ID: 3, Qualification: "COS", Block: 2, Attempt: 1, Status: AttemptValidated, DecidedOn: MustDate("2024-12-12"), FromHistory: true}}
	elsewhere := AttemptFacts{BlockAttempt: BlockAttempt{ID: 4, Qualification: "COS", Block: 4, Attempt: 1, Status: AttemptValidated, DecidedOn: MustDate("2026-03-05")}, Elsewhere: true}
	qs := Timelines(TimelineFacts{Today: MustDate("2026-07-20"), IdentityValid: false, Qualifications: []Qualification{cos, ca}, Attempts: []AttemptFacts{registeredCOS(), history, elsewhere},
		Juries: juries2026(), Schedule: letterSchedule{}})
	if len(qs) != 1 || qs[0].Code != "COS" || len(qs[0].Blocks) != 4 {
		t.Fatalf("CQP du candidat seulement, tous ses blocs : %+v", qs)
	}
	if b := qs[0].Blocks[1]; !b.Validated || !b.NextJury.IsZero() || len(b.Obstacles) != 0 || !strings.Contains(b.Steps[0].Text, "validé le 12/12/2024, avant la plateforme") {
		t.Errorf("bloc capitalisé : %+v", b)
	}
	if b := qs[0].Blocks[2]; b.Steps[0].State != StepCurrent || !hasObstacle(b, "pas encore inscrit") || b.NextJury != MustDate("2026-11-06") {
		t.Errorf("bloc non inscrit : %+v", b)
	}
	if b := qs[0].Blocks[3]; !b.Validated || len(b.Steps) != 1 || !strings.Contains(b.Steps[0].Text, "validé le 05/03/2026, sur l'inscription d'un précédent employeur") {
		t.Errorf("bloc capitalisé chez un précédent employeur : %+v", b)
	}
	if b := qs[0].Blocks[0]; !hasObstacle(b, "L'identité du candidat est incomplète") {
		t.Errorf("identité invalide : %+v", b.Obstacles)
	}
}

func TestTimelineMonthsRead(t *testing.T) {
	for want, ms := range map[string][]Month{
		"de juin et juillet 2026":          {MustMonth("2026-06"), MustMonth("2026-07")},
		"de mars, avril et mai 2026":       {MustMonth("2026-03"), MustMonth("2026-04"), MustMonth("2026-05")},
		"de novembre 2026 et janvier 2027": {MustMonth("2026-11"), MustMonth("2027-01")},
		"d'octobre 2026":                   {MustMonth("2026-10")},
		"d'avril et mai 2026":              {MustMonth("2026-04"), MustMonth("2026-05")},
	} {
		if got := monthsText(ms); got != want {
			t.Errorf("%v : %q, attendu %q", ms, got, want)
		}
	}
}
