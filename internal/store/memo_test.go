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

// TestALogAppendKeepsWhatAChangeForgets: logging a health-data read (an
// append to the journal, on every list that shows adjustments) does not throw
// away the kept totals, while a change of this process does; another
// process's change shows within the memo's time bound only.
func TestALogAppendKeepsWhatAChangeForgets(t *testing.T) {
	t.Parallel()
	for _, dialect := range storetest.Dialects(t) {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			dsn := storetest.DSN(t, dialect)
			st, err := store.Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			other, err := store.Open(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer other.Close()
			f := newRegFixture(t, st)
			total := func() int {
				_, n, err := st.Candidates(ctx, store.CandidateFilter{Scope: store.All})
				if err != nil {
					t.Fatal(err)
				}
				return n
			}
			req := cosPartial(1)
			req.Disability, req.Adjustments = true, "Tiers temps"
			g, err := st.CreateRegistration(ctx, f.hr, f.lea.ID, req)
			if err != nil {
				t.Fatal(err)
			}
			kept := total()
			if _, err := other.CreateCandidate(ctx, store.PlatformOn(f.hr.Today), certif.Candidate{EmployerCode: "CAF69", BirthName: "Roux", FirstNames: []string{"Inès"},
				Sex: "F", BirthDate: certif.MustDate("1990-07-14"), BirthINSEE: "69123"}); err != nil {
				t.Fatal(err)
			}
			writes := st.Writes()
			regs := []certif.Registration{g}
			if err := st.RevealHealth(ctx, store.Viewer{Actor: f.hr.Actor, Role: certif.RoleEmployer, Scope: f.hr.Scope, Where: "test"}, regs); err != nil || regs[0].Adjustments == "" {
				t.Fatalf("lecture des aménagements : %v %+v", err, regs[0])
			}
			if st.Writes() != writes+1 {
				t.Fatalf("la lecture doit être tracée en une écriture : %d", st.Writes()-writes)
			}
			if got := total(); got != kept {
				t.Errorf("une trace de lecture ne doit pas faire relire les totaux : %d, gardé %d", got, kept)
			}
			if _, err := st.CreateCandidate(ctx, store.PlatformOn(f.hr.Today), certif.Candidate{EmployerCode: "CAF69", BirthName: "Roux", FirstNames: []string{"Zoé"},
				Sex: "F", BirthDate: certif.MustDate("1991-07-14"), BirthINSEE: "69123"}); err != nil {
				t.Fatal(err)
			}
			if got := total(); got != kept+2 {
				t.Errorf("après un changement de ce processus, le total doit être relu : %d, attendu %d", got, kept+2)
			}
		})
	}
}
