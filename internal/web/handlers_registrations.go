package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"certibloc/internal/certif"
	"certibloc/internal/store"
)

// attemptView is a block attempt with its R8 eligibility.
type attemptView struct {
	certif.BlockAttempt
	Eligibility certif.Eligibility
}

// registrationView is a registration as its pages show it.
type registrationView struct {
	certif.Registration
	QualTitle      string
	Attempts       []attemptView
	ChangeDeadline certif.Date
	ChangeRefusal  string // why the caller may not change it, "" if it may
}

// viewRegistration builds a registration's view; titles and windows are read
// once per request by the caller (registrationLookups), not once per registration.
func (s *Server) viewRegistration(r *http.Request, g certif.Registration, c certif.Candidate, titles map[string]string, windows certif.Windows) registrationView {
	identityErr := c.Validate(s.clock.Today())
	v := registrationView{Registration: g, QualTitle: titles[g.Qualification], ChangeDeadline: certif.ChangeDeadline(g)}
	holds := s.holdsOf(r, g.EmployerID)
	for _, a := range g.Attempts {
		v.Attempts = append(v.Attempts, attemptView{a, certif.AttemptEligibility(a, g, identityErr, holds...)})
	}
	if err := certif.CheckChangeIn(principal(r).Role(), g, s.clock.Today(), windows); err != nil {
		v.ChangeRefusal = certif.ErrorMessage(err)
	}
	return v
}

// registrationLookups reads what every registration view of a page needs.
func (s *Server) registrationLookups(r *http.Request) (map[string]string, certif.Windows, error) {
	titles, _, err := s.qualificationTitles(r)
	if err != nil {
		return nil, nil, err
	}
	windows, err := s.st.RegistrationWindows(r.Context())
	return titles, windows, err
}

func (s *Server) qualificationTitles(r *http.Request) (map[string]string, []certif.Qualification, error) {
	quals, err := s.st.Qualifications(r.Context(), false)
	titles := map[string]string{}
	for _, q := range quals {
		titles[q.Code] = q.Title
	}
	return titles, quals, err
}

// revealHealth gives one registration its health data, if the caller may see it (R15, logged).
func (s *Server) revealHealth(r *http.Request, g *certif.Registration) error {
	regs := []certif.Registration{*g}
	err := s.st.RevealHealth(r.Context(), viewer(r), regs)
	*g = regs[0]
	return err
}

type historyLine struct {
	certif.AuditEvent
	What string // French description
}

type candidateFile struct {
	Candidate      certif.Candidate
	IdentityError  string
	Registrations  []registrationView
	Validated      []certif.BlockAttempt
	History        []historyLine
	Duplicates     []certif.Candidate
	Employers      []certif.Employer
	Qualifications []certif.Qualification
}

func (s *Server) candidateFile(r *http.Request, id int64) (candidateFile, error) {
	ctx := r.Context()
	var f candidateFile
	c, err := s.st.Candidate(ctx, id, scope(r))
	if err != nil {
		return f, err
	}
	f.Candidate = c
	if err := c.Validate(s.clock.Today()); err != nil {
		f.IdentityError = fmt.Sprintf("%s %s", certif.ErrorMessage(err), joinFields(certif.ErrorFields(err)))
	}
	titles, quals, err := s.qualificationTitles(r)
	if err != nil {
		return f, err
	}
	regs, err := s.st.CandidateRegistrations(ctx, id, scope(r))
	if err != nil {
		return f, err
	}
	if err := s.st.RevealHealth(ctx, viewer(r), regs); err != nil {
		return f, err
	}
	windows, err := s.st.RegistrationWindows(ctx)
	if err != nil {
		return f, err
	}
	for _, g := range regs {
		f.Registrations = append(f.Registrations, s.viewRegistration(r, g, c, titles, windows))
	}
	if f.Validated, err = s.st.ValidatedBlocks(ctx, id); err != nil {
		return f, err
	}
	events, err := s.st.AuditEvents(ctx, viewer(r), store.AuditFilter{CandidateID: id, Limit: 500})
	if err != nil {
		return f, err
	}
	for _, e := range events {
		f.History = append(f.History, historyLine{e, describeEvent(e)})
	}
	if principal(r).Is(certif.RoleOffice, certif.RoleCertifier) {
		if f.Duplicates, err = s.st.PossibleDuplicates(ctx, c); err != nil {
			return f, err
		}
	}
	if principal(r).Is(certif.RoleOffice) {
		f.Employers, f.Qualifications = nil, quals
		if f.Employers, err = s.st.Employers(ctx); err != nil {
			return f, err
		}
	}
	return f, nil
}

func joinFields(fields map[string]string) string {
	var out []string
	for _, m := range fields {
		out = append(out, m)
	}
	return strings.Join(out, " ")
}

