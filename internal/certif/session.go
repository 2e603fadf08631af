package certif

import (
	"fmt"
	"net/url"
	"strings"
)

// JurySession is a professional jury (R12, R14): one qualification, one
// half-day, remote or in person, three members and one slot per block
// attempt. It goes draft → convened → held → closed, or is cancelled.
type JurySession struct {
	ID            int64
	Qualification string
	HalfDay       HalfDay
	Mode          SessionMode
	RemoteTool    RemoteTool // remote: Teams, or Zoom for Assurance Maladie (R12)
	Link          string     // remote: the connection link
	EmployerID    int64      // in person at the employer: the host
	EmployerCode  string
	SiteID        int64  // in person at the employer: the site
	InstituteID   int64  // in person at an Institut 4.10 site
	Place         string // the site's name and address, as convocations print it
	Status        SessionStatus
	Locked        bool // the planner never moves it
	Sequence      int  // iCalendar SEQUENCE of its invitations
	CancelReason  string
	Members       [3]SessionMember // by seat, in the order of JuryRoles
	Slots         []Slot           // those the reader may see
	Candidates    int              // how many sit, whoever reads (an employer sees its own slots, a national fund none)
	Version       int
}

// Unseen is how many of the session's candidates the reader does not see.
func (s JurySession) Unseen() int { return s.Candidates - len(s.Slots) }

// SessionMember is the member holding one seat of a session.
type SessionMember struct {
	Role     JuryRole
	MemberID int64
	Name     string
	Email    string
}

// Slot is one block attempt in a session: its start, Paris time, and its
// length, the block's plus the extra time granted (R15).
type Slot struct {
	ID            int64
	SessionID     int64
	AttemptID     int64
	CandidateID   int64
	CandidateName string
	EmployerID    int64
	EmployerCode  string
	Block         int
	Start         string // "HH:MM"
	Minutes       int
	ExtraMinutes  int
	Sequence      int
}

// End is the slot's end time, "HH:MM".
func (s Slot) End() string { return ClockTime(ParseClock(s.Start) + s.Minutes) }

// SessionMode is where a professional jury sits (R12).
type SessionMode string

const (
	ModeRemote    SessionMode = "remote"    // by video (Teams, Zoom)
	ModeEmployer  SessionMode = "employer"  // in person at the candidate's employer
	ModeInstitute SessionMode = "institute" // in person at an Institut 4.10 site
)

// SessionModes lists the modes, remote first as R12 prefers.
var SessionModes = []SessionMode{ModeRemote, ModeEmployer, ModeInstitute}

// Label is the French name of the mode.
func (m SessionMode) Label() string {
	switch m {
	case ModeRemote:
		return "À distance"
	case ModeEmployer:
		return "En présentiel chez l'employeur"
	case ModeInstitute:
		return "En présentiel à l'Institut 4.10"
	}
	return string(m)
}

// RemoteTool is the video-conferencing tool of a remote session.
type RemoteTool string

const (
	ToolTeams RemoteTool = "teams"
	ToolZoom  RemoteTool = "zoom"
)

// Label is the tool's name.
func (t RemoteTool) Label() string {
	switch t {
	case ToolTeams:
		return "Microsoft Teams"
	case ToolZoom:
		return "Zoom"
	}
	return string(t)
}

// SessionStatus is where a session stands in its life.
type SessionStatus string

const (
	SessionDraft     SessionStatus = "draft"     // planned, not yet announced: the planner may move it
	SessionConvened  SessionStatus = "convened"  // convocations sent
	SessionHeld      SessionStatus = "held"      // the jury sat; evaluations under way
	SessionClosed    SessionStatus = "closed"    // every slot has its confirmed proposal
	SessionCancelled SessionStatus = "cancelled" // called off; its attempts return to planning
)

// SessionStatuses lists the statuses in the order of their life.
var SessionStatuses = []SessionStatus{SessionDraft, SessionConvened, SessionHeld, SessionClosed, SessionCancelled}

// Label is the French name of the status.
func (s SessionStatus) Label() string {
	switch s {
	case SessionDraft:
		return "Brouillon"
	case SessionConvened:
		return "Convoquée"
	case SessionHeld:
		return "Tenue"
	case SessionClosed:
		return "Close"
	case SessionCancelled:
		return "Annulée"
	}
	return string(s)
}

