package certif

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// RegistrationWindow is a period during which employers register, change and
// delete registrations: the campaign model of 2022 (R1), when a census window
// ("du lundi 22 août au vendredi 9 septembre 2022") preceded each session. A
// window may concern one qualification and/or one certification period;
// empty means every one.
//
// Where a window governs a registration, it replaces the deadlines of the
// all-year model: inside it the employer registers, changes and deletes
// whatever the 3-month rule (R6) and the change deadline (R20) say; outside
// it only the exam office can, and what it does there is traced. Where no
// window governs (the default: none configured), R6 and R20 apply, as
// certification runs all year round since 2023.
type RegistrationWindow struct {
	ID            int64  `json:"id"`
	Opens         Date   `json:"opens"`
	Closes        Date   `json:"closes"`
	Qualification string `json:"qualification,omitempty"` // "" for every qualification
	Period        Month  `json:"period,omitzero"`         // zero for every certification period
	Label         string `json:"label,omitempty"`         // "Session de décembre 2022"
}

// MaxWindowLabelLength bounds the label of a window.
const MaxWindowLabelLength = 200

// Governs reports whether the window rules registrations to qualification
// qual for certification period p.
func (w RegistrationWindow) Governs(qual string, p Month) bool {
	return (w.Qualification == "" || w.Qualification == qual) && (w.Period.IsZero() || w.Period == p)
}

// Contains reports whether day d is inside the window (both ends included).
func (w RegistrationWindow) Contains(d Date) bool {
	return !d.Before(w.Opens) && !d.After(w.Closes)
}

// Scope describes in French what the window concerns.
func (w RegistrationWindow) Scope() string {
	q := "toutes les certifications"
	if w.Qualification != "" {
		q = "CQP " + w.Qualification
	}
	if w.Period.IsZero() {
		return q + ", toutes périodes"
	}
	return q + ", période de " + w.Period.French()
}

// Validate checks a window as the exam office enters it.
func (w RegistrationWindow) Validate() error {
	var v Validation
	if w.Opens.IsZero() {
		v.Add("opens", "Indiquez la date d'ouverture de la fenêtre.")
	}
	if w.Closes.IsZero() {
		v.Add("closes", "Indiquez la date de fermeture de la fenêtre.")
	}
	if !w.Opens.IsZero() && !w.Closes.IsZero() && w.Closes.Before(w.Opens) {
		v.Add("closes", "La fenêtre ferme avant d'ouvrir : la date de fermeture doit suivre la date d'ouverture.")
	}
	if utf8.RuneCountInString(w.Label) > MaxWindowLabelLength {
		v.Add("label", fmt.Sprintf("Le libellé ne doit pas dépasser %d caractères.", MaxWindowLabelLength))
	}
	return v.Err()
}

// Windows is the configured set of registration windows; an empty set is the
// all-year model of 2023 and after.
type Windows []RegistrationWindow

// Governing returns the windows that rule registrations to qual for period p.
func (ws Windows) Governing(qual string, p Month) Windows {
	var out Windows
	for _, w := range ws {
		if w.Governs(qual, p) {
			out = append(out, w)
		}
	}
	return out
}

// Governs reports whether some window rules registrations to qual for period p.
func (ws Windows) Governs(qual string, p Month) bool { return len(ws.Governing(qual, p)) > 0 }

// Check applies R1 to registering, changing or deleting a registration to
// qual whose blocks are evaluated in the given periods, on day today: where a
// window governs a period, the day must be inside one of its windows, unless
// the exam office acts (then outside reports it, for the trace). Periods that
// no window governs are left to R6 and R20.
func (ws Windows) Check(byOffice bool, qual string, periods []Month, today Date) (outside bool, err error) {
	for _, p := range periods {
		gov := ws.Governing(qual, p)
		if len(gov) == 0 || slices.ContainsFunc(gov, func(w RegistrationWindow) bool { return w.Contains(today) }) {
			continue
		}
		if !byOffice {
			return true, errOutsideWindow(qual, p, gov, today)
		}
		outside = true
	}
	return outside, nil
}

// errOutsideWindow refuses an employer's registration or change outside the
// windows that govern it, naming them and the next opening.
func errOutsideWindow(qual string, p Month, gov Windows, today Date) error {
	var spans []string
	var next Date
	for _, w := range gov {
		spans = append(spans, fmt.Sprintf("du %s au %s", w.Opens.French(), w.Closes.French()))
		if w.Opens.After(today) && (next.IsZero() || w.Opens.Before(next)) {
			next = w.Opens
		}
	}
	msg := fmt.Sprintf("Les inscriptions au CQP %s pour la période %s se font pendant la fenêtre d'inscription (%s) : en dehors, seule l'équipe des examens peut inscrire, modifier ou supprimer.",
		qual, OfMonth(p), strings.Join(spans, ", "))
	if !next.IsZero() {
		msg += fmt.Sprintf(" Prochaine ouverture : le %s.", next.French())
	}
	return &Error{Code: EForbidden, Message: msg, Fields: map[string]string{"certifiable_from": msg}}
}

// Periods lists the periods of planned attempts, each once, in order.
func (p Plan) Periods() []Month {
	var out []Month
	for _, a := range p.Attempts {
		if !slices.Contains(out, a.Period) {
			out = append(out, a.Period)
		}
	}
	return out
}

// PendingPeriods lists the periods of the registration's blocks that still wait
// for their jury, each once, in order.
func (reg Registration) PendingPeriods() []Month {
	var out []Month
	for _, a := range reg.Attempts {
		if a.Status.InProgress() && !slices.Contains(out, a.Period) {
			out = append(out, a.Period)
		}
	}
	return out
}

// ungoverned keeps the planned attempts whose period no window governs: R6
// rules them.
func (ws Windows) ungoverned(qual string, attempts []PlannedAttempt) []PlannedAttempt {
	var out []PlannedAttempt
	for _, a := range attempts {
		if !ws.Governs(qual, a.Period) {
			out = append(out, a)
		}
	}
	return out
}

// withoutGoverned keeps the registration's attempts whose period no window
// governs: R20 rules them.
func (ws Windows) withoutGoverned(reg Registration) Registration {
	var kept []BlockAttempt
	for _, a := range reg.Attempts {
		if !ws.Governs(reg.Qualification, a.Period) {
			kept = append(kept, a)
		}
	}
	reg.Attempts = kept
	return reg
}
