package juries_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	ical "github.com/arran4/golang-ical"

	"certibloc/internal/certif"
	"certibloc/internal/clock"
	"certibloc/internal/ics"
	"certibloc/internal/juries"
	"certibloc/internal/seed"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

var ctx = context.Background()

// fixture: two employers of the Famille branch, CAF69 with two COS
// candidates (blocks 1 and 2; one with 30 minutes of extra time granted) and
// a site open on weekdays, and a jury pool from elsewhere, available in June.
type fixture struct {
	st         *store.Store
	today      certif.Date
	office     store.Caller
	from, to   certif.Date
	caf, caf33 certif.Employer
	members    map[string]certif.JuryMember
	regs       []certif.Registration
}

func newFixture(t *testing.T, st *store.Store) fixture {
	t.Helper()
	if _, err := seed.Load(ctx, st); err != nil {
		t.Fatal(err)
	}
	f := fixture{st: st, today: certif.MustDate("2026-02-02"), from: certif.MustDate("2026-06-01"), to: certif.MustDate("2026-06-30"), members: map[string]certif.JuryMember{}}
	f.office = store.Caller{Actor: store.Actor{Email: "examens@institut410.test"}, Role: certif.RoleOffice, Scope: store.All, Today: f.today}
	var err error
	if f.caf, err = st.CreateEmployer(ctx, store.Platform(), certif.Employer{Code: "CAF69", Name: "CAF du Rhône", Type: "CAF", Branch: "famille", HREmails: []string{"rh@caf69.test"}}); err != nil {
		t.Fatal(err)
	}
	if f.caf33, err = st.CreateEmployer(ctx, store.Platform(), certif.Employer{Code: "CAF33", Name: "CAF de la Gironde", Type: "CAF", Branch: "famille"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SaveEmployerSite(ctx, f.office, f.caf.ID, store.EmployerSite{Name: "Accueil Part-Dieu", Address: "67 boulevard Vivier-Merle, 69003 Lyon",
		ReceptionHours: "Du lundi au vendredi, 8 h 30 – 16 h 30", PhoneHours: "Du lundi au vendredi, 9 h – 16 h"}); err != nil {
		t.Fatal(err)
	}
	hr := store.Caller{Actor: store.Actor{Email: "rh@caf69.test"}, Role: certif.RoleEmployer, Scope: store.Scope{EmployerID: f.caf.ID}, Today: f.today}
	for i, who := range []certif.Candidate{
		{EmployerCode: "CAF69", BirthName: "Durand", UsageName: "Martin", FirstNames: []string{"Léa"}, Sex: "F", BirthDate: certif.MustDate("1991-02-03"), BirthINSEE: "69123"},
		{EmployerCode: "CAF69", BirthName: "Petit", FirstNames: []string{"Marc"}, Sex: "M", BirthDate: certif.MustDate("1985-09-30"), BirthINSEE: "33063"},
	} {
		c, err := st.CreateCandidate(ctx, store.PlatformOn(f.today), who)
		if err != nil {
			t.Fatal(err)
		}
		g, err := st.CreateRegistration(ctx, hr, c.ID, certif.RegistrationRequest{Qualification: "COS", Path: certif.PathPartial, Blocks: []int{1, 2},
			CertifiableFrom: certif.MustDate("2026-06-02"), Contract: certif.ContractCDI, Specialty: "Accueil"})
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			if _, err := st.SaveAdjustmentGrant(ctx, f.office, certif.AdjustmentGrant{RegistrationID: g.ID, ExtraMinutes: 30, AccessibleRoom: true}, 0); err != nil {
				t.Fatal(err)
			}
		}
		f.regs = append(f.regs, g)
	}
	trained := certif.MustDate("2025-01-15")
	for key, m := range map[string]certif.JuryMember{
		"certifier": {FirstName: "Claire", LastName: "Roux", Email: "claire.roux@ucanss.test", Roles: []certif.JuryRole{certif.JuryCertifierRep}, Organisation: "Certificateur"},
		"expert":    {FirstName: "Nadia", LastName: "Benali", Email: "nadia.benali@caf33.test", Roles: []certif.JuryRole{certif.JuryExpert}, EmployerID: f.caf33.ID, Qualifications: []string{"COS"}},
		"branch":    {FirstName: "Paul", LastName: "Lefèvre", Email: "paul.lefevre@caf33.test", Roles: []certif.JuryRole{certif.JuryBranchRep}, EmployerID: f.caf33.ID},
		"other":     {FirstName: "Inès", LastName: "Moreau", Email: "ines.moreau@caf33.test", Roles: []certif.JuryRole{certif.JuryExpert}, EmployerID: f.caf33.ID, Qualifications: []string{"COS"}},
	} {
		m.TrainedOn, m.MaxSessions = trained, 10
		saved, err := st.CreateJuryMember(ctx, f.office, m)
		if err != nil {
			t.Fatal(err)
		}
		f.members[key] = saved
		if key == "other" {
			continue
		}
		var halves []certif.HalfDay
		for _, d := range []string{"2026-06-09", "2026-06-10", "2026-06-16"} {
			halves = append(halves, certif.HalfDay{Day: certif.MustDate(d), Half: certif.Morning}, certif.HalfDay{Day: certif.MustDate(d), Half: certif.Afternoon})
		}
		if err := st.SetAvailability(ctx, f.office, saved.ID, f.from, f.to, halves); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

func (f fixture) convener() juries.Convener {
	return juries.Convener{Store: f.st, Clock: clock.Fixed(f.today), BaseURL: "https://certibloc.test", Organizer: ics.Person{Name: "Institut 4.10", Email: "examens@institut410.test"}}
}

func TestR12_PlanAWindowThenConveneAndCancel(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newFixture(t, st)
		run, planned, err := juries.Plan(ctx, st, f.office, f.from, f.to, f.today)
		if err != nil {
			t.Fatal(err)
		}
		if run.Placed != 4 || len(run.Unplaced) != 0 || run.Sessions == 0 {
			t.Fatalf("run: %+v, unplaced %+v", run, planned.Unplaced)
		}
		sessions, err := st.JurySessions(ctx, store.SessionFilter{Scope: store.All, From: f.from, To: f.to})
		if err != nil || len(sessions) != run.Sessions {
			t.Fatalf("sessions %d (%v), want %d", len(sessions), err, run.Sessions)
		}
		ss := sessions[0]
		if ss.Mode != certif.ModeEmployer || ss.EmployerID != f.caf.ID || ss.SiteID == 0 || ss.Status != certif.SessionDraft {
			t.Errorf("R12, R18: COS is observed at the employer's site: %+v", ss)
		}
		for _, sl := range ss.Slots {
			if sl.CandidateName == "Léa MARTIN" && (sl.ExtraMinutes != 30 || sl.Minutes != 90) {
				t.Errorf("R15: the extra time granted lengthens the slot: %+v", sl)
			}
		}
		if list, _ := st.JurySessions(ctx, store.SessionFilter{Scope: store.Scope{EmployerID: f.caf.ID}}); len(list) != 0 {
			t.Errorf("an employer sees drafts: %+v", list)
		}

		// A hand-made change that breaks a rule is refused by the checker.
		bad := ss
		bad.Members[1].MemberID = f.members["other"].ID
		if _, err := f.convener().Change(ctx, f.office, store.SessionUpdate{Session: bad, Version: ss.Version}); err == nil || !strings.Contains(certif.ErrorMessage(err), "disponible") {
			t.Errorf("a member without availability seated: %v", err)
		}

		// Locked sessions survive a new run.
		locked := ss
		locked.Locked = true
		if _, err := f.convener().Change(ctx, f.office, store.SessionUpdate{Session: locked, Version: ss.Version}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := juries.Plan(ctx, st, f.office, f.from, f.to, f.today); err != nil {
			t.Fatal(err)
		}
		kept, err := st.JurySession(ctx, ss.ID, store.All)
		if err != nil || !kept.Locked || len(kept.Slots) != len(ss.Slots) {
			t.Fatalf("re-planning moved a locked session: %+v %v", kept, err)
		}

		convened, err := f.convener().Convene(ctx, f.office, kept.ID, kept.Version)
		if err != nil {
			t.Fatal(err)
		}
		if convened.Status != certif.SessionConvened {
			t.Fatalf("status %s", convened.Status)
		}
		mails, _, err := st.OutboxMails(ctx, store.OutboxFilter{Kind: "convocation"})
		if err != nil || len(mails) != len(kept.Slots) {
			t.Fatalf("R13: one convocation per candidate: %d (%v)", len(mails), err)
		}
		full, err := st.OutboxMailByID(ctx, mails[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		body := string(full.Attachment)
		if full.To[0] != "rh@caf69.test" || !strings.Contains(body, "METHOD:REQUEST") || !strings.Contains(full.Text, "Accueil Part-Dieu") {
			t.Errorf("convocation: %v\n%s\n%s", full.To, full.Text, body)
		}
		checkInvitation(t, full.Attachment, kept)
		if invites, _, _ := st.OutboxMails(ctx, store.OutboxFilter{Kind: "jury_session"}); len(invites) != 3 {
			t.Errorf("one invitation per member: %d", len(invites))
		}
		if list, _ := st.JurySessions(ctx, store.SessionFilter{Scope: store.Scope{EmployerID: f.caf33.ID}}); len(list) != 0 {
			t.Errorf("another employer sees the session: %+v", list)
		}
		if list, _ := st.JurySessions(ctx, store.SessionFilter{Scope: store.Scope{JuryMemberID: f.members["expert"].ID}}); len(list) != 1 {
			t.Errorf("the member sees their session: %+v", list)
		}

		if _, err := f.convener().Cancel(ctx, f.office, convened.ID, convened.Version, " "); certif.ErrorFields(err)["reason"] == "" {
			t.Errorf("a cancellation without reason: %v", err)
		}
		if _, err := f.convener().Cancel(ctx, f.office, convened.ID, convened.Version, "Expert indisponible"); err != nil {
			t.Fatal(err)
		}
		all, _, _ := st.OutboxMails(ctx, store.OutboxFilter{Kind: "convocation"})
		cancels := 0
		for _, m := range all {
			if strings.HasPrefix(m.Subject, "Annulation") {
				cancels++
				full, _ := st.OutboxMailByID(ctx, m.ID)
				if !strings.Contains(string(full.Attachment), "METHOD:CANCEL") || !strings.Contains(string(full.Attachment), "SEQUENCE:1") {
					t.Errorf("cancellation ICS:\n%s", full.Attachment)
				}
			}
		}
		if cancels != len(kept.Slots) {
			t.Errorf("cancellations: %d, want %d", cancels, len(kept.Slots))
		}
	})
}

// checkInvitation reads a convocation's calendar file back with golang-ical's
// parser: one event, its slot's UID, SEQUENCE 0, the slot's start in Paris
// time and the exam office as organizer.
func checkInvitation(t *testing.T, data []byte, ss certif.JurySession) {
	t.Helper()
	cal, err := ical.ParseCalendar(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("fichier d'agenda illisible : %v", err)
	}
	events := cal.Events()
	if len(events) != 1 {
		t.Fatalf("%d événements", len(events))
	}
	ev := events[0]
	var slot certif.Slot
	for _, sl := range ss.Slots {
		if ev.Id() == fmt.Sprintf("slot-%d@certibloc", sl.ID) {
			slot = sl
		}
	}
	start := ev.GetProperty(ical.ComponentPropertyDtStart)
	want := strings.ReplaceAll(ss.HalfDay.Day.String(), "-", "") + "T" + strings.ReplaceAll(slot.Start, ":", "") + "00"
	if slot.ID == 0 || start == nil || start.Value != want || start.ICalParameters["TZID"][0] != "Europe/Paris" ||
		ev.GetProperty(ical.ComponentPropertySequence).Value != "0" || !strings.Contains(ev.GetProperty(ical.ComponentPropertyOrganizer).Value, "examens@institut410.test") {
		t.Errorf("événement : uid %s, début %+v, attendu %s", ev.Id(), start, want)
	}
}
