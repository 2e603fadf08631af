package store

import (
	"errors"

	"certibloc/internal/certif"
)

// Caller is who writes to the store, and when: the actor the audit trail
// records, its role and scope, the day the rules see and, when the change
// takes effect on another day, that day; and why it is made. Every write
// method takes one.
type Caller struct {
	Actor Actor
	Role  certif.Role
	Scope Scope
	// Today is the day the rules see: deadlines (R5, R6, R20), windows
	// (R1), ages.
	Today certif.Date
	// EffectiveOn is the day the change takes effect when it is not Today:
	// a collection table the office received earlier (R5 lateness is
	// decided by that day). Zero means Today; see On.
	EffectiveOn certif.Date
	// Reason is why, traced with the change: the office's R6 override, a
	// correction, a deletion, a back-dated return…
	Reason string
}

// CallerOf is a logged-in user writing on a day: its actor, role and scope
// (ScopeOf). Without a user it sees nothing.
func CallerOf(u *certif.User, today certif.Date) Caller {
	if u == nil {
		return Caller{Actor: System, Scope: Nobody, Today: today}
	}
	return Caller{Actor: ActorOf(u), Role: u.Role, Scope: ScopeOf(u), Today: today}
}

// Platform is the platform itself (seeding, the command line, tests) as the
// office, seeing everything, for writes no rule of a day governs (the
// referential, the calendar, accounts, mails). It has no day: a write whose
// rules need one refuses it rather than validate against a zero date; use
// PlatformOn for those.
func Platform() Caller {
	return Caller{Actor: System, Role: certif.RoleOffice, Scope: All}
}

// PlatformOn is Platform on the day the rules see.
func PlatformOn(today certif.Date) Caller {
	c := Platform()
	c.Today = today
	return c
}

// Because returns the caller with the reason of its change, as given.
func (c Caller) Because(reason string) Caller {
	c.Reason = reason
	return c
}

// On is the day the change takes effect: EffectiveOn, Today when it is zero.
func (c Caller) On() certif.Date {
	if c.EffectiveOn.IsZero() {
		return c.Today
	}
	return c.EffectiveOn
}

// viewer is the reader of what the change shows back.
func (c Caller) viewer(where string) Viewer {
	return Viewer{Actor: c.Actor, Role: c.Role, Scope: c.Scope, Where: where}
}

// errUndated refuses a write whose rules need a day from a caller without one.
var errUndated = errors.New("store: this write applies the rules of a day and its caller has none (use store.PlatformOn or store.CallerOf)")

// dated refuses a caller without a day, for the writes whose rules need one.
func (c Caller) dated() error {
	if c.Today.IsZero() {
		return errUndated
	}
	return nil
}
