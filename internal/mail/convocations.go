package mail

import "certibloc/internal/certif"

// ConvocationData fills the "convocation" mail (R13): one per candidate and
// session, to the employer's HR, who forwards it to the candidate; its
// iCalendar invitation is attached. Changed: the session moved or changed
// since a first convocation; Cancelled: it is called off (Reason says why).
type ConvocationData struct {
	Candidate     string // "Léa MARTIN"
	Convened      string // "convoqué" or "convoquée": agreement with the candidate's sex
	Employer      string
	Qualification string // "COS – Conseiller offres de services de la Sécurité sociale"
	Blocks        []string
	Day           certif.Date
	Start, End    string // "9 h", "10 h 30"
	Mode          string // French label
	Tool          string // remote: "Microsoft Teams", "Zoom"
	Link          string // remote: the connection link
	Place         string // in person: site and address
	Bring         []string
	Adjustment    string // granted (R15), "" when none
	Changed       bool
	Cancelled     bool
	Reason        string
	SpaceLink     string // the employer's convocations page
}

// JurySessionData fills the "jury_session" mail: a member's invitation to a
// session, with its candidates and the adjustments to respect (never the
// condition, R15); changed or cancelled as the convocations are.
type JurySessionData struct {
	Member        string
	Seat          string // French label of the member's seat
	Qualification string
	Day           certif.Date
	Start, End    string
	Mode          string
	Tool          string
	Link          string
	Place         string
	Candidates    []JurySessionCandidate
	Changed       bool
	Cancelled     bool
	Reason        string
	SpaceLink     string
}

// JurySessionCandidate is one slot of a member's invitation.
type JurySessionCandidate struct {
	Name       string
	Block      string
	Start, End string
	Adjustment string
}
