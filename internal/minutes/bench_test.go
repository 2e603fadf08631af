package minutes

import (
	"fmt"
	"testing"

	"certibloc/internal/certif"
)

// manyDecisions is a jury of n decisions across 6 CQPs and 60 employers,
// one in ten departing from its proposal with a reason.
func manyDecisions(n int) Minutes {
	m := sampleMinutes()
	m.Lines = make([]Line, n)
	for i := range m.Lines {
		l := Line{Qualification: fmt.Sprintf("Qualification professionnelle n° %d de la Sécurité sociale", i*6/n+1),
			Employer: fmt.Sprintf("Caisse primaire d'assurance maladie n° %02d", i*60/n+1), Candidate: fmt.Sprintf("Candidate ÉLÈVE-%04d", i),
			Block: i%4 + 1, BlockTitle: "Accueillir, informer et orienter les publics de la Sécurité sociale", Proposal: certif.ProposalFavourable, Decision: certif.DecisionValidated}
		if i%10 == 9 {
			l.Decision, l.Reason = certif.DecisionNotValidated, "Épreuve remise hors délai : la décision s'écarte de la proposition du jury professionnel."
		}
		m.Lines[i] = l
	}
	return m
}

// BenchmarkRenderAndSign1500 is the minutes of a national jury of 1,500
// decisions, rendered and signed.
func BenchmarkRenderAndSign1500(b *testing.B) {
	s, m := testSigner(b), manyDecisions(1500)
	for b.Loop() {
		doc, err := Render(m)
		if err != nil {
			b.Fatal(err)
		}
		signed, err := s.Sign(doc, m.Title(), m.At)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(signed))/1024, "KiB")
	}
}
