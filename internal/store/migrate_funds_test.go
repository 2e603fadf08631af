package store_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// TestMigration15RebuildsUsersKeepingWhatReferencesThem: migration 0015 lets
// accounts be national funds' (rebuilding users on SQLite, altering its
// constraint on PostgreSQL): the accounts, their login sessions and tokens
// (ON DELETE CASCADE) and every index survive it, foreign keys hold again
// after it, and a national fund's account needs its branch.
func TestMigration15RebuildsUsersKeepingWhatReferencesThem(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects(t) {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			st, err := store.OpenMigratedTo(ctx, storetest.DSN(t, d), 14)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			before, err := st.Indexes(ctx)
			if err != nil {
				t.Fatal(err)
			}
			const userID = 77
			for _, q := range []string{
				`INSERT INTO users (id, email, role, password_hash, created_at, password_set_at) VALUES (?, 'ancien@test.fr', 'office', 'h', '2025-01-02T03:04:05.000000Z', '2025-01-02T03:04:05.000000Z')`,
				`INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at) VALUES ('s-ancien', ?, '2025-01-02T03:04:05.000000Z', '2099-01-01T00:00:00.000000Z', '2025-01-02T03:04:05.000000Z')`,
				`INSERT INTO api_tokens (user_id, token_hash, label, created_at, expires_at) VALUES (?, 'h-ancien', 'ancien', '2025-01-02T03:04:05.000000Z', '2099-01-01T00:00:00.000000Z')`,
				`INSERT INTO audit_events (at, user_id, user_email, entity, entity_key, action) VALUES ('2025-01-02T03:04:05.000000Z', ?, 'ancien@test.fr', 'user', 'ancien', 'create')`,
			} {
				if err := st.Exec(ctx, q, userID); err != nil {
					t.Fatal(err)
				}
			}
			applied, err := st.Migrate(ctx)
			if err != nil || !slices.Contains(applied, "0015_national_funds.sql") {
				t.Fatalf("migration : %v %v", applied, err)
			}
			after, err := st.Indexes(ctx)
			if err != nil {
				t.Fatal(err)
			}
			tables := map[string]bool{"availability_requests": true}
			for _, ix := range before {
				tables[strings.SplitN(ix, ".", 2)[0]] = true
			}
			// the tables of later migrations are not this one's
			after = slices.DeleteFunc(after, func(ix string) bool { return !tables[strings.SplitN(ix, ".", 2)[0]] })
			// every index of before is kept, and the migration's own is added
			// (later migrations add theirs to these tables too)
			for _, want := range append(before, "availability_requests.availability_requests_branch") {
				if !slices.Contains(after, want) {
					t.Errorf("index %s absent après la migration :\n%v", want, after)
				}
			}
			if _, u, err := st.LoginSessionUser(ctx, "s-ancien", time.Time{}); err != nil || u.ID != userID || u.Role != certif.RoleOffice || u.BranchCode != "" {
				t.Errorf("session d'avant la migration : %+v %v", u, err)
			}
			if u, _, err := st.TokenUser(ctx, "h-ancien"); err != nil || u.ID != userID {
				t.Errorf("jeton d'avant la migration : %v", err)
			}
			if err := st.Exec(ctx, `INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at) VALUES ('s-orphelin', 999, 'a', 'b', 'c')`); err == nil {
				t.Error("une session d'un compte inexistant : les clés étrangères ne sont plus vérifiées")
			}
			seeded(t, st)
			if err := st.Exec(ctx, `INSERT INTO users (email, role, password_hash, created_at, password_set_at) VALUES ('cnaf@test.fr', 'national_fund', 'h', 'a', 'a')`); err == nil {
				t.Error("un compte de caisse nationale sans branche")
			}
			if err := st.Exec(ctx, `INSERT INTO users (email, role, branch_code, password_hash, created_at, password_set_at) VALUES ('cnaf@test.fr', 'national_fund', 'inconnue', 'h', 'a', 'a')`); err == nil {
				t.Error("un compte de caisse nationale d'une branche inconnue")
			}
			if u, err := st.CreateUser(ctx, store.Platform(), store.NewUser{Email: "cnaf@test.fr", Role: certif.RoleNationalFund, BranchCode: "famille", PasswordHash: "h"}); err != nil || u.BranchCode != "famille" {
				t.Errorf("compte de la CNAF : %+v %v", u, err)
			}
		})
	}
}
