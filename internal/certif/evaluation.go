package certif

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Evaluation is what a professional jury records for one slot (R11): the
// candidate's presence, the block's grid answered criterion by criterion,
// and the jury's proposal with its reasoned comment. It becomes final once
// the three seated members confirmed it: the national jury then takes the
// proposal as it is, one per attempt.
type Evaluation struct {
	SlotID        int64
	AttemptID     int64
	Presence      Presence
	Results       []CriterionResult // in the grid's order
	Proposal      Proposal
	Comment       string
	Status        EvaluationStatus
	Confirmations []Confirmation // one per seat that confirmed this version
	Version       int            // 0 before the first save
	UpdatedBy     string
}

// Criterion is one line of a block's evaluation grid, as the office edits it.
type Criterion struct {
	ID            int64
	Qualification string
	Block         int
	Position      int
	Label         string
}

// CriterionResult is the jury's answer on one criterion.
type CriterionResult struct {
	CriterionID int64
	Label       string // as the grid said it when answered
	Result      Acquisition
	Comment     string
}

// Confirmation is a seated member's confirmation of an evaluation.
type Confirmation struct {
	Role     JuryRole
	MemberID int64
	Name     string
	At       time.Time
}

// Presence is whether the candidate came to the jury.
type Presence string

const (
	PresencePresent Presence = "present"
	PresenceAbsent  Presence = "absent"
	PresenceExcused Presence = "excused" // absent with a reason the employer gave
)

// Presences lists the presences in the order forms show them.
var Presences = []Presence{PresencePresent, PresenceAbsent, PresenceExcused}

// Label is the French word for a candidate of that sex ("F", "M" or unknown).
func (p Presence) Label(sex string) string {
	switch p {
	case PresencePresent:
		return Agreed(sex, "Présent", "Présente")
	case PresenceAbsent:
		return Agreed(sex, "Absent", "Absente")
	case PresenceExcused:
		return Agreed(sex, "Absent excusé", "Absente excusée")
	}
	return "Non renseignée"
}

// Came reports whether the candidate sat the test.
func (p Presence) Came() bool { return p == PresencePresent }

// Proposal is the professional jury's proposal to the national jury.
type Proposal string

const (
	ProposalFavourable   Proposal = "favourable"
	ProposalUnfavourable Proposal = "unfavourable"
	ProposalAbsent       Proposal = "absent"
)

// Proposals lists the proposals in the order forms show them.
var Proposals = []Proposal{ProposalFavourable, ProposalUnfavourable, ProposalAbsent}

// Label is the French name of the proposal.
func (p Proposal) Label() string {
	switch p {
	case ProposalFavourable:
		return "Avis favorable"
	case ProposalUnfavourable:
		return "Avis défavorable"
	case ProposalAbsent:
		return "Absence"
	}
	return "Pas encore d'avis"
}

// Acquisition is the answer on one criterion.
type Acquisition string

const (
	Acquired    Acquisition = "acquired"
	NotAcquired Acquisition = "not_acquired"
)

// Acquisitions lists the answers in the order forms show them.
var Acquisitions = []Acquisition{Acquired, NotAcquired}

// Label is the French name of the answer.
func (a Acquisition) Label() string {
	switch a {
	case Acquired:
		return "Acquis"
	case NotAcquired:
		return "Non acquis"
	}
	return "Non renseigné"
}

// EvaluationStatus is where an evaluation stands.
type EvaluationStatus string

const (
	EvaluationDraft EvaluationStatus = "draft" // being recorded, or reopened by the office
	EvaluationFinal EvaluationStatus = "final" // confirmed by the three members: the national jury takes it
)

// MaxComment bounds the jury's comments, in characters.
const MaxComment = 4000

