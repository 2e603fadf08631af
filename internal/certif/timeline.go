package certif

import (
	"cmp"
	"maps"
	"slices"
)

// The candidate's timeline: for each block of the qualifications a candidate
// is registered to, the path so far (registered, the employer's collection
// table, convened, evaluated, decided, certificate) and what comes next,
// with the earliest national jury the block can still reach (R9) and what
// stands in the way (R5, R6, no session yet, adjourned, a new attempt to
// register). Derived from plain facts: no database, no clock.

// TimelineFacts is what the timelines of one candidate derive from.
type TimelineFacts struct {
	Today Date
	// Staff: the viewer is the office or the certifier; they see the
	// professional jury's proposal before the national jury decides.
	Staff bool
	// IdentityValid: the candidate's identity passes its check (R16).
	IdentityValid  bool
	Qualifications []Qualification // the referential (the candidate's are picked from it)
	Attempts       []AttemptFacts  // every attempt of the candidate the viewer sees
	Juries         []JuryDay       // the national juries of the calendar, by date
	// Schedule answers the periods of a new registration (R6); nil when the
	// calendar could not be read: no period is then proposed.
	Schedule Schedule
	// Awards are the CQP certificates, by qualification.
	Awards map[string]TimelineCertificate
}

// JuryDay is a national jury of the calendar with its cutoff (R9), and
// whether its results are proclaimed (R10).
type JuryDay struct {
	Date       Date
	Cutoff     Date
	Proclaimed bool
}

// AttemptFacts is what is known of one block attempt.
type AttemptFacts struct {
	BlockAttempt
	RegisteredOn Date
	EmployerCode string
	LateReason   string            // registered after the deadline by the office, with this reason
	Collection   *CollectionReturn // the employer's table for the attempt's period (R5); nil off that route
	Session      *TimelineSession  // its live professional jury, if the viewer sees one
	Evaluation   EvaluationState
	FinalOn      Date              // the day the proposal became final
	Decision     *TimelineDecision // recorded by a national jury, proclaimed or not
	Certificate  *TimelineCertificate
	// Elsewhere: validated under a registration the viewer does not see
	// (a former employer's): only its result is known.
	Elsewhere bool
}

// TimelineSession is an attempt's professional jury.
type TimelineSession struct {
	HalfDay HalfDay
	Start   string // "HH:MM", Paris time
	Mode    SessionMode
	Tool    RemoteTool
	Status  SessionStatus
}

// TimelineDecision is a national jury's decision on an attempt; before the
// proclamation only its jury's day may be shown (R10).
type TimelineDecision struct {
	Jury       Date
	Decision   Decision
	Proclaimed bool
}

// TimelineCertificate is a certificate issued for a block (CCP) or a
// qualification (CQP).
type TimelineCertificate struct {
	Number   string
	Code     string // the short code /verifier looks up
	IssuedOn Date
	Revoked  bool
}

// StepKind names a step of a block's path.
type StepKind string

const (
	StepEarlier     StepKind = "earlier" // an earlier attempt of the block
	StepRegistered  StepKind = "registered"
	StepWithdrawn   StepKind = "withdrawn"
	StepCollection  StepKind = "collection"
	StepConvened    StepKind = "convened"
	StepEvaluated   StepKind = "evaluated"
	StepDecided     StepKind = "decided"
	StepCertificate StepKind = "certificate"
	StepRetry       StepKind = "retry" // a new registration to present the block again
)

// StepState is where a step stands.
type StepState string

const (
	StepDone    StepState = "done"
	StepCurrent StepState = "current"
	StepNext    StepState = "next"
)

// Label is the state as the timeline spells it out.
func (s StepState) Label() string {
	switch s {
	case StepDone:
		return "Fait"
	case StepCurrent:
		return "En cours"
	}
	return "À venir"
}

// TimelineStep is one step of a block's path, in French.
type TimelineStep struct {
	Kind        StepKind
	State       StepState
	Text        string
	Certificate *TimelineCertificate // the certificate step's, for its links
}

// BlockTimeline is the path of one block.
type BlockTimeline struct {
	Qualification string
	Block         int
	Title         string // "" while the block's title is not known
	Steps         []TimelineStep
	Validated     bool // nothing more to come
	// NextJury is the earliest national jury the block can still reach, or
	// the one it waits for; zero when validated or when the calendar holds none.
	NextJury  Date
	Obstacles []string // what stands in the way, in French
}

// QualificationTimeline is a qualification's blocks, with its CQP
// certificate once obtained.
type QualificationTimeline struct {
	Code   string
	Title  string
	Blocks []BlockTimeline
	Award  *TimelineCertificate
}

