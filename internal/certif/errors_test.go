package certif

import (
	"maps"
	"testing"
)

// TestJoinNamesEveryErrorOfASubmission: refusals of one form join into one
// that keeps every field's message (the first for a field), what each
// refusal says beyond "the form holds errors", and the number of fields to
// correct; a refusal alone stays as it is, another kind of error wins.
func TestJoinNamesEveryErrorOfASubmission(t *testing.T) {
	branch := &Error{Code: EInvalid, Message: "Le CQP Délégué de l'assurance maladie n'est pas ouvert aux organismes de la branche Famille.",
		Fields: map[string]string{"qualification": "Choisissez un CQP ouvert à la branche Famille."}}
	var v Validation
	v.Add("certifiable_from", "La date « certifiable à partir du » est obligatoire.")
	v.Add("qualification", "Un autre message pour le CQP.")
	form := v.Err()
	late := Errorf(EInvalid, "Inscription trop tardive.")

	got := Join(branch, nil, form, late)
	want := &Error{Code: EInvalid,
		Message: "Le CQP Délégué de l'assurance maladie n'est pas ouvert aux organismes de la branche Famille. Inscription trop tardive. " +
			"Le formulaire contient 2 erreurs : corrigez les champs signalés.",
		Fields: map[string]string{"qualification": "Choisissez un CQP ouvert à la branche Famille.", "certifiable_from": "La date « certifiable à partir du » est obligatoire."}}
	if ErrorCode(got) != EInvalid || ErrorMessage(got) != want.Message || !maps.Equal(ErrorFields(got), want.Fields) {
		t.Errorf("refus joints : %v\nattendu : %v", got, want)
	}
	if again := Join(form, Join(branch, late)); ErrorMessage(again) != "Le CQP Délégué de l'assurance maladie n'est pas ouvert aux organismes de la branche Famille. "+
		"Inscription trop tardive. Le formulaire contient 2 erreurs : corrigez les champs signalés." {
		t.Errorf("refus joints deux fois : %q", ErrorMessage(again))
	}
	if got := Join(nil, branch, nil); got != error(branch) {
		t.Errorf("un refus seul change : %v", got)
	}
	if got := Join(nil, nil); got != nil {
		t.Errorf("aucun refus : %v", got)
	}
	forbidden := Errorf(EForbidden, "Non.")
	if got := Join(branch, forbidden); got != error(forbidden) {
		t.Errorf("une erreur d'une autre nature doit l'emporter : %v", got)
	}
	if got := Join(late, late, form); ErrorMessage(got) != "Inscription trop tardive. Le formulaire contient 2 erreurs : corrigez les champs signalés." {
		t.Errorf("un message répété : %q", ErrorMessage(got))
	}
}
