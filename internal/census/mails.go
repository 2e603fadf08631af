package census

import (
	"fmt"
	"strings"

	"certibloc/internal/certif"
)

// The data of the mails of this package, for the templates of package mail
// (census, planning, planning_notice): plain values, dates to format with
// frDate, links ready to follow.

// CensusMail fills the "census" mail: after a census import (R4), the
// trainees the exam office pre-registered for one employer, what to confirm
// or correct, by when, and where.
type CensusMail struct {
	EmployerName string
	EmployerCode string
	Count        int
	Entries      []CensusMailEntry
	Link         string // the employer's page of pre-registrations
}

// CensusMailEntry is one pre-registration in a census mail.
type CensusMailEntry struct {
	Candidate     string // printed identity (R16)
	Qualification string
	Blocks        string // "tous les blocs restant à valider" or "blocs 1, 3"
	PathStart     certif.Date
	PathEnd       certif.Date
	ConfirmBy     certif.Date
}

// CensusMailOf builds the census mail of an employer.
func CensusMailOf(e certif.Employer, entries []PreRegistration, baseURL string) CensusMail {
	m := CensusMail{EmployerName: e.Name, EmployerCode: e.Code, Count: len(entries), Link: link(baseURL, "/pre-inscriptions")}
	for _, p := range entries {
		m.Entries = append(m.Entries, CensusMailEntry{Candidate: p.Candidate, Qualification: p.Qualification, Blocks: p.BlocksText(),
			PathStart: p.PathStart, PathEnd: p.PathEnd, ConfirmBy: p.ConfirmBy})
	}
	return m
}

// InvitationMail fills the "planning" mail: the office invites an employer
// to register the participants of a training session (R7).
type InvitationMail struct {
	Session            string // the session's title
	Qualification      string
	QualificationTitle string
	Starts             certif.Date
	Ends               certif.Date
	Period             string // "septembre 2027"
	EmployerName       string
	Participants       int
	RegisterBy         certif.Date // R6 deadline of the period
	Link               string      // the employer's candidates
}

// InvitationMailOf builds the invitation of one participant of a session.
func InvitationMailOf(s Session, qualTitle string, p Participant, baseURL string) InvitationMail {
	return InvitationMail{Session: s.DisplayTitle(), Qualification: s.Qualification, QualificationTitle: qualTitle, Starts: s.Starts, Ends: s.Ends,
		Period: s.Period.French(), EmployerName: p.EmployerName, Participants: p.Count, RegisterBy: certif.RegistrationDeadline(s.Period),
		Link: link(baseURL, "/candidats")}
}

// NoticeMail fills the "planning_notice" mail: an employer tells the office
// it registered its Gestionnaire carrière candidates (R7).
type NoticeMail struct {
	EmployerName  string
	EmployerCode  string
	Session       string
	Qualification string
	Starts        certif.Date
	Ends          certif.Date
	Period        string
	Registered    int    // its registrations waiting for a jury
	By            string // who told
	Link          string // the session's page
}

// NoticeMailOf builds an employer's notice to the office.
func NoticeMailOf(s Session, e certif.Employer, registered int, by, baseURL string) NoticeMail {
	return NoticeMail{EmployerName: e.Name, EmployerCode: e.Code, Session: s.DisplayTitle(), Qualification: s.Qualification, Starts: s.Starts, Ends: s.Ends,
		Period: s.Period.French(), Registered: registered, By: by, Link: link(baseURL, fmt.Sprintf("/plannings/%d", s.ID))}
}

func link(baseURL, path string) string { return strings.TrimRight(baseURL, "/") + path }

// DisplayTitle is the session's title, or its qualification and start.
func (s Session) DisplayTitle() string {
	if t := strings.TrimSpace(s.Title); t != "" {
		return t
	}
	return fmt.Sprintf("%s du %s", s.Qualification, s.Starts.French())
}