// Timelines derives the path of every block of the qualifications the
// candidate has attempts in, qualifications by code, blocks by number.
func Timelines(f TimelineFacts) []QualificationTimeline {
	byBlock := map[string]map[int][]AttemptFacts{}
	for _, a := range f.Attempts {
		if byBlock[a.Qualification] == nil {
			byBlock[a.Qualification] = map[int][]AttemptFacts{}
		}
		byBlock[a.Qualification][a.Block] = append(byBlock[a.Qualification][a.Block], a)
	}
	var out []QualificationTimeline
	for _, code := range slices.Sorted(maps.Keys(byBlock)) {
		q := qualificationOf(f.Qualifications, code, byBlock[code])
		qt := QualificationTimeline{Code: code, Title: q.Title}
		if c, ok := f.Awards[code]; ok {
			qt.Award = &c
		}
		for _, b := range q.Blocks {
			attempts := byBlock[code][b.Number]
			slices.SortFunc(attempts, func(x, y AttemptFacts) int { return cmp.Or(cmp.Compare(x.Attempt, y.Attempt), cmp.Compare(x.ID, y.ID)) })
			bt := blockTimeline(f, attempts)
			bt.Qualification, bt.Block = code, b.Number
			bt.Title = b.ShownTitle()
			qt.Blocks = append(qt.Blocks, bt)
		}
		out = append(out, qt)
	}
	return out
}

// qualificationOf is the referential's qualification, or, unknown to it,
// one holding the blocks the attempts name.
func qualificationOf(quals []Qualification, code string, blocks map[int][]AttemptFacts) Qualification {
	for _, q := range quals {
		if q.Code == code && len(q.Blocks) > 0 {
			return q
		}
	}
	q := Qualification{Code: code}
	for _, n := range slices.Sorted(maps.Keys(blocks)) {
		q.Blocks = append(q.Blocks, Block{Number: n})
	}
	return q
}

// blockTimeline is the path of one block from its attempts, oldest first:
// the earlier ones summed up, the latest one step by step.
func blockTimeline(f TimelineFacts, attempts []AttemptFacts) BlockTimeline {
	var bt BlockTimeline
	if len(attempts) == 0 {
		bt.Obstacles = append(bt.Obstacles, "Ce bloc n'est pas encore inscrit : l'inscription par l'employeur est obligatoire pour passer l'épreuve.")
		retry(f, &bt, TimelineStep{Kind: StepRegistered, State: StepCurrent, Text: "Inscription à ce bloc par l'employeur : pas encore faite."})
		return bt
	}
	for _, a := range attempts[:len(attempts)-1] {
		bt.Steps = append(bt.Steps, TimelineStep{Kind: StepEarlier, State: StepDone, Text: earlierText(a)})
	}
	latest := attempts[len(attempts)-1]
	switch {
	case latest.FromHistory:
		bt.Validated = true
		bt.Steps = append(bt.Steps, TimelineStep{Kind: StepDecided, State: StepDone,
			Text: "Bloc validé le " + latest.DecidedOn.French() + ", avant la plateforme : il est acquis et ne se présente plus."})
	case latest.Elsewhere:
		bt.Validated = true
		bt.Steps = append(bt.Steps, TimelineStep{Kind: StepDecided, State: StepDone,
			Text: "Bloc validé le " + latest.DecidedOn.French() + ", sur l'inscription d'un précédent employeur : il est acquis et ne se présente plus."})
	case latest.Status == AttemptWithdrawn:
		bt.Steps = append(bt.Steps, registeredStep(latest),
			TimelineStep{Kind: StepWithdrawn, State: StepDone, Text: "Inscription retirée avant le jury : ce bloc n'est plus présenté."})
		retry(f, &bt, again)
	default:
		attemptSteps(f, latest, &bt)
	}
	return bt
}

// attemptSteps follows one attempt from its registration to its certificate,
// or to a new attempt when it was not validated.
func attemptSteps(f TimelineFacts, a AttemptFacts, bt *BlockTimeline) {
	bt.Steps = append(bt.Steps, registeredStep(a))
	if a.Collection != nil {
		bt.Steps = append(bt.Steps, collectionStep(f, a, bt))
	}
	bt.Steps = append(bt.Steps, convenedStep(f, a, bt), evaluatedStep(f, a))
	if a.Status.InProgress() {
		bt.Steps = append(bt.Steps, awaitJury(f, a, bt), TimelineStep{Kind: StepCertificate, State: StepNext,
			Text: "Certificat de compétences professionnelles du bloc, délivré s'il est validé."})
		if !f.IdentityValid {
			bt.Obstacles = append(bt.Obstacles, "L'identité du candidat est incomplète ou invalide : elle doit être corrigée avant le jury, sans quoi les certificats ne pourraient pas être édités.")
		}
		return
	}
	bt.Steps = append(bt.Steps, TimelineStep{Kind: StepDecided, State: StepDone,
		Text: "Décision du jury national du " + a.DecidedOn.French() + " : " + outcome(a.Status) + "."})
	if a.Status == AttemptValidated {
		bt.Validated = true
		bt.Steps = append(bt.Steps, certificateStep(a))
		return
	}
	retry(f, bt, again)
}

