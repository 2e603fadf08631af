package registrations

import (
	"net/http"

	"certibloc/internal/communes"
	"certibloc/internal/web/kit"
)

// communeChoice is a commune offered while its code is typed.
type communeChoice struct {
	Code  string `json:"code"`
	Label string `json:"label"`
}

// maxCommuneChoices bounds the communes offered at once.
const maxCommuneChoices = 20

// communesLookup answers the communes of the official list whose code or
// name starts with q, for the birth commune field of the candidate form.
func (s *Area) communesLookup(w http.ResponseWriter, r *http.Request) error {
	found := communes.Search(r.URL.Query().Get("q"), maxCommuneChoices)
	out := make([]communeChoice, len(found))
	for i, c := range found {
		out[i] = communeChoice{Code: c.Code, Label: c.Label()}
	}
	return kit.WriteJSON(w, http.StatusOK, out)
}
