package censuses

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"certibloc/internal/certif"
	"certibloc/internal/web/kit"
)

// windowsData is the page of the registration windows (R1).
type windowsData struct {
	Windows        certif.Windows
	Open           certif.Windows // those that contain today
	Qualifications []certif.Qualification
	IsOffice       bool
}

func (s *Area) windowsData(r *http.Request) (windowsData, error) {
	d := windowsData{IsOffice: kit.Principal(r).Is(certif.RoleOffice)}
	var err error
	if d.Windows, err = s.Store.RegistrationWindows(r.Context()); err != nil {
		return d, err
	}
	for _, w := range d.Windows {
		if w.Contains(s.Clock.Today()) {
			d.Open = append(d.Open, w)
		}
	}
	_, d.Qualifications, err = s.QualificationTitles(r)
	return d, err
}

func (s *Area) windowsPage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.windowsData(r)
	if err != nil {
		return err
	}
	return s.Show(w, r, "windows.html", "Fenêtres d'inscription", d)
}

// saveWindow adds a window, or changes the one named by the id field.
func (s *Area) saveWindow(w http.ResponseWriter, r *http.Request) error {
	var v certif.Validation
	win := certif.RegistrationWindow{
		Opens:         kit.DateField(&v, r, "opens", "Ouverture", true),
		Closes:        kit.DateField(&v, r, "closes", "Fermeture", true),
		Qualification: r.PostFormValue("qualification"),
		Label:         r.PostFormValue("label"),
	}
	if raw := strings.TrimSpace(r.PostFormValue("id")); raw != "" {
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || id <= 0 {
			return certif.Errorf(certif.ENotFound, "Fenêtre d'inscription introuvable.")
		}
		win.ID = id
	}
	if raw := strings.TrimSpace(r.PostFormValue("period")); raw != "" {
		m, err := certif.ParseMonth(raw)
		if err != nil {
			v.Add("period", "Période de certification : mois invalide, format AAAA-MM attendu.")
		}
		win.Period = m
	}
	err := v.Err()
	if err == nil {
		win, err = s.Store.SaveRegistrationWindow(r.Context(), s.Caller(r), win)
	}
	if err != nil {
		if certif.ErrorCode(err) != certif.EInvalid {
			return err
		}
		d, derr := s.windowsData(r)
		if derr != nil {
			return derr
		}
		return s.ShowInvalid(w, r, "windows.html", "Fenêtres d'inscription", d, err)
	}
	return s.Redirect(w, r, "/fenetres", fmt.Sprintf("Fenêtre d'inscription enregistrée : du %s au %s, %s.", win.Opens.French(), win.Closes.French(), win.Scope()))
}

func (s *Area) deleteWindow(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	if err := s.Store.DeleteRegistrationWindow(r.Context(), s.Caller(r).Because(r.PostFormValue("reason")), id); err != nil {
		return err
	}
	return s.Redirect(w, r, "/fenetres", "Fenêtre d'inscription supprimée ; la suppression est tracée.")
}
