package store_test

import (
	"strconv"
	"strings"
	"testing"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// TestR14_EmployersProposeExpertsTheOfficeDecides: an employer proposes an
// expert, who sits only once the office accepts (a refusal says why); each
// employer sees its own members and proposals only; a stale edit is refused.
func TestR14_EmployersProposeExpertsTheOfficeDecides(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newRegFixture(t, st)
		expert := certif.JuryMember{FirstName: "Nadia", LastName: "Benali", Email: "Nadia.Benali@CAF69.test", Roles: []certif.JuryRole{certif.JuryExpert},
			Qualifications: []string{"cos", "GC"}, TrainedOn: certif.MustDate("2025-05-12")}
		p, err := st.ProposeJuryMember(ctx, f.hr, expert)
		if err != nil {
			t.Fatal(err)
		}
		if p.Status != certif.MemberProposed || p.EmployerID != f.caf.ID || p.Branch != "famille" || p.Email != "nadia.benali@caf69.test" || p.MaxSessions != certif.DefaultMaxSessions {
			t.Errorf("proposition : %+v", p)
		}
		cos, err := st.Qualification(ctx, "COS")
		if err != nil {
			t.Fatal(err)
		}
		if ok, _ := p.MaySit(certif.JuryExpert, cos, certif.MustDate("2026-03-03")); ok {
			t.Error("un expert proposé ne siège pas avant d'être accepté")
		}
		cpam := store.Scope{EmployerID: f.cpam.ID}
		if _, err := st.JuryMember(ctx, p.ID, cpam); certif.ErrorCode(err) != certif.ENotFound {
			t.Errorf("un autre employeur voit la proposition : %v", err)
		}
		if list, _ := st.JuryMembers(ctx, store.JuryMemberFilter{Scope: cpam}); len(list) != 0 {
			t.Errorf("liste d'un autre employeur : %+v", list)
		}
		if list, _ := st.JuryMembers(ctx, store.JuryMemberFilter{Scope: store.All, Status: certif.MemberProposed}); len(list) != 1 || list[0].ID != p.ID {
			t.Errorf("propositions en attente : %+v", list)
		}
		if _, err := st.DecideJuryMember(ctx, f.office, p.ID, false, " "); certif.ErrorFields(err)["reason"] == "" {
			t.Errorf("un refus sans motif : %v", err)
		}
		m, err := st.DecideJuryMember(ctx, f.office, p.ID, true, "")
		if err != nil || m.Status != certif.MemberActive {
			t.Fatalf("acceptation : %+v %v", m, err)
		}
		if ok, why := m.MaySit(certif.JuryExpert, cos, certif.MustDate("2026-03-03")); !ok {
			t.Errorf("un expert accepté siège : %s", why)
		}
		if _, err := st.DecideJuryMember(ctx, f.office, p.ID, false, "déjà décidé"); certif.ErrorCode(err) != certif.EConflict {
			t.Errorf("une décision déjà prise : %v", err)
		}
		m.Phone = "04 72 00 00 00"
		if _, err := st.SaveJuryMember(ctx, f.office, m, m.Version-1); certif.ErrorCode(err) != certif.EStale {
			t.Errorf("modification sur une version périmée : %v", err)
		}
		if m, err = st.SaveJuryMember(ctx, f.office, m, m.Version); err != nil || m.Phone != "04 72 00 00 00" {
			t.Fatalf("modification : %+v %v", m, err)
		}
		trace, err := st.AuditEvents(ctx, store.Viewer{Actor: f.office.Actor, Role: certif.RoleOffice, Scope: store.All}, store.AuditFilter{Entity: "jury_member", EntityKey: strconv.FormatInt(m.ID, 10)})
		if err != nil || len(trace) < 3 || !strings.Contains(fieldsOf(trace), "status") || !strings.Contains(fieldsOf(trace), "phone") {
			t.Errorf("traces de la fiche : %+v %v", trace, err)
		}
	})
}

