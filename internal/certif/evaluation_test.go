package certif_test

import (
	"strings"
	"testing"

	"certibloc/internal/certif"
)

func grid(results ...certif.Acquisition) []certif.CriterionResult {
	out := make([]certif.CriterionResult, len(results))
	for i, r := range results {
		out[i] = certif.CriterionResult{CriterionID: int64(i + 1), Label: "Critère", Result: r}
	}
	return out
}

func TestR11_AnAbsentCandidatesProposalIsAbsent(t *testing.T) {
	e := certif.Evaluation{Presence: certif.PresenceAbsent, Results: grid("", "")}
	e.Normalize()
	if e.Proposal != certif.ProposalAbsent || e.CheckComplete() != nil {
		t.Errorf("absent, no proposal: %q %v", e.Proposal, e.CheckComplete())
	}
	e.Proposal = certif.ProposalFavourable
	e.Comment = "Très bien"
	if f := certif.ErrorFields(e.Validate())["proposal"]; !strings.Contains(f, "Absence") {
		t.Errorf("absent with a favourable proposal: %q", f)
	}
	present := certif.Evaluation{Presence: certif.PresencePresent, Proposal: certif.ProposalAbsent}
	if certif.ErrorFields(present.Validate())["proposal"] == "" {
		t.Error("a candidate who came gets the proposal absent")
	}
	excused := certif.Evaluation{Presence: certif.PresenceExcused}
	excused.Normalize()
	if excused.Proposal != certif.ProposalAbsent {
		t.Errorf("excused: %q", excused.Proposal)
	}
}

func TestR11_AProposalIsReasoned(t *testing.T) {
	for _, p := range []certif.Proposal{certif.ProposalFavourable, certif.ProposalUnfavourable} {
		e := certif.Evaluation{Presence: certif.PresencePresent, Proposal: p, Comment: "  "}
		e.Normalize()
		if certif.ErrorFields(e.Validate())["comment"] == "" {
			t.Errorf("%s without comment accepted", p)
		}
		e.Comment = "Maîtrise les situations d'accueil."
		if err := e.Validate(); err != nil {
			t.Errorf("%s with comment: %v", p, err)
		}
	}
	if certif.ErrorFields(certif.Evaluation{Presence: "late", Proposal: "maybe"}.Validate())["presence"] == "" {
		t.Error("unknown presence accepted")
	}
}

func TestR11_EveryCriterionIsAnsweredBeforeConfirming(t *testing.T) {
	e := certif.Evaluation{Presence: certif.PresencePresent, Results: grid(certif.Acquired, "", ""), Version: 1}
	err := e.CheckComplete()
	fields := certif.ErrorFields(err)
	for _, f := range []string{"criterion_2", "criterion_3", "proposal"} {
		if fields[f] == "" {
			t.Errorf("%s not named: %v", f, fields)
		}
	}
	if fields["criterion_1"] != "" || !strings.Contains(certif.ErrorMessage(err), "3 points restent") {
		t.Errorf("message: %q %v", certif.ErrorMessage(err), fields)
	}
	e.Results = grid(certif.Acquired, certif.NotAcquired, certif.Acquired)
	e.Proposal, e.Comment = certif.ProposalFavourable, "Les situations observées sont maîtrisées."
	if err := e.CheckComplete(); err != nil {
		t.Errorf("complete: %v", err)
	}
}

func session(status certif.SessionStatus) certif.JurySession {
	ss := certif.JurySession{Status: status, HalfDay: certif.HalfDay{Day: certif.MustDate("2026-06-09"), Half: certif.Morning}}
	for i, role := range certif.JuryRoles {
		ss.Members[i] = certif.SessionMember{Role: role, MemberID: int64(i + 10)}
	}
	ss.Slots = []certif.Slot{{ID: 1}, {ID: 2}}
	return ss
}

func TestR11_TheThreeMembersConfirmThenTheSessionCloses(t *testing.T) {
	ss := session(certif.SessionHeld)
	e := certif.Evaluation{Presence: certif.PresenceAbsent, Proposal: certif.ProposalAbsent, Version: 1}
	if _, err := ss.CheckConfirm(e, 99); certif.ErrorCode(err) != certif.ENotFound {
		t.Errorf("a member of another session confirms: %v", err)
	}
	for i, role := range certif.JuryRoles {
		got, err := ss.CheckConfirm(e, int64(i+10))
		if err != nil || got != role {
			t.Fatalf("seat %s: %s %v", role, got, err)
		}
		if e.AllConfirmed() {
			t.Fatal("final before the third confirmation")
		}
		e.Confirmations = append(e.Confirmations, certif.Confirmation{Role: role, MemberID: int64(i + 10)})
		if _, err := ss.CheckConfirm(e, int64(i+10)); certif.ErrorCode(err) != certif.EConflict {
			t.Errorf("confirmed twice: %v", err)
		}
	}
	if !e.AllConfirmed() {
		t.Error("three confirmations, not final")
	}
	states := map[int64]certif.EvaluationState{1: {Status: certif.EvaluationFinal}, 2: {Status: certif.EvaluationDraft, Confirmed: 2}}
	if certif.SessionComplete(ss, states) {
		t.Error("closed with a slot still in progress")
	}
	if got := states[2].Label(); got != "En cours, 2 confirmations sur 3" {
		t.Errorf("label: %q", got)
	}
	states[2] = certif.EvaluationState{Status: certif.EvaluationFinal}
	if !certif.SessionComplete(ss, states) {
		t.Error("every slot final, not closed")
	}
}

func TestR11_AClosedEvaluationIsReadOnlyUntilTheOfficeReopensIt(t *testing.T) {
	closed := session(certif.SessionClosed)
	if _, err := closed.CheckRecord(10); certif.ErrorCode(err) != certif.EConflict {
		t.Errorf("recording in a closed session: %v", err)
	}
	if err := closed.CheckReopen(" "); certif.ErrorFields(err)["reason"] == "" {
		t.Errorf("reopened without reason: %v", err)
	}
	if err := closed.CheckReopen("Erreur de saisie sur le critère 2"); err != nil {
		t.Error(err)
	}
	if err := session(certif.SessionHeld).CheckReopen("motif"); certif.ErrorCode(err) != certif.EConflict {
		t.Errorf("reopening a held session: %v", err)
	}
	if err := session(certif.SessionConvened).CheckEvaluationDay(certif.MustDate("2026-06-08")); err == nil || !strings.Contains(err.Error(), "09/06/2026") {
		t.Errorf("recorded before the day: %v", err)
	}
}

func TestR11_PresenceLabelsAgree(t *testing.T) {
	if got := certif.PresenceExcused.Label("F"); got != "Absente excusée" {
		t.Errorf("%q", got)
	}
	if got := certif.PresencePresent.Label("M"); got != "Présent" {
		t.Errorf("%q", got)
	}
}
