package certif

import (
	"fmt"
	"slices"
	"strings"
)

// JuryMember is a person who may sit on professional juries (R14): an
// expert sent by an employer, a representative of the certifier or of a
// branch. Employers propose experts, national funds members of their branch;
// the office accepts or declines them.
type JuryMember struct {
	ID             int64
	FirstName      string
	LastName       string
	Email          string
	Phone          string
	Roles          []JuryRole
	EmployerID     int64    // employer that sends the member, 0 if none
	EmployerCode   string   // its code, "" if none
	Organisation   string   // without employer: "Équipe des examens", "Certificateur"…
	Branch         string   // branch code the member represents or works in; "" for the office and the certifier
	Qualifications []string // CQP codes of expertise
	TrainedOn      Date     // date of the jury-member training, zero if not trained
	MaxSessions    int      // sessions a year at most
	Status         MemberStatus
	ProposedBy     int64  // employer that proposed the member, 0 if none
	ProposedByFund string // branch of the national fund that proposed the member, "" if none
	DecisionReason string // why the office declined or deactivated the member
	Version        int
}

// MemberStatus is where a jury member stands in the pool.
type MemberStatus string

const (
	MemberProposed MemberStatus = "proposed" // by an employer or a national fund, waiting for the office
	MemberActive   MemberStatus = "active"
	MemberDeclined MemberStatus = "declined" // a proposal the office refused
	MemberInactive MemberStatus = "inactive" // no longer sits
)

// MemberStatuses lists the statuses, in the order of their life.
var MemberStatuses = []MemberStatus{MemberProposed, MemberActive, MemberDeclined, MemberInactive}

// Label is the French name of the status.
func (s MemberStatus) Label() string {
	switch s {
	case MemberProposed:
		return "Proposé, en attente de l'équipe des examens"
	case MemberActive:
		return "Actif"
	case MemberDeclined:
		return "Proposition refusée"
	case MemberInactive:
		return "Inactif"
	}
	return string(s)
}

// DefaultMaxSessions is a member's yearly maximum when none is given.
const DefaultMaxSessions = 24

// Name is the member's name as lists show it: "Paul LEFÈVRE".
func (m JuryMember) Name() string {
	return strings.TrimSpace(m.FirstName + " " + strings.ToUpper(m.LastName))
}

// Validate checks a member's file, naming every field in error at once.
func (m JuryMember) Validate() error {
	var v Validation
	if !ValidName(m.FirstName) {
		v.Add("first_name", "Prénom obligatoire : lettres, espaces, traits d'union et apostrophes.")
	}
	if !ValidName(m.LastName) {
		v.Add("last_name", "Nom obligatoire : lettres, espaces, traits d'union et apostrophes.")
	}
	if !ValidEmail(m.Email) {
		v.Add("email", "Adresse électronique invalide.")
	}
	if len(m.Roles) == 0 {
		v.Add("roles", "Choisissez au moins un rôle de jury.")
	}
	for _, r := range m.Roles {
		if !slices.Contains(JuryRoles, r) {
			v.Add("roles", fmt.Sprintf("Rôle de jury inconnu : %q.", r))
		}
	}
	if slices.Contains(m.Roles, JuryExpert) && len(m.Qualifications) == 0 {
		v.Add("qualifications", "Un expert métier est expert d'au moins un CQP : cochez ceux qu'il connaît.")
	}
	if slices.Contains(m.Roles, JuryBranchRep) && m.Branch == "" {
		v.Add("branch", "Un représentant de branche représente une branche : choisissez-la.")
	}
	if m.EmployerID == 0 && strings.TrimSpace(m.Organisation) == "" {
		v.Add("organisation", "Indiquez l'employeur du membre, ou son organisme (équipe des examens, certificateur).")
	}
	if m.MaxSessions < 1 || m.MaxSessions > 200 {
		v.Add("max_sessions", "Nombre maximal de séances par an : de 1 à 200.")
	}
	if !slices.Contains(MemberStatuses, m.Status) {
		v.Add("status", "Statut inconnu.")
	}
	return v.Err()
}

// MaySit says whether the member may take seat role in a professional jury of
// q held on day, and why not (R14): an active member holding that role,
// trained by then when the CQP requires the jury-member training, and, as
// expert, an expert of that CQP. The conflicts of a session (a member of a
// candidate's employer, the branch of the candidates) are the planner's.
func (m JuryMember) MaySit(role JuryRole, q Qualification, day Date) (bool, string) {
	switch {
	case m.Status != MemberActive:
		return false, fmt.Sprintf("%s n'est pas un membre actif du vivier (%s).", m.Name(), strings.ToLower(m.Status.Label()))
	case !slices.Contains(m.Roles, role):
		return false, fmt.Sprintf("%s ne siège pas comme %s.", m.Name(), strings.ToLower(role.Label()))
	case q.JuryTrainingMandatory && (m.TrainedOn.IsZero() || m.TrainedOn.After(day)):
		return false, fmt.Sprintf("Le CQP %s exige la formation des membres de jury : %s ne l'a pas suivie au %s.", q.Code, m.Name(), day.French())
	case role == JuryExpert && !slices.Contains(m.Qualifications, q.Code):
		return false, fmt.Sprintf("%s n'est pas expert du CQP %s.", m.Name(), q.Code)
	}
	return true, ""
}

