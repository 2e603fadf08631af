package certif

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"
)

// Path says whether a registration presents the whole qualification or some blocks.
type Path string

const (
	PathComplete Path = "complete" // every block remaining to validate
	PathPartial  Path = "partial"  // some of the remaining blocks (R2, R3)
)

// Label is the French name of the path.
func (p Path) Label() string {
	if p == PathPartial {
		return "Parcours partiel"
	}
	return "Parcours complet"
}

// Contract is the candidate's employment contract.
type Contract string

const (
	ContractCDI Contract = "cdi"
	ContractCDD Contract = "cdd"
	ContractPro Contract = "pro" // contrat de professionnalisation (R19)
)

// Contracts lists the contracts in display order.
var Contracts = []Contract{ContractCDI, ContractCDD, ContractPro}

// Label is the French name of the contract.
func (c Contract) Label() string {
	switch c {
	case ContractCDI:
		return "CDI"
	case ContractCDD:
		return "CDD"
	case ContractPro:
		return "Contrat de professionnalisation"
	}
	return string(c)
}

// AttemptStatus is where a block attempt stands in its lifecycle.
type AttemptStatus string

const (
	AttemptRegistered   AttemptStatus = "registered"
	AttemptScheduled    AttemptStatus = "scheduled"
	AttemptEvaluated    AttemptStatus = "evaluated"
	AttemptValidated    AttemptStatus = "validated"
	AttemptNotValidated AttemptStatus = "not_validated"
	AttemptAbsent       AttemptStatus = "absent"
	AttemptWithdrawn    AttemptStatus = "withdrawn" // registration deleted before the jury
)

// AttemptStatuses lists the statuses in lifecycle order.
var AttemptStatuses = []AttemptStatus{AttemptRegistered, AttemptScheduled, AttemptEvaluated, AttemptValidated, AttemptNotValidated, AttemptAbsent, AttemptWithdrawn}

// Label is the French name of the status.
func (s AttemptStatus) Label() string {
	switch s {
	case AttemptRegistered:
		return "Inscrit"
	case AttemptScheduled:
		return "Jury professionnel planifié"
	case AttemptEvaluated:
		return "Évalué, en attente du jury national"
	case AttemptValidated:
		return "Validé"
	case AttemptNotValidated:
		return "Non validé"
	case AttemptAbsent:
		return "Absent"
	case AttemptWithdrawn:
		return "Inscription retirée"
	}
	return string(s)
}

// InProgress reports whether the attempt still waits for a decision.
func (s AttemptStatus) InProgress() bool {
	return s == AttemptRegistered || s == AttemptScheduled || s == AttemptEvaluated
}

// BlockAttempt is one presentation of one block by a candidate.
type BlockAttempt struct {
	ID              int64         `json:"id"`
	RegistrationID  int64         `json:"registration_id,omitempty"`
	CandidateID     int64         `json:"candidate_id"`
	Qualification   string        `json:"qualification"`
	Block           int           `json:"block"`
	Attempt         int           `json:"attempt"`
	CertifiableFrom Date          `json:"certifiable_from"`
	Period          Month         `json:"period"`
	Status          AttemptStatus `json:"status"`
	DecidedOn       Date          `json:"decided_on,omitzero"`
	FromHistory     bool          `json:"from_history,omitempty"` // validated before the platform
}

// Registration is an employer's registration of a candidate to a qualification.
type Registration struct {
	ID              int64
	CandidateID     int64
	EmployerID      int64
	EmployerCode    string
	Qualification   string
	Programme       string // the programme the CQP is reached through, "" for none
	Path            Path
	Blocks          []int
	CertifiableFrom Date
	BlockDates      map[int]Date // per-block certifiable-from dates that differ from CertifiableFrom (R2)
	Contract        Contract
	ExamPeriod      Month // R19: period imposed by a contrat de professionnalisation, zero otherwise
	Repeating       bool
	Specialty       string
	Disability      bool   // R15: health data
	Adjustments     string // R15: health data
	RegisteredOn    Date
	LateReason      string // R6: the office's reason for registering after the deadline
	Deleted         bool
	Attempts        []BlockAttempt
	Version         int // raised by every change: a change made from an older copy is refused
}

// Request turns a registration back into the request that would create it,
// for its blocks still waiting for a jury: the starting point of a change.
func (g Registration) Request() RegistrationRequest {
	req := RegistrationRequest{Qualification: g.Qualification, Programme: g.Programme, Path: g.Path, CertifiableFrom: g.CertifiableFrom,
		BlockDates: map[int]Date{}, Contract: g.Contract, ExamPeriod: g.ExamPeriod, Repeating: g.Repeating, Specialty: g.Specialty,
		Disability: g.Disability, Adjustments: g.Adjustments}
	for _, a := range g.Attempts {
		if a.Status.InProgress() {
			req.Blocks = append(req.Blocks, a.Block)
			if d, ok := g.BlockDates[a.Block]; ok {
				req.BlockDates[a.Block] = d
			}
		}
	}
	return req
}

