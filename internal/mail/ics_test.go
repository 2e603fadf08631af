package mail_test

import (
	"bytes"
	"mime"
	"testing"
	"time"

	"certibloc/internal/ics"
	"certibloc/internal/mail"
	"certibloc/internal/mail/smtptest"
)

// TestCalendarAttachment sends ".ics" files through a real SMTP server and
// reads back their Content-Type: text/calendar with the method of the content.
func TestCalendarAttachment(t *testing.T) {
	t.Parallel()
	srv := smtptest.Start(t)
	s := newSender(t, srv)
	start := time.Date(2026, 1, 13, 8, 0, 0, 0, time.UTC)
	event := ics.Event{UID: "slot-42@certibloc", Sequence: 1, Start: start, End: start.Add(3 * time.Hour),
		Summary: "Jury professionnel, CQP Gestionnaire conseil", Stamp: start.AddDate(0, 0, -7),
		Organizer: ics.Person{Name: "Bureau des examens", Email: "certification@institutquatredix.fr"},
		Attendees: []ics.Person{{Name: "Hélène Lefèvre", Email: "helene@caf69.fr"}}}
	for i, method := range []ics.Method{ics.Request, ics.Cancel} {
		data, err := ics.Write(method, event)
		if err != nil {
			t.Fatal(err)
		}
		err = s.Send(ctx, mail.Message{MessageID: "ics-" + string(method) + "@certibloc", To: []string{"helene@caf69.fr"},
			Subject: "Convocation", Text: "Bonjour", AttachmentName: "convocation-jury.ics", Attachment: data})
		if err != nil {
			t.Fatal(err)
		}
		got := srv.Wait(i+1, 10*time.Second)
		if len(got) != i+1 {
			t.Fatalf("%d messages received, want %d", len(got), i+1)
		}
		m := got[i]
		if !bytes.Equal(m.Attachments["convocation-jury.ics"], data) {
			t.Errorf("%s: attachment changed on the way:\n%q", method, m.Attachments["convocation-jury.ics"])
		}
		ct := m.Types["convocation-jury.ics"]
		t.Logf("%s: Content-Type: %s", method, ct)
		media, params, err := mime.ParseMediaType(ct)
		if err != nil || media != "text/calendar" || params["charset"] != "utf-8" || params["method"] != string(method) ||
			params["name"] != "convocation-jury.ics" {
			t.Errorf("%s: Content-Type %q (%v)", method, ct, err)
		}
	}
}
