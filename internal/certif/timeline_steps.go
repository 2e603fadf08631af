package certif

import (
	"strconv"
	"strings"
)

// The steps of one attempt, each in French, from the facts and today.

// registeredStep is the employer's registration of the attempt (R6, R8).
func registeredStep(a AttemptFacts) TimelineStep {
	text := "Inscription le " + a.RegisteredOn.French()
	if a.EmployerCode != "" {
		text += " par l'employeur " + a.EmployerCode
	}
	text += ", pour la période de certification " + OfMonth(a.Period)
	if a.LateReason != "" {
		text += " (hors délai, avec l'accord de l'équipe des examens)"
	}
	return TimelineStep{Kind: StepRegistered, State: StepDone, Text: text + "."}
}

// earlierText sums up an earlier attempt of the block.
func earlierText(a AttemptFacts) string {
	text := "Tentative " + strconv.Itoa(a.Attempt) + " (période " + OfMonth(a.Period) + ") : "
	switch {
	case a.Status == AttemptWithdrawn:
		return text + "inscription retirée avant le jury."
	case !a.Status.InProgress() && !a.DecidedOn.IsZero():
		return text + "décision du jury national du " + a.DecidedOn.French() + ", " + outcome(a.Status) + "."
	}
	return text + strings.ToLower(a.Status.Label()) + "."
}

// outcome is a decided attempt's result, as a decision reads it.
func outcome(s AttemptStatus) string {
	switch s {
	case AttemptValidated:
		return "bloc validé"
	case AttemptAbsent:
		return "absence au jury professionnel, bloc non validé"
	}
	return "bloc non validé"
}

// collectionStep is the employer's collection table for the attempt's exam
// months (R5): without its return by the deadline, no professional jury can
// be organised until the exam office lifts the block.
func collectionStep(f TimelineFacts, a AttemptFacts, bt *BlockTimeline) TimelineStep {
	r := *a.Collection
	of := "Tableau de recueil de l'employeur pour les épreuves " + monthsText(r.ExamMonths)
	done := TimelineStep{Kind: StepCollection, State: StepDone}
	switch st := r.Status(f.Today); {
	case st == CollectionReturned:
		done.Text = of + " : retourné le " + r.ReturnedOn.French() + "."
		return done
	case r.LiftReason != "":
		done.Text = of + " : retour manquant ou tardif, blocage levé par l'équipe des examens."
		return done
	case a.Status != AttemptRegistered:
		done.Text = of + " : pris en compte."
		return done
	case st == CollectionLate:
		bt.Obstacles = append(bt.Obstacles, "Le tableau de recueil a été retourné le "+r.ReturnedOn.French()+", après la date limite du "+r.Deadline.French()+
			" : aucun jury professionnel ne peut être organisé tant que l'équipe des examens n'a pas levé ce blocage.")
	case st == CollectionMissing:
		bt.Obstacles = append(bt.Obstacles, "Le tableau de recueil n'a pas été retourné avant la date limite du "+r.Deadline.French()+
			" : aucun jury professionnel ne peut être organisé tant que l'équipe des examens n'a pas levé ce blocage.")
	case st == CollectionNil:
		bt.Obstacles = append(bt.Obstacles, "L'employeur a déclaré « néant » pour ces épreuves : sans tableau de recueil, l'équipe des examens ne peut pas organiser le jury.")
	default:
		bt.Obstacles = append(bt.Obstacles, "Le tableau de recueil de l'employeur n'est pas encore retourné : il est attendu au plus tard le "+r.Deadline.French()+".")
	}
	return TimelineStep{Kind: StepCollection, State: StepCurrent, Text: of + " : en attente de son retour, au plus tard le " + r.Deadline.French() + "."}
}

// monthsText is a list of exam months as read: "juin et juillet 2026",
// "décembre 2026 et janvier 2027".
func monthsText(ms []Month) string {
	if len(ms) == 0 {
		return ""
	}
	sameYear := true
	for _, m := range ms {
		sameYear = sameYear && m.Year == ms[0].Year
	}
	words := make([]string, len(ms))
	for i, m := range ms {
		words[i] = m.French()
		if sameYear && i < len(ms)-1 {
			words[i] = FrenchMonthName(m.Month)
		}
	}
	prefix := "de "
	if strings.ContainsAny(words[0][:1], "aeio") {
		prefix = "d'"
	}
	if len(words) == 1 {
		return prefix + words[0]
	}
	return prefix + strings.Join(words[:len(words)-1], ", ") + " et " + words[len(words)-1]
}