// RegistrationRequest is what an employer (or the office) asks for.
type RegistrationRequest struct {
	Qualification   string
	Programme       string // the branch's programme the CQP is reached through (GCAM), "" for none
	Path            Path
	Blocks          []int // partial path: the blocks to present
	CertifiableFrom Date
	BlockDates      map[int]Date
	Contract        Contract
	ExamPeriod      Month
	Repeating       bool
	Specialty       string
	Disability      bool
	Adjustments     string
}

// CandidateBlocks is what a candidate already has for one qualification.
type CandidateBlocks struct {
	Validated map[int]Date // block → date of validation (capitalised, R3)
	// InProgress: block → registration that presents it and waits for a
	// decision; -n for the registration of line n of a file being imported.
	InProgress map[int]int64
}

// Schedule answers the date questions of the registration rules;
// *calendar.Calendar implements it.
type Schedule interface {
	CertificationPeriod(certifiableFrom Date) Month
	EarliestPeriod(today Date) Month
	IsExamMonth(m Month) bool
	// KnownYears is the range of years whose certification periods the
	// calendar knows (see KnownPeriods); first > last when it knows none.
	KnownYears() (first, last int)
}

// Override is the office's exemption from the 3-month rule (R6), with its
// reason, and the registration windows that replace that rule where they
// govern (R1, the campaign model of 2022; none by default).
type Override struct {
	ByOffice bool
	Reason   string
	Windows  Windows
}

// PlannedAttempt is a block attempt a registration will create.
type PlannedAttempt struct {
	Block           int
	CertifiableFrom Date
	Period          Month
}

// Plan is a checked registration: the blocks it presents and their periods.
type Plan struct {
	Path     Path
	Blocks   []int
	Attempts []PlannedAttempt
	Late     bool // registered after the R6 deadline by an office override
	// OutsideWindow: registered by the office outside the window that governs it (R1)
	OutsideWindow bool
}

// MaxSpecialtyLength bounds the free-text fields of a registration.
const MaxSpecialtyLength = 200

// PlanRegistration checks a registration request against the rules and plans its
// block attempts: R3 (blocks remaining; partial path not for a mono-bloc CQP),
// R2 (a certifiable-from date per block), R19 (contract periods), R6 (3 months
// ahead, unless the office overrides with a reason), R15 (adjustments only with
// the disability box), R1 (inside the registration window that governs a
// period, if any, instead of R6).
func PlanRegistration(req RegistrationRequest, q Qualification, has CandidateBlocks, sched Schedule, today Date, ov Override) (Plan, error) {
	var v Validation
	plan := Plan{Path: req.Path}
	blocks := planBlocks(&v, req, q, has)
	checkContract(&v, req, sched)
	if req.CertifiableFrom.IsZero() {
		v.Add("certifiable_from", "La date « certifiable à partir du » est obligatoire.")
	} else if msg := CertifiableFromOutsideCalendar("Date « certifiable à partir du »", req.CertifiableFrom, sched); msg != "" {
		v.Add("certifiable_from", msg)
	}
	for _, b := range slices.Sorted(maps.Keys(req.BlockDates)) {
		if d := req.BlockDates[b]; !d.IsZero() {
			if msg := CertifiableFromOutsideCalendar(fmt.Sprintf("Date « certifiable à partir du » du bloc %d", b), d, sched); msg != "" {
				v.Add("block_dates", msg)
			}
		}
	}
	if utf8.RuneCountInString(req.Specialty) > MaxSpecialtyLength {
		v.Add("specialty", fmt.Sprintf("La spécialité (filière) ne doit pas dépasser %d caractères.", MaxSpecialtyLength))
	}
	if !req.Disability && strings.TrimSpace(req.Adjustments) != "" {
		v.Add("adjustments", "Les aménagements ne se demandent que pour une personne en situation de handicap : cochez la case ou videz le champ.")
	}
	if err := v.Err(); err != nil {
		return plan, err
	}
	plan.Blocks = blocks
	for _, b := range blocks {
		from := req.CertifiableFrom
		if d, ok := req.BlockDates[b]; ok && !d.IsZero() {
			from = d
		}
		period := sched.CertificationPeriod(from)
		if req.Contract == ContractPro && !req.ExamPeriod.IsZero() {
			period = req.ExamPeriod
		}
		plan.Attempts = append(plan.Attempts, PlannedAttempt{Block: b, CertifiableFrom: from, Period: period})
	}
	outside, err := ov.Windows.Check(ov.ByOffice, q.Code, plan.Periods(), today)
	plan.OutsideWindow = outside
	if err != nil {
		return plan, err
	}
	late, err := checkDeadline(ov.Windows.ungoverned(q.Code, plan.Attempts), sched, today, ov)
	plan.Late = late
	return plan, err
}