// HalfDay is a morning or an afternoon of a day: the unit of a member's
// availability and of a professional-jury session.
type HalfDay struct {
	Day  Date
	Half Half
}

// Half is the morning ("am") or the afternoon ("pm").
type Half string

const (
	Morning   Half = "am"
	Afternoon Half = "pm"
)

// French is the half-day as read: "mardi 03/03/2026 matin".
func (h HalfDay) French() string {
	part := "matin"
	if h.Half == Afternoon {
		part = "après-midi"
	}
	return FrenchWeekday(h.Day.Weekday()) + " " + h.Day.French() + " " + part
}

// String is the half-day as the planner's formats write it: "2026-03-03:am".
func (h HalfDay) String() string { return h.Day.String() + ":" + string(h.Half) }

// ParseHalfDay reads "2026-03-03:am".
func ParseHalfDay(s string) (HalfDay, error) {
	day, half, ok := strings.Cut(s, ":")
	d, err := ParseDate(day)
	if !ok || err != nil || (Half(half) != Morning && Half(half) != Afternoon) {
		return HalfDay{}, Errorf(EInvalid, "Demi-journée invalide : %q (attendu AAAA-MM-JJ:am ou :pm).", s)
	}
	return HalfDay{Day: d, Half: Half(half)}, nil
}

// WeekHalfDays are the ten half-days of the working week (Monday to Friday)
// that holds day: the quick "whole week" entry of an availability.
func WeekHalfDays(day Date) []HalfDay {
	monday := day.AddDays(-((int(day.Weekday()) + 6) % 7))
	var out []HalfDay
	for i := range 5 {
		d := monday.AddDays(i)
		out = append(out, HalfDay{d, Morning}, HalfDay{d, Afternoon})
	}
	return out
}

// AvailabilityRequest is the office, or a national fund, asking members for
// their availability over a period, with a date to answer by (mails, then a
// reminder).
type AvailabilityRequest struct {
	ID       int64
	From, To Date
	AnswerBy Date
	Message  string // a word from the sender, "" when none
	Branch   string // the branch of the national fund that sent it, "" for the office
	Members  int    // members asked
	Answered int    // members who saved their availability of the period since
}

// Sender is who asks, as a sentence names it: "l'équipe des examens", or the
// national fund ("la CNAF").
func (r AvailabilityRequest) Sender() string {
	if f, ok := NationalFundOf(r.Branch); ok {
		return f.The()
	}
	return "l'équipe des examens"
}

// SentBy is who asks, as a list shows it: "Équipe des examens", "CNAF".
func (r AvailabilityRequest) SentBy() string {
	if f, ok := NationalFundOf(r.Branch); ok {
		return f.Name
	}
	return "Équipe des examens"
}

// AvailabilityReminderDays is how many days before its answer date an
// unanswered member is reminded.
const AvailabilityReminderDays = 2

// Validate checks a request made on day today, naming every field in error.
func (r AvailabilityRequest) Validate(today Date) error {
	var v Validation
	switch {
	case r.From.IsZero():
		v.Add("from", "Début de la période obligatoire.")
	case r.From.Before(today):
		v.Add("from", "La période demandée commence au plus tôt aujourd'hui.")
	}
	switch {
	case r.To.IsZero():
		v.Add("to", "Fin de la période obligatoire.")
	case !r.From.IsZero() && r.To.Before(r.From):
		v.Add("to", "La fin de la période est avant son début.")
	case !r.From.IsZero() && r.To.After(r.From.AddMonths(6)):
		v.Add("to", "Une demande porte sur six mois au plus.")
	}
	switch {
	case r.AnswerBy.IsZero():
		v.Add("answer_by", "Date de réponse obligatoire.")
	case r.AnswerBy.Before(today):
		v.Add("answer_by", "La date de réponse est passée.")
	case !r.From.IsZero() && r.AnswerBy.After(r.From):
		v.Add("answer_by", "Les réponses sont attendues avant le début de la période.")
	}
	if len([]rune(r.Message)) > 1000 {
		v.Add("message", "Le message compte 1 000 caractères au plus.")
	}
	return v.Err()
}

// ReminderDue reports whether an unanswered member is reminded on day today.
func (r AvailabilityRequest) ReminderDue(today Date) bool {
	return !today.After(r.AnswerBy) && !today.Before(r.AnswerBy.AddDays(-AvailabilityReminderDays))
}
