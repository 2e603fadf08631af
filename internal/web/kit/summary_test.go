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
	pg.learnForm([]byte(`<label for="certifiable_from">Certifiable à partir du <abbr>*</abbr></label>` +
		`<fieldset id="sex"><legend>Sexe</legend></fieldset>`))
	if got := pg.ErrorHeading(); got != "La demande n'a pas été enregistrée : corrigez ce qui est signalé sous les champs concernés." {
		t.Errorf("titre : %q", got)
	}
	want := []summaryItem{{"", "Rien n'a été enregistré."}, {"certifiable_from", "Certifiable à partir du"}, {"sex", "Sexe"}}
	if got := pg.SummaryFields(); !slices.Equal(got, want) {
		t.Errorf("résumé : %q, attendu %q", got, want)
	}

	other := &Page{Error: "Le formulaire contient une erreur.", Fields: map[string]string{"name": "Le nom est obligatoire."}, beside: map[string]bool{}}
	other.learnForm([]byte(`<input type="text" id="name" name="name">`))
	if got := other.ErrorHeading(); got != other.Error {
		t.Errorf("titre d'un message général : %q", got)
	}
	if got := other.SummaryFields(); !slices.Equal(got, []summaryItem{{"name", "Le nom est obligatoire."}}) {
		t.Errorf("un message qu'aucun champ ne montre reste dans le résumé, lié à son champ : %q", got)
	}
}

// TestErrorSummaryShowsTheMessagesOfFieldsNotOnThePage: the message of a
// field the page does not have (hidden, absent, the error page) is in the
// summary as text, not as a link to nothing; a message two fields share
// shows once.
func TestErrorSummaryShowsTheMessagesOfFieldsNotOnThePage(t *testing.T) {
	pg := &Page{Error: "Le CQP n'est pas ouvert à la branche Famille. Le formulaire contient 4 erreurs : corrigez les champs signalés.",
		Fields: map[string]string{"qualification": "Choisissez un CQP ouvert à la branche Famille.", "certifiable_from": "Date invalide.",
			"employer": "Employeur inconnu.", "employer_code": "Employeur inconnu.", "contract": "Contrat inconnu."},
		beside: map[string]bool{}}
	pg.Err("certifiable_from")
	pg.learnForm([]byte(`<input type="hidden" id="qualification" name="qualification" value="DAM">` +
		`<label for="certifiable_from">Certifiable à partir du</label><input type="date" id="certifiable_from" name="certifiable_from">` +
		`<select id="contract" name="contract"></select><input id="visible" class="visually-hidden" aria-hidden="false">`))
	want := []summaryItem{{"certifiable_from", "Certifiable à partir du"}, {"contract", "Contrat inconnu."}, {"", "Employeur inconnu."},
		{"", "Choisissez un CQP ouvert à la branche Famille."}}
	if got := pg.SummaryFields(); !slices.Equal(got, want) {
		t.Errorf("résumé : %q\nattendu : %q", got, want)
	}
	if !pg.onPage["visible"] || pg.onPage["qualification"] {
		t.Errorf("champs de la page : %v", pg.onPage)
	}
}
