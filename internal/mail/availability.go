package mail

import (
	"certibloc/internal/certif"
	"certibloc/internal/store"
)

// AvailabilityRequests writes the mails of availability requests and their
// reminders (store.RequestAvailability, store.RemindAvailability), linking to
// the member's availability page on baseURL.
func AvailabilityRequests(baseURL string) store.AvailabilityMail {
	return func(m certif.JuryMember, r certif.AvailabilityRequest, reminder bool) (store.Mail, error) {
		return Compose("availability_request", AvailabilityRequestData{Name: m.FirstName + " " + m.LastName, From: r.From, To: r.To,
			AnswerBy: r.AnswerBy, Fund: fundOf(r), Sender: r.Sender(), Message: r.Message, Link: baseURL + "/mes-disponibilites?mois=" + r.From.MonthOf().String(), Reminder: reminder}, m.Email)
	}
}

// fundOf names the national fund that sent the request, "" for the office.
func fundOf(r certif.AvailabilityRequest) string {
	if f, ok := certif.NationalFundOf(r.Branch); ok {
		return f.The()
	}
	return ""
}
