package certif

import (
	"fmt"
	"strings"
	"time"
)

// Programme is a training programme of a branch that leads to a CQP: the
// Maladie names of the 2026 letter (GCAM, CSAM, STARTECH, SMPRO, DNS), which
// no public source names as CQPs (REFERENTIAL.md). A programme has no blocks
// of its own: its trainees are registered to the CQP it leads to, through the
// programme's intake route (the census for Maladie), once the exam office has
// confirmed which CQP that is.
type Programme struct {
	Code          string      `json:"code"`          // GCAM
	Title         string      `json:"title"`         // its full name when known, "" otherwise
	Branch        string      `json:"branch"`        // the branch that runs it: maladie
	Qualification string      `json:"qualification"` // the CQP it leads to; proposed until confirmed, "" when not known
	Route         IntakeRoute `json:"route"`         // how its trainees reach a jury (R4: census)
	ConfirmedAt   time.Time   `json:"-"`             // when the office confirmed the CQP, zero while to confirm
	ConfirmedBy   string      `json:"-"`
	Version       int         `json:"-"` // raised by every change: a change made from an older copy is refused
}

// Confirmed reports whether the office confirmed the CQP the programme leads to.
func (p Programme) Confirmed() bool { return !p.ConfirmedAt.IsZero() && p.Qualification != "" }

// Label is how pages name the programme: "Programme GCAM" or its full name.
func (p Programme) Label() string {
	if t := strings.TrimSpace(p.Title); t != "" {
		return "Programme " + p.Code + " – " + t
	}
	return "Programme " + p.Code
}

// Leads reports whether the programme is a confirmed way into the CQP qual for
// the employers of branch.
func (p Programme) Leads(branch, qual string) bool {
	return p.Confirmed() && p.Branch == branch && p.Qualification == qual
}

// Validate checks a programme as the exam office edits it: a code that is not
// a CQP's, a known branch and route, and a CQP of the referential that serves
// no other purpose than being reached (its blocks are the CQP's).
func (p Programme) Validate(quals []Qualification, branches []Branch) error {
	var v Validation
	if !qualificationCode.MatchString(p.Code) {
		v.Add("code", "Le code doit comporter de 2 à 20 lettres majuscules ou chiffres (ex. : GCAM).")
	}
	for _, q := range quals {
		if q.Code == p.Code {
			v.Add("code", fmt.Sprintf("%s est déjà le code d'un CQP : un programme a son propre code.", p.Code))
		}
	}
	known := false
	for _, b := range branches {
		known = known || b.Code == p.Branch
	}
	if !known {
		v.Add("branch", "Choisissez la branche qui porte le programme.")
	}
	switch p.Route {
	case RouteCensus, RouteCollectionTable, RouteTrainingPlanning:
	default:
		v.Add("route", "Choisissez une voie d'inscription.")
	}
	if p.Qualification != "" {
		found := false
		for _, q := range quals {
			found = found || q.Code == p.Qualification
		}
		if !found {
			v.Add("qualification", fmt.Sprintf("CQP inconnu : %s.", p.Qualification))
		}
	}
	if !p.ConfirmedAt.IsZero() && p.Qualification == "" {
		v.Add("qualification", "Choisissez le CQP auquel mène le programme avant de confirmer la correspondance.")
	}
	return v.Err()
}

// Offer is what an employer may register a candidate to: a CQP, directly or
// through a programme of its branch.
type Offer struct {
	Qualification Qualification
	Programme     *Programme // nil for the CQP itself
}

// Code is the value a form or an import names the offer by: the programme's
// code, or the CQP's.
func (o Offer) Code() string {
	if o.Programme != nil {
		return o.Programme.Code
	}
	return o.Qualification.Code
}

// Route is the intake route of the offer: the programme's, or the CQP's.
func (o Offer) Route() IntakeRoute {
	if o.Programme != nil {
		return o.Programme.Route
	}
	return o.Qualification.Route
}

// Label is how a form names the offer: "GC – Gestionnaire conseil…" or
// "GCAM – programme de la branche menant au CQP Gestionnaire conseil…".
func (o Offer) Label() string {
	if o.Programme != nil {
		return o.Programme.Code + " – programme de la branche menant au CQP " + o.Qualification.Title
	}
	return o.Qualification.Code + " – " + o.Qualification.Title
}

// OffersFor lists what an employer of branch may register to (R branch rule):
// the active CQPs open to its branch, then its branch's programmes whose CQP
// the office confirmed. An empty branch (the office) gets every active CQP.
func OffersFor(branch string, quals []Qualification, progs []Programme) []Offer {
	var out []Offer
	byCode := map[string]Qualification{}
	for _, q := range quals {
		if !q.Active {
			continue
		}
		byCode[q.Code] = q
		if branch == "" || q.OpenTo(branch) {
			out = append(out, Offer{Qualification: q})
		}
	}
	for i := range progs {
		p := &progs[i]
		q, ok := byCode[p.Qualification]
		if ok && p.Confirmed() && (branch == "" || p.Branch == branch) {
			out = append(out, Offer{Qualification: q, Programme: p})
		}
	}
	return out
}

// ResolveProgramme finds what a registration names: code is a CQP's or a
// programme's (a census file's "CQP" column, a form's choice, an API call
// naming GCAM); programme, when given, is the programme the CQP is reached
// through. It returns the CQP's code and the programme, nil when none. A
// programme whose CQP the office has not confirmed is refused: its trainees
// wait for the confirmation.
func ResolveProgramme(code, programme string, progs []Programme) (string, *Programme, error) {
	code, programme = strings.ToUpper(strings.TrimSpace(code)), strings.ToUpper(strings.TrimSpace(programme))
	find := func(c string) *Programme {
		for i := range progs {
			if progs[i].Code == c {
				return &progs[i]
			}
		}
		return nil
	}
	p := find(code)
	if p == nil && programme != "" {
		if p = find(programme); p == nil {
			return code, nil, &Error{Code: EInvalid, Message: "Programme inconnu : " + programme + ".",
				Fields: map[string]string{"programme": "Choisissez un programme du référentiel, ou aucun."}}
		}
	}
	if p == nil {
		return code, nil, nil
	}
	if !p.Confirmed() {
		msg := fmt.Sprintf("Le programme %s attend que l'équipe des examens confirme le CQP auquel il mène : ses stagiaires seront inscrits une fois la correspondance confirmée.", p.Code)
		return code, p, &Error{Code: EInvalid, Message: msg, Fields: map[string]string{"qualification": msg}}
	}
	if code != p.Code && code != "" && code != p.Qualification {
		msg := fmt.Sprintf("Le programme %s mène au CQP %s, pas au CQP %s.", p.Code, p.Qualification, code)
		return code, p, &Error{Code: EInvalid, Message: msg, Fields: map[string]string{"qualification": msg}}
	}
	return p.Qualification, p, nil
}

// Via names a CQP as the journal and the mails do: "GC", or "GC (programme
// GCAM)" when it is reached through a programme.
func Via(qual, programme string) string {
	if programme == "" {
		return qual
	}
	return qual + " (programme " + programme + ")"
}

// CodeOrNone is the programme's code, "" for none (nil).
func (p *Programme) CodeOrNone() string {
	if p == nil {
		return ""
	}
	return p.Code
}