func (s *Server) candidatePage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	f, err := s.candidateFile(r, id)
	if err != nil {
		return err
	}
	return s.show(w, r, "candidate.html", f.Candidate.PrintedName(), f)
}

// candidateInvalid re-shows a candidate's file with the error of one of its forms.
func (s *Server) candidateInvalid(w http.ResponseWriter, r *http.Request, id int64, err error) error {
	f, ferr := s.candidateFile(r, id)
	if ferr != nil {
		return ferr
	}
	return s.showInvalid(w, r, "candidate.html", f.Candidate.PrintedName(), f, err)
}

type registrationForm struct {
	Candidate      certif.Candidate
	Qualifications []certif.Qualification
	Qualification  *certif.Qualification
	Request        certif.RegistrationRequest
	Validated      map[int]certif.Date
	RegistrationID int64 // 0 for a new registration
	Version        int   // the version the change is made from (hidden field)
	Contracts      []certif.Contract
	EarliestPeriod certif.Month
	IsOffice       bool
	LateReason     string
}

func (s *Server) registrationFormData(r *http.Request, c certif.Candidate, qual string, req certif.RegistrationRequest, regID int64) (registrationForm, error) {
	ctx := r.Context()
	quals, err := s.st.Qualifications(ctx, true)
	if err != nil {
		return registrationForm{}, err
	}
	cal, err := s.st.Calendar(ctx)
	if err != nil {
		return registrationForm{}, err
	}
	f := registrationForm{Candidate: c, Qualifications: quals, Request: req, RegistrationID: regID, Contracts: certif.Contracts,
		EarliestPeriod: cal.EarliestPeriod(s.clock.Today()), IsOffice: principal(r).Is(certif.RoleOffice), Validated: map[int]certif.Date{},
		LateReason: r.PostFormValue("late_reason")}
	for i := range quals {
		if quals[i].Code == strings.ToUpper(qual) {
			f.Qualification = &quals[i]
		}
	}
	validated, err := s.st.ValidatedBlocks(ctx, c.ID)
	for _, a := range validated {
		if f.Qualification != nil && a.Qualification == f.Qualification.Code {
			f.Validated[a.Block] = a.DecidedOn
		}
	}
	return f, err
}

func (s *Server) newRegistrationForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	c, err := s.st.Candidate(r.Context(), id, scope(r))
	if err != nil {
		return err
	}
	qual := r.URL.Query().Get("cqp")
	f, err := s.registrationFormData(r, c, qual, certif.RegistrationRequest{Qualification: qual, Path: certif.PathComplete, Contract: certif.ContractCDI}, 0)
	if err != nil {
		return err
	}
	return s.show(w, r, "registration_form.html", "Inscrire "+c.PrintedName(), f)
}

// parseRegistration reads the registration form.
func parseRegistration(r *http.Request) (certif.RegistrationRequest, error) {
	f := r.PostForm
	req := certif.RegistrationRequest{
		Qualification: f.Get("qualification"), Path: certif.Path(f.Get("path")), Contract: certif.Contract(f.Get("contract")),
		Repeating: f.Get("repeating") == "on", Specialty: f.Get("specialty"), Disability: f.Get("disability") == "on",
		Adjustments: f.Get("adjustments"), BlockDates: map[int]certif.Date{},
	}
	var v certif.Validation
	for _, raw := range f["blocks"] {
		n, err := strconv.Atoi(raw)
		if err != nil {
			v.Add("blocks", "Bloc invalide.")
			continue
		}
		req.Blocks = append(req.Blocks, n)
	}
	req.CertifiableFrom = dateField(&v, r, "certifiable_from", "Certifiable à partir du", true)
	for key := range f {
		if n, ok := strings.CutPrefix(key, "block_date_"); ok {
			b, err := strconv.Atoi(n)
			if d := dateField(&v, r, key, "Bloc "+n+", certifiable à partir du", false); err == nil && !d.IsZero() {
				req.BlockDates[b] = d
			}
		}
	}
	if req.Path == certif.PathComplete {
		req.Blocks, req.BlockDates = nil, map[int]certif.Date{}
	}
	if raw := strings.TrimSpace(f.Get("exam_period")); raw != "" {
		m, err := certif.ParseMonth(raw)
		if err != nil {
			v.Add("exam_period", "Période imposée : mois invalide, format AAAA-MM attendu.")
		}
		req.ExamPeriod = m
	}
	return req, v.Err()
}

