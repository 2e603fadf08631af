package mail_test

import (
	"strings"
	"testing"

	"certibloc/internal/certif"
	"certibloc/internal/mail"
	"certibloc/internal/store"
)

// TestR10_ResultMailsTellEachCandidateAndEachEmployer composes a
// proclamation's mails: one per candidate with an address (the CQP obtained
// whole congratulated), none for a candidate without one, one summary per
// employer with recipients.
func TestR10_ResultMailsTellEachCandidateAndEachEmployer(t *testing.T) {
	caf := certif.Employer{ID: 7, Name: "CAF de Paris"}
	lea := certif.Candidate{ID: 1, Email: "lea@example.org"}
	noAddress := certif.Candidate{ID: 2}
	res := store.Results{
		JuryDay: certif.MustDate("2026-12-17"),
		Decided: []store.NationalDecisionRow{
			{NationalDecision: store.NationalDecision{AttemptID: 10, Decision: certif.DecisionValidated}, CandidateName: "Léa Martin", Qualification: "GC", Block: 3, CandidateID: 1},
			{NationalDecision: store.NationalDecision{AttemptID: 11, Decision: certif.DecisionNotValidated}, CandidateName: "Marc Petit", Qualification: "COS", Block: 1, CandidateID: 2},
		},
		Parties: map[int64]store.SlotParty{
			10: {Candidate: lea, Employer: caf, Recipients: []string{"rh@caf.example.org"}},
			11: {Candidate: noAddress, Employer: caf, Recipients: []string{"rh@caf.example.org"}},
		},
		Obtained: []store.Obtained{{CandidateID: 1, Qualification: "GC"}},
	}
	titles := map[string]string{"GC": "Gestionnaire conseil de la Sécurité sociale", "COS": "Conseiller offres de services de la Sécurité sociale"}
	mails, err := mail.ResultMails("https://certibloc.example.org", titles)(res)
	if err != nil {
		t.Fatal(err)
	}
	if len(mails) != 2 {
		t.Fatalf("%d mails, want the candidate's and the employer's: %+v", len(mails), mails)
	}
	toLea, summary := mails[0], mails[1]
	if toLea.Kind != "result" || strings.Join(toLea.To, ",") != "lea@example.org" || toLea.DedupKey != "result:2026-12-17:1" {
		t.Errorf("candidate's mail %q to %v (%s)", toLea.Kind, toLea.To, toLea.DedupKey)
	}
	for _, want := range []string{"CQP Gestionnaire conseil de la Sécurité sociale, bloc 3 : ", "vous obtenez le CQP Gestionnaire conseil de la Sécurité sociale en entier", "17/12/2026"} {
		if !strings.Contains(toLea.Text, want) || !strings.Contains(toLea.HTML, strings.ReplaceAll(want, "'", "&#39;")) {
			t.Errorf("candidate's mail lacks %q:\n%s", want, toLea.Text)
		}
	}
	if summary.Kind != "results_summary" || summary.EmployerID != 7 || strings.Join(summary.To, ",") != "rh@caf.example.org" {
		t.Errorf("employer's summary %q to %v for %d", summary.Kind, summary.To, summary.EmployerID)
	}
	for _, want := range []string{"Léa Martin, CQP Gestionnaire conseil", "Marc Petit, CQP Conseiller offres de services", "1 bloc validé sur 2"} {
		if !strings.Contains(summary.Text, want) {
			t.Errorf("employer's summary lacks %q:\n%s", want, summary.Text)
		}
	}
}
