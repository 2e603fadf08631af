package intake

import (
	"slices"
	"testing"
)

// TestAllMessagesListsEveryErrorOfARow: the unreadable cells and the errors
// of the checks, each naming its column, but a check of a column already
// unreadable; a shifted row keeps its one error.
func TestAllMessagesListsEveryErrorOfARow(t *testing.T) {
	r := Row{Line: 4, Errors: []CellError{{Column: "Date de naissance", Message: "date invalide (JJ/MM/AAAA attendu)"}}}
	fields := map[string]string{
		"birth_date":  "La date de naissance est obligatoire.",
		"birth_insee": "Code INSEE inconnu : 75999 n'est pas une commune du Code officiel géographique 2026.",
		"sex":         "Sexe : F ou M.",
		"":            "Hors de la fenêtre d'inscription.",
	}
	got := r.AllMessages(fields, ColumnForField)
	want := []string{
		"Ligne 4 : Hors de la fenêtre d'inscription.",
		"Ligne 4, colonne « Code INSEE de la commune de naissance » : Code INSEE inconnu : 75999 n'est pas une commune du Code officiel géographique 2026.",
		"Ligne 4, colonne « Date de naissance » : date invalide (JJ/MM/AAAA attendu).",
		"Ligne 4, colonne « Sexe » : Sexe : F ou M.",
	}
	if !slices.Equal(got, want) {
		t.Errorf("messages :\n%q\nattendu :\n%q", got, want)
	}
	r.Shifted = true
	if got := r.AllMessages(fields, ColumnForField); len(got) != 1 {
		t.Errorf("ligne décalée : %q", got)
	}
}
