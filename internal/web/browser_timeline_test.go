package web_test

import (
	"strconv"
	"strings"
	"testing"
)

// TestBrowserACandidateFollowsHerBlocks: Léa reads, in her space, her block
// waiting for the national jury, then validated with its certificate; her
// employer reads the same on her file; both pages pass axe.
func TestBrowserACandidateFollowsHerBlocks(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	finalProposal(t, e)
	b := browsers.Get(t)
	candidate := b.NewTab(t)
	loginInBrowser(t, e, candidate, "candidate")
	candidate.Navigate(e.ts.URL + "/")
	if got := candidate.Text("main"); !strings.Contains(got, "En cours : En attente de la décision du jury national du 17/12/2026.") {
		t.Fatalf("parcours avant le jury national : %.1500s", got)
	}
	candidate.CheckA11y()
	proclaimTheJury(t, e)
	candidate.Navigate(e.ts.URL + "/")
	if got := candidate.Text("main"); !strings.Contains(got, "Fait : Décision du jury national du 17/12/2026 : bloc validé.") || !strings.Contains(got, "Télécharger le certificat n°") {
		t.Fatalf("parcours après la proclamation : %.1500s", got)
	}
	candidate.CheckA11y()
	employer := b.NewTab(t)
	loginInBrowser(t, e, employer, "employer")
	employer.Navigate(e.ts.URL + "/candidats/" + strconv.FormatInt(e.users["candidate"].CandidateID, 10))
	if got := employer.Text("main"); !strings.Contains(got, "Parcours bloc par bloc") || !strings.Contains(got, "bloc validé") {
		t.Fatalf("dossier lu par l'employeur : %.1500s", got)
	}
	employer.CheckA11y()
}