// Live reports whether the session still holds its attempts: not cancelled.
func (s SessionStatus) Live() bool { return s != SessionCancelled && s != "" }

// Movable reports whether the planner may still change or remove the
// session: a draft that nobody locked. A convened session is never moved by
// the planner (issue 12: re-planning keeps locked and convened sessions).
func (s JurySession) Movable() bool { return s.Status == SessionDraft && !s.Locked }

// Editable reports whether the office may still change the session by hand
// (its slots, members, place): before it is held.
func (s JurySession) Editable() bool {
	return s.Status == SessionDraft || s.Status == SessionConvened
}

// CheckTransition says whether a session may go from its status to next, and
// why not, in French.
func (s JurySession) CheckTransition(next SessionStatus) error {
	ok := false
	switch next {
	case SessionConvened:
		ok = s.Status == SessionDraft
	case SessionHeld:
		ok = s.Status == SessionConvened
	case SessionClosed:
		ok = s.Status == SessionHeld
	case SessionCancelled:
		ok = s.Status == SessionDraft || s.Status == SessionConvened
	}
	if !ok {
		return Errorf(EConflict, "Une séance « %s » ne peut pas passer à « %s ».", strings.ToLower(s.Status.Label()), strings.ToLower(next.Label()))
	}
	return nil
}

// CheckConvocation applies R12 and R13 before convocations go out: a remote
// session has its connection link, an in-person one its place, every seat is
// held and there is at least one candidate.
func (s JurySession) CheckConvocation() error {
	var v Validation
	switch s.Mode {
	case ModeRemote:
		if s.Link == "" {
			v.Add("link", "Une séance à distance a son lien de connexion : il figure sur les convocations.")
		}
	case ModeEmployer:
		if s.SiteID == 0 {
			v.Add("site_id", "Choisissez le site de l'employeur où siège le jury.")
		}
	case ModeInstitute:
		if s.InstituteID == 0 {
			v.Add("institute_site_id", "Choisissez le site de l'Institut 4.10 où siège le jury.")
		}
	}
	for _, m := range s.Members {
		if m.MemberID == 0 {
			v.Add("members", "Les trois sièges du jury sont pourvus avant de convoquer.")
			break
		}
	}
	if len(s.Slots) == 0 {
		v.Add("slots", "Une séance sans candidat ne se convoque pas.")
	}
	return v.Err()
}

// ValidLink reports whether a connection link is an https URL.
func ValidLink(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme == "https" && u.Host != ""
}

// DefaultRemoteTool is the tool of a remote session for a branch (R12): Zoom
// for Assurance Maladie, Teams for the others.
func DefaultRemoteTool(branchTool string) RemoteTool {
	if strings.EqualFold(strings.TrimSpace(branchTool), string(ToolZoom)) {
		return ToolZoom
	}
	return ToolTeams
}

// Member returns the member holding a seat.
func (s JurySession) Member(role JuryRole) SessionMember {
	for _, m := range s.Members {
		if m.Role == role {
			return m
		}
	}
	return SessionMember{Role: role}
}

// Sits reports whether a member holds a seat in the session.
func (s JurySession) Sits(memberID int64) bool {
	for _, m := range s.Members {
		if m.MemberID == memberID && memberID != 0 {
			return true
		}
	}
	return false
}

// Title is the session as lists name it: "GC — mardi 03/03/2026 matin".
func (s JurySession) Title() string { return s.Qualification + " — " + s.HalfDay.French() }

// ParseClock reads "HH:MM" as minutes since midnight (-1 when invalid).
func ParseClock(s string) int {
	var h, m int
	if _, err := fmt.Sscanf(s, "%d:%d", &h, &m); err != nil || len(s) != 5 || h > 23 || m > 59 || h < 0 || m < 0 {
		return -1
	}
	return h*60 + m
}

// ClockTime writes minutes since midnight as "HH:MM".
func ClockTime(minutes int) string { return fmt.Sprintf("%02d:%02d", minutes/60, minutes%60) }
