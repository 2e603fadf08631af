package store_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

func invitationMail(to string) store.Mail {
	return store.Mail{Kind: "invitation", To: []string{to}, Subject: "Votre compte certibloc", Text: "Lien : https://x/y"}
}

func accountLink(hash string, purpose store.LinkPurpose, expires time.Time) store.AccountLink {
	return store.AccountLink{TokenHash: hash, Purpose: purpose, ExpiresAt: expires}
}

func outboxCount(t *testing.T, st *store.Store) int {
	t.Helper()
	_, n, err := st.OutboxMails(ctx, store.OutboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestInvitationIsAtomic: the account, its link and its mail are written
// together, or not at all.
func TestInvitationIsAtomic(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		office := store.Caller{Actor: store.Actor{Email: "office@test.fr"}, Role: certif.RoleOffice, Scope: store.All}
		week := time.Now().Add(7 * 24 * time.Hour)
		u, err := st.InviteUser(ctx, office, store.NewUser{Email: "Zoe@Test.fr", Name: "Zoé", Role: certif.RoleOffice, PasswordHash: "x"},
			accountLink("h1", store.LinkInvitation, week), invitationMail("zoe@test.fr"))
		if err != nil || u.Email != "zoe@test.fr" {
			t.Fatalf("invitation : %v", err)
		}
		_, err = st.InviteUser(ctx, office, store.NewUser{Email: "zoe@test.fr", Role: certif.RoleOffice, PasswordHash: "x"},
			accountLink("h2", store.LinkInvitation, week), invitationMail("zoe@test.fr"))
		if certif.ErrorFields(err)["email"] != "Adresse déjà utilisée." {
			t.Errorf("doublon : %v", err)
		}
		_, err = st.InviteUser(ctx, office, store.NewUser{Email: "rh@nulle-part.fr", Role: certif.RoleEmployer, EmployerCode: "NULLE", PasswordHash: "x"},
			accountLink("h3", store.LinkInvitation, week), invitationMail("rh@nulle-part.fr"))
		if certif.ErrorCode(err) != certif.EInvalid {
			t.Errorf("employeur inconnu : %v", err)
		}
		if n := outboxCount(t, st); n != 1 {
			t.Errorf("%d courriels en file, 1 attendu : une invitation refusée ne laisse ni compte ni courriel", n)
		}
		if _, _, err := st.UserByEmail(ctx, "rh@nulle-part.fr"); certif.ErrorCode(err) != certif.ENotFound {
			t.Errorf("compte d'une invitation refusée : %v", err)
		}
		invs, err := st.Invitations(ctx, 50)
		if err != nil || len(invs) != 1 || invs[0].User.ID != u.ID || invs[0].Accepted || invs[0].Expired(time.Now()) || !invs[0].Expired(week) {
			t.Errorf("invitations : %+v %v", invs, err)
		}
		if err := st.ReinviteUser(ctx, office, u.ID, accountLink("h4", store.LinkInvitation, week.Add(time.Hour)), invitationMail("zoe@test.fr")); err != nil {
			t.Fatal(err)
		}
		if n := outboxCount(t, st); n != 2 {
			t.Errorf("nouvelle invitation : %d courriels", n)
		}
		if _, err := st.UseAccountLink(ctx, "h1", "hash-choisi"); err != nil {
			t.Fatal(err)
		}
		if err := st.ReinviteUser(ctx, office, u.ID, accountLink("h5", store.LinkInvitation, week), invitationMail("zoe@test.fr")); certif.ErrorCode(err) != certif.EConflict {
			t.Errorf("réinvitation d'un compte actif : %v", err)
		}
		if invs, _ := st.Invitations(ctx, 50); !invs[0].Accepted {
			t.Error("invitation acceptée non signalée")
		}
	})
}