// Normalize trims the comments and gives an absent candidate the proposal
// "absent" when none was chosen.
func (e *Evaluation) Normalize() {
	e.Comment = strings.TrimSpace(e.Comment)
	for i := range e.Results {
		e.Results[i].Comment = strings.TrimSpace(e.Results[i].Comment)
	}
	if e.Presence != "" && !e.Presence.Came() && e.Proposal == "" {
		e.Proposal = ProposalAbsent
	}
}

// Validate checks an evaluation as it is saved, naming every field in error
// at once: known values; an absent candidate's proposal is "absent", a
// present one's is not; a favourable or unfavourable proposal is reasoned.
func (e Evaluation) Validate() error {
	var v Validation
	e.check(&v)
	return v.Err()
}

func (e Evaluation) check(v *Validation) {
	if e.Presence != "" && !slices.Contains(Presences, e.Presence) {
		v.Add("presence", "Présence inconnue : choisissez présent, absent ou absent excusé.")
	}
	if e.Proposal != "" && !slices.Contains(Proposals, e.Proposal) {
		v.Add("proposal", "Avis inconnu : choisissez favorable, défavorable ou absence.")
	}
	switch {
	case e.Presence != "" && !e.Presence.Came() && e.Proposal != "" && e.Proposal != ProposalAbsent:
		v.Add("proposal", "En cas d'absence, l'avis proposé est « Absence ».")
	case e.Presence.Came() && e.Proposal == ProposalAbsent:
		v.Add("proposal", "Présence constatée : proposez un avis favorable ou défavorable.")
	case (e.Proposal == ProposalFavourable || e.Proposal == ProposalUnfavourable) && e.Comment == "":
		v.Add("comment", "Motivez l'avis : le commentaire est lu par le jury national.")
	}
	if len([]rune(e.Comment)) > MaxComment {
		v.Add("comment", fmt.Sprintf("Le commentaire compte %d caractères au plus.", MaxComment))
	}
	for i, r := range e.Results {
		field := fmt.Sprintf("criterion_%d", r.CriterionID)
		if r.Result != "" && !slices.Contains(Acquisitions, r.Result) {
			v.Add(field, fmt.Sprintf("Critère %d : choisissez acquis ou non acquis.", i+1))
		}
		if len([]rune(r.Comment)) > MaxComment {
			v.Add(field+"_comment", fmt.Sprintf("Critère %d : le commentaire compte %d caractères au plus.", i+1, MaxComment))
		}
	}
}

// CheckComplete checks that an evaluation may be confirmed: valid, the
// presence and the proposal given, and, for a candidate who came, every
// criterion of the grid answered. Every missing field is named at once.
func (e Evaluation) CheckComplete() error {
	var v Validation
	e.check(&v)
	if e.Presence == "" {
		v.Add("presence", "Indiquez la présence ou l'absence à l'épreuve.")
	}
	if e.Proposal == "" {
		v.Add("proposal", "Choisissez l'avis proposé au jury national.")
	}
	if e.Presence.Came() {
		for i, r := range e.Results {
			if r.Result == "" {
				v.Add(fmt.Sprintf("criterion_%d", r.CriterionID), fmt.Sprintf("Critère %d : indiquez s'il est acquis ou non.", i+1))
			}
		}
		if len(e.Results) == 0 {
			v.Add("grid", "La grille de ce bloc est vide : l'équipe des examens la complète avant la confirmation.")
		}
	}
	if err := v.Err(); err != nil {
		fields := ErrorFields(err)
		return &Error{Code: EInvalid, Message: "L'évaluation n'est pas complète : " + Count(len(fields), "point reste", "points restent") + " à renseigner avant de la confirmer.", Fields: fields}
	}
	return nil
}

// ConfirmedBy reports whether the holder of a seat confirmed the evaluation.
func (e Evaluation) ConfirmedBy(role JuryRole) (Confirmation, bool) {
	for _, c := range e.Confirmations {
		if c.Role == role {
			return c, true
		}
	}
	return Confirmation{}, false
}

