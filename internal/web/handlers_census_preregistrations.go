package web

import (
	"fmt"
	"net/http"
	"strconv"

	"certibloc/internal/census"
	"certibloc/internal/certif"
	"certibloc/internal/store"
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
	Pager     pager
}

func (s *Server) preRegistrationsPage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.preRegistrationsData(r)
	if err != nil {
		return err
	}
	return s.show(w, r, "census_preregistrations.html", "Pré-inscriptions à confirmer", d)
}

func (s *Server) preRegistrationsData(r *http.Request) (preRegistrationsData, error) {
	q := r.URL.Query()
	d := preRegistrationsData{Status: census.Status(q.Get("statut")), Statuses: []census.Status{census.Pending, census.Confirmed, census.Declined},
		Employer: q.Get("employeur"), AllScope: scope(r) == store.All, CanDecide: principal(r).Is(censusDeciders...), IsOffice: principal(r).Is(certif.RoleOffice)}
	if q.Get("statut") == "" {
		d.Status = census.Pending
	} else if q.Get("statut") == "tous" {
		d.Status = ""
	}
	page, _ := strconv.Atoi(q.Get("page"))
	list, total, err := s.st.PreRegistrations(r.Context(), store.PreRegistrationFilter{Scope: scope(r), Status: d.Status, Employer: d.Employer, Page: page, PerPage: perPage})
	if err != nil {
		return d, err
	}
	today := s.clock.Today()
	for _, p := range list {
		d.Items = append(d.Items, preRegistrationView{p, p.Eligibility(), p.Status == census.Pending && p.Late(today)})
	}
	d.Pager = newPager(r, total, perPage)
	if d.AllScope {
		d.Employers, err = s.st.Employers(r.Context())
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

func (s *Server) preRegistrationFormData(r *http.Request, p census.PreRegistration, req certif.RegistrationRequest) (preRegistrationForm, error) {
	f := preRegistrationForm{Item: p, Request: req, Contracts: certif.Contracts, IsOffice: principal(r).Is(certif.RoleOffice),
		Validated: map[int]certif.Date{}, LateReason: r.PostFormValue("late_reason")}
	q, err := s.st.Qualification(r.Context(), p.Qualification)
	if err != nil {
		return f, err
	}
	f.Qualification = q
	validated, err := s.st.ValidatedBlocks(r.Context(), p.CandidateID)
	for _, a := range validated {
		if a.Qualification == q.Code {
			f.Validated[a.Block] = a.DecidedOn
		}
	}
	return f, err
}

func (s *Server) pendingPreRegistration(r *http.Request) (census.PreRegistration, error) {
	id, err := pathID(r)
	if err != nil {
		return census.PreRegistration{}, err
	}
	p, err := s.st.PreRegistration(r.Context(), id, scope(r))
	if err == nil && p.Status != census.Pending {
		err = certif.Errorf(certif.EConflict, "Cette pré-inscription est déjà traitée (%s).", p.Status.Label())
	}
	return p, err
}

func (s *Server) preRegistrationForm(w http.ResponseWriter, r *http.Request) error {
	p, err := s.pendingPreRegistration(r)
	if err != nil {
		return err
	}
	f, err := s.preRegistrationFormData(r, p, p.Request())
	if err != nil {
		return err
	}
	return s.show(w, r, "census_preregistration_form.html", "Corriger la pré-inscription de "+p.Candidate, f)
}

// confirmed redirects to the registration a confirmation made.
func (s *Server) confirmed(w http.ResponseWriter, r *http.Request, g certif.Registration) error {
	return s.redirect(w, r, fmt.Sprintf("/inscriptions/%d", g.ID), fmt.Sprintf("Pré-inscription confirmée : inscription n° %d enregistrée (%s, blocs %s). Complétez-la si besoin (spécialité, situation de handicap).",
		g.ID, g.Qualification, blocksText(g.Blocks)))
}

func (s *Server) correctPreRegistration(w http.ResponseWriter, r *http.Request) error {
	p, err := s.pendingPreRegistration(r)
	if err != nil {
		return err
	}
	req, err := parseRegistration(r)
	req.Qualification = p.Qualification
	var g certif.Registration
	if err == nil {
		g, err = s.st.ConfirmPreRegistration(r.Context(), store.ChangeBy(principal(r).User, s.clock.Today(), r.PostFormValue("late_reason")), p.ID, &req)
	}
	if err != nil {
		if code := certif.ErrorCode(err); code != certif.EInvalid {
			return err
		}
		f, ferr := s.preRegistrationFormData(r, p, req)
		if ferr != nil {
			return ferr
		}
		return s.showInvalid(w, r, "census_preregistration_form.html", "Corriger la pré-inscription de "+p.Candidate, f, err)
	}
	return s.confirmed(w, r, g)
}

func (s *Server) confirmPreRegistration(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	g, err := s.st.ConfirmPreRegistration(r.Context(), store.ChangeBy(principal(r).User, s.clock.Today(), r.PostFormValue("late_reason")), id, nil)
	if certif.ErrorCode(err) == certif.EInvalid {
		return s.redirect(w, r, fmt.Sprintf("/pre-inscriptions/%d", id), "Confirmation impossible telle quelle : "+certif.ErrorMessage(err)+" Corrigez la pré-inscription ci-dessous.")
	}
	if err != nil {
		return err
	}
	return s.confirmed(w, r, g)
}

func (s *Server) declinePreRegistration(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	err = s.st.DeclinePreRegistration(r.Context(), store.ChangeBy(principal(r).User, s.clock.Today(), ""), id, r.PostFormValue("reason"))
	if certif.ErrorCode(err) == certif.EInvalid {
		d, derr := s.preRegistrationsData(r)
		if derr != nil {
			return derr
		}
		// The message goes next to the reason field of this pre-registration's row.
		err = &certif.Error{Code: certif.EInvalid, Message: certif.ErrorMessage(err), Fields: map[string]string{fmt.Sprintf("reason-%d", id): certif.ErrorFields(err)["reason"]}}
		return s.showInvalid(w, r, "census_preregistrations.html", "Pré-inscriptions à confirmer", d, err)
	}
	if err != nil {
		return err
	}
	return s.redirect(w, r, "/pre-inscriptions", "Pré-inscription écartée ; le motif est tracé dans l'historique du candidat.")
}