// TestAccountLinkIsSingleUse: a link sets the password once, closes the
// sessions, closes the other links, and says in French why it cannot serve.
func TestAccountLinkIsSingleUse(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		u, err := st.CreateUser(ctx, store.Platform(), store.NewUser{Email: "rh@test.fr", Role: certif.RoleOffice, PasswordHash: "ancien"})
		if err != nil {
			t.Fatal(err)
		}
		hour := time.Now().Add(time.Hour)
		for _, h := range []string{"a", "b"} {
			if err := st.CreatePasswordReset(ctx, u.ID, accountLink(h, store.LinkPasswordReset, hour), invitationMail(u.Email)); err != nil {
				t.Fatal(err)
			}
		}
		if err := st.CreateLoginSession(ctx, "session", u.ID, time.Hour, "127.0.0.1", "test"); err != nil {
			t.Fatal(err)
		}
		if got, purpose, err := st.AccountLinkUser(ctx, "a"); err != nil || got.ID != u.ID || purpose != store.LinkPasswordReset {
			t.Fatalf("lien valable : %v", err)
		}
		if _, err := st.UseAccountLink(ctx, "a", "nouveau"); err != nil {
			t.Fatal(err)
		}
		if _, hash, _ := st.UserByEmail(ctx, u.Email); hash != "nouveau" {
			t.Errorf("mot de passe non remplacé : %q", hash)
		}
		if _, _, err := st.LoginSessionUser(ctx, "session", time.Time{}); certif.ErrorCode(err) != certif.EUnauthorized {
			t.Errorf("les sessions doivent être fermées : %v", err)
		}
		for _, h := range []string{"a", "b"} {
			if _, err := st.UseAccountLink(ctx, h, "encore"); certif.ErrorCode(err) != certif.EConflict || !strings.Contains(certif.ErrorMessage(err), "déjà servi") {
				t.Errorf("lien %s réutilisé : %v", h, err)
			}
		}
		if _, err := st.UseAccountLink(ctx, "inconnu", "x"); certif.ErrorCode(err) != certif.ENotFound || !strings.Contains(certif.ErrorMessage(err), "n'est pas valable") {
			t.Errorf("lien inconnu : %v", err)
		}
		if err := st.CreatePasswordReset(ctx, u.ID, accountLink("c", store.LinkPasswordReset, time.Now().Add(-time.Second)), invitationMail(u.Email)); err != nil {
			t.Fatal(err)
		}
		if _, _, err := st.AccountLinkUser(ctx, "c"); certif.ErrorCode(err) != certif.EConflict || !strings.Contains(certif.ErrorMessage(err), "a expiré le ") {
			t.Errorf("lien expiré : %v", err)
		}
		if err := st.CreatePasswordReset(ctx, u.ID, accountLink("d", store.LinkPasswordReset, hour), invitationMail(u.Email)); err != nil {
			t.Fatal(err)
		}
		if err := st.SetUserDisabled(ctx, store.Platform(), u.ID, true); err != nil {
			t.Fatal(err)
		}
		if _, err := st.UseAccountLink(ctx, "d", "x"); certif.ErrorCode(err) != certif.EForbidden {
			t.Errorf("compte désactivé : %v", err)
		}
		events, err := st.AuditEvents(ctx, store.SystemViewer("test"), store.AuditFilter{Entity: "user", EntityKey: strconv.FormatInt(u.ID, 10)})
		if err != nil {
			t.Fatal(err)
		}
		traced := false
		for _, e := range events {
			traced = traced || (e.Action == "password" && e.Reason == "lien « mot de passe oublié »" && e.UserEmail == u.Email)
		}
		if !traced {
			t.Errorf("changement de mot de passe non tracé : %+v", events)
		}
	})
}

func TestResetRequestsAreCounted(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		since := time.Now().Add(-time.Hour)
		for range 2 {
			if _, _, err := st.RecordResetRequest(ctx, "a@test.fr", "10.0.0.1", since); err != nil {
				t.Fatal(err)
			}
		}
		byEmail, byIP, err := st.RecordResetRequest(ctx, "A@Test.fr", "10.0.0.2", since)
		if err != nil || byEmail != 3 || byIP != 1 {
			t.Errorf("décompte : %d par adresse, %d par poste, %v", byEmail, byIP, err)
		}
		if byEmail, byIP, _ = st.RecordResetRequest(ctx, "b@test.fr", "10.0.0.1", time.Now().Add(time.Minute)); byEmail != 0 || byIP != 0 {
			t.Errorf("fenêtre : %d %d", byEmail, byIP)
		}
	})
}

