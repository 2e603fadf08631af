package certif

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// InCollection applies R5 to a registration: the collection table of an
// employer lists the registrations to a qualification of the collection-table
// route (GC, COS) that serves the employer's branch (Famille, Recouvrement,
// Retraite; never GC through Startech, a Maladie programme of the census route), except those
// of repeating candidates, whom the exam office handles directly.
func InCollection(q Qualification, employerBranch string, reg Registration) bool {
	return q.Route == RouteCollectionTable && slices.Contains(q.Branches, employerBranch) &&
		q.Code == reg.Qualification && !reg.Repeating && !reg.Deleted
}

// CollectionAttempts returns the attempts of reg that a campaign covering the
// exam months concerns: those evaluated in one of the months and still
// waiting for their jury.
func CollectionAttempts(reg Registration, months []Month) []BlockAttempt {
	var out []BlockAttempt
	for _, a := range reg.Attempts {
		if a.Status.InProgress() && slices.Contains(months, a.Period) {
			out = append(out, a)
		}
	}
	return out
}

// CollectionStatus is where an employer stands in a collection campaign (R5).
type CollectionStatus string

const (
	CollectionNotSent  CollectionStatus = "not_sent" // concerned, no table sent yet
	CollectionPending  CollectionStatus = "pending"  // table sent, the deadline has not passed
	CollectionReturned CollectionStatus = "returned" // returned by the deadline
	CollectionLate     CollectionStatus = "late"     // returned after the deadline
	CollectionMissing  CollectionStatus = "missing"  // not returned, the deadline has passed
	CollectionNil      CollectionStatus = "nil"      // "néant": nobody to present (R17)
)

// CollectionStatuses lists the statuses in the order boards show them.
var CollectionStatuses = []CollectionStatus{CollectionReturned, CollectionLate, CollectionMissing, CollectionPending, CollectionNil, CollectionNotSent}

// Label is the French name of the status.
func (s CollectionStatus) Label() string {
	switch s {
	case CollectionNotSent:
		return "Tableau non envoyé"
	case CollectionPending:
		return "En attente de retour"
	case CollectionReturned:
		return "Retourné"
	case CollectionLate:
		return "Retourné en retard"
	case CollectionMissing:
		return "Manquant"
	case CollectionNil:
		return "Néant"
	}
	return string(s)
}

// CollectionReturn is an employer's collection table for one campaign: when
// the exam office sent it, when the employer returned it (or declared
// "néant"), and whether the office lifted the R5 block.
type CollectionReturn struct {
	Campaign     Month     `json:"campaign"`
	Deadline     Date      `json:"deadline"`
	ExamMonths   []Month   `json:"exam_months"`
	EmployerID   int64     `json:"-"`
	EmployerCode string    `json:"employer"`
	EmployerName string    `json:"employer_name"`
	SentAt       time.Time `json:"sent_at,omitzero"`
	Rows         int       `json:"rows"` // registrations in the table sent
	ReturnedAt   time.Time `json:"returned_at,omitzero"`
	ReturnedOn   Date      `json:"returned_on,omitzero"` // the day the rules saw, for lateness
	ReturnedBy   string    `json:"returned_by,omitempty"`
	Late         bool      `json:"late"`
	Nil          bool      `json:"nil"`
	LiftedAt     time.Time `json:"lifted_at,omitzero"`
	LiftedBy     string    `json:"lifted_by,omitempty"`
	LiftReason   string    `json:"lift_reason,omitempty"`
}

// ReturnIsLate reports whether a table returned on day on misses the deadline.
func ReturnIsLate(deadline, on Date) bool { return on.After(deadline) }

// Status is where the employer stands on day today.
func (r CollectionReturn) Status(today Date) CollectionStatus {
	switch {
	case r.Nil:
		return CollectionNil
	case !r.ReturnedOn.IsZero() && r.Late:
		return CollectionLate
	case !r.ReturnedOn.IsZero():
		return CollectionReturned
	case r.SentAt.IsZero():
		return CollectionNotSent
	case today.After(r.Deadline):
		return CollectionMissing
	}
	return CollectionPending
}

// Blocked applies R5: without a return by the deadline, no professional jury
// can be organised for the employer's candidates of the campaign, until the
// exam office lifts the block with a reason.
func (r CollectionReturn) Blocked(today Date) bool {
	st := r.Status(today)
	return (st == CollectionLate || st == CollectionMissing) && r.LiftReason == ""
}

