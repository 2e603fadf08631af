package kit

import (
	"slices"
	"testing"
)

// TestErrorSummaryShowsEachMessageOnce: a message shown next to its field is
// neither the summary's heading nor one of its lines; the summary links to
// the field by its label, and lists what no field shows.
func TestErrorSummaryShowsEachMessageOnce(t *testing.T) {
	late := "Inscription trop tardive pour la période d'avril 2027."
	pg := &Page{Error: late, Fields: map[string]string{"certifiable_from": late, "sex": "Indiquez le sexe.", "": "Rien n'a été enregistré."},
		beside: map[string]bool{}}
	pg.Err("certifiable_from")
	pg.Field("sex")
	pg.learnLabels([]byte(`<label for="certifiable_from">Certifiable à partir du <abbr>*</abbr></label>` +
		`<fieldset id="sex"><legend>Sexe</legend></fieldset>`))
	if got := pg.ErrorHeading(); got != "La demande n'a pas été enregistrée : corrigez ce qui est signalé sous les champs concernés." {
		t.Errorf("titre : %q", got)
	}
	want := []summaryItem{{"", "Rien n'a été enregistré."}, {"certifiable_from", "Certifiable à partir du"}, {"sex", "Sexe"}}
	if got := pg.SummaryFields(); !slices.Equal(got, want) {
		t.Errorf("résumé : %q, attendu %q", got, want)
	}

	other := &Page{Error: "Le formulaire contient une erreur.", Fields: map[string]string{"name": "Le nom est obligatoire."}, beside: map[string]bool{}}
	if got := other.ErrorHeading(); got != other.Error {
		t.Errorf("titre d'un message général : %q", got)
	}
	if got := other.SummaryFields(); !slices.Equal(got, []summaryItem{{"name", "Le nom est obligatoire."}}) {
		t.Errorf("un message qu'aucun champ ne montre reste dans le résumé : %q", got)
	}
}