// TestR14_AMemberEntersTheirAvailabilityByHalfDay: a member replaces their
// half-days of a period, and only them; the office may too; nobody else.
func TestR14_AMemberEntersTheirAvailabilityByHalfDay(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newRegFixture(t, st)
		m, err := st.CreateJuryMember(ctx, f.office, certif.JuryMember{FirstName: "Claire", LastName: "Vasseur", Email: "claire@ucanss.test",
			Roles: []certif.JuryRole{certif.JuryCertifierRep}, Organisation: "UCANSS (certificateur)"})
		if err != nil {
			t.Fatal(err)
		}
		other, err := st.CreateJuryMember(ctx, f.office, certif.JuryMember{FirstName: "Bruno", LastName: "Lemaître", Email: "bruno@ucanss.test",
			Roles: []certif.JuryRole{certif.JuryCertifierRep}, Organisation: "UCANSS (certificateur)"})
		if err != nil {
			t.Fatal(err)
		}
		self := store.Caller{Actor: store.Actor{Email: m.Email}, Role: certif.RoleJury, Scope: store.Scope{JuryMemberID: m.ID}, Today: f.hr.Today}
		from, to := certif.MustDate("2026-06-01"), certif.MustDate("2026-06-30")
		week := certif.WeekHalfDays(certif.MustDate("2026-06-03"))
		if err := st.SetAvailability(ctx, self, m.ID, from, to, append(week, week[0])); err != nil {
			t.Fatal(err)
		}
		got, err := st.Availability(ctx, m.ID, from, to, self.Scope)
		if err != nil || len(got) != 10 || got[0].String() != "2026-06-01:am" {
			t.Fatalf("disponibilités : %v %v", got, err)
		}
		if err := st.SetAvailability(ctx, f.office, m.ID, certif.MustDate("2026-06-01"), certif.MustDate("2026-06-01"), nil); err != nil {
			t.Fatal(err)
		}
		if got, _ = st.Availability(ctx, m.ID, from, to, store.All); len(got) != 8 || got[0].String() != "2026-06-02:am" {
			t.Errorf("le lundi retiré seulement : %v", got)
		}
		if err := st.SetAvailability(ctx, self, m.ID, from, to, []certif.HalfDay{{Day: certif.MustDate("2026-07-01"), Half: certif.Morning}}); certif.ErrorCode(err) != certif.EInvalid {
			t.Errorf("une demi-journée hors de la période : %v", err)
		}
		past := []certif.HalfDay{{Day: certif.MustDate("2026-05-04"), Half: certif.Morning}}
		if err := st.SetAvailability(ctx, self, m.ID, certif.MustDate("2026-05-01"), to, past); certif.ErrorCode(err) != certif.EInvalid || !strings.Contains(certif.ErrorMessage(err), "est passée") {
			t.Errorf("une demi-journée passée : %v", err)
		}
		if err := st.SetAvailability(ctx, self, other.ID, from, to, week); certif.ErrorCode(err) != certif.ENotFound {
			t.Errorf("les disponibilités d'un autre membre : %v", err)
		}
		if _, err := st.Availability(ctx, m.ID, from, to, store.Scope{EmployerID: f.caf.ID}); certif.ErrorCode(err) != certif.ENotFound {
			t.Errorf("un employeur lit les disponibilités d'un membre qui n'est pas le sien : %v", err)
		}
	})
}

func fieldsOf(events []certif.AuditEvent) string {
	var b strings.Builder
	for _, e := range events {
		b.WriteString(e.Field + " ")
	}
	return b.String()
}

// TestR14_TheOfficeAsksForAvailabilityAndRemindsThoseWhoHaveNotAnswered:
// one mail per member asked; a member who saves their availability of the
// period has answered; the others are reminded once, two days before the date.
func TestR14_TheOfficeAsksForAvailabilityAndRemindsThoseWhoHaveNotAnswered(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newRegFixture(t, st)
		var members []certif.JuryMember
		for _, name := range []string{"Vasseur", "Lemaître"} {
			m, err := st.CreateJuryMember(ctx, f.office, certif.JuryMember{FirstName: "Claire", LastName: name, Email: strings.ToLower(name) + "@ucanss.test",
				Roles: []certif.JuryRole{certif.JuryCertifierRep}, Organisation: "UCANSS (certificateur)"})
			if err != nil {
				t.Fatal(err)
			}
			members = append(members, m)
		}
		compose := func(m certif.JuryMember, r certif.AvailabilityRequest, reminder bool) (store.Mail, error) {
			subject := "Vos disponibilités"
			if reminder {
				subject = "Relance"
			}
			return store.Mail{Subject: subject, Text: m.Name()}, nil
		}
		req := certif.AvailabilityRequest{From: certif.MustDate("2026-06-01"), To: certif.MustDate("2026-06-30"), AnswerBy: certif.MustDate("2026-05-25")}
		if _, err := st.RequestAvailability(ctx, f.office, req, nil, compose); certif.ErrorFields(err)["members"] == "" {
			t.Errorf("une demande sans membre : %v", err)
		}
		r, err := st.RequestAvailability(ctx, f.office, req, []int64{members[0].ID, members[1].ID, members[0].ID}, compose)
		if err != nil || r.Members != 2 {
			t.Fatalf("demande : %+v %v", r, err)
		}
		if _, n, _ := st.OutboxMails(ctx, store.OutboxFilter{Kind: "availability_request"}); n != 2 {
			t.Errorf("courriels de demande : %d", n)
		}
		self := store.Caller{Actor: store.Actor{Email: members[0].Email}, Role: certif.RoleJury, Scope: store.Scope{JuryMemberID: members[0].ID}, Today: f.hr.Today}
		if err := st.SetAvailability(ctx, self, members[0].ID, certif.MustDate("2026-06-01"), certif.MustDate("2026-06-30"), nil); err != nil {
			t.Fatal(err)
		}
		got, asked, err := st.AvailabilityRequest(ctx, r.ID, store.All)
		if err != nil || got.Answered != 1 || len(asked) != 2 || asked[0].ID != members[1].ID || asked[0].Answered || !asked[1].Answered {
			t.Fatalf("réponses : %+v %+v %v", got, asked, err)
		}
		if n, err := st.RemindAvailability(ctx, certif.MustDate("2026-05-20"), compose); err != nil || n != 0 {
			t.Errorf("relance trop tôt : %d %v", n, err)
		}
		for range 2 {
			n, err := st.RemindAvailability(ctx, certif.MustDate("2026-05-23"), compose)
			if err != nil {
				t.Fatal(err)
			}
			if _, total, _ := st.OutboxMails(ctx, store.OutboxFilter{Kind: "availability_request"}); total != 3 {
				t.Errorf("une seule relance, à celui qui n'a pas répondu : %d courriels (%d ce tour)", total, n)
			}
		}
	})
}
