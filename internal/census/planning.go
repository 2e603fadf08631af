package census

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"certibloc/internal/certif"
)

// TrainingSession is a training session of a qualification of the
// training-planning route (R7: Inspecteur du recouvrement, Contrôleur du
// recouvrement, Contrôleur allocataires, Gestionnaire carrière, MOSS): its
// dates, the certification period the planning gives it, and the employers of
// its participants. (Not a login session, nor a professional jury session.)
type TrainingSession struct {
	ID            int64
	Qualification string
	Title         string // "Promotion IR 2026 – Lyon"
	Starts        certif.Date
	Ends          certif.Date
	Period        certif.Month // certification period of the session
	Participants  []Participant
	CreatedAt     time.Time
	CreatedBy     string
}

// Participant is an employer whose employees follow a training session.
type Participant struct {
	EmployerID   int64
	EmployerCode string
	EmployerName string
	Count        int       // number of participants
	InvitedAt    time.Time // the office invited it to register (zero: not yet)
	NotifiedAt   time.Time // Gestionnaire carrière: it told the office it registered
	NotifiedBy   string
}

// Invited reports whether the employer was invited to register.
func (p Participant) Invited() bool { return !p.InvitedAt.IsZero() }

// Notified reports whether the employer told the office it registered.
func (p Participant) Notified() bool { return !p.NotifiedAt.IsZero() }

// Limits of a training session.
const (
	MaxTitleLength  = 200
	MaxParticipants = 500 // per employer
)

// Total is the number of participants of the training session.
func (s TrainingSession) Total() int {
	n := 0
	for _, p := range s.Participants {
		n += p.Count
	}
	return n
}

// Uninvited lists the participants not invited yet.
func (s TrainingSession) Uninvited() []Participant {
	var out []Participant
	for _, p := range s.Participants {
		if !p.Invited() {
			out = append(out, p)
		}
	}
	return out
}

// Validate checks a training session as the exam office records it: a
// qualification of the training-planning route, dates in order, a
// certification period that holds exams, lies in the calendar and does not
// precede the end of the training, and at least one employer with its number
// of participants.
func (s TrainingSession) Validate(q certif.Qualification, sched certif.Schedule) error {
	var v certif.Validation
	if q.Route != certif.RouteTrainingPlanning {
		v.Add("qualification", fmt.Sprintf("Le CQP %s suit la voie « %s » : les plannings de formation concernent les CQP de la voie « %s ».",
			q.Code, q.Route.Label(), certif.RouteTrainingPlanning.Label()))
	}
	if utf8.RuneCountInString(s.Title) > MaxTitleLength {
		v.Add("title", fmt.Sprintf("L'intitulé ne doit pas dépasser %d caractères.", MaxTitleLength))
	}
	if s.Starts.IsZero() {
		v.Add("starts", "Indiquez la date de début de la formation.")
	}
	if s.Ends.IsZero() {
		v.Add("ends", "Indiquez la date de fin de la formation.")
	} else if !s.Starts.IsZero() && s.Ends.Before(s.Starts) {
		v.Add("ends", "La formation finit avant de commencer.")
	}
	switch {
	case s.Period.IsZero():
		v.Add("period", "Indiquez la période de certification que donne le planning (AAAA-MM).")
	case !sched.IsExamMonth(s.Period):
		v.Add("period", fmt.Sprintf("Aucune épreuve n'a lieu en %s : choisissez un autre mois.", s.Period.French()))
	case !s.Ends.IsZero() && s.Period.Before(s.Ends.MonthOf()):
		v.Add("period", fmt.Sprintf("La période de certification (%s) précède la fin de la formation (%s).", s.Period.French(), s.Ends.French()))
	default:
		if msg := certif.PeriodOutsideCalendar("Période de certification", s.Period, sched); msg != "" {
			v.Add("period", msg)
		}
	}
	if len(s.Participants) == 0 {
		v.Add("participants", "Indiquez au moins un employeur et son nombre de participants.")
	}
	seen := map[string]bool{}
	for _, p := range s.Participants {
		code := strings.ToUpper(strings.TrimSpace(p.EmployerCode))
		switch {
		case seen[code]:
			v.Add("participants", fmt.Sprintf("L'employeur %s figure deux fois.", code))
		case p.Count < 1 || p.Count > MaxParticipants:
			v.Add("participants", fmt.Sprintf("%s : le nombre de participants doit être compris entre 1 et %d.", code, MaxParticipants))
		}
		seen[code] = true
	}
	return v.Err()
}

// CheckPlanningInvitation applies R7 before inviting the employers of a
// training session: the office invites them to register, except for
// Gestionnaire carrière, whose employers tell the office once they have
// registered.
func CheckPlanningInvitation(s TrainingSession, q certif.Qualification) error {
	if q.EmployerNotifiesOffice {
		return certif.Errorf(certif.EConflict, "Pour le CQP %s, l'Institut 4.10 n'invite pas les employeurs : chacun inscrit ses candidats puis le signale à l'équipe des examens depuis son espace.", q.Code)
	}
	if len(s.Uninvited()) == 0 {
		return certif.Errorf(certif.EConflict, "Tous les employeurs de cette session ont déjà été invités : aucun courriel de plus n'est envoyé.")
	}
	return nil
}

// CheckPlanningNotice applies R7 before an employer tells the office it
// registered its candidates of a Gestionnaire carrière training session: the
// qualification asks for it, it was not told already, and the employer
// registered someone (registered counts its registrations to the CQP waiting
// for a jury in a period from the session's start). showTime writes a
// timestamp as the employer reads it (clock.FormatParis).
func CheckPlanningNotice(s TrainingSession, q certif.Qualification, p Participant, registered int, showTime func(time.Time) string) error {
	switch {
	case !q.EmployerNotifiesOffice:
		return certif.Errorf(certif.EConflict, "Pour le CQP %s, c'est l'Institut 4.10 qui invite les employeurs à inscrire : aucun signalement n'est attendu.", q.Code)
	case p.Notified():
		return certif.Errorf(certif.EConflict, "Vous avez déjà signalé vos inscriptions pour cette session, le %s.", showTime(p.NotifiedAt))
	case registered == 0:
		return certif.Errorf(certif.EConflict, "Aucune inscription en cours de vos candidats au CQP %s depuis le début de la session : inscrivez-les d'abord, puis signalez-le.", q.Code)
	}
	return nil
}

// PlanningInvitationKey is the dedup key of the invitation of an employer to
// a training session: queued once, however often the office clicks.
func PlanningInvitationKey(trainingSessionID, employerID int64) string {
	return fmt.Sprintf("planning-invitation:%d:%d", trainingSessionID, employerID)
}

// PlanningNoticeKey is the dedup key of an employer's notice to the office
// that it registered its participants of a training session.
func PlanningNoticeKey(trainingSessionID, employerID int64) string {
	return fmt.Sprintf("planning-notice:%d:%d", trainingSessionID, employerID)
}

// CensusKey is the dedup key of the mail of a census import to an employer.
func CensusKey(censusID, employerID int64) string {
	return fmt.Sprintf("census:%d:%d", censusID, employerID)
}