// planBlocks applies R3: the blocks to present are the remaining ones (complete
// path) or a choice among them (partial path, never for a mono-bloc CQP).
func planBlocks(v *Validation, req RegistrationRequest, q Qualification, has CandidateBlocks) []int {
	var remaining []int
	for _, b := range q.Blocks {
		if _, done := has.Validated[b.Number]; !done {
			remaining = append(remaining, b.Number)
		}
	}
	if len(remaining) == 0 {
		v.Add("blocks", fmt.Sprintf("Le candidat a déjà validé tous les blocs du CQP %s : il n'y a plus rien à présenter.", q.Code))
		return nil
	}
	var blocks []int
	switch req.Path {
	case PathComplete:
		blocks = remaining
	case PathPartial:
		if q.MonoBlock() {
			v.Add("path", fmt.Sprintf("Le CQP %s est mono-bloc : il se présente en entier, choisissez le parcours complet.", q.Code))
			return nil
		}
		if len(req.Blocks) == 0 {
			v.Add("blocks", "Parcours partiel : cochez au moins un bloc à présenter.")
		}
		for _, n := range req.Blocks {
			if _, ok := q.Block(n); !ok {
				v.Add("blocks", fmt.Sprintf("Le CQP %s n'a pas de bloc %d.", q.Code, n))
			} else if d, done := has.Validated[n]; done {
				v.Add("blocks", fmt.Sprintf("Le bloc %d est déjà validé (le %s) : un bloc validé n'est jamais présenté de nouveau.", n, d.French()))
			}
		}
		blocks = slices.Compact(slices.Sorted(slices.Values(req.Blocks)))
	default:
		v.Add("path", "Choisissez le parcours : complet ou partiel.")
		return nil
	}
	for _, n := range blocks {
		switch reg, busy := has.InProgress[n]; {
		case busy && reg < 0:
			v.Add("blocks", fmt.Sprintf("Le bloc %d est déjà présenté à la ligne %d du fichier : une seule inscription par bloc en attente de jury.", n, -reg))
		case busy:
			v.Add("blocks", fmt.Sprintf("Le bloc %d est déjà inscrit (inscription n° %d) et attend son jury : modifiez cette inscription plutôt que d'en créer une autre.", n, reg))
		}
	}
	for n := range req.BlockDates {
		if !slices.Contains(blocks, n) {
			v.Add("block_dates", fmt.Sprintf("Une date est donnée pour le bloc %d, qui n'est pas présenté.", n))
		}
	}
	return blocks
}

// checkContract applies R19: only a contrat de professionnalisation may impose
// its own exam period, which must hold exams.
func checkContract(v *Validation, req RegistrationRequest, sched Schedule) {
	if !slices.Contains(Contracts, req.Contract) {
		v.Add("contract", "Choisissez le type de contrat : CDI, CDD ou contrat de professionnalisation.")
		return
	}
	if req.ExamPeriod.IsZero() {
		return
	}
	switch {
	case req.Contract != ContractPro:
		v.Add("exam_period", "Seul un contrat de professionnalisation peut imposer sa période d'examen ; sinon la période découle de la date « certifiable à partir du ».")
	case !sched.IsExamMonth(req.ExamPeriod):
		v.Add("exam_period", fmt.Sprintf("Aucune épreuve n'a lieu en %s : choisissez un autre mois.", req.ExamPeriod.French()))
	default:
		if msg := PeriodOutsideCalendar("Période d'examen imposée", req.ExamPeriod, sched); msg != "" {
			v.Add("exam_period", msg)
		}
	}
}

// checkDeadline applies R6 to every planned attempt. A late registration is
// refused with the earliest period still possible, unless the office overrides
// it with a reason; it reports whether the plan is late.
func checkDeadline(attempts []PlannedAttempt, sched Schedule, today Date, ov Override) (bool, error) {
	late := false
	for _, a := range attempts {
		if RegistrationOnTime(a.Period, today) {
			continue
		}
		late = true
		if ov.ByOffice && strings.TrimSpace(ov.Reason) != "" {
			continue
		}
		msg := fmt.Sprintf("Inscription trop tardive pour la période %s : elle devait être faite au plus tard le %s, 3 mois avant. Première période possible aujourd'hui : %s.",
			OfMonth(a.Period), RegistrationDeadline(a.Period).French(), sched.EarliestPeriod(today).French())
		fields := map[string]string{"certifiable_from": msg}
		if ov.ByOffice {
			fields["late_reason"] = "Pour inscrire malgré le délai, indiquez le motif de la dérogation."
		}
		return true, &Error{Code: EInvalid, Message: msg, Fields: fields}
	}
	return late, nil
}
