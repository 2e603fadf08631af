package referential

import (
	"net/http"
	"strconv"

	"certibloc/internal/certif"
)

// saveProgramme records the CQP a branch's programme leads to and whether the
// office confirms it (the Maladie programmes ship with a proposal only).
func (s *Area) saveProgramme(w http.ResponseWriter, r *http.Request) error {
	p, err := s.Store.Programme(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	if p.Version, err = strconv.Atoi(r.PostFormValue("version")); err != nil {
		return certif.Errorf(certif.EInvalid, "Formulaire incomplet : rechargez la page.")
	}
	p.Qualification = r.PostFormValue("qualification")
	confirm := r.PostFormValue("confirmed") == "on"
	if err := s.Store.SaveProgramme(r.Context(), s.Caller(r), p, confirm); err != nil {
		return s.showReferential(w, r, err)
	}
	msg := "Programme " + p.Code + " : correspondance à confirmer enregistrée."
	switch {
	case p.Qualification == "":
		msg = "Programme " + p.Code + " : CQP visé retiré."
	case confirm:
		msg = "Programme " + p.Code + " : il mène au CQP " + p.Qualification + ", correspondance confirmée. Ses stagiaires peuvent être recensés et inscrits."
	}
	return s.Redirect(w, r, "/referentiel#programmes", msg)
}