func (s *Server) createRegistration(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	c, err := s.st.Candidate(r.Context(), id, scope(r))
	if err != nil {
		return err
	}
	req, err := parseRegistration(r)
	var g certif.Registration
	if err == nil {
		g, err = s.st.CreateRegistration(r.Context(), store.ChangeBy(principal(r).User, s.clock.Today(), r.PostFormValue("late_reason")), id, req)
	}
	if err != nil {
		f, ferr := s.registrationFormData(r, c, req.Qualification, req, 0)
		if ferr != nil {
			return ferr
		}
		return s.showInvalid(w, r, "registration_form.html", "Inscrire "+c.PrintedName(), f, err)
	}
	return s.redirect(w, r, fmt.Sprintf("/inscriptions/%d", g.ID), fmt.Sprintf("Inscription enregistrée : %s, blocs %s.", g.Qualification, blocksText(g.Blocks)))
}

// staleVersion is the version a re-shown form carries: the current one after
// a refusal for staleness, the one it was sent with otherwise.
func staleVersion(err error, sent, current int) int {
	if certif.ErrorCode(err) == certif.EStale {
		return current
	}
	return sent
}

func blocksText(blocks []int) string {
	s := make([]string, len(blocks))
	for i, b := range blocks {
		s[i] = strconv.Itoa(b)
	}
	return strings.Join(s, ", ")
}

type registrationPageData struct {
	Registration registrationView
	Candidate    certif.Candidate
}

func (s *Server) registrationAndCandidate(r *http.Request) (certif.Registration, certif.Candidate, error) {
	id, err := pathID(r)
	if err != nil {
		return certif.Registration{}, certif.Candidate{}, err
	}
	g, err := s.st.Registration(r.Context(), id, scope(r))
	if err != nil {
		return g, certif.Candidate{}, err
	}
	c, err := s.st.Candidate(r.Context(), g.CandidateID, scope(r))
	return g, c, err
}

func (s *Server) registrationPage(w http.ResponseWriter, r *http.Request) error {
	g, c, err := s.registrationAndCandidate(r)
	if err != nil {
		return err
	}
	if err := s.revealHealth(r, &g); err != nil {
		return err
	}
	titles, windows, err := s.registrationLookups(r)
	if err != nil {
		return err
	}
	return s.show(w, r, "registration.html", fmt.Sprintf("Inscription n° %d", g.ID), registrationPageData{s.viewRegistration(r, g, c, titles, windows), c})
}

func (s *Server) editRegistrationForm(w http.ResponseWriter, r *http.Request) error {
	g, c, err := s.registrationAndCandidate(r)
	if err != nil {
		return err
	}
	windows, err := s.st.RegistrationWindows(r.Context())
	if err != nil {
		return err
	}
	if err := certif.CheckChangeIn(principal(r).Role(), g, s.clock.Today(), windows); err != nil {
		return err
	}
	if err := s.revealHealth(r, &g); err != nil {
		return err
	}
	f, err := s.registrationFormData(r, c, g.Qualification, g.Request(), g.ID)
	if err != nil {
		return err
	}
	f.LateReason, f.Version = g.LateReason, g.Version
	return s.show(w, r, "registration_form.html", fmt.Sprintf("Modifier l'inscription n° %d", g.ID), f)
}

func (s *Server) updateRegistration(w http.ResponseWriter, r *http.Request) error {
	g, c, err := s.registrationAndCandidate(r)
	if err != nil {
		return err
	}
	req, err := parseRegistration(r)
	req.Qualification = g.Qualification
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	if err == nil {
		_, err = s.st.EditRegistration(r.Context(), store.ChangeBy(principal(r).User, s.clock.Today(), r.PostFormValue("late_reason")), g.ID, version,
			func(certif.RegistrationRequest) (certif.RegistrationRequest, error) { return req, nil })
	}
	if err != nil {
		if code := certif.ErrorCode(err); code == certif.EForbidden || code == certif.EConflict {
			return err
		}
		f, ferr := s.registrationFormData(r, c, g.Qualification, req, g.ID)
		if ferr != nil {
			return ferr
		}
		// Refused as stale, the form keeps what was typed and now stands on the
		// current version: sending it again replaces the other change knowingly.
		f.Version = staleVersion(err, version, g.Version)
		return s.showInvalid(w, r, "registration_form.html", fmt.Sprintf("Modifier l'inscription n° %d", g.ID), f, err)
	}
	return s.redirect(w, r, fmt.Sprintf("/inscriptions/%d", g.ID), "Inscription modifiée ; la modification est tracée dans l'historique du candidat.")
}

func (s *Server) deleteRegistration(w http.ResponseWriter, r *http.Request) error {
	g, _, err := s.registrationAndCandidate(r)
	if err != nil {
		return err
	}
	ch := store.ChangeBy(principal(r).User, s.clock.Today(), "")
	if err := s.st.DeleteRegistration(r.Context(), ch, g.ID, r.PostFormValue("reason")); err != nil {
		return err
	}
	return s.redirect(w, r, fmt.Sprintf("/candidats/%d", g.CandidateID), fmt.Sprintf("Inscription n° %d supprimée ; elle reste visible dans l'historique.", g.ID))
}
