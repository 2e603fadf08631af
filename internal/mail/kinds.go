package mail

import (
	"time"

	"certibloc/internal/certif"
)

// InvitationData fills the "invitation" mail: an account was opened for the
// person, who chooses a password through the link.
type InvitationData struct {
	Name      string // "" when unknown
	Email     string
	Role      string // French label of the role
	Employer  string // name of the employer or national fund, "" when none
	Link      string
	ExpiresAt time.Time
}

// PasswordResetData fills the "password_reset" mail.
type PasswordResetData struct {
	Name      string
	Email     string
	Link      string
	ExpiresAt time.Time
}

// TestData fills the "test" mail (certibloc mail test).
type TestData struct {
	SentAt time.Time
	Server string // host:port (security)
}

// AvailabilityRequestData fills the "availability_request" mail: the office,
// or a national fund, asks a jury member for their availability over a
// period (or reminds them).
type AvailabilityRequestData struct {
	Name     string
	From, To certif.Date
	AnswerBy certif.Date
	Fund     string // the national fund that asks ("la CNAF"), "" for the office
	Sender   string // who asks: "l'équipe des examens", "la CNAF"
	Message  string // from the sender, "" when none
	Link     string // the member's availability page of the period's first month
	Reminder bool
}
