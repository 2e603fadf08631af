package censuses

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"certibloc/internal/census"
	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
	"certibloc/internal/web/registrations"
)

// preRegistrationView is a pre-registration as its list shows it.
type preRegistrationView struct {
	census.PreRegistration
	Eligibility certif.Eligibility
	Late        bool
}

type preRegistrationsData struct {
	Items     []preRegistrationView
	Status    census.Status
	Statuses  []census.Status
	Employer  string
	Employers []certif.Employer
	AllScope  bool
	CanDecide bool
	IsOffice  bool
	Pager     kit.Pager
}

func (s *Area) preRegistrationsPage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.preRegistrationsData(r)
	if err != nil {
		return err
	}
	return s.Show(w, r, "census_preregistrations.html", "Pré-inscriptions à confirmer", d)
}

func (s *Area) preRegistrationsData(r *http.Request) (preRegistrationsData, error) {
	q := r.URL.Query()
	d := preRegistrationsData{Status: census.Status(q.Get("statut")), Statuses: []census.Status{census.Pending, census.Confirmed, census.Declined},
		Employer: q.Get("employeur"), AllScope: kit.Scope(r) == store.All, CanDecide: kit.Principal(r).Is(kit.Registrars...), IsOffice: kit.Principal(r).Is(certif.RoleOffice)}
	if q.Get("statut") == "" {
		d.Status = census.Pending
	} else if q.Get("statut") == "tous" {
		d.Status = ""
	}
	page, _ := strconv.Atoi(q.Get("page"))
	list, total, err := s.Store.PreRegistrations(r.Context(), store.PreRegistrationFilter{Scope: kit.Scope(r), Status: d.Status, Employer: d.Employer, Page: page, PerPage: kit.PerPage})
	if err != nil {
		return d, err
	}
	today := s.Clock.Today()
	for _, p := range list {
		d.Items = append(d.Items, preRegistrationView{p, p.Eligibility(), p.Status == census.Pending && p.Late(today)})
	}
	d.Pager = kit.NewPager(r, total, kit.PerPage)
	if d.AllScope {
		d.Employers, err = s.Store.Employers(r.Context())
	}
	return d, err
}

// preRegistrationForm is the correction form of a pre-registration: the
// blocks, the dates and the contract of the registration it proposes.
type preRegistrationForm struct {
	Item          census.PreRegistration
	Qualification certif.Qualification
	Request       certif.RegistrationRequest
	Validated     map[int]certif.Date
	Contracts     []certif.Contract
	IsOffice      bool
	LateReason    string
}

func (s *Area) preRegistrationFormData(r *http.Request, p census.PreRegistration, req certif.RegistrationRequest) (preRegistrationForm, error) {
	f := preRegistrationForm{Item: p, Request: req, Contracts: certif.Contracts, IsOffice: kit.Principal(r).Is(certif.RoleOffice),
		Validated: map[int]certif.Date{}, LateReason: r.PostFormValue("late_reason")}
	q, err := s.Store.Qualification(r.Context(), p.Qualification)
	if err != nil {
		return f, err
	}
	f.Qualification = q
	validated, err := s.Store.ValidatedBlocks(r.Context(), p.CandidateID)
	for _, a := range validated {
		if a.Qualification == q.Code {
			f.Validated[a.Block] = a.DecidedOn
		}
	}
	return f, err
}

func (s *Area) pendingPreRegistration(r *http.Request) (census.PreRegistration, error) {
	id, err := kit.PathID(r)
	if err != nil {
		return census.PreRegistration{}, err
	}
	p, err := s.Store.PreRegistration(r.Context(), id, kit.Scope(r))
	if err == nil && p.Status != census.Pending {
		err = certif.Errorf(certif.EConflict, "Cette pré-inscription est déjà traitée (%s).", p.Status.Label())
	}
	return p, err
}

func (s *Area) preRegistrationForm(w http.ResponseWriter, r *http.Request) error {
	p, err := s.pendingPreRegistration(r)
	if err != nil {
		return err
	}
	f, err := s.preRegistrationFormData(r, p, p.Request())
	if err != nil {
		return err
	}
	return s.Show(w, r, "census_preregistration_form.html", "Corriger la pré-inscription "+certif.De(p.Candidate), f)
}

// confirmed redirects to the registration a confirmation made.
func (s *Area) confirmed(w http.ResponseWriter, r *http.Request, g certif.Registration) error {
	return s.Redirect(w, r, fmt.Sprintf("/inscriptions/%d", g.ID), fmt.Sprintf("Pré-inscription confirmée : inscription n° %d enregistrée (%s, blocs %s). Complétez-la si besoin (spécialité, situation de handicap).",
		g.ID, g.Qualification, kit.BlocksText(g.Blocks)))
}

func (s *Area) correctPreRegistration(w http.ResponseWriter, r *http.Request) error {
	p, err := s.pendingPreRegistration(r)
	if err != nil {
		return err
	}
	req, err := registrations.ParseRegistration(r)
	req.Qualification = p.Qualification
	var g certif.Registration
	if err == nil {
		g, err = s.Store.ConfirmPreRegistration(r.Context(), s.Caller(r).Because(strings.TrimSpace(r.PostFormValue("late_reason"))), p.ID, &req)
	}
	if err != nil {
		if code := certif.ErrorCode(err); code != certif.EInvalid {
			return err
		}
		f, ferr := s.preRegistrationFormData(r, p, req)
		if ferr != nil {
			return ferr
		}
		return s.ShowInvalid(w, r, "census_preregistration_form.html", "Corriger la pré-inscription "+certif.De(p.Candidate), f, err)
	}
	return s.confirmed(w, r, g)
}

func (s *Area) confirmPreRegistration(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	g, err := s.Store.ConfirmPreRegistration(r.Context(), s.Caller(r).Because(strings.TrimSpace(r.PostFormValue("late_reason"))), id, nil)
	if certif.ErrorCode(err) == certif.EInvalid {
		return s.Redirect(w, r, fmt.Sprintf("/pre-inscriptions/%d", id), "Confirmation impossible telle quelle : "+certif.ErrorMessage(err)+" Corrigez la pré-inscription ci-dessous.")
	}
	if err != nil {
		return err
	}
	return s.confirmed(w, r, g)
}

func (s *Area) declinePreRegistration(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	err = s.Store.DeclinePreRegistration(r.Context(), s.Caller(r).Because(r.PostFormValue("reason")), id)
	if certif.ErrorCode(err) == certif.EInvalid {
		d, derr := s.preRegistrationsData(r)
		if derr != nil {
			return derr
		}
		// The message goes next to the reason field of this pre-registration's row.
		err = &certif.Error{Code: certif.EInvalid, Message: certif.ErrorMessage(err), Fields: map[string]string{fmt.Sprintf("reason-%d", id): certif.ErrorFields(err)["reason"]}}
		return s.ShowInvalid(w, r, "census_preregistrations.html", "Pré-inscriptions à confirmer", d, err)
	}
	if err != nil {
		return err
	}
	return s.Redirect(w, r, "/pre-inscriptions", "Pré-inscription écartée ; le motif est tracé dans l'historique du candidat.")
}
