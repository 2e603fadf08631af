package auth_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"certibloc/internal/auth"
	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

func TestPasswordHash(t *testing.T) {
	t.Parallel()
	h, err := auth.HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$") {
		t.Errorf("format PHC attendu : %s", h)
	}
	if !auth.VerifyPassword(h, "correct horse battery") || auth.VerifyPassword(h, "correct horse batterY") || auth.VerifyPassword("garbage", "x") {
		t.Error("vérification incorrecte")
	}
	h2, _ := auth.HashPassword("correct horse battery")
	if h == h2 {
		t.Error("le sel doit rendre chaque hachage unique")
	}
	if err := auth.CheckPassword("court"); certif.ErrorFields(err)["password"] == "" {
		t.Errorf("mot de passe trop court accepté : %v", err)
	}
	if p := auth.GeneratePassword(); len(p) != 19 || auth.CheckPassword(p) != nil {
		t.Errorf("mot de passe généré : %q", p)
	}
}

func TestLoginSessionsAndRateLimit(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		h, _ := auth.HashPassword("un-mot-de-passe-solide")
		u, err := st.CreateUser(ctx, store.Platform(), store.NewUser{Email: "office@test.fr", Role: certif.RoleOffice, PasswordHash: h})
		if err != nil {
			t.Fatal(err)
		}
		svc := auth.New(st, auth.DefaultPolicy)
		if _, _, err := svc.Login(ctx, "office@test.fr", "mauvais", "10.0.0.9", "ua"); certif.ErrorCode(err) != certif.EUnauthorized {
			t.Fatalf("mauvais mot de passe : %v", err)
		}
		if _, _, err := svc.Login(ctx, "inconnu@test.fr", "x", "10.0.0.9", "ua"); certif.ErrorMessage(err) != "Adresse électronique ou mot de passe incorrect." {
			t.Fatalf("adresse inconnue : le message ne doit pas dire laquelle des deux est fausse : %v", err)
		}
		cookie, got, err := svc.Login(ctx, "Office@Test.fr", "un-mot-de-passe-solide", "10.0.0.9", "ua")
		if err != nil || got.ID != u.ID {
			t.Fatalf("connexion : %v", err)
		}
		cookie2, _, _ := svc.Login(ctx, "office@test.fr", "un-mot-de-passe-solide", "10.0.0.9", "ua")
		if cookie == cookie2 {
			t.Error("chaque connexion doit créer une nouvelle session (rotation)")
		}
		if who, err := svc.LoginSessionUser(ctx, cookie); err != nil || who.ID != u.ID {
			t.Fatalf("session : %v", err)
		}
		if err := svc.Logout(ctx, cookie); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.LoginSessionUser(ctx, cookie); certif.ErrorCode(err) != certif.EUnauthorized {
			t.Errorf("session fermée acceptée : %v", err)
		}
		for range auth.DefaultPolicy.PerPair.Max {
			_, _, _ = svc.Login(ctx, "office@test.fr", "mauvais", "10.0.0.10", "ua")
		}
		if _, _, err := svc.Login(ctx, "office@test.fr", "un-mot-de-passe-solide", "10.0.0.10", "ua"); certif.ErrorCode(err) != certif.ETooMany {
			t.Errorf("limitation des tentatives absente : %v", err)
		}
		st.SetClock(func() time.Time { return time.Now().Add(auth.DefaultPolicy.PerPair.Window + time.Minute) })
		defer st.SetClock(time.Now)
		value, _, err := svc.CreateToken(ctx, store.Platform(), u.ID, "test", auth.DefaultTokenDays)
		if err != nil || !strings.HasPrefix(value, auth.TokenPrefix) {
			t.Fatalf("jeton : %q %v", value, err)
		}
		if who, err := svc.Bearer(ctx, value); err != nil || who.ID != u.ID {
			t.Errorf("jeton refusé : %v", err)
		}
		if _, err := svc.Bearer(ctx, value+"x"); certif.ErrorCode(err) != certif.EUnauthorized {
			t.Errorf("faux jeton accepté : %v", err)
		}
	})
}
