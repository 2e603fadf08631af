package store_test

import (
	"bytes"
	"testing"
	"time"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// TestPurgeForgetsUploadsNeverCommitted: past the retention, a file never
// committed (registrations, census) is forgotten; a committed one keeps its
// record and loses its content; a recent one is untouched. A second run
// finds nothing to do.
func TestPurgeForgetsUploadsNeverCommitted(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		seeded(t, st)
		e, err := st.CreateEmployer(ctx, store.Platform(), certif.Employer{Code: "CAF69", Name: "CAF du Rhône", Type: "CAF", Branch: "famille"})
		if err != nil {
			t.Fatal(err)
		}
		start := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
		setNow := func(at time.Time) { st.SetClock(func() time.Time { return at }) }
		setNow(start)
		defer st.SetClock(time.Now)
		hr := store.Caller{Actor: store.Actor{Email: "rh@caf69.test"}}
		content := []byte("Nom de naissance;Prénoms\n")
		save := func() int64 {
			t.Helper()
			id, err := st.SaveUpload(ctx, hr, e.ID, "inscriptions.csv", content)
			if err != nil {
				t.Fatal(err)
			}
			return id
		}
		saveCensus := func() int64 {
			t.Helper()
			id, err := st.SaveCensusUpload(ctx, store.Caller{Actor: store.Actor{Email: "bureau@test.fr"}, Role: certif.RoleOffice, Scope: store.All}, "recensement.csv", content, 0)
			if err != nil {
				t.Fatal(err)
			}
			return id
		}
		office := store.Caller{Actor: store.Actor{Email: "bureau@test.fr"}, Role: certif.RoleOffice, Scope: store.All, Today: certif.MustDate("2026-11-23")}
		forgotten, committed := save(), save()
		if _, err := st.ImportRegistrations(ctx, office, "CAF69", nil, true, committed); err != nil {
			t.Fatal(err)
		}
		censusForgotten, censusCommitted := saveCensus(), saveCensus()
		if _, err := st.ImportCensus(ctx, office, nil, true, censusCommitted, nil); err != nil {
			t.Fatal(err)
		}
		setNow(start.Add(2 * time.Hour))
		recent := save()

		setNow(start.Add(store.UploadRetention + time.Minute))
		got, err := st.PurgeUploads(ctx, store.UploadRetention)
		if err != nil || got != (store.UploadsPurged{Deleted: 2, Emptied: 2}) {
			t.Fatalf("purge : %+v %v", got, err)
		}
		if _, err := st.LoadUpload(ctx, forgotten, store.All); certif.ErrorCode(err) != certif.ENotFound {
			t.Errorf("fichier jamais validé encore là : %v", err)
		}
		if _, err := st.LoadCensusUpload(ctx, censusForgotten); certif.ErrorCode(err) != certif.ENotFound {
			t.Errorf("recensement jamais validé encore là : %v", err)
		}
		if up, err := st.LoadUpload(ctx, committed, store.All); err != nil || !up.Committed || up.Summary == "" || up.Filename != "inscriptions.csv" || len(up.Content) != 0 {
			t.Errorf("fichier validé : %+v %v", up, err)
		}
		if up, err := st.LoadCensusUpload(ctx, censusCommitted); err != nil || !up.Committed || up.SHA256 == "" || len(up.Content) != 0 {
			t.Errorf("recensement validé : %+v %v", up, err)
		}
		if list, err := st.CensusUploads(ctx, 10); err != nil || len(list) != 1 || list[0].ID != censusCommitted {
			t.Errorf("liste des recensements : %+v %v", list, err)
		}
		if up, err := st.LoadUpload(ctx, recent, store.All); err != nil || !bytes.Equal(up.Content, content) {
			t.Errorf("fichier récent : %+v %v", up, err)
		}
		if got, err := st.PurgeUploads(ctx, store.UploadRetention); err != nil || got != (store.UploadsPurged{}) {
			t.Errorf("deuxième purge : %+v %v", got, err)
		}
	})
}
