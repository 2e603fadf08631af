package census

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"certibloc/internal/certif"
)

// Status is where a pre-registration stands.
type Status string

const (
	Pending   Status = "pending"   // à confirmer par l'employeur
	Confirmed Status = "confirmed" // confirmée : une inscription existe
	Declined  Status = "declined"  // écartée par l'employeur, avec son motif
)

// Label is the French name of the status.
func (s Status) Label() string {
	switch s {
	case Pending:
		return "À confirmer par l'employeur"
	case Confirmed:
		return "Confirmée"
	case Declined:
		return "Écartée par l'employeur"
	}
	return string(s)
}

// PreRegistration is a registration the exam office proposes from the census
// of the Maladie branch (R4). It is not a registration: no block attempt
// exists, so no jury can be planned (R8), until the employer confirms it, as
// it is or corrected, through the rules of any registration. The registration
// date is then the confirmation date (R6), unless the office confirms with
// its usual override.
type PreRegistration struct {
	ID             int64
	CensusID       int64 // the census import that created it
	Line           int   // its line in that file
	CandidateID    int64
	Candidate      string // printed identity (R16)
	EmployerID     int64
	EmployerCode   string
	Qualification  string
	Programme      string // the branch's programme the census names (GCAM), "" when it names the CQP
	Blocks         []int  // the blocks of a partial path; empty for every block remaining
	PathStart      certif.Date
	PathEnd        certif.Date     // the "certifiable à partir du" date it proposes
	Contract       certif.Contract // "" when the census does not know it
	Status         Status
	ConfirmBy      certif.Date // R6 deadline of the period of PathEnd (set by the reader)
	CreatedAt      time.Time
	DecidedAt      time.Time
	DecidedBy      string
	RegistrationID int64  // the registration made by the confirmation
	DeclineReason  string // why the employer declined it
}

// Request is the registration the pre-registration proposes: the path's end
// as "certifiable à partir du", the blocks of a partial path, the contract
// when known (CDI otherwise: the employer corrects it when confirming).
func (p PreRegistration) Request() certif.RegistrationRequest {
	req := certif.RegistrationRequest{Qualification: p.Qualification, Programme: p.Programme, Path: certif.PathComplete, CertifiableFrom: p.PathEnd, Contract: p.Contract}
	if len(p.Blocks) > 0 {
		req.Path, req.Blocks = certif.PathPartial, slices.Clone(p.Blocks)
	}
	if req.Contract == "" {
		req.Contract = certif.ContractCDI
	}
	return req
}

// QualificationText is the CQP as a mail names it: "GC (programme GCAM)".
func (p PreRegistration) QualificationText() string { return certif.Via(p.Qualification, p.Programme) }

// BlocksText is "tous les blocs restant à valider" or "blocs 1, 3".
func (p PreRegistration) BlocksText() string {
	if len(p.Blocks) == 0 {
		return "tous les blocs restant à valider"
	}
	return "blocs " + JoinInts(p.Blocks)
}

// Eligibility applies R8 to a pre-registration: not registered by the
// employer yet, no exam.
func (p PreRegistration) Eligibility() certif.Eligibility {
	switch p.Status {
	case Confirmed:
		return certif.Eligibility{Eligible: true, Reasons: []string{fmt.Sprintf("Confirmée par l'employeur : inscription n° %d.", p.RegistrationID)}}
	case Declined:
		return certif.Eligibility{Reasons: []string{"Écartée par l'employeur : pas d'inscription, pas d'examen."}}
	}
	return certif.Eligibility{Reasons: []string{"Pré-inscription à confirmer par l'employeur : pas d'inscription, pas d'examen."}}
}

// Late reports whether the confirmation comes after the R6 deadline on day today.
func (p PreRegistration) Late(today certif.Date) bool {
	return !p.ConfirmBy.IsZero() && today.After(p.ConfirmBy)
}

