package evaluations

import (
	"testing"

	"certibloc/internal/certif"
	"certibloc/internal/store"
)

// The sheet's title elides "de" before a vowel: "Évaluation d'Aïssatou DIALLO".
func TestTitleElides(t *testing.T) {
	for name, want := range map[string]string{
		"Aïssatou DIALLO": "Évaluation d'Aïssatou DIALLO — bloc 2",
		"Paul LEFÈVRE":    "Évaluation de Paul LEFÈVRE — bloc 2",
	} {
		if got := title(store.EvaluationSheet{Slot: certif.Slot{CandidateName: name, Block: 2}}); got != want {
			t.Errorf("%q, attendu %q", got, want)
		}
	}
}
