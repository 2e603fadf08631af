package referential

import (
	"testing"

	"certibloc/internal/certif"
)

// The RNCP form's title elides "de" before a code read with a vowel: "d'IR".
func TestRNCPTitleElides(t *testing.T) {
	for code, want := range map[string]string{
		"IR": "Enregistrements RNCP d'IR – Inspecteur du recouvrement",
		"GC": "Enregistrements RNCP de GC – Inspecteur du recouvrement",
	} {
		if got := rncpTitle(certif.Qualification{Code: code, Title: "Inspecteur du recouvrement"}); got != want {
			t.Errorf("%q, attendu %q", got, want)
		}
	}
}
