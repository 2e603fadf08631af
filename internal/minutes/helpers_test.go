package minutes

import (
	"sync"
	"testing"
	"time"

	"certibloc/internal/certif"
)

var (
	testSignerOnce sync.Once
	testSignerKey  *Signer
)

// testSigner is one signer for the package's tests (generating one is cheap,
// but one is enough).
func testSigner(t testing.TB) *Signer {
	t.Helper()
	testSignerOnce.Do(func() {
		var err error
		if testSignerKey, err = NewSigner(time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)); err != nil {
			panic(err)
		}
	})
	return testSignerKey
}

// sampleMinutes is the jury of 17/12/2026: two CQPs, three employers, a
// decision departing from its proposal with its reason, a block whose title
// is unknown, an absent candidate.
func sampleMinutes() Minutes {
	gc, cos := "Gestionnaire conseil de la Sécurité sociale", "Conseiller offres de services de la Sécurité sociale"
	return Minutes{
		JuryDay: certif.MustDate("2026-12-17"), Start: "10:00", End: "13:00",
		Seats: []certif.NationalSeat{{Name: "Anne Roy", Sex: "F", Side: certif.SideEmployer, Sat: true}, {Name: "Hélène Faure", Sex: "F", Side: certif.SideEmployer},
			{Name: "Karim Benali", Sex: "M", Side: certif.SideEmployee, President: true, Sat: true}, {Name: "Camille Petit", Side: certif.SideEmployee}},
		Lines: []Line{
			{Qualification: cos, Employer: "CAF du Rhône", Candidate: "Léa MARTIN", Block: 1, BlockTitle: "Accueillir et orienter les publics",
				Proposal: certif.ProposalFavourable, Decision: certif.DecisionValidated},
			{Qualification: cos, Employer: "CAF du Rhône", Candidate: "Élodie LEFÈVRE", Block: 2,
				Proposal: certif.ProposalFavourable, Decision: certif.DecisionNotValidated, Reason: "Épreuve écrite non remise à l'équipe des examens"},
			{Qualification: cos, Employer: "CPAM de la Gironde", Candidate: "Théo ROUSSEAU", Block: 1, BlockTitle: "Accueillir et orienter les publics",
				Proposal: certif.ProposalAbsent, Decision: certif.DecisionAbsent},
			{Qualification: gc, Employer: "Urssaf Île-de-France", Candidate: "Zoé GARÇON", Block: 3, BlockTitle: "Traiter les dossiers et les réclamations des assurés",
				Proposal: certif.ProposalUnfavourable, Decision: certif.DecisionNotValidated},
		},
		At: time.Date(2026, 12, 17, 14, 30, 0, 0, time.UTC),
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