// again is the step of a block to present anew.
var again = TimelineStep{Kind: StepRetry, State: StepNext, Text: "Nouvelle inscription par l'employeur pour présenter ce bloc de nouveau."}

// awaitJury is the national jury's step of an attempt waiting for its
// decision, and the jury it reaches (R9): the one that holds its decision
// until the proclamation (R10), else the first open jury whose cutoff comes
// after its professional jury and its final proposal; a proclaimed jury that
// left it undecided adjourned it to the next.
func awaitJury(f TimelineFacts, a AttemptFacts, bt *BlockTimeline) TimelineStep {
	state := StepNext
	if a.Evaluation.Status == EvaluationFinal {
		state = StepCurrent
	}
	if a.Decision != nil && !a.Decision.Proclaimed {
		bt.NextJury = a.Decision.Jury
		return TimelineStep{Kind: StepDecided, State: StepCurrent, Text: "En attente de la décision du jury national du " + a.Decision.Jury.French() + "."}
	}
	c := readyCase(f, a)
	if a.Evaluation.Status == EvaluationFinal {
		if j, ok := reachedJury(f.Juries, c, false); ok && j.Proclaimed {
			bt.Obstacles = append(bt.Obstacles, "Le jury national du "+j.Date.French()+" n'a pas statué sur ce bloc : il est reporté au jury national suivant.")
		}
	}
	j, ok := reachedJury(f.Juries, c, true)
	if !ok {
		bt.Obstacles = append(bt.Obstacles, "Aucun jury national assez tardif n'est encore au calendrier : la date de la décision sera connue à la publication du calendrier suivant.")
		return TimelineStep{Kind: StepDecided, State: state, Text: "Décision d'un jury national à venir."}
	}
	bt.NextJury = j.Date
	if state == StepCurrent {
		return TimelineStep{Kind: StepDecided, State: state, Text: "En attente de la décision du jury national du " + j.Date.French() + "."}
	}
	return TimelineStep{Kind: StepDecided, State: state, Text: "Décision du jury national, au plus tôt le " + j.Date.French() + "."}
}

// readyCase is the attempt as a national jury's case list would see it: its
// professional jury's day, and the day its proposal is (or, not yet final,
// can at the earliest be) final. Without a session, the earliest day one can
// sit: not before today, its certifiable-from date nor its period.
func readyCase(f TimelineFacts, a AttemptFacts) NationalCase {
	c := NationalCase{AttemptID: a.ID, FinalOn: a.FinalOn}
	if a.Session != nil {
		c.HeldOn = a.Session.HalfDay.Day
	} else {
		c.HeldOn = latestOf(f.Today, a.CertifiableFrom, a.Period.First())
	}
	if a.Evaluation.Status != EvaluationFinal || c.FinalOn.IsZero() {
		c.FinalOn = latestOf(f.Today, c.HeldOn)
	}
	return c
}

// reachedJury is the national jury that decides case c (R9), among the open
// ones (a proclaimed jury decides no more) or among all.
func reachedJury(juries []JuryDay, c NationalCase, openOnly bool) (JuryDay, bool) {
	var kept []JuryDay
	var cutoffs []Date
	for _, j := range juries {
		if !openOnly || !j.Proclaimed {
			kept, cutoffs = append(kept, j), append(cutoffs, j.Cutoff)
		}
	}
	i, ok := c.ReachedJury(cutoffs)
	if !ok {
		return JuryDay{}, false
	}
	return kept[i], true
}

// retry is what comes after a block that is not (or no longer) presented: a
// new registration by the employer, 3 months before its period at the
// latest (R6), and the national jury it could then reach; step says which.
func retry(f TimelineFacts, bt *BlockTimeline, step TimelineStep) {
	if f.Schedule != nil {
		p := f.Schedule.EarliestPeriod(f.Today)
		step.Text += " Première période possible : " + p.French() + ", en s'inscrivant au plus tard le " + RegistrationDeadline(p).French() + "."
		if next := nextExamMonth(f.Schedule, f.Today); next != p {
			bt.Obstacles = append(bt.Obstacles, "Trop tard pour la période "+OfMonth(next)+" : l'inscription devait être faite au plus tard le "+
				RegistrationDeadline(next).French()+", 3 mois avant.")
		}
		if j, ok := reachedJury(f.Juries, NationalCase{HeldOn: latestOf(f.Today, p.First())}, true); ok {
			bt.NextJury = j.Date
		}
	}
	bt.Steps = append(bt.Steps, step)
}

// nextExamMonth is the first month from today's that holds exams.
func nextExamMonth(s Schedule, today Date) Month {
	m := today.MonthOf()
	for range 24 {
		if s.IsExamMonth(m) {
			return m
		}
		m = m.Add(1)
	}
	return today.MonthOf()
}

func latestOf(ds ...Date) Date {
	var out Date
	for _, d := range ds {
		if d.After(out) {
			out = d
		}
	}
	return out
}
