package campaign

import (
	"fmt"
	"strings"

	"certibloc/internal/calendar"
	"certibloc/internal/certif"
	"certibloc/internal/mail"
	"certibloc/internal/store"
)

// MailData fills the "collection_table" and "reminder" mails.
type MailData struct {
	Campaign     certif.Month
	Months       string // "juin 2026, juillet 2026"
	Deadline     certif.Date
	EmployerCode string
	EmployerName string
	Rows         int    // collection_table: registrations listed
	When         string // reminder: "dans 7 jours", "demain", "aujourd'hui"
	Link         string // the campaign's page, "" when the public address is unknown
}

// campaignLink is the address of a campaign's page, "" without a base URL.
func campaignLink(baseURL string, campaign certif.Month) string {
	if baseURL == "" {
		return ""
	}
	return strings.TrimSuffix(baseURL, "/") + "/recueil/" + campaign.String()
}

func mailData(cp calendar.CollectionCampaign, e certif.Employer, baseURL string) MailData {
	return MailData{Campaign: cp.Name, Months: monthsText(cp), Deadline: cp.Deadline, EmployerCode: e.Code, EmployerName: e.Name,
		Link: campaignLink(baseURL, cp.Name)}
}

// tableMail is the mail that sends an employer its collection table, nil
// when the employer has no HR address.
func tableMail(cp calendar.CollectionCampaign, t EmployerTable, content []byte, baseURL string) (*store.Mail, error) {
	if len(t.Employer.HREmails) == 0 {
		return nil, nil
	}
	d := mailData(cp, t.Employer, baseURL)
	d.Rows = len(t.Table.Lines)
	m, err := mail.Compose("collection_table", d, t.Employer.HREmails...)
	if err != nil {
		return nil, err
	}
	m.EmployerID, m.AttachmentName, m.Attachment = t.Employer.ID, Filename(cp.Name, t.Employer.Code), content
	m.DedupKey = fmt.Sprintf("collection_table:%s:%s", cp.Name, t.Employer.Code)
	return &m, nil
}

// reminderMail is the reminder of a stage to an employer.
func reminderMail(cp calendar.CollectionCampaign, e certif.Employer, stage certif.ReminderStage, today certif.Date, baseURL string) (store.Mail, error) {
	d := mailData(cp, e, baseURL)
	d.When = daysText(certif.DaysBetween(today, cp.Deadline))
	m, err := mail.Compose("reminder", d, e.HREmails...)
	m.EmployerID, m.DedupKey = e.ID, ReminderKey(cp.Name, e.Code, stage)
	return m, err
}

// ReminderKey is the dedup key of a reminder in the outbox: each reminder is
// queued once, however often the scheduler runs.
func ReminderKey(campaign certif.Month, employerCode string, stage certif.ReminderStage) string {
	return fmt.Sprintf("reminder:%s:%s:%s", campaign, employerCode, stage.Name)
}

// daysText says in French how far a deadline is.
func daysText(days int) string {
	switch days {
	case 0:
		return "aujourd'hui"
	case 1:
		return "demain"
	}
	return fmt.Sprintf("dans %d jours", days)
}
