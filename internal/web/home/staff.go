package home

import (
	"certibloc/internal/web/kit"
	"net/http"
)

// staffHome is the home of the exam office and the certifier: the calendar
// outlook and the platform's figures.
type staffHome struct {
	outlook
	Employers  int
	Candidates int
}

func (s *Area) staffHome(r *http.Request, o outlook, _ homeSources) (any, error) {
	d := staffHome{outlook: o}
	var err error
	if d.Employers, err = s.Store.CountEmployers(r.Context()); err != nil {
		return nil, err
	}
	d.Candidates, err = s.Store.CountCandidates(r.Context(), kit.Scope(r))
	return d, err
}
