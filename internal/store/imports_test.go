package store_test

import (
	"strings"
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

// TestImportLineListsAllItsErrors: a refused line lists every error at once
// (its candidate's identity, an unknown birth commune, its registration's
// blocks) and a line whose cells could not be read is refused with the
// errors of its other fields; the file is refused whole.
func TestImportLineListsAllItsErrors(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newRegFixture(t, st)
		bad := importLine(2, "Roux2", "Anne", "1990-04-05", "2026-10-05", 9)
		bad.Candidate.Sex, bad.Candidate.BirthINSEE = "X", "75999"
		unread := importLine(3, "Roux", "Zoé", "1990-04-05", "2026-10-05", 1)
		unread.Unread, unread.Candidate.BirthINSEE = true, "99134"
		good := importLine(4, "Roux", "Paul", "1990-04-05", "2026-10-05", 1)
		before := st.Writes()
		rep, err := st.ImportRegistrations(ctx, f.hr, "CAF69", []store.ImportLine{bad, unread, good}, true, 0)
		if certif.ErrorCode(err) != certif.EInvalid || rep.Refused != 2 {
			t.Fatalf("fichier : %v %+v", err, rep)
		}
		got := rep.Results[0].Fields
		for _, field := range []string{"birth_name", "sex", "birth_insee", "blocks"} {
			if got[field] == "" {
				t.Errorf("ligne 2 : erreur %s absente de %v", field, got)
			}
		}
		if !strings.HasPrefix(got["birth_insee"], "Code INSEE inconnu : 75999") {
			t.Errorf("ligne 2, commune : %q", got["birth_insee"])
		}
		if f := rep.Results[1].Fields; f == nil || !strings.Contains(f["birth_insee"], "désigne un pays") {
			t.Errorf("ligne 3 (illisible) : %v", f)
		}
		if rep.Results[2].Fields != nil {
			t.Errorf("ligne 4 : %v", rep.Results[2].Fields)
		}
		if st.Writes() != before {
			t.Error("fichier refusé, mais écrit")
		}
	})
}
