package store_test

import (
	"testing"
	"time"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// TestASubmissionSentTwiceCreatesOneCandidateUntilItIsForgotten: the same
// key of the same account gives back the first candidate; after the
// retention the key is forgotten.
func TestASubmissionSentTwiceCreatesOneCandidateUntilItIsForgotten(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		seeded(t, st)
		if _, err := st.CreateEmployer(ctx, store.Platform(), certif.Employer{Code: "CAF69", Name: "CAF du Rhône", Type: "CAF", Branch: "famille"}); err != nil {
			t.Fatal(err)
		}
		u, err := st.CreateUser(ctx, store.Platform(), store.NewUser{Email: "rh@caf69.test", Role: certif.RoleEmployer, EmployerCode: "CAF69", PasswordHash: "x"})
		if err != nil {
			t.Fatal(err)
		}
		hr := store.CallerOf(u, certif.MustDate("2026-11-23"))
		c := certif.Candidate{EmployerCode: "CAF69", BirthName: "Roux", FirstNames: []string{"Inès"}, Sex: "F", BirthDate: certif.MustDate("1990-07-14"), BirthINSEE: "69123"}
		first, repeated, err := st.AddCandidate(ctx, hr, c, store.CandidateEntry{Submission: "k1"})
		if err != nil || repeated {
			t.Fatalf("premier envoi : %v %v", repeated, err)
		}
		again, repeated, err := st.AddCandidate(ctx, hr, c, store.CandidateEntry{Submission: "k1"})
		if err != nil || !repeated || again.ID != first.ID {
			t.Fatalf("envoi répété : %+v %v %v", again, repeated, err)
		}
		if _, _, err := st.AddCandidate(ctx, hr, c, store.CandidateEntry{Submission: "k2"}); certif.ErrorCode(err) != certif.EConflict {
			t.Errorf("même identité, nouvel envoi : %v", err)
		}
		st.SetClock(func() time.Time { return time.Now().Add(25 * time.Hour) })
		if n, err := st.PurgeSubmissions(ctx, store.SubmissionRetention); err != nil || n != 1 {
			t.Fatalf("purge : %d %v", n, err)
		}
		if _, repeated, _ := st.AddCandidate(ctx, hr, c, store.CandidateEntry{Submission: "k1", Homonym: true}); repeated {
			t.Error("une clé oubliée ne doit plus renvoyer l'ancien candidat")
		}
	})
}
