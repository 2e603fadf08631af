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
		m.Entries = append(m.Entries, CensusMailEntry{Candidate: p.Candidate, Qualification: p.QualificationText(), Blocks: p.BlocksText(),
			PathStart: p.PathStart, PathEnd: p.PathEnd, ConfirmBy: p.ConfirmBy})
	}
	return m
}

// PlanningInvitationMail fills the "planning" mail: the office invites an
// employer to register the participants of a training session (R7).
type PlanningInvitationMail struct {
	TrainingSession    string // the training session's title (DisplayTitle)
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

// PlanningInvitationMailOf builds the invitation of one participant of a
// training session.
func PlanningInvitationMailOf(s TrainingSession, qualTitle string, p Participant, baseURL string) PlanningInvitationMail {
	return PlanningInvitationMail{TrainingSession: s.DisplayTitle(), Qualification: s.Qualification, QualificationTitle: qualTitle, Starts: s.Starts, Ends: s.Ends,
		Period: s.Period.French(), EmployerName: p.EmployerName, Participants: p.Count, RegisterBy: certif.RegistrationDeadline(s.Period),
		Link: link(baseURL, "/candidats")}
}

// PlanningNoticeMail fills the "planning_notice" mail: an employer tells the
// office it registered its Gestionnaire carrière candidates (R7).
type PlanningNoticeMail struct {
	EmployerName    string
	EmployerCode    string
	TrainingSession string // the training session's title (DisplayTitle)
	Qualification   string
	Starts          certif.Date
	Ends            certif.Date
	Period          string
	Registered      int    // its registrations waiting for a jury
	By              string // who told
	Link            string // the training session's page
}

// PlanningNoticeMailOf builds an employer's notice to the office.
func PlanningNoticeMailOf(s TrainingSession, e certif.Employer, registered int, by, baseURL string) PlanningNoticeMail {
	return PlanningNoticeMail{EmployerName: e.Name, EmployerCode: e.Code, TrainingSession: s.DisplayTitle(), Qualification: s.Qualification, Starts: s.Starts, Ends: s.Ends,
		Period: s.Period.French(), Registered: registered, By: by, Link: link(baseURL, fmt.Sprintf("/plannings/%d", s.ID))}
}

func link(baseURL, path string) string { return strings.TrimRight(baseURL, "/") + path }

// DisplayTitle is the training session's title, or its qualification and start.
func (s TrainingSession) DisplayTitle() string {
	if t := strings.TrimSpace(s.Title); t != "" {
		return t
	}
	return fmt.Sprintf("%s du %s", s.Qualification, s.Starts.French())
}
