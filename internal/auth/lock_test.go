package auth_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"certibloc/internal/auth"
	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

const goodPassword = "un-mot-de-passe-solide"

// lockFixture is an account on a fresh store, and the login service.
func lockFixture(t *testing.T, st *store.Store) *auth.Service {
	t.Helper()
	h, _ := auth.HashPassword(goodPassword)
	if _, err := st.CreateUser(context.Background(), store.Platform(), store.NewUser{Email: "rh@caf69.test", Role: certif.RoleOffice, PasswordHash: h}); err != nil {
		t.Fatal(err)
	}
	return auth.New(st, auth.DefaultPolicy)
}

// failAt records n failed logins of email from ip, as if made ago.
func failAt(t *testing.T, st *store.Store, email, ip string, n int, ago time.Duration) {
	t.Helper()
	st.SetClock(func() time.Time { return time.Now().Add(-ago) })
	defer st.SetClock(time.Now)
	for range n {
		if err := st.RecordLoginAttempt(context.Background(), email, ip, false); err != nil {
			t.Fatal(err)
		}
	}
}

func expectLocked(t *testing.T, svc *auth.Service, email, ip, message string) {
	t.Helper()
	_, _, err := svc.Login(context.Background(), email, goodPassword, ip, "ua")
	if certif.ErrorCode(err) != certif.ETooMany || certif.ErrorMessage(err) != message {
		t.Errorf("%s depuis %s : %v, attendu le refus %q", email, ip, err, message)
	}
}

func expectLogin(t *testing.T, svc *auth.Service, email, ip string) {
	t.Helper()
	if _, _, err := svc.Login(context.Background(), email, goodPassword, ip, "ua"); err != nil {
		t.Errorf("%s depuis %s : %v, attendu la connexion", email, ip, err)
	}
}

// TestLoginFailuresElsewhereDoNotLockTheOwnerOut: five wrong passwords from
// one address lock the account for that address only, for as long as the
// message says; its owner logs in from another address.
func TestLoginFailuresElsewhereDoNotLockTheOwnerOut(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		svc := lockFixture(t, st)
		for range auth.DefaultPolicy.PerPair.Max {
			if _, _, err := svc.Login(context.Background(), "rh@caf69.test", "mauvais", "203.0.113.66", "ua"); certif.ErrorCode(err) != certif.EUnauthorized {
				t.Fatalf("mauvais mot de passe : %v", err)
			}
		}
		expectLocked(t, svc, "rh@caf69.test", "203.0.113.66", "Trop de tentatives de connexion : réessayez dans 15 minutes.")
		expectLogin(t, svc, "rh@caf69.test", "10.0.0.9")
	})
}

// TestLoginLockSaysHowLongToWait: the wait is until the failures that make
// the limit leave their window.
func TestLoginLockSaysHowLongToWait(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		svc := lockFixture(t, st)
		failAt(t, st, "rh@caf69.test", "10.0.0.9", 5, 10*time.Minute)
		expectLocked(t, svc, "rh@caf69.test", "10.0.0.9", "Trop de tentatives de connexion : réessayez dans 5 minutes.")
		failAt(t, st, "rh@caf69.test", "10.0.0.8", 5, 14*time.Minute+30*time.Second)
		expectLocked(t, svc, "rh@caf69.test", "10.0.0.8", "Trop de tentatives de connexion : réessayez dans 1 minute.")
		failAt(t, st, "rh@caf69.test", "10.0.0.7", 5, 16*time.Minute)
		expectLogin(t, svc, "rh@caf69.test", "10.0.0.7")
	})
}

// TestLoginPerAccountLimitHolds: failures spread over many addresses lock
// the account for a while, from any address it has not logged in from
// recently; the owner's usual address is spared. The per-address limit
// still locks one address trying many accounts.
func TestLoginPerAccountLimitHolds(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		svc := lockFixture(t, st)
		expectLogin(t, svc, "rh@caf69.test", "10.0.0.9") // the owner's usual address
		for i := range auth.DefaultPolicy.PerAccount.Max {
			failAt(t, st, "rh@caf69.test", fmt.Sprintf("198.51.100.%d", i), 1, 20*time.Minute)
		}
		expectLocked(t, svc, "rh@caf69.test", "192.0.2.1", "Trop de tentatives de connexion : réessayez dans 40 minutes.")
		expectLogin(t, svc, "rh@caf69.test", "10.0.0.9")

		for i := range auth.DefaultPolicy.PerAddress.Max {
			failAt(t, st, fmt.Sprintf("personne%d@caf69.test", i), "192.0.2.50", 1, time.Minute)
		}
		expectLocked(t, svc, "autre@caf69.test", "192.0.2.50", "Trop de tentatives de connexion : réessayez dans 14 minutes.")
	})
}
