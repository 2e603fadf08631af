package store_test

import (
	"strings"
	"testing"

	"certibloc/internal/census"
	"certibloc/internal/certif"
	"certibloc/internal/mail"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

type planningFixture struct {
	st               *store.Store
	urssaf, carsat   certif.Employer
	caf              certif.Employer
	office, hrCarsat store.Caller
	invitations      store.TrainingInvitationComposer
	notice           store.TrainingNoticeComposer
}

func newPlanningFixture(t *testing.T, st *store.Store) *planningFixture {
	t.Helper()
	seeded(t, st)
	today := certif.MustDate("2026-05-15")
	f := &planningFixture{st: st}
	var err error
	for _, e := range []struct {
		dst *certif.Employer
		emp certif.Employer
	}{
		{&f.urssaf, certif.Employer{Code: "URSSAF69", Name: "URSSAF Rhône-Alpes", Type: "URSSAF", Branch: "recouvrement", HREmails: []string{"rh@urssaf69.test"}}},
		{&f.carsat, certif.Employer{Code: "CARSAT69", Name: "CARSAT Rhône-Alpes", Type: "CARSAT", Branch: "retraite", HREmails: []string{"rh@carsat69.test"}}},
		{&f.caf, certif.Employer{Code: "CAF69", Name: "CAF du Rhône", Type: "CAF", Branch: "famille", HREmails: []string{"rh@caf69.test"}}},
	} {
		if *e.dst, err = st.CreateEmployer(ctx, store.Platform(), e.emp); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.CreateUser(ctx, store.Platform(), store.NewUser{Email: "examens@i410.test", Role: certif.RoleOffice, PasswordHash: "h"}); err != nil {
		t.Fatal(err)
	}
	f.office = store.Caller{Actor: store.Actor{Email: "office@test.fr"}, Role: certif.RoleOffice, Scope: store.All, Today: today}
	f.hrCarsat = store.Caller{Actor: store.Actor{Email: "rh@carsat69.test"}, Role: certif.RoleEmployer, Scope: store.Scope{EmployerID: f.carsat.ID}, Today: today}
	f.invitations = func(s census.TrainingSession, q certif.Qualification, p census.Participant) (store.Mail, error) {
		return mail.Compose("planning", census.PlanningInvitationMailOf(s, q.Title, p, "http://certibloc.test"))
	}
	f.notice = func(s census.TrainingSession, e certif.Employer, n int) (store.Mail, error) {
		return mail.Compose("planning_notice", census.PlanningNoticeMailOf(s, e, n, "rh@carsat69.test", "http://certibloc.test"))
	}
	return f
}

func (f *planningFixture) mails(t *testing.T, kind string) int {
	t.Helper()
	_, n, err := f.st.OutboxMails(ctx, store.OutboxFilter{Kind: kind})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func irSession(participants ...census.Participant) census.TrainingSession {
	return census.TrainingSession{Qualification: "ir", Title: "Promotion IR 2026", Starts: certif.MustDate("2026-01-12"), Ends: certif.MustDate("2026-11-20"),
		Period: certif.MustMonth("2026-12"), Participants: participants}
}

func TestR7_TrainingPlannings(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newPlanningFixture(t, st)
		if _, err := st.SaveTrainingSession(ctx, f.office, census.TrainingSession{Qualification: "COS", Starts: certif.MustDate("2026-01-12"), Ends: certif.MustDate("2026-02-12"),
			Period: certif.MustMonth("2026-03"), Participants: []census.Participant{{EmployerCode: "NOPE", Count: 1}}}); certif.ErrorFields(err)["qualification"] == "" {
			t.Errorf("planning d'un CQP hors voie R7 : %v", err)
		}
		if _, err := st.SaveTrainingSession(ctx, f.office, irSession(census.Participant{EmployerCode: "NOPE", Count: 1})); !strings.Contains(certif.ErrorFields(err)["participants"], "NOPE") {
			t.Errorf("employeur inconnu : %v", err)
		}
		s, err := st.SaveTrainingSession(ctx, f.office, irSession(census.Participant{EmployerCode: "urssaf69", Count: 3}))
		if err != nil {
			t.Fatal(err)
		}
		t.Run("InviteQueuesOneMailPerEmployerOnce", func(t *testing.T) {
			invited, warnings, err := st.InviteTrainingSessionEmployers(ctx, f.office, s.ID, f.invitations)
			if err != nil || len(invited) != 1 || invited[0] != "URSSAF69" || len(warnings) != 0 || f.mails(t, "planning") != 1 {
				t.Fatalf("invitation : %v %v %v", invited, warnings, err)
			}
			if _, _, err := st.InviteTrainingSessionEmployers(ctx, f.office, s.ID, f.invitations); certif.ErrorCode(err) != certif.EConflict || f.mails(t, "planning") != 1 {
				t.Errorf("deuxième clic : %v, %d courriel(s)", err, f.mails(t, "planning"))
			}
			got, err := st.TrainingSession(ctx, s.ID, store.All)
			if err != nil || !got.Participants[0].Invited() {
				t.Errorf("invitation enregistrée sur la session : %+v %v", got, err)
			}
			// A new employer added to the session: the next invitation reaches it only.
			s.Participants = append(got.Participants, census.Participant{EmployerCode: "CAF69", Count: 1})
			if s, err = st.SaveTrainingSession(ctx, f.office, s); err != nil {
				t.Fatal(err)
			}
			invited, _, err = st.InviteTrainingSessionEmployers(ctx, f.office, s.ID, f.invitations)
			if err != nil || len(invited) != 1 || invited[0] != "CAF69" || f.mails(t, "planning") != 2 {
				t.Errorf("invitation du nouvel employeur : %v %v", invited, err)
			}
			s.Participants = s.Participants[1:]
			if _, err := st.SaveTrainingSession(ctx, f.office, s); certif.ErrorCode(err) != certif.EConflict {
				t.Errorf("retirer un employeur invité : %v", err)
			}
			events, _ := st.AuditEvents(ctx, store.SystemViewer("test"), store.AuditFilter{Entity: "training_session", EntityKey: idText(s.ID)})
			if !hasEvent(events, "training_session", "invite") || !hasEvent(events, "training_session", "create") {
				t.Errorf("invitations tracées : %+v", events)
			}
		})
		t.Run("EmployerSeesItsSessionsOnly", func(t *testing.T) {
			list, err := st.TrainingSessions(ctx, store.TrainingSessionFilter{Scope: store.Scope{EmployerID: f.caf.ID}})
			if err != nil || len(list) != 1 || len(list[0].Participants) != 1 || list[0].Participants[0].EmployerCode != "CAF69" {
				t.Errorf("sessions de CAF69 : %+v %v", list, err)
			}
			if _, err := st.TrainingSession(ctx, s.ID, f.hrCarsat.Scope); certif.ErrorCode(err) != certif.ENotFound {
				t.Errorf("session d'un autre employeur : %v", err)
			}
		})
		t.Run("GestionnaireCarriereEmployerTellsTheOffice", func(t *testing.T) {
			g, err := st.SaveTrainingSession(ctx, f.office, census.TrainingSession{Qualification: "GCAR", Starts: certif.MustDate("2026-03-02"), Ends: certif.MustDate("2026-10-16"),
				Period: certif.MustMonth("2026-11"), Participants: []census.Participant{{EmployerCode: "CARSAT69", Count: 2}}})
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := st.InviteTrainingSessionEmployers(ctx, f.office, g.ID, f.invitations); certif.ErrorCode(err) != certif.EConflict {
				t.Errorf("pas d'invitation pour Gestionnaire carrière : %v", err)
			}
			if err := st.NotifyTrainingSessionRegistered(ctx, f.hrCarsat, g.ID, f.notice); !strings.Contains(certif.ErrorMessage(err), "inscrivez-les d'abord") {
				t.Errorf("signalement sans inscription : %v", err)
			}
			c, err := st.CreateCandidate(ctx, store.PlatformOn(f.office.Today), certif.Candidate{EmployerCode: "CARSAT69", BirthName: "Morel", FirstNames: []string{"Paul"}, Sex: "M",
				BirthDate: certif.MustDate("1988-02-02"), BirthINSEE: "69123"})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := st.CreateRegistration(ctx, f.hrCarsat, c.ID, certif.RegistrationRequest{Qualification: "GCAR", Path: certif.PathComplete,
				CertifiableFrom: certif.MustDate("2026-11-02"), Contract: certif.ContractCDI}); err != nil {
				t.Fatal(err)
			}
			if err := st.NotifyTrainingSessionRegistered(ctx, f.hrCarsat, s.ID, f.notice); certif.ErrorCode(err) != certif.ENotFound {
				t.Errorf("signalement sur la session d'un autre : %v", err)
			}
			if err := st.NotifyTrainingSessionRegistered(ctx, f.hrCarsat, g.ID, f.notice); err != nil {
				t.Fatal(err)
			}
			mails, _, _ := st.OutboxMails(ctx, store.OutboxFilter{Kind: "planning_notice"})
			if len(mails) != 1 || strings.Join(mails[0].To, ",") != "examens@i410.test" {
				t.Errorf("courriel aux comptes de l'équipe des examens : %+v", mails)
			}
			if err := st.NotifyTrainingSessionRegistered(ctx, f.hrCarsat, g.ID, f.notice); !strings.Contains(certif.ErrorMessage(err), "déjà signalé") || f.mails(t, "planning_notice") != 1 {
				t.Errorf("deuxième signalement : %v", err)
			}
			got, _ := st.TrainingSession(ctx, g.ID, store.All)
			if p := got.Participants[0]; !p.Notified() || p.NotifiedBy != "rh@carsat69.test" {
				t.Errorf("signalement enregistré : %+v", p)
			}
			// With the office address configured, the mail goes there.
			if err := st.SetSetting(ctx, store.OfficeEmailSetting, "Certification@Institut.test"); err != nil {
				t.Fatal(err)
			}
			g2, err := st.SaveTrainingSession(ctx, f.office, census.TrainingSession{Qualification: "GCAR", Starts: certif.MustDate("2026-04-01"), Ends: certif.MustDate("2026-10-16"),
				Period: certif.MustMonth("2026-11"), Participants: []census.Participant{{EmployerCode: "CARSAT69", Count: 1}}})
			if err != nil {
				t.Fatal(err)
			}
			if err := st.NotifyTrainingSessionRegistered(ctx, f.hrCarsat, g2.ID, f.notice); err != nil {
				t.Fatal(err)
			}
			mails, _, _ = st.OutboxMails(ctx, store.OutboxFilter{Kind: "planning_notice"})
			if len(mails) != 2 || mails[0].To[0] != "certification@institut.test" {
				t.Errorf("adresse de l'équipe configurée : %+v", mails)
			}
		})
	})
}
