package store_test

import (
	"net/http"
	"testing"
	"time"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// TestJobsAreKeptForTheirOwnerThenForgotten: a job's progress and then its
// answer are read back by its owner only, and purged after the retention.
func TestJobsAreKeptForTheirOwnerThenForgotten(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		owner, err := st.CreateUser(ctx, store.Platform(), store.NewUser{Email: "rh@test.fr", Role: certif.RoleOffice, PasswordHash: "h"})
		if err != nil {
			t.Fatal(err)
		}
		other, err := st.CreateUser(ctx, store.Platform(), store.NewUser{Email: "autre@test.fr", Role: certif.RoleOffice, PasswordHash: "h"})
		if err != nil {
			t.Fatal(err)
		}
		now := time.Now().UTC().Truncate(time.Millisecond)
		j := store.Job{ID: "j1", OwnerID: owner.ID, Phase: "Vérification des lignes", Done: 2, Total: 5, StartedAt: now, Heartbeat: now}
		if err := st.SaveJob(ctx, j); err != nil {
			t.Fatal(err)
		}
		got, err := st.JobOf(ctx, "j1", owner.ID)
		if err != nil || got.Finished || got.Done != 2 || got.Total != 5 || got.Phase != j.Phase {
			t.Fatalf("avancement : %+v %v", got, err)
		}
		if _, err := st.JobOf(ctx, "j1", other.ID); certif.ErrorCode(err) != certif.ENotFound {
			t.Errorf("le traitement d'un autre compte : %v", err)
		}
		j.Finished, j.Status, j.Header, j.Body = true, http.StatusSeeOther, http.Header{"Location": {"/inscriptions"}}, []byte("fin")
		if err := st.SaveJob(ctx, j); err != nil {
			t.Fatal(err)
		}
		got, err = st.JobOf(ctx, "j1", owner.ID)
		if err != nil || !got.Finished || got.Status != http.StatusSeeOther || got.Header.Get("Location") != "/inscriptions" || string(got.Body) != "fin" {
			t.Fatalf("réponse : %+v %v", got, err)
		}
		st.SetClock(func() time.Time { return now.Add(store.JobRetention + time.Minute) })
		if n, err := st.PurgeJobs(ctx, store.JobRetention); err != nil || n != 1 {
			t.Fatalf("purge : %d %v", n, err)
		}
		if _, err := st.JobOf(ctx, "j1", owner.ID); certif.ErrorCode(err) != certif.ENotFound {
			t.Errorf("traitement oublié encore lisible : %v", err)
		}
	})
}
