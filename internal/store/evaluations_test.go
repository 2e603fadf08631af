package store_test

import (
	"strings"
	"testing"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// evalFixture: Léa (CAF69) registered for COS blocks 1 and 2, a grid on
// block 1, a session of three members convened on 2026-05-20 with her two
// attempts, and a member who sits elsewhere.
type evalFixture struct {
	regFixture
	ss      certif.JurySession
	members [3]store.Caller
	other   store.Caller
	grid    []certif.Criterion
}

func newEvalFixture(t *testing.T, st *store.Store) evalFixture {
	t.Helper()
	f := evalFixture{regFixture: newRegFixture(t, st)}
	g, err := st.CreateRegistration(ctx, f.hr, f.lea.ID, cosPartial(1, 2))
	if err != nil {
		t.Fatal(err)
	}
	if f.grid, err = st.SaveGrid(ctx, f.office, "COS", 1, []string{"Accueille le public", "Identifie la demande", "Oriente vers le bon service"}); err != nil {
		t.Fatal(err)
	}
	day := certif.MustDate("2026-05-20")
	var ids [3]int64
	for i, name := range []string{"Roux", "Benali", "Lefèvre", "Moreau"} {
		m, err := st.CreateJuryMember(ctx, f.office, certif.JuryMember{FirstName: "Claire", LastName: name, Email: strings.ToLower(name) + "@jury.test",
			Roles: certif.JuryRoles, Branch: "famille", Qualifications: []string{"COS"}, Organisation: "Institut 4.10"})
		if err != nil {
			t.Fatal(err)
		}
		c := store.Caller{Actor: store.Actor{Email: m.Email}, Role: certif.RoleJury, Scope: store.Scope{JuryMemberID: m.ID}, Today: day}
		if i == 3 {
			f.other = c
			continue
		}
		ids[i], f.members[i] = m.ID, c
	}
	f.ss = storetest.ConvenedSession(t, st, f.office, "COS", day, ids, g.Attempts[0].ID, g.Attempts[1].ID)
	return f
}

func TestR11_EvaluationsThenTheSessionClosesAndReopens(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newEvalFixture(t, st)
		first, second := f.ss.Slots[0], f.ss.Slots[1]
		if first.Block != 1 {
			first, second = second, first
		}
		early := f.members[0]
		early.Today = certif.MustDate("2026-05-19")
		if _, err := st.SaveEvaluation(ctx, early, first.ID, certif.Evaluation{Presence: certif.PresencePresent}, 0); err == nil || !strings.Contains(err.Error(), "20/05/2026") {
			t.Errorf("saved before the session's day: %v", err)
		}
		if _, err := st.SaveEvaluation(ctx, f.other, first.ID, certif.Evaluation{}, 0); certif.ErrorCode(err) != certif.ENotFound {
			t.Errorf("a member of no seat saves: %v", err)
		}
		if _, err := st.EvaluationSheet(ctx, first.ID, f.other.Scope); certif.ErrorCode(err) != certif.ENotFound {
			t.Errorf("a member of no seat reads: %v", err)
		}
		sheet, err := st.EvaluationSheet(ctx, first.ID, f.members[1].Scope)
		if err != nil || len(sheet.Evaluation.Results) != 3 || sheet.Evaluation.Version != 0 || sheet.Block.Number != 1 || len(sheet.Block.Modalities) == 0 {
			t.Fatalf("blank sheet: %+v %v", sheet, err)
		}
		answers := []certif.CriterionResult{{CriterionID: f.grid[0].ID, Result: certif.Acquired}, {CriterionID: f.grid[1].ID, Result: certif.Acquired},
			{CriterionID: f.grid[2].ID, Result: certif.NotAcquired, Comment: "À consolider"}, {CriterionID: 999999, Result: certif.Acquired}}
		ev := certif.Evaluation{Presence: certif.PresencePresent, Results: answers, Proposal: certif.ProposalFavourable}
		if _, err := st.SaveEvaluation(ctx, f.members[0], first.ID, ev, 0); certif.ErrorFields(err)["comment"] == "" {
			t.Errorf("a favourable proposal without reason: %v", err)
		}
		ev.Comment = "Les situations d'accueil sont maîtrisées."
		saved, err := st.SaveEvaluation(ctx, f.members[0], first.ID, ev, 0)
		if err != nil || saved.Version != 1 || len(saved.Results) != 3 {
			t.Fatalf("save: %+v %v", saved, err)
		}
		if _, err := st.SaveEvaluation(ctx, f.members[1], first.ID, ev, 0); certif.ErrorCode(err) != certif.EStale {
			t.Errorf("stale save: %v", err)
		}
		if ss, _ := st.JurySession(ctx, f.ss.ID, store.All); ss.Status != certif.SessionHeld {
			t.Errorf("the first evaluation holds the session: %s", ss.Status)
		}
		for i, m := range f.members {
			if _, err := st.ConfirmEvaluation(ctx, m, first.ID, 0); i == 0 && certif.ErrorCode(err) != certif.EStale {
				t.Errorf("confirmation of a version not read: %v", err)
			}
			got, err := st.ConfirmEvaluation(ctx, m, first.ID, 1)
			if err != nil || got.SessionClosed || got.Evaluation.Final() != (i == 2) {
				t.Fatalf("confirmation %d: %+v %v", i, got, err)
			}
		}
		if _, err := st.SaveEvaluation(ctx, f.members[0], first.ID, ev, 1); certif.ErrorCode(err) != certif.EConflict {
			t.Errorf("a final evaluation changed: %v", err)
		}
		if _, err := st.SaveEvaluation(ctx, f.members[2], second.ID, certif.Evaluation{Presence: certif.PresenceExcused}, 0); err != nil {
			t.Fatal(err)
		}
		var closed bool
		for _, m := range f.members {
			got, err := st.ConfirmEvaluation(ctx, m, second.ID, 1)
			if err != nil {
				t.Fatal(err)
			}
			closed = got.SessionClosed
		}
		ss, _ := st.JurySession(ctx, f.ss.ID, store.All)
		if !closed || ss.Status != certif.SessionClosed {
			t.Fatalf("every slot final: closed %v, %s", closed, ss.Status)
		}
		states, err := st.EvaluationStates(ctx, []int64{first.ID, second.ID})
		if err != nil || states[second.ID].Proposal != certif.ProposalAbsent || states[first.ID].Status != certif.EvaluationFinal || states[first.ID].Confirmed != 3 {
			t.Errorf("states: %+v %v", states, err)
		}
		events, err := st.AuditEvents(ctx, store.Viewer{Role: certif.RoleOffice, Scope: store.All}, store.AuditFilter{CandidateID: f.lea.ID, Limit: 200})
		if err != nil || !changedTo(events, "block_attempt", "evaluated") || !changedTo(events, "evaluation", "favourable") {
			t.Errorf("traced on the candidate's file: %v", err)
		}
		if _, err := st.ConfirmEvaluation(ctx, f.members[0], second.ID, 1); certif.ErrorCode(err) != certif.EConflict {
			t.Errorf("closed session: %v", err)
		}

		if _, err := st.ReopenSession(ctx, f.office, ss.ID, ss.Version, ""); certif.ErrorFields(err)["reason"] == "" {
			t.Errorf("reopened without reason: %v", err)
		}
		if _, err := st.ReopenSession(ctx, f.office, ss.ID, ss.Version, "Erreur sur le critère 3"); err != nil {
			t.Fatal(err)
		}
		ss, _ = st.JurySession(ctx, f.ss.ID, store.All)
		sheet, _ = st.EvaluationSheet(ctx, first.ID, store.All)
		if ss.Status != certif.SessionHeld || sheet.Evaluation.Final() || len(sheet.Evaluation.Confirmations) != 0 || sheet.AttemptStatus != certif.AttemptScheduled {
			t.Errorf("reopened: %s %+v %s", ss.Status, sheet.Evaluation, sheet.AttemptStatus)
		}
	})
}

