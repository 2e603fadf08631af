package store_test

import (
	"testing"

	"certibloc/internal/certif"
	"certibloc/internal/progress"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// TestImportReportsItsProgress: a registration file checked, then saved, says
// line by line how far it has got, to whoever follows it.
func TestImportReportsItsProgress(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newRegFixture(t, st)
		var lines []store.ImportLine
		for i, first := range []string{"Anne", "Paul", "Zoé"} {
			c := certif.Candidate{BirthName: "Roux", FirstNames: []string{first}, Sex: "F", BirthDate: certif.MustDate("1990-01-01").AddDays(i), BirthINSEE: "69123"}
			lines = append(lines, store.ImportLine{Line: i + 2, Candidate: c, Request: cosPartial(1)})
		}
		for _, commit := range []bool{false, true} {
			var tr progress.Tracker
			rep, err := st.ImportRegistrations(progress.WithTracker(ctx, &tr), f.hr, "CAF69", lines, commit, 0)
			if err != nil || rep.NewRegistrations != 3 {
				t.Fatalf("import (validation %v) : %v %+v", commit, err, rep)
			}
			want := progress.Snapshot{Phase: progress.Checking, Done: 3, Total: 3}
			if commit {
				want.Phase = progress.Saving
			}
			if got := tr.Snapshot(); got != want {
				t.Errorf("avancement (validation %v) : %+v, attendu %+v", commit, got, want)
			}
		}
	})
}