// ConfirmBy is the last day to confirm a pre-registration whose path ends on
// pathEnd and be on time (R6).
func ConfirmBy(pathEnd certif.Date, sched certif.Schedule) certif.Date {
	if pathEnd.IsZero() {
		return certif.Date{}
	}
	return certif.RegistrationDeadline(sched.CertificationPeriod(pathEnd))
}

// Line is one trainee and CQP path of a census file, as read.
type Line struct {
	Qualification string
	Blocks        []int
	PathStart     certif.Date
	PathEnd       certif.Date
}

// CheckLine applies what the census adds to the registration rules: the CQP,
// or the programme that leads to it, is one of the census route (R4), the
// path has a start and an end in that order, and the blocks exist. Fields are
// those of the registration rules ("certifiable_from" is the path's end).
// With no offer (the line's CQP was refused), only the path is checked.
func CheckLine(l Line, o *certif.Offer) error {
	var v certif.Validation
	var q certif.Qualification
	if o != nil {
		q = o.Qualification
	}
	if o != nil && o.Route() != certif.RouteCensus {
		v.Add("qualification", fmt.Sprintf("Le CQP %s ne relève pas du recensement mais de la voie « %s » : seuls les CQP et les programmes de la branche Maladie sont recensés.", q.Code, o.Route().Label()))
	}
	if l.PathStart.IsZero() {
		v.Add("path_start", "La date de début du parcours est obligatoire.")
	}
	if l.PathEnd.IsZero() {
		v.Add("certifiable_from", "La date de fin du parcours est obligatoire : elle donne la période de certification.")
	} else if !l.PathStart.IsZero() && l.PathEnd.Before(l.PathStart) {
		v.Add("certifiable_from", fmt.Sprintf("Le parcours finit (%s) avant de commencer (%s).", l.PathEnd.French(), l.PathStart.French()))
	}
	for _, b := range l.Blocks {
		if _, ok := q.Block(b); !ok && o != nil {
			v.Add("blocks", fmt.Sprintf("Le CQP %s n'a pas de bloc %d.", q.Code, b))
		}
	}
	return v.Err()
}

// Coverage is what a census line leaves to pre-register once the candidate's
// validated blocks and the blocks its employer already registered are set
// aside.
type Coverage struct {
	Blocks  []int // the blocks to pre-register; nil for every block remaining (complete path)
	Skipped []int // blocks of the line already validated or registered
	Nothing bool  // nothing is left to pre-register
	Reason  string
}

// Cover computes what to pre-register for a line's blocks (empty: every
// block of the CQP) given what the candidate has (R3: a validated block is
// never presented again; a block already registered is not pre-registered
// twice).
func Cover(blocks []int, q certif.Qualification, has certif.CandidateBlocks) Coverage {
	wanted := blocks
	if len(wanted) == 0 {
		for _, b := range q.Blocks {
			wanted = append(wanted, b.Number)
		}
	}
	var c Coverage
	var rest []int
	regs := map[int64]bool{}
	for _, b := range wanted {
		_, done := has.Validated[b]
		reg, busy := has.InProgress[b]
		switch {
		case done:
			c.Skipped = append(c.Skipped, b)
		case busy:
			c.Skipped = append(c.Skipped, b)
			regs[reg] = true
		default:
			rest = append(rest, b)
		}
	}
	if len(rest) == 0 {
		c.Nothing = true
		c.Reason = "tous les blocs sont déjà validés ou inscrits par l'employeur : rien à confirmer"
		return c
	}
	remaining := 0
	for _, b := range q.Blocks {
		if _, done := has.Validated[b.Number]; !done {
			remaining++
		}
	}
	if len(rest) < remaining {
		c.Blocks = rest
	}
	if len(c.Skipped) > 0 {
		c.Reason = fmt.Sprintf("blocs %s déjà validés ou inscrits", JoinInts(c.Skipped))
	}
	return c
}

// JoinInts writes block numbers as "1, 3".
func JoinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ", ")
}