// AllConfirmed reports whether the three seats of the session confirmed the
// evaluation: it is then final.
func (e Evaluation) AllConfirmed() bool {
	for _, role := range JuryRoles {
		if _, ok := e.ConfirmedBy(role); !ok {
			return false
		}
	}
	return true
}

// Final reports whether the evaluation is confirmed by the three members.
func (e Evaluation) Final() bool { return e.Status == EvaluationFinal }

// CheckConfirm says whether the member holding seat may confirm e in session
// ss: they sit in it, the session is held, e is complete and not yet
// confirmed by them.
func (ss JurySession) CheckConfirm(e Evaluation, memberID int64) (JuryRole, error) {
	role, err := ss.CheckRecord(memberID)
	if err != nil {
		return role, err
	}
	if e.Version == 0 {
		return role, Errorf(EConflict, "Enregistrez l'évaluation avant de la confirmer.")
	}
	if _, done := e.ConfirmedBy(role); done {
		return role, Errorf(EConflict, "Vous avez déjà confirmé cette évaluation.")
	}
	return role, e.CheckComplete()
}

// CheckRecord says whether a member may record evaluations in the session:
// they hold one of its seats and the session is convened or held, not closed.
func (ss JurySession) CheckRecord(memberID int64) (JuryRole, error) {
	var role JuryRole
	for _, m := range ss.Members {
		if m.MemberID == memberID && memberID != 0 {
			role = m.Role
		}
	}
	switch {
	case role == "":
		return "", Errorf(ENotFound, "Évaluation introuvable.")
	case ss.Status == SessionClosed:
		return role, Errorf(EConflict, "Cette séance est close : ses évaluations ne se modifient plus. L'équipe des examens peut la rouvrir.")
	case ss.Status != SessionConvened && ss.Status != SessionHeld:
		return role, Errorf(EConflict, "Une séance « %s » ne reçoit pas d'évaluation.", strings.ToLower(ss.Status.Label()))
	}
	return role, nil
}

// CheckEvaluationDay refuses an evaluation recorded before the session's day.
func (ss JurySession) CheckEvaluationDay(today Date) error {
	if today.Before(ss.HalfDay.Day) {
		return Errorf(EConflict, "L'évaluation se saisit à partir du jour de la séance, le %s.", ss.HalfDay.Day.French())
	}
	return nil
}

// CheckReopen says whether the office may reopen a closed session, and
// requires the reason, traced with the reopening.
func (ss JurySession) CheckReopen(reason string) error {
	if ss.Status != SessionClosed {
		return Errorf(EConflict, "Seule une séance close se rouvre ; celle-ci est « %s ».", strings.ToLower(ss.Status.Label()))
	}
	if strings.TrimSpace(reason) == "" {
		return &Error{Code: EInvalid, Message: "Indiquez le motif de la réouverture.",
			Fields: map[string]string{"reason": "Le motif est obligatoire : il est tracé sur le dossier de chaque candidat."}}
	}
	return nil
}

// SessionComplete reports whether every slot of a session has its final
// evaluation: the session then closes.
func SessionComplete(ss JurySession, states map[int64]EvaluationState) bool {
	for _, sl := range ss.Slots {
		if !states[sl.ID].Status.final() {
			return false
		}
	}
	return len(ss.Slots) > 0
}

func (s EvaluationStatus) final() bool { return s == EvaluationFinal }

// EvaluationState is an evaluation as lists show it: where it stands, the
// proposal and how many seats confirmed it.
type EvaluationState struct {
	Status    EvaluationStatus // "" when nothing was recorded yet
	Presence  Presence
	Proposal  Proposal
	Confirmed int
}

// Label is the state in French: "À saisir", "En cours, 1 confirmation sur 3", "Confirmée".
func (s EvaluationState) Label() string {
	switch {
	case s.Status == "":
		return "À saisir"
	case s.Status.final():
		return "Confirmée"
	case s.Confirmed > 0:
		return "En cours, " + Count(s.Confirmed, "confirmation", "confirmations") + " sur 3"
	}
	return "En cours"
}
