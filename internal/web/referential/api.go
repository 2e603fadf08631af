package referential

import (
	"net/http"
	"time"

	"certibloc/internal/certif"
	"certibloc/internal/clock"
	"certibloc/internal/web/kit"
)

func (s *Area) apiBranches(w http.ResponseWriter, r *http.Request) error {
	branches, err := s.Store.Branches(r.Context())
	if err != nil {
		return err
	}
	return kit.WriteJSON(w, http.StatusOK, branches)
}

type apiQualification struct {
	certif.Qualification
	MonoBlock bool `json:"mono_block"`
}

func (s *Area) apiQualifications(w http.ResponseWriter, r *http.Request) error {
	quals, err := s.Store.Qualifications(r.Context(), true)
	if err != nil {
		return err
	}
	out := make([]apiQualification, len(quals))
	for i, q := range quals {
		out[i] = apiOf(q)
	}
	return kit.WriteJSON(w, http.StatusOK, out)
}

func (s *Area) apiQualification(w http.ResponseWriter, r *http.Request) error {
	q, err := s.Store.Qualification(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	return kit.WriteJSON(w, http.StatusOK, apiOf(q))
}

// apiOf is a qualification as the API gives it: lists never null.
func apiOf(q certif.Qualification) apiQualification {
	for _, l := range []*[]string{&q.NSF, &q.Formacodes, &q.Certifiers} {
		if *l == nil {
			*l = []string{}
		}
	}
	return apiQualification{q, q.MonoBlock()}
}

// apiProgramme is a branch's programme as the API gives it.
type apiProgramme struct {
	Code          string             `json:"code"`
	Title         string             `json:"title"`
	Branch        string             `json:"branch"`
	Qualification string             `json:"qualification"`
	Route         certif.IntakeRoute `json:"route"`
	Confirmed     bool               `json:"confirmed"`
	ConfirmedOn   string             `json:"confirmed_on"` // Paris day, "" while to confirm
}

func (s *Area) apiProgrammes(w http.ResponseWriter, r *http.Request) error {
	progs, err := s.Store.Programmes(r.Context())
	if err != nil {
		return err
	}
	out := make([]apiProgramme, len(progs))
	for i, p := range progs {
		out[i] = apiProgramme{Code: p.Code, Title: p.Title, Branch: p.Branch, Qualification: p.Qualification, Route: p.Route, Confirmed: p.Confirmed()}
		if p.Confirmed() {
			out[i].ConfirmedOn = p.ConfirmedAt.In(clock.Paris).Format(time.DateOnly)
		}
	}
	return kit.WriteJSON(w, http.StatusOK, out)
}
