package store_test

import (
	"testing"
	"time"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

const day = 24 * time.Hour

// tokenOwner creates an account and fixes the store's clock at a known
// moment, restored at cleanup; it returns the account and a way to move the
// clock.
func tokenOwner(t *testing.T, st *store.Store) (*certif.User, func(time.Time)) {
	t.Helper()
	u, err := st.CreateUser(ctx, store.Platform(), store.NewUser{Email: "script@test.fr", Role: certif.RoleOffice, PasswordHash: "h"})
	if err != nil {
		t.Fatal(err)
	}
	set := func(at time.Time) { st.SetClock(func() time.Time { return at }) }
	set(time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC))
	t.Cleanup(func() { st.SetClock(time.Now) })
	return u, set
}

// TestAPITokensExpire: a token opens the API until the end of its lifetime,
// then is refused with the French message of the API; the list says when it
// expires and that it has.
func TestAPITokensExpire(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		u, setNow := tokenOwner(t, st)
		created := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
		tok, err := st.CreateAPIToken(ctx, store.Platform(), u.ID, "h-script", "script", 30*day)
		if err != nil || !tok.ExpiresAt.Equal(created.Add(30*day)) {
			t.Fatalf("jeton : %+v %v", tok, err)
		}
		setNow(created.Add(30*day - time.Second))
		if got, _, err := st.TokenUser(ctx, "h-script"); err != nil || got.ID != u.ID {
			t.Fatalf("jeton encore valable refusé : %v", err)
		}
		setNow(created.Add(30 * day))
		if _, _, err := st.TokenUser(ctx, "h-script"); certif.ErrorCode(err) != certif.EUnauthorized || certif.ErrorMessage(err) != "Jeton d'accès invalide, expiré ou révoqué." {
			t.Errorf("jeton expiré : %v", err)
		}
		list, err := st.APITokens(ctx, u.ID)
		if err != nil || len(list) != 1 || !list[0].ExpiresAt.Equal(created.Add(30*day)) || !list[0].Expired || list[0].Revoked {
			t.Errorf("liste des jetons : %+v %v", list, err)
		}
	})
}

// TestPasswordChangeRevokesAPITokens: whatever sets a password (the account
// page, a link sent by mail) revokes the account's live tokens, each traced
// in the audit trail with the reason; other accounts keep theirs.
func TestPasswordChangeRevokesAPITokens(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		u, _ := tokenOwner(t, st)
		other, err := st.CreateUser(ctx, store.Platform(), store.NewUser{Email: "autre@test.fr", Role: certif.RoleOffice, PasswordHash: "h"})
		if err != nil {
			t.Fatal(err)
		}
		mustToken := func(userID int64, hash string) store.APIToken {
			t.Helper()
			tok, err := st.CreateAPIToken(ctx, store.Platform(), userID, hash, "script", 90*day)
			if err != nil {
				t.Fatal(err)
			}
			return tok
		}
		first, kept := mustToken(u.ID, "h1"), mustToken(other.ID, "h-autre")
		if err := st.SetPassword(ctx, store.Caller{Actor: store.ActorOf(u)}, u.ID, "nouveau"); err != nil {
			t.Fatal(err)
		}
		second := mustToken(u.ID, "h2")
		if err := st.CreatePasswordReset(ctx, u.ID, accountLink("lien", store.LinkPasswordReset, time.Now().Add(time.Hour)), invitationMail(u.Email)); err != nil {
			t.Fatal(err)
		}
		if _, err := st.UseAccountLink(ctx, "lien", "encore-nouveau"); err != nil {
			t.Fatal(err)
		}
		for _, h := range []string{"h1", "h2"} {
			if _, _, err := st.TokenUser(ctx, h); certif.ErrorCode(err) != certif.EUnauthorized {
				t.Errorf("jeton %s accepté après un changement de mot de passe : %v", h, err)
			}
		}
		if got, _, err := st.TokenUser(ctx, "h-autre"); err != nil || got.ID != other.ID {
			t.Errorf("le jeton d'un autre compte doit rester valable : %v", err)
		}
		for _, tok := range []store.APIToken{first, second} {
			events, err := st.AuditEvents(ctx, store.SystemViewer("test"), store.AuditFilter{Entity: "api_token", EntityKey: idText(tok.ID)})
			if err != nil || !revokedFor(events, "mot de passe changé") {
				t.Errorf("révocation du jeton %d non tracée : %+v %v", tok.ID, events, err)
			}
		}
		if events, _ := st.AuditEvents(ctx, store.SystemViewer("test"), store.AuditFilter{Entity: "api_token", EntityKey: idText(kept.ID)}); revokedFor(events, "mot de passe changé") {
			t.Errorf("jeton d'un autre compte révoqué : %+v", events)
		}
	})
}

func revokedFor(events []certif.AuditEvent, reason string) bool {
	for _, e := range events {
		if e.Action == "revoke" && e.Reason == reason {
			return true
		}
	}
	return false
}

// TestMigrationGivesExistingTokensAnExpiry: the tokens of a database created
// before tokens expired get an expiry 90 days after the upgrade.
func TestMigrationGivesExistingTokensAnExpiry(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects(t) {
		t.Run(d, func(t *testing.T) {
			st, err := store.OpenMigratedTo(ctx, storetest.DSN(t, d), 8)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			// Rows as the schema of migration 8 holds them (the store's code of
			// today writes columns that schema does not have yet).
			const userID = 77
			if err := st.Exec(ctx, `INSERT INTO users (id, email, role, password_hash, created_at, password_set_at)
				VALUES (?, 'ancien@test.fr', 'office', 'h', '2025-01-02T03:04:05.000000Z', '2025-01-02T03:04:05.000000Z')`, userID); err != nil {
				t.Fatal(err)
			}
			if err := st.Exec(ctx, `INSERT INTO api_tokens (user_id, token_hash, label, created_at) VALUES (?, 'h-ancien', 'ancien', '2025-01-02T03:04:05.000000Z')`, userID); err != nil {
				t.Fatal(err)
			}
			upgrade := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
			st.SetClock(func() time.Time { return upgrade })
			if _, err := st.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			list, err := st.APITokens(ctx, userID)
			if err != nil || len(list) != 1 || !list[0].ExpiresAt.Equal(upgrade.Add(90*day)) {
				t.Fatalf("jeton d'avant la migration : %+v %v", list, err)
			}
			if got, _, err := st.TokenUser(ctx, "h-ancien"); err != nil || got.ID != userID {
				t.Errorf("jeton d'avant la migration refusé : %v", err)
			}
		})
	}
}
