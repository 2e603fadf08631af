package auth_test

import (
	"context"
	"testing"
	"time"

	"certibloc/internal/auth"
	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// TestUseIsNotedThenWrittenOffTheRequests: checking a token or a session
// writes nothing; the flush records the last use and slides the session's
// expiry, and a session used since the last flush stays open meanwhile.
func TestUseIsNotedThenWrittenOffTheRequests(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		u, err := st.CreateUser(ctx, store.Platform(), store.NewUser{Email: "rh@test.fr", Role: certif.RoleOffice, PasswordHash: mustHash(t, "un-mot-de-passe-solide")})
		if err != nil {
			t.Fatal(err)
		}
		policy := auth.DefaultPolicy
		svc := auth.New(st, policy)
		cookie, _, err := svc.Login(ctx, "rh@test.fr", "un-mot-de-passe-solide", "10.0.0.1", "ua")
		if err != nil {
			t.Fatal(err)
		}
		token, _, err := svc.CreateToken(ctx, store.Platform(), u.ID, "script", auth.DefaultTokenDays)
		if err != nil {
			t.Fatal(err)
		}
		writes := st.Writes()
		start := time.Now()
		st.SetClock(func() time.Time { return start.Add(policy.LoginSessionIdle - time.Minute) })
		if _, err := svc.LoginSessionUser(ctx, cookie); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Bearer(ctx, token); err != nil {
			t.Fatal(err)
		}
		if n := st.Writes() - writes; n != 0 {
			t.Fatalf("%d écriture(s) pour vérifier une session et un jeton", n)
		}
		// Past the idle expiry written at login: the use noted in memory keeps the session open.
		st.SetClock(func() time.Time { return start.Add(policy.LoginSessionIdle + time.Minute) })
		if _, err := svc.LoginSessionUser(ctx, cookie); err != nil {
			t.Fatalf("session utilisée il y a une minute refusée : %v", err)
		}
		if err := svc.FlushUsage(ctx); err != nil {
			t.Fatal(err)
		}
		tokens, err := st.APITokens(ctx, u.ID)
		if err != nil || len(tokens) != 1 || tokens[0].LastUsed.IsZero() {
			t.Fatalf("dernière utilisation du jeton non écrite : %+v %v", tokens, err)
		}
		// A new service (another instance, or after a restart) reads the slid expiry.
		other := auth.New(st, policy)
		st.SetClock(func() time.Time { return start.Add(2*policy.LoginSessionIdle - 2*time.Minute) })
		if _, err := other.LoginSessionUser(ctx, cookie); err != nil {
			t.Errorf("expiration non repoussée par l'écriture de l'utilisation : %v", err)
		}
		st.SetClock(func() time.Time { return start.Add(3 * policy.LoginSessionIdle) })
		if _, err := auth.New(st, policy).LoginSessionUser(ctx, cookie); certif.ErrorCode(err) != certif.EUnauthorized {
			t.Errorf("session inactive trop longtemps acceptée : %v", err)
		}
	})
}

func mustHash(t *testing.T, password string) string {
	t.Helper()
	h, err := auth.HashPassword(password)
	if err != nil {
		t.Fatal(err)
	}
	return h
}
