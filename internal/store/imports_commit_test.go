package store_test

import (
	"strings"
	"testing"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// importLine is line n of a registration file: a candidate of CAF69 and a COS
// registration of blocks from a date.
func importLine(n int, birthName, first, born string, from string, blocks ...int) store.ImportLine {
	req := cosPartial(blocks...)
	req.CertifiableFrom = certif.MustDate(from)
	return store.ImportLine{Line: n, Request: req, Candidate: certif.Candidate{BirthName: birthName, FirstNames: []string{first}, Sex: "F",
		BirthDate: certif.MustDate(born), BirthINSEE: "69123"}}
}

// TestImportCommitsWhatTheFormWould: a file's commit writes in batches what
// registering each line through the form would (a candidate created once,
// attempts numbered after the earlier ones, the trace, the end of a "néant"),
// a second import of the same file creates nothing, a preview writes nothing,
// and a block presented twice in one file is refused at its second line.
func TestImportCommitsWhatTheFormWould(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newRegFixture(t, st)
		first, err := st.CreateRegistration(ctx, f.hr, f.lea.ID, cosPartial(1))
		if err != nil {
			t.Fatal(err)
		}
		if err := st.Exec(ctx, `UPDATE block_attempts SET status = 'not_validated', decided_on = '2026-10-20' WHERE registration_id = ?`, first.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := st.DeclareNil(ctx, f.hr, "CAF69", certif.MustMonth("2027-01")); err != nil {
			t.Fatal(err)
		}
		lines := []store.ImportLine{
			importLine(2, "  DURAND ", "léa", "1991-02-03", "2026-11-16", 1), // Léa, block 1 again after a failure
			importLine(3, "Roux", "Anne", "1990-04-05", "2026-10-05", 1),
			importLine(4, "Roux", "Anne", "1990-04-05", "2027-01-11", 2),  // the same new candidate, another block
			importLine(5, "Durand", "Léa", "1991-02-03", "2026-10-05", 1), // repeats Léa's first registration
		}
		before := st.Writes()
		rep, err := st.ImportRegistrations(ctx, f.hr, "CAF69", lines, false, 0)
		if err != nil || rep.NewCandidates != 1 || rep.NewRegistrations != 3 || rep.Unchanged != 1 {
			t.Fatalf("aperçu : %v %+v", err, rep)
		}
		if st.Writes() != before {
			t.Errorf("l'aperçu a écrit %d fois", st.Writes()-before)
		}
		if _, err := st.ImportRegistrations(ctx, f.hr, "CAF69", lines, true, 0); err != nil {
			t.Fatal(err)
		}
		again, err := st.ImportRegistrations(ctx, f.hr, "CAF69", lines, true, 0)
		if err != nil || again.NewCandidates != 0 || again.NewRegistrations != 0 || again.Unchanged != 4 {
			t.Errorf("le même fichier importé deux fois ne doit rien créer : %v %+v", err, again)
		}
		anne, _, err := st.Candidates(ctx, store.CandidateFilter{Scope: store.Scope{EmployerID: f.caf.ID}, Search: "roux"})
		if err != nil || len(anne) != 1 {
			t.Fatalf("Anne Roux doit être créée une fois : %+v %v", anne, err)
		}
		regs, err := st.CandidateRegistrations(ctx, anne[0].ID, store.Scope{EmployerID: f.caf.ID})
		if err != nil || len(regs) != 2 {
			t.Fatalf("inscriptions d'Anne : %+v %v", regs, err)
		}
		lea, err := st.CandidateRegistrations(ctx, f.lea.ID, store.Scope{EmployerID: f.caf.ID})
		if err != nil || len(lea) != 2 || len(lea[0].Attempts) != 1 || lea[0].Attempts[0].Attempt != 2 || lea[0].Attempts[0].Period.String() != "2026-11" {
			t.Errorf("le bloc 1 de Léa doit être sa 2e tentative : %+v %v", lea, err)
		}
		trace, err := st.AuditEvents(ctx, store.Viewer{Actor: f.hr.Actor, Role: certif.RoleEmployer, Scope: f.hr.Scope}, store.AuditFilter{CandidateID: anne[0].ID})
		if err != nil || len(trace) != 3 {
			t.Errorf("l'employeur lit la création d'Anne et de ses deux inscriptions : %+v %v", trace, err)
		}
		decls, err := st.NilDeclarations(ctx, store.Scope{EmployerID: f.caf.ID})
		if err != nil || len(decls) != 1 || !decls[0].Lapsed {
			t.Errorf("le néant de janvier 2027 doit tomber : %+v %v", decls, err)
		}

		twice := []store.ImportLine{
			importLine(2, "Roux", "Anne", "1990-04-05", "2027-03-15", 3),
			importLine(3, "Roux", "Anne", "1990-04-05", "2027-03-01", 3),
		}
		before = st.Writes()
		rep, err = st.ImportRegistrations(ctx, f.hr, "CAF69", twice, true, 0)
		if certif.ErrorCode(err) != certif.EInvalid || rep.Refused != 1 || !strings.Contains(rep.Results[1].Fields["blocks"], "ligne 2") {
			t.Errorf("un bloc présenté deux fois dans un fichier : %v %+v", err, rep)
		}
		if st.Writes() != before {
			t.Errorf("un fichier refusé a écrit %d fois", st.Writes()-before)
		}
	})
}

// TestImportCommitChecksAgainWhatChangedSinceItsChecks: a registration made
// by someone else between a file's checks and its commit is seen by the
// commit, which refuses the line instead of registering the block twice.
func TestImportCommitChecksAgainWhatChangedSinceItsChecks(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newRegFixture(t, st)
		lines := []store.ImportLine{importLine(2, "Durand", "Léa", "1991-02-03", "2026-11-16", 3)}
		meanwhile := store.BetweenImportChecksAndCommit(ctx, func() {
			if _, err := st.CreateRegistration(ctx, f.office, f.lea.ID, cosPartial(3)); err != nil {
				t.Error(err)
			}
		})
		rep, err := st.ImportRegistrations(meanwhile, f.hr, "CAF69", lines, true, 0)
		if certif.ErrorCode(err) != certif.EInvalid || rep.Refused != 1 || !strings.Contains(rep.Results[0].Fields["blocks"], "bloc 3 est déjà inscrit") {
			t.Fatalf("le bloc inscrit entre-temps doit être refusé : %v %+v", err, rep)
		}
		regs, err := st.CandidateRegistrations(ctx, f.lea.ID, store.All)
		if err != nil || len(regs) != 1 {
			t.Errorf("une seule inscription du bloc 3 : %+v %v", regs, err)
		}
	})
}
