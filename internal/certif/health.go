package certif

import "strings"

// HealthAccess is how much of a registration's health data (R15: the disability
// box and the adjustments requested) a reader may see.
type HealthAccess int

const (
	// HealthNone: neither the box nor the adjustments.
	HealthNone HealthAccess = iota
	// HealthAdjustments: the adjustments to respect, never the declared
	// condition (the disability box): a jury member of the candidate's session.
	HealthAdjustments
	// HealthFull: the box and the adjustments.
	HealthFull
)

// HealthAccessOf is R15's "only those who must know". concerned says whether
// the reader has a part in this registration: the employer that registered the
// candidate (it requests the adjustments), a jury member of a session the
// candidate sits (they respect the adjustments). The exam office, which
// organises the juries and their adjustments, and the certifier, which decides
// them (article 25 of the training regulation), see them all. Nobody else: not
// another employer (a candidate's former employer included), not a jury member
// of another session, not the candidate's own space.
func HealthAccessOf(role Role, concerned bool) HealthAccess {
	switch {
	case role == RoleOffice || role == RoleCertifier:
		return HealthFull
	case role == RoleEmployer && concerned:
		return HealthFull
	case role == RoleJury && concerned:
		return HealthAdjustments
	}
	return HealthNone
}

// Shown returns what of the registration's health data a reader with this
// access sees.
func (a HealthAccess) Shown(g Registration) Registration {
	switch a {
	case HealthFull:
		return g
	case HealthAdjustments:
		g.Disability = false
		return g
	}
	return g.WithoutHealthData()
}

// CarriesHealthData reports whether a registration holds health data (R15).
func (g Registration) CarriesHealthData() bool {
	return g.Disability || strings.TrimSpace(g.Adjustments) != ""
}

// WithoutHealthData returns the registration with its health data removed.
func (g Registration) WithoutHealthData() Registration {
	g.Disability, g.Adjustments = false, ""
	return g
}

// healthFields are the traced fields whose values are health data (R15).
var healthFields = map[string]bool{"disability": true, "adjustments": true}

// CarriesHealthData reports whether an audit event shows health data (R15): a
// change of the disability box or of the adjustments, its before and after.
func (e AuditEvent) CarriesHealthData() bool {
	return healthFields[e.Field] && (e.Before != "" || e.After != "")
}

// HealthRedacted is what an audit event shows instead of health data its
// reader may not see.
const HealthRedacted = "donnée de santé masquée"

// WithoutHealthData returns the event with its health values masked.
func (e AuditEvent) WithoutHealthData() AuditEvent {
	if e.CarriesHealthData() {
		e.Before, e.After = HealthRedacted, HealthRedacted
	}
	return e
}