func TestOutboxListsAndFilters(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		for i, m := range []store.Mail{
			{Kind: "invitation", To: []string{"zoe@test.fr"}, Subject: "Votre compte", Text: "x"},
			{Kind: "reminder", To: []string{"rh@caf69.fr", "paie@caf69.fr"}, Subject: "Relance J-7", Text: "x"},
			{Kind: "reminder", To: []string{"rh@cpam33.fr"}, Subject: "Relance J-1", Text: "x"},
		} {
			if _, err := st.EnqueueMail(ctx, store.Platform(), m); err != nil {
				t.Fatalf("%d : %v", i, err)
			}
		}
		if _, err := st.EnqueueMail(ctx, store.Platform(), store.Mail{Kind: "reminder", Subject: "Sans destinataire"}); certif.ErrorCode(err) != certif.EInvalid {
			t.Errorf("courriel sans destinataire : %v", err)
		}
		claimed, err := st.ClaimMail(ctx, time.Now(), time.Minute, 1)
		if err != nil || len(claimed) != 1 || claimed[0].Kind != "invitation" || claimed[0].Attempts != 1 {
			t.Fatalf("réservation du plus ancien : %+v %v", claimed, err)
		}
		if err := st.FailMail(ctx, claimed[0], "Refus définitif du serveur SMTP : 550 inconnu", true); err != nil {
			t.Fatal(err)
		}
		for name, tc := range map[string]struct {
			f    store.OutboxFilter
			want int
		}{
			"tous":                {store.OutboxFilter{}, 3},
			"en échec":            {store.OutboxFilter{Status: store.MailFailed}, 1},
			"relances":            {store.OutboxFilter{Kind: "reminder"}, 2},
			"destinataire":        {store.OutboxFilter{Search: "PAIE@"}, 1},
			"objet":               {store.OutboxFilter{Search: "j-1"}, 1},
			"page 2 de 2":         {store.OutboxFilter{Page: 2, PerPage: 2}, 1},
			"relances en attente": {store.OutboxFilter{Kind: "reminder", Status: store.MailPending}, 2},
		} {
			rows, total, err := st.OutboxMails(ctx, tc.f)
			if err != nil || len(rows) != tc.want {
				t.Errorf("%s : %d lignes (total %d), %d attendues, %v", name, len(rows), total, tc.want, err)
			}
		}
		rows, _, _ := st.OutboxMails(ctx, store.OutboxFilter{Kind: "reminder"})
		if rows[0].Subject != "Relance J-1" || rows[1].Text != "" || len(rows[1].To) != 2 {
			t.Errorf("liste : du plus récent au plus ancien, sans les corps : %+v", rows)
		}
		counts, err := st.MailCounts(ctx)
		if err != nil || counts[store.MailFailed] != 1 || counts[store.MailPending] != 2 {
			t.Errorf("décomptes : %v %v", counts, err)
		}
		if kinds, err := st.MailKinds(ctx); err != nil || strings.Join(kinds, ",") != "invitation,reminder" {
			t.Errorf("types : %v %v", kinds, err)
		}
		if err := st.ResendMail(ctx, store.Platform(), rows[0].ID); certif.ErrorCode(err) != certif.EConflict {
			t.Errorf("renvoi d'un courriel en attente : %v", err)
		}
		if err := st.ResendMail(ctx, store.Platform(), 999); certif.ErrorCode(err) != certif.ENotFound {
			t.Errorf("renvoi d'un courriel inconnu : %v", err)
		}
		if err := st.ResendMail(ctx, store.Caller{Actor: store.Actor{Email: "office@test.fr"}, Role: certif.RoleOffice, Scope: store.All}, claimed[0].ID); err != nil {
			t.Fatal(err)
		}
		m, err := st.OutboxMailByID(ctx, claimed[0].ID)
		if err != nil || m.Status != store.MailPending || m.Attempts != 0 || m.Text != "x" {
			t.Errorf("après renvoi : %+v %v", m, err)
		}
		if events, _ := st.AuditEvents(ctx, store.SystemViewer("test"), store.AuditFilter{Entity: "mail"}); len(events) != 1 || events[0].UserEmail != "office@test.fr" {
			t.Errorf("renvoi non tracé : %+v", events)
		}
	})
}
