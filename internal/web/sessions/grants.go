package sessions

import (
	"net/http"
	"strconv"
	"strings"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

type grantsView struct {
	Requests []store.AdjustmentRequest
}

func (s *Area) grantsPage(w http.ResponseWriter, r *http.Request) error {
	list, err := s.Store.AdjustmentRequests(r.Context(), kit.Viewer(r))
	if err != nil {
		return err
	}
	return s.Show(w, r, "grants.html", "Aménagements des épreuves", grantsView{list})
}

type grantView struct {
	Registration  certif.Registration
	CandidateName string
	Grant         certif.AdjustmentGrant
	MayDecide     bool
}

func (s *Area) grantView(r *http.Request) (grantView, error) {
	id, err := kit.PathID(r)
	if err != nil {
		return grantView{}, err
	}
	g, err := s.Store.Registration(r.Context(), id, kit.Scope(r))
	if err != nil {
		return grantView{}, err
	}
	regs := []certif.Registration{g}
	if err := s.Store.RevealHealth(r.Context(), kit.Viewer(r), regs); err != nil {
		return grantView{}, err
	}
	c, err := s.Store.Candidate(r.Context(), g.CandidateID, kit.Scope(r))
	if err != nil {
		return grantView{}, err
	}
	v := grantView{Registration: regs[0], CandidateName: c.PrintedName(), MayDecide: kit.Principal(r).Is(certif.RoleCertifier)}
	v.Grant, err = s.Store.AdjustmentGrant(r.Context(), id)
	return v, err
}

func (s *Area) grantPage(w http.ResponseWriter, r *http.Request) error {
	v, err := s.grantView(r)
	if err != nil {
		return err
	}
	return s.Show(w, r, "grant.html", "Aménagements "+certif.De(v.CandidateName), v)
}

func (s *Area) saveGrant(w http.ResponseWriter, r *http.Request) error {
	v, err := s.grantView(r)
	if err != nil {
		return err
	}
	minutes, convErr := strconv.Atoi(strings.TrimSpace(cmpOr(r.PostFormValue("extra_minutes"), "0")))
	g := certif.AdjustmentGrant{RegistrationID: v.Registration.ID, ExtraMinutes: minutes, AccessibleRoom: r.PostFormValue("accessible_room") == "on",
		Secretary: r.PostFormValue("secretary") == "on", AdaptedTest: r.PostFormValue("adapted_test") == "on", Instructions: r.PostFormValue("instructions")}
	if convErr != nil {
		err = &certif.Error{Code: certif.EInvalid, Message: "Temps supplémentaire invalide.", Fields: map[string]string{"extra_minutes": "Un nombre de minutes, de 0 à 180."}}
	} else {
		version, _ := strconv.Atoi(r.PostFormValue("version"))
		_, err = s.Store.SaveAdjustmentGrant(r.Context(), s.Caller(r).Because(r.PostFormValue("reason")), g, version)
	}
	if certif.ErrorCode(err) == certif.EInvalid || certif.ErrorCode(err) == certif.EStale {
		v.Grant = g
		if certif.ErrorCode(err) == certif.EStale {
			v.Grant, _ = s.Store.AdjustmentGrant(r.Context(), v.Registration.ID)
		}
		return s.ShowInvalid(w, r, "grant.html", "Aménagements "+certif.De(v.CandidateName), v, err)
	}
	if err != nil {
		return err
	}
	return s.Redirect(w, r, "/amenagements", "Aménagements "+certif.De(v.CandidateName)+" décidés ; le prochain calcul des séances en tient compte.")
}

func cmpOr(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}