// Hold returns the R5 block of the employer's candidates on day today, if
// any; quals are the qualifications of the collection-table route.
func (r CollectionReturn) Hold(today Date, quals []string) (CollectionHold, bool) {
	if !r.Blocked(today) {
		return CollectionHold{}, false
	}
	why := fmt.Sprintf("aucun tableau de recueil retourné pour la campagne %s (date limite : %s)", OfMonth(r.Campaign), r.Deadline.French())
	if r.Status(today) == CollectionLate {
		why = fmt.Sprintf("tableau de recueil de la campagne %s retourné le %s, après la date limite du %s", OfMonth(r.Campaign), r.ReturnedOn.French(), r.Deadline.French())
	}
	return CollectionHold{Campaign: r.Campaign, EmployerID: r.EmployerID, ExamMonths: r.ExamMonths, Qualifications: quals,
		Reason: "Jury non organisable : " + why + ". L'équipe des examens peut lever ce blocage."}, true
}

// CollectionHold is an R5 block: the candidates of an employer in a campaign
// cannot be presented to a professional jury.
type CollectionHold struct {
	Campaign       Month
	EmployerID     int64
	ExamMonths     []Month
	Qualifications []string // the qualifications of the collection-table route
	Reason         string   // French, for the eligibility of each attempt
}

// Covers reports whether the block concerns attempt a of registration reg.
func (h CollectionHold) Covers(a BlockAttempt, reg Registration) bool {
	return reg.EmployerID == h.EmployerID && slices.Contains(h.Qualifications, reg.Qualification) && !reg.Repeating &&
		a.Status.InProgress() && slices.Contains(h.ExamMonths, a.Period)
}

// ReminderStage is a reminder sent before a collection deadline to the
// employers that have not returned their table.
type ReminderStage struct {
	Name string // "D-30", the key of the reminder
	Days int    // days before the deadline
}

// ReminderStages are the reminders of R5, earliest first.
var ReminderStages = []ReminderStage{{"D-30", 30}, {"D-7", 7}, {"D-1", 1}}

// DueReminder returns the reminder due on day today for a deadline: the
// latest stage reached, so that a scheduler that missed a day still sends it,
// and none after the deadline.
func DueReminder(deadline, today Date) (ReminderStage, bool) {
	left := DaysBetween(today, deadline)
	if left < 0 {
		return ReminderStage{}, false
	}
	for i := len(ReminderStages) - 1; i >= 0; i-- {
		if left <= ReminderStages[i].Days {
			return ReminderStages[i], true
		}
	}
	return ReminderStage{}, false
}

// DaysBetween is the number of days from a to b (negative when b is before a).
func DaysBetween(a, b Date) int {
	return int(b.Time().Sub(a.Time()).Hours() / 24)
}

// Bounds of the fields an employer fills in a collection table.
const (
	MaxHoursLength       = 300
	MaxAdjustmentsLength = 1000
)

// noAdjustments are the answers that clear the adjustments of a registration;
// an empty cell leaves them as they are (the table does not print health data).
var noAdjustments = []string{"aucun", "aucune", "neant", "non", "sans"}

// CollectionEntry is one row of a returned collection table, as read: the
// registration it answers and what the employer filled in (R5, R18).
type CollectionEntry struct {
	Line           int    `json:"line"`
	RegistrationID int64  `json:"registration_id"`
	Blocks         []int  `json:"blocks"` // blocks to evaluate in the campaign
	Specialty      string `json:"specialty"`
	Site           string `json:"site"`
	ReceptionHours string `json:"reception_hours"`
	PhoneHours     string `json:"phone_hours"`
	Adjustments    string `json:"-"` // health data (R15): "" leaves them unchanged
}

// CollectionChange is what a returned row does to its registration.
type CollectionChange struct {
	RegistrationID     int64  `json:"registration_id"`
	Evaluated          []int  `json:"evaluated"`
	Withdrawn          []int  `json:"withdrawn"` // blocks registered for the campaign that will not be evaluated
	Specialty          string `json:"specialty"`
	SpecialtyChanged   bool   `json:"specialty_changed"`
	Adjustments        string `json:"-"`
	AdjustmentsChanged bool   `json:"adjustments_changed"`
	AdjustmentsInFile  bool   `json:"-"` // the line filled the adjustments column (health data, R15)
	Disability         bool   `json:"-"`
	Site               string `json:"site"`
	ReceptionHours     string `json:"reception_hours"`
	PhoneHours         string `json:"phone_hours"`
}

// ChangesRegistration reports whether the row changes the registration
// itself, beyond the information gathered for the juries.
func (c CollectionChange) ChangesRegistration() bool {
	return len(c.Withdrawn) > 0 || c.SpecialtyChanged || c.AdjustmentsChanged
}

// Describe lists in French what the row changes in the registration.
func (c CollectionChange) Describe(old Registration) []string {
	var out []string
	for _, b := range c.Withdrawn {
		out = append(out, fmt.Sprintf("Bloc %d retiré : inscrit pour la campagne mais non évalué (inscription du bloc retirée)", b))
	}
	if c.SpecialtyChanged {
		out = append(out, fmt.Sprintf("Spécialité (filière) : « %s » devient « %s »", old.Specialty, c.Specialty))
	}
	if c.AdjustmentsChanged {
		if c.Adjustments == "" {
			out = append(out, "Aménagements demandés : supprimés")
		} else {
			out = append(out, "Aménagements demandés (donnée de santé) : « "+c.Adjustments+" »")
		}
	}
	return out
}

