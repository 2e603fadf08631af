package evaluations

import (
	"net/http"
	"strconv"
	"strings"

	"certibloc/internal/certif"
	"certibloc/internal/web/kit"
)

// gridsView is the page of a qualification's grids: one text per block, a
// criterion a line.
type gridsView struct {
	Qualification certif.Qualification
	Blocks        []gridBlock
	Editable      bool
}

type gridBlock struct {
	Block certif.Block
	Field string
	Text  string
	Lines []string
	Count int
}

func (s *Area) gridsView(r *http.Request, texts map[int]string) (gridsView, error) {
	q, err := s.Store.Qualification(r.Context(), r.PathValue("code"))
	if err != nil {
		return gridsView{}, err
	}
	grids, err := s.Store.Grids(r.Context(), q.Code)
	v := gridsView{Qualification: q, Editable: kit.Principal(r).Role() == certif.RoleOffice}
	for _, b := range q.Blocks {
		var lines []string
		for _, c := range grids[b.Number] {
			lines = append(lines, c.Label)
		}
		text, ok := texts[b.Number]
		if !ok {
			text = strings.Join(lines, "\n")
		}
		v.Blocks = append(v.Blocks, gridBlock{Block: b, Field: "grid_" + strconv.Itoa(b.Number), Text: text, Lines: lines, Count: len(lines)})
	}
	return v, err
}

func (s *Area) gridsPage(w http.ResponseWriter, r *http.Request) error {
	v, err := s.gridsView(r, nil)
	if err != nil {
		return err
	}
	return s.Show(w, r, "grids.html", "Grilles d'évaluation — "+v.Qualification.Code, v)
}

func (s *Area) saveGrids(w http.ResponseWriter, r *http.Request) error {
	v, err := s.gridsView(r, nil)
	if err != nil {
		return err
	}
	texts := map[int]string{}
	for _, b := range v.Blocks {
		texts[b.Block.Number] = r.PostFormValue(b.Field)
	}
	by := s.Caller(r)
	for _, b := range v.Blocks {
		if strings.Join(strings.Fields(texts[b.Block.Number]), " ") == strings.Join(strings.Fields(b.Text), " ") {
			continue
		}
		if _, err := s.Store.SaveGrid(r.Context(), by, v.Qualification.Code, b.Block.Number, strings.Split(texts[b.Block.Number], "\n")); err != nil {
			again, verr := s.gridsView(r, texts)
			if verr != nil {
				return verr
			}
			return s.ShowInvalid(w, r, "grids.html", "Grilles d'évaluation — "+v.Qualification.Code, again, err)
		}
	}
	return s.Redirect(w, r, "/grilles/"+v.Qualification.Code, "Grilles d'évaluation enregistrées.")
}
