package store_test

import (
	"testing"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// TestKeptReadsFollowEveryWriteAndAreCopies: the totals and reference lists
// the store keeps between writes are fresh after any write of this process,
// and what a caller changes in its copy changes nothing for the others.
func TestKeptReadsFollowEveryWriteAndAreCopies(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		seeded(t, st)
		today := certif.MustDate("2026-11-23")
		if _, err := st.CreateEmployer(ctx, store.Platform(), certif.Employer{Code: "CAF69", Name: "CAF du Rhône", Type: "CAF", Branch: "famille"}); err != nil {
			t.Fatal(err)
		}
		count := func() int {
			_, n, err := st.Candidates(ctx, store.CandidateFilter{Scope: store.All})
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		before := count()
		if _, err := st.CreateCandidate(ctx, store.PlatformOn(today), certif.Candidate{EmployerCode: "CAF69", BirthName: "Roux", FirstNames: []string{"Inès"},
			Sex: "F", BirthDate: certif.MustDate("1990-07-14"), BirthINSEE: "69123"}); err != nil {
			t.Fatal(err)
		}
		if after := count(); after != before+1 {
			t.Errorf("total après une création : %d, attendu %d", after, before+1)
		}
		quals, err := st.Qualifications(ctx, false)
		if err != nil || len(quals) == 0 || len(quals[0].Blocks) == 0 {
			t.Fatalf("référentiel : %v", err)
		}
		title := quals[0].Blocks[0].Title
		quals[0].Blocks[0].Title, quals[0].Title = "modifié par un appelant", "modifié"
		again, _ := st.Qualifications(ctx, false)
		if again[0].Blocks[0].Title != title || again[0].Title == "modifié" {
			t.Errorf("la liste gardée a changé avec la copie d'un appelant : %+v", again[0])
		}
	})
}