// PlanCollectionEntry checks a returned row against its registration and the
// campaign's exam months, and says what it changes: the blocks to evaluate
// are blocks registered for the campaign (R8: no registration, no exam), the
// others are withdrawn; the opening hours of the reception desk and of the
// phone platform are required (R18); adjustments set the disability box
// (R15); changing the registration follows R20.
func PlanCollectionEntry(e CollectionEntry, reg Registration, months []Month, role Role, today Date) (CollectionChange, error) {
	var v Validation
	ch := CollectionChange{RegistrationID: reg.ID, Site: e.Site, ReceptionHours: strings.TrimSpace(e.ReceptionHours),
		PhoneHours: strings.TrimSpace(e.PhoneHours), Specialty: strings.TrimSpace(e.Specialty), Disability: reg.Disability}
	if reg.Deleted {
		return ch, &Error{Code: EInvalid, Message: "Inscription supprimée.", Fields: map[string]string{"": "cette inscription a été supprimée"}}
	}
	planEvaluated(&v, &ch, e.Blocks, CollectionAttempts(reg, months))
	switch {
	case utf8.RuneCountInString(ch.Specialty) > MaxSpecialtyLength:
		v.Add("specialty", fmt.Sprintf("%d caractères au plus", MaxSpecialtyLength))
	case ch.Specialty != "" && ch.Specialty != reg.Specialty:
		ch.SpecialtyChanged = true
	default:
		ch.Specialty = reg.Specialty
	}
	for field, h := range map[string]string{"reception_hours": ch.ReceptionHours, "phone_hours": ch.PhoneHours} {
		switch {
		case h == "":
			v.Add(field, "horaires manquants : ils sont nécessaires pour organiser l'observation en situation réelle de travail")
		case utf8.RuneCountInString(h) > MaxHoursLength:
			v.Add(field, fmt.Sprintf("%d caractères au plus", MaxHoursLength))
		}
	}
	planAdjustments(&v, &ch, strings.TrimSpace(e.Adjustments), reg)
	if err := v.Err(); err != nil {
		return ch, err
	}
	if ch.ChangesRegistration() {
		if err := CheckChange(role, reg, today); err != nil {
			return ch, &Error{Code: ErrorCode(err), Message: ErrorMessage(err), Fields: map[string]string{"": ErrorMessage(err)}}
		}
	}
	return ch, nil
}

// planEvaluated checks the blocks to evaluate against the blocks registered
// for the campaign and lists the blocks withdrawn.
func planEvaluated(v *Validation, ch *CollectionChange, blocks []int, attempts []BlockAttempt) {
	var registered []int
	for _, a := range attempts {
		registered = append(registered, a.Block)
	}
	if len(blocks) == 0 {
		v.Add("blocks", fmt.Sprintf("indiquez au moins un bloc à évaluer parmi les blocs inscrits (%s) ; pour ne plus présenter ce candidat, supprimez son inscription sur la plateforme", intList(registered)))
		return
	}
	for _, b := range blocks {
		if !slices.Contains(registered, b) {
			v.Add("blocks", fmt.Sprintf("le bloc %d n'est pas inscrit pour cette campagne (blocs inscrits : %s) : inscrivez-le d'abord sur la plateforme", b, intList(registered)))
			return
		}
	}
	ch.Evaluated = slices.Sorted(slices.Values(blocks))
	for _, a := range attempts {
		if slices.Contains(blocks, a.Block) {
			continue
		}
		if a.Status != AttemptRegistered {
			v.Add("blocks", fmt.Sprintf("le bloc %d a déjà un jury professionnel planifié : seule l'équipe des examens peut le retirer", a.Block))
			return
		}
		ch.Withdrawn = append(ch.Withdrawn, a.Block)
	}
}

// planAdjustments reads the adjustments column: empty leaves the registration
// as it is, "aucun" clears the adjustments, any other text sets them with the
// disability box (R15).
func planAdjustments(v *Validation, ch *CollectionChange, text string, reg Registration) {
	ch.Adjustments, ch.AdjustmentsInFile = reg.Adjustments, text != ""
	switch {
	case text == "":
	case utf8.RuneCountInString(text) > MaxAdjustmentsLength:
		v.Add("adjustments", fmt.Sprintf("%d caractères au plus", MaxAdjustmentsLength))
	case slices.Contains(noAdjustments, SearchKey(text)):
		ch.Adjustments, ch.AdjustmentsChanged = "", reg.Adjustments != ""
	case text != reg.Adjustments || !reg.Disability:
		ch.Adjustments, ch.Disability, ch.AdjustmentsChanged = text, true, true
	}
}

func intList(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, ", ")
}
