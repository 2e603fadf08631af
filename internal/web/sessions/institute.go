package sessions

import (
	"net/http"

	"certibloc/internal/store"
)

type instituteView struct {
	Sites []store.InstituteSite
	Site  store.InstituteSite
}

func (s *Area) institutePage(w http.ResponseWriter, r *http.Request) error {
	list, err := s.Store.InstituteSites(r.Context())
	if err != nil {
		return err
	}
	return s.Show(w, r, "institute.html", "Sites de l'Institut 4.10", instituteView{Sites: list})
}

func (s *Area) addInstituteSite(w http.ResponseWriter, r *http.Request) error {
	site := store.InstituteSite{Name: r.PostFormValue("name"), Address: r.PostFormValue("address")}
	saved, err := s.Store.SaveInstituteSite(r.Context(), s.Caller(r), site)
	if err != nil {
		list, lerr := s.Store.InstituteSites(r.Context())
		if lerr != nil {
			return lerr
		}
		return s.ShowInvalid(w, r, "institute.html", "Sites de l'Institut 4.10", instituteView{Sites: list, Site: site}, err)
	}
	return s.Redirect(w, r, "/sites-institut", "Site « "+saved.Name+" » ajouté : les séances en présentiel à l'Institut 4.10 peuvent s'y tenir.")
}
