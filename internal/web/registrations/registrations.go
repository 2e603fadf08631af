package registrations

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"certibloc/internal/calendar"
	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

// attemptView is a block attempt with its R8 eligibility.
type attemptView struct {
	certif.BlockAttempt
	Eligibility certif.Eligibility
	Session     *certif.JurySession // its live professional jury, if the caller sees one
	Evaluation  certif.EvaluationState
	// NationalJury is the national jury that decided the block, or the one it
	// will reach (R9): from its session's day, or, not yet planned, the
	// earliest it can still reach; zero when the calendar knows none.
	NationalJury certif.Date
	Reaches      bool // NationalJury is to come, not past
}

// RegistrationView is a registration as its pages show it.
type RegistrationView struct {
	certif.Registration
	QualTitle      string
	Attempts       []attemptView
	ChangeDeadline certif.Date
	ChangeRefusal  string // why the caller may not change it, "" if it may
}

// ViewRegistration builds a registration's view; titles and windows are read
// once per request by the caller (RegistrationLookups), not once per registration.
func (s *Area) ViewRegistration(r *http.Request, g certif.Registration, c certif.Candidate, titles map[string]string, windows certif.Windows) RegistrationView {
	return s.ViewRegistrations(r, []certif.Registration{g}, c, titles, windows)[0]
}

// ViewRegistrations builds the views of a candidate's registrations, their
// blocks' sessions, evaluations and national juries read once for all.
func (s *Area) ViewRegistrations(r *http.Request, regs []certif.Registration, c certif.Candidate, titles map[string]string, windows certif.Windows) []RegistrationView {
	j := s.juryLookups(r, regs)
	identityErr := c.Validate(s.Clock.Today())
	out := make([]RegistrationView, 0, len(regs))
	for _, g := range regs {
		v := RegistrationView{Registration: g, QualTitle: titles[g.Qualification], ChangeDeadline: certif.ChangeDeadline(g)}
		holds := s.holdsOf(r, g.EmployerID)
		for _, a := range g.Attempts {
			av := attemptView{BlockAttempt: a, Eligibility: certif.AttemptEligibility(a, g, identityErr, holds...)}
			if ss, ok := j.sessions[a.ID]; ok {
				av.Session, av.Evaluation = &ss, j.states[j.slotOf[a.ID]]
			}
			if j.cal != nil {
				av.NationalJury, av.Reaches = s.nationalJuryOf(j.cal, a, av.Session)
			}
			v.Attempts = append(v.Attempts, av)
		}
		if err := certif.CheckChangeIn(kit.Principal(r).Role(), g, s.Clock.Today(), windows); err != nil {
			v.ChangeRefusal = certif.ErrorMessage(err)
		}
		out = append(out, v)
	}
	return out
}

// juryLookups are the professional and national juries of a page's blocks.
type juryLookups struct {
	sessions map[int64]certif.JurySession // by attempt
	slotOf   map[int64]int64              // attempt → slot
	states   map[int64]certif.EvaluationState
	cal      *calendar.Calendar
}

// juryLookups reads, in batches, the sessions and evaluations of the
// registrations' blocks and the calendar; a failure is logged and shows none.
func (s *Area) juryLookups(r *http.Request, regs []certif.Registration) juryLookups {
	var ids []int64
	for _, g := range regs {
		for _, a := range g.Attempts {
			ids = append(ids, a.ID)
		}
	}
	j := juryLookups{slotOf: map[int64]int64{}}
	var err error
	if j.sessions, err = s.Store.AttemptSessions(r.Context(), kit.Scope(r), ids); err != nil {
		s.Log.Error("séances des tentatives", "id", kit.RequestID(r), "error", err)
	}
	var slots []int64
	for _, ss := range j.sessions {
		for _, sl := range ss.Slots {
			j.slotOf[sl.AttemptID] = sl.ID
			slots = append(slots, sl.ID)
		}
	}
	if j.states, err = s.Store.EvaluationStates(r.Context(), slots); err != nil {
		s.Log.Error("évaluations des tentatives", "id", kit.RequestID(r), "error", err)
	}
	if j.cal, err = s.Store.Calendar(r.Context()); err != nil {
		s.Log.Error("calendrier", "id", kit.RequestID(r), "error", err)
	}
	return j
}