// convenedStep is the attempt's professional jury (R12, R13).
func convenedStep(f TimelineFacts, a AttemptFacts, bt *BlockTimeline) TimelineStep {
	step := TimelineStep{Kind: StepConvened}
	ss := a.Session
	switch {
	case ss == nil && a.Status == AttemptRegistered:
		step.State, step.Text = StepNext, "Convocation à un jury professionnel pendant la période "+OfMonth(a.Period)+"."
		if a.Collection == nil || bt.Steps[len(bt.Steps)-1].State == StepDone {
			step.State = StepCurrent
			if a.Period.Last().Before(f.Today) {
				bt.Obstacles = append(bt.Obstacles, "La période "+OfMonth(a.Period)+" est passée sans séance de jury professionnel : l'équipe des examens doit en planifier une.")
			} else {
				bt.Obstacles = append(bt.Obstacles, "Pas encore de séance de jury professionnel : l'équipe des examens la planifie pour la période "+OfMonth(a.Period)+".")
			}
		}
	case ss == nil && a.Status == AttemptScheduled:
		step.State, step.Text = StepCurrent, "Séance de jury professionnel en préparation : la convocation suivra."
	case ss == nil:
		step.State, step.Text = StepDone, "Passage devant le jury professionnel."
	case ss.Status == SessionDraft:
		step.State, step.Text = StepCurrent, "Séance de jury professionnel prévue le "+when(*ss)+", en préparation : les convocations ne sont pas encore envoyées."
	case ss.Status == SessionConvened && !ss.HalfDay.Day.Before(f.Today):
		step.State, step.Text = StepCurrent, "Convocation au jury professionnel le "+when(*ss)+", "+where(*ss)+"."
	default:
		step.State, step.Text = StepDone, "Passage devant le jury professionnel le "+when(*ss)+", "+where(*ss)+"."
	}
	return step
}

// when is a slot's day and time: "mardi 03/03/2026 à 9 h".
func when(ss TimelineSession) string {
	day := FrenchWeekday(ss.HalfDay.Day.Weekday()) + " " + ss.HalfDay.Day.French()
	if ParseClock(ss.Start) < 0 {
		return ss.HalfDay.French()
	}
	return day + " à " + FrenchClock(ss.Start)
}

// where is how the jury sits: "à distance (Microsoft Teams)".
func where(ss TimelineSession) string {
	label := []rune(ss.Mode.Label())
	text := strings.ToLower(string(label[:1])) + string(label[1:])
	if ss.Mode == ModeRemote && ss.Tool != "" {
		text += " (" + ss.Tool.Label() + ")"
	}
	return text
}

// evaluatedStep is the professional jury's proposal (R11): final once its
// three members confirmed it. Only the staff read the proposal before the
// national jury decides.
func evaluatedStep(f TimelineFacts, a AttemptFacts) TimelineStep {
	step := TimelineStep{Kind: StepEvaluated, State: StepNext, Text: "Évaluation par le jury professionnel."}
	switch {
	case a.Evaluation.Status == EvaluationFinal || (!a.Status.InProgress() && a.Session != nil) || a.Status == AttemptEvaluated:
		step.State, step.Text = StepDone, "Évaluation confirmée par le jury professionnel"
		if !a.FinalOn.IsZero() {
			step.Text += " le " + a.FinalOn.French()
		}
		if f.Staff && a.Evaluation.Proposal != "" && a.Status.InProgress() {
			step.Text += " ; proposition au jury national : " + strings.ToLower(a.Evaluation.Proposal.Label()) + "."
		} else if a.Status.InProgress() {
			step.Text += " ; sa proposition est transmise au jury national."
		} else {
			step.Text += "."
		}
	case !a.Status.InProgress():
		step.State, step.Text = StepDone, "Évaluation par le jury professionnel."
	case a.Session != nil && a.Session.Status != SessionDraft && !a.Session.HalfDay.Day.After(f.Today):
		step.State, step.Text = StepCurrent, "Évaluation en cours de saisie par le jury professionnel."
		if f.Staff {
			step.Text = "Évaluation en cours de saisie par le jury professionnel (" + strings.ToLower(a.Evaluation.Label()) + ")."
		}
	}
	return step
}

// certificateStep is a validated block's certificate (R16), with its number
// for the links to its PDF and to the verification page.
func certificateStep(a AttemptFacts) TimelineStep {
	c := a.Certificate
	switch {
	case c == nil && a.FromHistory:
		return TimelineStep{Kind: StepCertificate, State: StepDone, Text: "Bloc validé avant la plateforme : pas de certificat délivré ici."}
	case c == nil:
		return TimelineStep{Kind: StepCertificate, State: StepCurrent, Text: "Certificat de compétences professionnelles en cours de délivrance."}
	case c.Revoked:
		return TimelineStep{Kind: StepCertificate, State: StepDone, Text: "Certificat n° " + c.Number + " délivré le " + c.IssuedOn.French() + ", révoqué depuis par le certificateur.", Certificate: c}
	}
	return TimelineStep{Kind: StepCertificate, State: StepDone, Text: "Certificat de compétences professionnelles n° " + c.Number + " délivré le " + c.IssuedOn.French() + ".", Certificate: c}
}