func changedTo(events []certif.AuditEvent, entity, after string) bool {
	for _, e := range events {
		if e.Entity == entity && e.After == after {
			return true
		}
	}
	return false
}

func TestR11_GridsAndEvidenceFiles(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newEvalFixture(t, st)
		grid, err := st.SaveGrid(ctx, f.office, "COS", 1, []string{"Oriente vers le bon service", "  Accueille   le public ", "Nouveau critère", ""})
		if err != nil || len(grid) != 3 || grid[0].ID != f.grid[2].ID || grid[1].ID != f.grid[0].ID || grid[1].Label != "Accueille le public" {
			t.Fatalf("grid: %+v %v", grid, err)
		}
		grids, _ := st.Grids(ctx, "COS")
		if len(grids[1]) != 3 || grids[1][2].Label != "Nouveau critère" {
			t.Errorf("grids: %+v", grids)
		}
		if _, err := st.SaveGrid(ctx, f.office, "COS", 9, []string{"x"}); certif.ErrorCode(err) != certif.ENotFound {
			t.Errorf("block 9: %v", err)
		}
		slot := f.ss.Slots[0].ID
		file := store.EvidenceFile{Name: "rapport.pdf", Type: "application/pdf", Size: 10, SHA256: strings.Repeat("a", 64), Key: "0123456789abcdef"}
		cpam := store.Caller{Actor: store.Actor{Email: "rh@cpam33.test"}, Role: certif.RoleEmployer, Scope: store.Scope{EmployerID: f.cpam.ID}}
		if _, err := st.AddEvidence(ctx, cpam, slot, file); certif.ErrorCode(err) != certif.ENotFound {
			t.Errorf("another employer uploads: %v", err)
		}
		saved, err := st.AddEvidence(ctx, f.hr, slot, file)
		if err != nil || saved.ID == 0 || saved.UploaderRole != certif.RoleEmployer {
			t.Fatalf("upload: %+v %v", saved, err)
		}
		for _, sc := range []store.Scope{store.All, f.members[0].Scope, f.hr.Scope} {
			if got, err := st.Evidence(ctx, saved.ID, sc); err != nil || got.Key != file.Key {
				t.Errorf("%+v reads: %v", sc, err)
			}
		}
		for _, sc := range []store.Scope{f.other.Scope, cpam.Scope, {CandidateID: f.lea.ID}} {
			if _, err := st.Evidence(ctx, saved.ID, sc); certif.ErrorCode(err) != certif.ENotFound {
				t.Errorf("%+v reads: %v", sc, err)
			}
		}
		if sheet, _ := st.EvaluationSheet(ctx, slot, f.hr.Scope); len(sheet.Evidence) != 1 || sheet.Evaluation.Version != 0 || len(sheet.Evaluation.Results) != 0 {
			t.Errorf("the employer's sheet: %+v", sheet)
		}
	})
}