// nationalJuryOf is the national jury that decided an attempt, or the one it
// will reach: its session's, or the earliest from its certifiable-from date,
// its period and today (R9).
func (s *Area) nationalJuryOf(cal *calendar.Calendar, a certif.BlockAttempt, ss *certif.JurySession) (certif.Date, bool) {
	if !a.DecidedOn.IsZero() {
		return a.DecidedOn, false
	}
	if !a.Status.InProgress() {
		return certif.Date{}, false
	}
	from := s.Clock.Today()
	for _, d := range []certif.Date{a.CertifiableFrom, a.Period.First()} {
		if d.After(from) {
			from = d
		}
	}
	if ss != nil {
		from = ss.HalfDay.Day
	}
	j, ok := cal.DecidingJury(from)
	return j.Date, ok
}

// RegistrationLookups reads what every registration view of a page needs.
func (s *Area) RegistrationLookups(r *http.Request) (map[string]string, certif.Windows, error) {
	titles, _, err := s.QualificationTitles(r)
	if err != nil {
		return nil, nil, err
	}
	windows, err := s.Store.RegistrationWindows(r.Context())
	return titles, windows, err
}

// revealHealth gives one registration its health data, if the caller may see it (R15, logged).
func (s *Area) revealHealth(r *http.Request, g *certif.Registration) error {
	regs := []certif.Registration{*g}
	err := s.Store.RevealHealth(r.Context(), kit.Viewer(r), regs)
	*g = regs[0]
	return err
}

type historyLine struct {
	certif.AuditLine        // in French, values read by their field
	What             string // what the event records, in French
}

type candidateFile struct {
	Candidate      certif.Candidate
	IdentityError  string
	Registrations  []RegistrationView
	Deletable      bool // no registration left but deleted ones (DeleteCandidate's condition)
	Timeline       []certif.QualificationTimeline
	Validated      []certif.BlockAttempt
	History        []historyLine
	Duplicates     []certif.Candidate
	Employers      []certif.Employer
	Qualifications []certif.Qualification
}

func (s *Area) candidateFile(r *http.Request, id int64) (candidateFile, error) {
	ctx := r.Context()
	var f candidateFile
	c, err := s.Store.Candidate(ctx, id, kit.Scope(r))
	if err != nil {
		return f, err
	}
	f.Candidate = c
	if err := c.Validate(s.Clock.Today()); err != nil {
		f.IdentityError = fmt.Sprintf("%s %s", certif.ErrorMessage(err), joinFields(certif.ErrorFields(err)))
	}
	titles, quals, err := s.QualificationTitles(r)
	if err != nil {
		return f, err
	}
	regs, err := s.Store.CandidateRegistrations(ctx, id, kit.Scope(r))
	if err != nil {
		return f, err
	}
	if err := s.Store.RevealHealth(ctx, kit.Viewer(r), regs); err != nil {
		return f, err
	}
	windows, err := s.Store.RegistrationWindows(ctx)
	if err != nil {
		return f, err
	}
	f.Registrations = s.ViewRegistrations(r, regs, c, titles, windows)
	f.Deletable = !slices.ContainsFunc(regs, func(g certif.Registration) bool { return !g.Deleted })
	if f.Timeline, err = s.Timeline(r, c); err != nil {
		return f, err
	}
	if f.Validated, err = s.Store.ValidatedBlocks(ctx, id); err != nil {
		return f, err
	}
	events, err := s.Store.AuditEvents(ctx, kit.Viewer(r), store.AuditFilter{CandidateID: id, Limit: 500})
	if err != nil {
		return f, err
	}
	for i, line := range s.ReadAudits(events) {
		f.History = append(f.History, historyLine{line, describeEvent(events[i], line)})
	}
	if kit.Principal(r).Is(certif.RoleOffice, certif.RoleCertifier) {
		if f.Duplicates, err = s.Store.PossibleDuplicates(ctx, c); err != nil {
			return f, err
		}
	}
	if kit.Principal(r).Is(certif.RoleOffice) {
		f.Employers, f.Qualifications = nil, quals
		if f.Employers, err = s.Store.Employers(ctx); err != nil {
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

func (s *Area) candidatePage(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	f, err := s.candidateFile(r, id)
	if err != nil {
		return err
	}
	return s.Show(w, r, "candidate.html", f.Candidate.PrintedName(), f)
}

// candidateInvalid re-shows a candidate's file with the error of one of its forms.
func (s *Area) candidateInvalid(w http.ResponseWriter, r *http.Request, id int64, err error) error {
	f, ferr := s.candidateFile(r, id)
	if ferr != nil {
		return ferr
	}
	return s.ShowInvalid(w, r, "candidate.html", f.Candidate.PrintedName(), f, err)
}

type registrationForm struct {
	Candidate      certif.Candidate
	Offers         []certif.Offer // the CQPs, and the programmes leading to one, the user may register to
	Qualification  *certif.Qualification
	Programme      *certif.Programme // the programme the CQP is reached through, nil for none
	Request        certif.RegistrationRequest
	Validated      map[int]certif.Date
	RegistrationID int64 // 0 for a new registration
	Version        int   // the version the change is made from (hidden field)
	Contracts      []certif.Contract
	EarliestPeriod certif.Month
	IsOffice       bool
	LateReason     string
}

func (s *Area) registrationFormData(r *http.Request, c certif.Candidate, qual string, req certif.RegistrationRequest, regID int64) (registrationForm, error) {
	ctx := r.Context()
	quals, err := s.Store.Qualifications(ctx, true)
	if err != nil {
		return registrationForm{}, err
	}
	progs, err := s.Store.Programmes(ctx)
	if err != nil {
		return registrationForm{}, err
	}
	cal, err := s.Store.Calendar(ctx)
	if err != nil {
		return registrationForm{}, err
	}
	f := registrationForm{Candidate: c, Request: req, RegistrationID: regID, Contracts: certif.Contracts,
		EarliestPeriod: cal.EarliestPeriod(s.Clock.Today()), IsOffice: kit.Principal(r).Is(certif.RoleOffice), Validated: map[int]certif.Date{},
		LateReason: r.PostFormValue("late_reason")}
	branch := kit.Principal(r).User.EmployerBranch
	if f.IsOffice {
		branch = "" // an employer is offered its branch's CQPs and programmes; the office, all
	}
	f.Offers = certif.OffersFor(branch, quals, progs)
	// the CQP chosen, directly or through a programme (?cqp=GCAM), or the one
	// of the registration changed
	// (a programme no longer confirmed: the CQP alone, as a change keeps it)
	code, prog, err := certif.ResolveProgramme(qual, req.Programme, progs)
	if err != nil {
		code, prog = strings.ToUpper(strings.TrimSpace(qual)), nil
	}
	for i := range quals {
		if quals[i].Code == code {
			f.Qualification, f.Programme = &quals[i], prog
			f.Request.Programme = prog.CodeOrNone()
		}
	}
	validated, err := s.Store.ValidatedBlocks(ctx, c.ID)
	for _, a := range validated {
		if f.Qualification != nil && a.Qualification == f.Qualification.Code {
			f.Validated[a.Block] = a.DecidedOn
		}
	}
	return f, err
}

func (s *Area) newRegistrationForm(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	c, err := s.Store.Candidate(r.Context(), id, kit.Scope(r))
	if err != nil {
		return err
	}
	qual := r.URL.Query().Get("cqp")
	f, err := s.registrationFormData(r, c, qual, certif.RegistrationRequest{Qualification: qual, Path: certif.PathComplete, Contract: certif.ContractCDI}, 0)
	if err != nil {
		return err
	}
	return s.Show(w, r, "registration_form.html", "Inscrire "+c.PrintedName(), f)
}

// ParseRegistration reads the registration form.
func ParseRegistration(r *http.Request) (certif.RegistrationRequest, error) {
	f := r.PostForm
	req := certif.RegistrationRequest{
		Qualification: f.Get("qualification"), Programme: f.Get("programme"), Path: certif.Path(f.Get("path")), Contract: certif.Contract(f.Get("contract")),
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
	req.CertifiableFrom = kit.DateField(&v, r, "certifiable_from", "Certifiable à partir du", true)
	for key := range f {
		if n, ok := strings.CutPrefix(key, "block_date_"); ok {
			b, err := strconv.Atoi(n)
			if d := kit.DateField(&v, r, key, "Bloc "+n+", certifiable à partir du", false); err == nil && !d.IsZero() {
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

func (s *Area) createRegistration(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	c, err := s.Store.Candidate(r.Context(), id, kit.Scope(r))
	if err != nil {
		return err
	}
	req, err := ParseRegistration(r)
	by := s.Caller(r).Because(strings.TrimSpace(r.PostFormValue("late_reason")))
	var g certif.Registration
	if err == nil {
		g, err = s.Store.CreateRegistration(r.Context(), by, id, req)
	} else { // what the form could not read, and what the rules say of the rest, at once
		err = certif.Join(err, s.Store.CheckRegistration(r.Context(), by, id, req))
	}
	if err != nil {
		f, ferr := s.registrationFormData(r, c, req.Qualification, req, 0)
		if ferr != nil {
			return ferr
		}
		return s.ShowInvalid(w, r, "registration_form.html", "Inscrire "+c.PrintedName(), f, err)
	}
	return s.Redirect(w, r, fmt.Sprintf("/inscriptions/%d", g.ID), fmt.Sprintf("Inscription enregistrée : %s, blocs %s.", g.Qualification, kit.BlocksText(g.Blocks)))
}

// staleVersion is the version a re-shown form carries: the current one after
// a refusal for staleness, the one it was sent with otherwise.
func staleVersion(err error, sent, current int) int {
	if certif.ErrorCode(err) == certif.EStale {
		return current
	}
	return sent
}

type registrationPageData struct {
	Registration RegistrationView
	Candidate    certif.Candidate
}

func (s *Area) registrationAndCandidate(r *http.Request) (certif.Registration, certif.Candidate, error) {
	id, err := kit.PathID(r)
	if err != nil {
		return certif.Registration{}, certif.Candidate{}, err
	}
	g, err := s.Store.Registration(r.Context(), id, kit.Scope(r))
	if err != nil {
		return g, certif.Candidate{}, err
	}
	c, err := s.Store.Candidate(r.Context(), g.CandidateID, kit.Scope(r))
	return g, c, err
}

func (s *Area) registrationPage(w http.ResponseWriter, r *http.Request) error {
	g, c, err := s.registrationAndCandidate(r)
	if err != nil {
		return err
	}
	return s.showRegistration(w, r, g, c, nil)
}

// showRegistration renders a registration's page, with the error of its
// deletion form when refused (nil otherwise).
func (s *Area) showRegistration(w http.ResponseWriter, r *http.Request, g certif.Registration, c certif.Candidate, refused error) error {
	if err := s.revealHealth(r, &g); err != nil {
		return err
	}
	titles, windows, err := s.RegistrationLookups(r)
	if err != nil {
		return err
	}
	title, data := fmt.Sprintf("Inscription n° %d", g.ID), registrationPageData{s.ViewRegistration(r, g, c, titles, windows), c}
	if refused != nil {
		return s.ShowInvalid(w, r, "registration.html", title, data, refused)
	}
	return s.Show(w, r, "registration.html", title, data)
}

func (s *Area) editRegistrationForm(w http.ResponseWriter, r *http.Request) error {
	g, c, err := s.registrationAndCandidate(r)
	if err != nil {
		return err
	}
	windows, err := s.Store.RegistrationWindows(r.Context())
	if err != nil {
		return err
	}
	if err := certif.CheckChangeIn(kit.Principal(r).Role(), g, s.Clock.Today(), windows); err != nil {
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
	return s.Show(w, r, "registration_form.html", fmt.Sprintf("Modifier l'inscription n° %d", g.ID), f)
}

func (s *Area) updateRegistration(w http.ResponseWriter, r *http.Request) error {
	g, c, err := s.registrationAndCandidate(r)
	if err != nil {
		return err
	}
	req, err := ParseRegistration(r)
	req.Qualification = g.Qualification
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	if err == nil {
		_, err = s.Store.EditRegistration(r.Context(), s.Caller(r).Because(strings.TrimSpace(r.PostFormValue("late_reason"))), g.ID, version,
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
		return s.ShowInvalid(w, r, "registration_form.html", fmt.Sprintf("Modifier l'inscription n° %d", g.ID), f, err)
	}
	return s.Redirect(w, r, fmt.Sprintf("/inscriptions/%d", g.ID), "Inscription modifiée ; la modification est tracée dans l'historique du candidat.")
}

func (s *Area) deleteRegistration(w http.ResponseWriter, r *http.Request) error {
	g, c, err := s.registrationAndCandidate(r)
	if err != nil {
		return err
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	if err := s.Store.DeleteRegistration(r.Context(), s.Caller(r).Because(r.PostFormValue("reason")), g.ID, version); err != nil {
		if certif.ErrorCode(err) != certif.EStale {
			return err
		}
		// Refused as stale, the page shows the registration as it is now (read
		// before the refusal), the reason typed kept: deleting it again is
		// decided knowingly.
		return s.showRegistration(w, r, g, c, err)
	}
	return s.Redirect(w, r, fmt.Sprintf("/candidats/%d", g.CandidateID), fmt.Sprintf("Inscription n° %d supprimée ; elle reste visible dans l'historique.", g.ID))
}

// holdsOf returns the R5 blocks of an employer's candidates today (their
// collection table missing or late), for the eligibility of their attempts
// (R8); a failure to read them is logged and shows no block.
func (s *Area) holdsOf(r *http.Request, employerID int64) []certif.CollectionHold {
	holds, err := s.Store.CollectionHolds(r.Context(), employerID, s.Clock.Today())
	if err != nil {
		s.Log.Error("blocages R5", "id", kit.RequestID(r), "error", err)
	}
	return holds
}
