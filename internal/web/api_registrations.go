package web

// JSON API of candidates, registrations and "néant" declarations (issue 4).
//
// Tenancy comes from the caller's account (store.ScopeOf): an employer's token
// asking for another employer's candidate, registration, history or "néant"
// declarations gets 404, exactly as for an id that does not exist.
//
// Choices documented in openapi/registrations.json:
//   - POST /api/v1/candidates by an employer always creates for its own
//     employer; "employer" may be omitted or equal its own code, any other code
//     answers 404 (another employer is outside its scope). The office must give
//     "employer".
//   - PATCH is a partial update: absent (or null) fields keep their value.
//     Read-only fields of a GET answer may be sent back and are ignored.
//   - "blocks" is only read for the partial path; the complete path presents
//     every block remaining to validate (R3).
//   - Only the office may give "late_reason" (R6 override).

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"certibloc/internal/certif"
	"certibloc/internal/store"
)

// apiMaxBody bounds a JSON request body.
const apiMaxBody = 1 << 16

// apiDecode reads a JSON body strictly: unknown fields and trailing data are
// refused (400), a value of the wrong type is a field error (422). An absent
// body is accepted when optional.
func apiDecode(w http.ResponseWriter, r *http.Request, v any, optional bool) error {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, apiMaxBody))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if _, extra := dec.Token(); extra != io.EOF {
			return certif.Errorf(certif.EBadRequest, "Corps JSON illisible : un seul objet JSON est attendu.")
		}
		return nil
	}
	if errors.Is(err, io.EOF) {
		if optional {
			return nil
		}
		return certif.Errorf(certif.EBadRequest, "Corps JSON absent : un objet JSON est attendu.")
	}
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) && typeErr.Field != "" {
		field, _, _ := strings.Cut(typeErr.Field, ".")
		return &certif.Error{Code: certif.EInvalid, Message: "Le champ « " + field + " » n'a pas le bon type.",
			Fields: map[string]string{field: "Type invalide : " + apiJSONTypeName(typeErr.Type.Kind().String()) + " attendu."}}
	}
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return certif.Errorf(certif.EBadRequest, "Corps JSON trop volumineux (%d octets au plus).", apiMaxBody)
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		name = strings.Trim(name, `"`)
		return &certif.Error{Code: certif.EBadRequest, Message: "Champ inconnu : « " + name + " ».",
			Fields: map[string]string{name: "Champ inconnu."}}
	}
	return certif.Errorf(certif.EBadRequest, "Corps JSON illisible : %v", err)
}

func apiJSONTypeName(kind string) string {
	switch kind {
	case "string":
		return "chaîne"
	case "bool":
		return "booléen (true ou false)"
	case "slice", "array":
		return "tableau"
	case "map", "struct":
		return "objet"
	case "int", "int64", "int32", "float64":
		return "nombre entier"
	}
	return kind
}

var errAPINotFound = certif.Errorf(certif.ENotFound, "Ressource introuvable.")

// apiPathID reads the {id} of the path; an id that cannot exist is not found.
func apiPathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, errAPINotFound
	}
	return id, nil
}

// apiPaging reads page and per_page (50 per page by default, 500 at most).
func apiPaging(v *certif.Validation, r *http.Request) (page, perPage int) {
	page, perPage = 1, 50
	q := r.URL.Query()
	if s := q.Get("page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			v.Add("page", "Numéro de page invalide : un entier à partir de 1.")
		} else {
			page = n
		}
	}
	if s := q.Get("per_page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 500 {
			v.Add("per_page", "Taille de page invalide : un entier de 1 à 500.")
		} else {
			perPage = n
		}
	}
	return page, perPage
}

// apiListPage is one page of a list.
type apiListPage[T any] struct {
	Total   int `json:"total"`
	Page    int `json:"page"`
	PerPage int `json:"per_page"`
	Items   []T `json:"items"`
}

// ---- Candidates ----

// apiCandidate is a candidate as the API shows it.
type apiCandidate struct {
	certif.Candidate
	PrintedName        string   `json:"printed_name"`                  // R16, read-only
	PossibleDuplicates *[]int64 `json:"possible_duplicates,omitempty"` // office and certifier only, read-only
}

func (s *Server) apiCandidateJSON(r *http.Request, c certif.Candidate) (apiCandidate, error) {
	out := apiCandidate{Candidate: c, PrintedName: c.PrintedName()}
	if out.FirstNames == nil {
		out.FirstNames = []string{}
	}
	if principal(r).Role().SeesAllEmployers() {
		dups, err := s.st.PossibleDuplicates(r.Context(), c)
		if err != nil {
			return out, err
		}
		ids := make([]int64, 0, len(dups))
		for _, d := range dups {
			ids = append(ids, d.ID)
		}
		out.PossibleDuplicates = &ids
	}
	return out, nil
}

// apiCandidateInput is the body of POST and PATCH /api/v1/candidates: absent
// or null fields keep their value (PATCH) or stay empty (POST).
type apiCandidateInput struct {
	Employer     *string   `json:"employer"`
	BirthName    *string   `json:"birth_name"`
	UsageName    *string   `json:"usage_name"`
	FirstNames   *[]string `json:"first_names"`
	Sex          *string   `json:"sex"`
	BirthDate    *string   `json:"birth_date"`
	BirthINSEE   *string   `json:"birth_insee"`
	BirthCountry *string   `json:"birth_country"`
	Email        *string   `json:"email"`
	Phone        *string   `json:"phone"`
	Reason       *string   `json:"reason"`  // PATCH: why the identity changes (traced)
	Homonym      *bool     `json:"homonym"` // POST: the employer's candidate of the same identity is another person
	// Read-only fields of a GET answer, accepted and ignored.
	ID                 json.RawMessage `json:"id"`
	PrintedName        json.RawMessage `json:"printed_name"`
	PossibleDuplicates json.RawMessage `json:"possible_duplicates"`
	Version            json.RawMessage `json:"version"` // the version goes in If-Match
}

// apply copies the given fields onto c; a date that cannot be read is a field error.
func (in apiCandidateInput) apply(c *certif.Candidate, v *certif.Validation) {
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	set(&c.BirthName, in.BirthName)
	set(&c.UsageName, in.UsageName)
	set(&c.Sex, in.Sex)
	set(&c.BirthINSEE, in.BirthINSEE)
	set(&c.BirthCountry, in.BirthCountry)
	set(&c.Email, in.Email)
	set(&c.Phone, in.Phone)
	if in.FirstNames != nil {
		c.FirstNames = slices.Clone(*in.FirstNames)
	}
	if in.BirthDate != nil {
		c.BirthDate = certif.Date{}
		if strings.TrimSpace(*in.BirthDate) != "" {
			d, err := certif.ParseDate(*in.BirthDate)
			if err != nil {
				v.Add("birth_date", "Date de naissance invalide : format AAAA-MM-JJ attendu.")
			}
			c.BirthDate = d
		}
	}
}

// apiCandidateErrors merges the errors found while reading the body with the
// identity check of the other fields, so that every bad field is named.
func apiCandidateErrors(v *certif.Validation, c certif.Candidate, today certif.Date) error {
	if verr := v.Err(); verr != nil {
		check := c
		check.Sex = strings.ToUpper(strings.TrimSpace(check.Sex))
		check.BirthINSEE = strings.ToUpper(strings.TrimSpace(check.BirthINSEE))
		for field, msg := range certif.ErrorFields(check.Validate(today)) {
			if field != "birth_date" || !v.Has("birth_date") {
				v.Add(field, msg)
			}
		}
		return v.Err()
	}
	return nil
}

func (s *Server) apiCandidateList(w http.ResponseWriter, r *http.Request) error {
	var v certif.Validation
	page, perPage := apiPaging(&v, r)
	if err := v.Err(); err != nil {
		return err
	}
	q := r.URL.Query()
	list, total, err := s.st.Candidates(r.Context(), store.CandidateFilter{Scope: scope(r), Search: q.Get("q"),
		Employer: q.Get("employer"), Page: page, PerPage: perPage})
	if err != nil {
		return err
	}
	out := apiListPage[apiCandidate]{Total: total, Page: page, PerPage: perPage, Items: make([]apiCandidate, 0, len(list))}
	for _, c := range list {
		item, err := s.apiCandidateJSON(r, c)
		if err != nil {
			return err
		}
		out.Items = append(out.Items, item)
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiCandidateCreate(w http.ResponseWriter, r *http.Request) error {
	var in apiCandidateInput
	if err := apiDecode(w, r, &in, false); err != nil {
		return err
	}
	u := principal(r).User
	var c certif.Candidate
	var v certif.Validation
	switch {
	case u.Role == certif.RoleEmployer:
		if in.Employer != nil && *in.Employer != "" && !strings.EqualFold(strings.TrimSpace(*in.Employer), u.EmployerCode) {
			return certif.Errorf(certif.ENotFound, "Employeur introuvable.") // the code is not echoed
		}
		c.EmployerCode = u.EmployerCode
	case in.Employer == nil || strings.TrimSpace(*in.Employer) == "":
		v.Add("employer", "Indiquez le code de l'employeur du candidat.")
	default:
		c.EmployerCode = strings.ToUpper(strings.TrimSpace(*in.Employer))
	}
	in.apply(&c, &v)
	today := s.clock.Today()
	if err := apiCandidateErrors(&v, c, today); err != nil {
		return err
	}
	entry := store.CandidateEntry{Submission: r.Header.Get("Idempotency-Key"), Homonym: in.Homonym != nil && *in.Homonym}
	c, repeated, err := s.st.AddCandidate(r.Context(), actor(r), c, today, entry)
	if err != nil {
		return err
	}
	c, err = s.st.Candidate(r.Context(), c.ID, scope(r))
	if err != nil {
		return err
	}
	if repeated {
		w.Header().Set("Idempotent-Replayed", "true")
	}
	return s.apiWriteCandidate(w, r, http.StatusCreated, c)
}

func (s *Server) apiCandidateGet(w http.ResponseWriter, r *http.Request) error {
	id, err := apiPathID(r)
	if err != nil {
		return err
	}
	c, err := s.st.Candidate(r.Context(), id, scope(r))
	if err != nil {
		return err
	}
	return s.apiWriteCandidate(w, r, http.StatusOK, c)
}

// apiWriteCandidate answers one candidate, its version as ETag (the If-Match
// of a later PATCH).
func (s *Server) apiWriteCandidate(w http.ResponseWriter, r *http.Request, status int, c certif.Candidate) error {
	out, err := s.apiCandidateJSON(r, c)
	if err != nil {
		return err
	}
	if status == http.StatusCreated {
		w.Header().Set("Location", fmt.Sprintf("/api/v1/candidates/%d", c.ID))
	}
	setETag(w, c.Version)
	return writeJSON(w, status, out)
}

// apiCandidatePatch corrects a candidate's identity; the office may also move
// the candidate to another employer by giving its code (the candidate keeps its
// history and validated blocks). An employer cannot.
func (s *Server) apiCandidatePatch(w http.ResponseWriter, r *http.Request) error {
	id, err := apiPathID(r)
	if err != nil {
		return err
	}
	sc := scope(r)
	old, err := s.st.Candidate(r.Context(), id, sc)
	if err != nil {
		return err
	}
	var in apiCandidateInput
	if err := apiDecode(w, r, &in, false); err != nil {
		return err
	}
	version, err := ifMatch(r)
	if err != nil {
		return err
	}
	var v certif.Validation
	transferTo := ""
	if in.Employer != nil && strings.TrimSpace(*in.Employer) != "" && !strings.EqualFold(strings.TrimSpace(*in.Employer), old.EmployerCode) {
		if principal(r).Role() != certif.RoleOffice {
			v.Add("employer", "Seule l'équipe des examens rattache un candidat à un autre employeur.")
		} else if e, err := s.st.EmployerByCode(r.Context(), strings.TrimSpace(*in.Employer)); err != nil {
			v.Add("employer", "Aucun employeur n'a le code "+strings.TrimSpace(*in.Employer)+".")
		} else {
			transferTo = e.Code
		}
	}
	today := s.clock.Today()
	reason := ""
	if in.Reason != nil {
		reason = strings.TrimSpace(*in.Reason)
	}
	// Only the fields given change, applied to the candidate as it is when written.
	if _, err := s.st.EditCandidate(r.Context(), actor(r), id, sc, version, func(c *certif.Candidate) error {
		in.apply(c, &v)
		return apiCandidateErrors(&v, *c, today)
	}, today, reason); err != nil {
		return err
	}
	if transferTo != "" {
		if _, err := s.st.TransferCandidate(r.Context(), actor(r), id, transferTo, reason); err != nil {
			return err
		}
	}
	c, err := s.st.Candidate(r.Context(), id, sc)
	if err != nil {
		return err
	}
	return s.apiWriteCandidate(w, r, http.StatusOK, c)
}

// apiReasonInput is the optional body of the DELETE routes.
type apiReasonInput struct {
	Reason string `json:"reason"`
}

func (s *Server) apiCandidateDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := apiPathID(r)
	if err != nil {
		return err
	}
	sc := scope(r)
	if _, err := s.st.Candidate(r.Context(), id, sc); err != nil {
		return err
	}
	var in apiReasonInput
	if err := apiDecode(w, r, &in, true); err != nil {
		return err
	}
	if err := s.st.DeleteCandidate(r.Context(), actor(r), id, sc, strings.TrimSpace(in.Reason)); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// apiCandidateHistory lists the traced changes of a candidate and of its
// registrations, newest first: who, when (UTC), action, field, before, after, reason.
func (s *Server) apiCandidateHistory(w http.ResponseWriter, r *http.Request) error {
	id, err := apiPathID(r)
	if err != nil {
		return err
	}
	if _, err := s.st.Candidate(r.Context(), id, scope(r)); err != nil {
		return err
	}
	events, err := s.st.AuditEvents(r.Context(), viewer(r), store.AuditFilter{CandidateID: id, Limit: 1000})
	if err != nil {
		return err
	}
	return writeAuditJSON(w, events)
}

// ---- Registrations ----

// apiAttempt is a block attempt with its R8 eligibility.
type apiAttempt struct {
	Block           int                  `json:"block"`
	Attempt         int                  `json:"attempt"`
	CertifiableFrom certif.Date          `json:"certifiable_from"`
	Period          certif.Month         `json:"period"`
	Status          certif.AttemptStatus `json:"status"`
	Eligible        bool                 `json:"eligible"`
	Eligibility     []string             `json:"eligibility"`
}

// apiRegistration is a registration as the API shows it. Disability and
// adjustments are health data (R15): the routes are open only to the office,
// the certifier and the registering employer, and each read is logged.
type apiRegistration struct {
	ID              int64               `json:"id"`
	CandidateID     int64               `json:"candidate_id"`
	Employer        string              `json:"employer"`
	Qualification   string              `json:"qualification"`
	Path            certif.Path         `json:"path"`
	Blocks          []int               `json:"blocks"`
	CertifiableFrom certif.Date         `json:"certifiable_from"`
	BlockDates      map[int]certif.Date `json:"block_dates"`
	Contract        certif.Contract     `json:"contract"`
	ExamPeriod      certif.Month        `json:"exam_period"`
	Repeating       bool                `json:"repeating"`
	Disability      bool                `json:"disability"`
	Adjustments     string              `json:"adjustments"`
	Specialty       string              `json:"specialty"`
	LateReason      string              `json:"late_reason"`
	RegisteredOn    certif.Date         `json:"registered_on"`
	Deleted         bool                `json:"deleted"`
	ChangeDeadline  certif.Date         `json:"change_deadline"`
	Attempts        []apiAttempt        `json:"attempts"`
	Version         int                 `json:"version"` // also the ETag: send it back in If-Match to change the registration
}

// apiRenderCache loads what several registrations of a list share once:
// each candidate (their identity check feeds R8) and each employer's R5 holds.
type apiRenderCache struct {
	candidates map[int64]certif.Candidate
	holds      map[int64][]certif.CollectionHold
}

func newAPIRenderCache() *apiRenderCache {
	return &apiRenderCache{candidates: map[int64]certif.Candidate{}, holds: map[int64][]certif.CollectionHold{}}
}

// holdsOf returns the R5 holds of an employer, read once per list.
func (c *apiRenderCache) holdsOf(s *Server, r *http.Request, employerID int64) []certif.CollectionHold {
	h, ok := c.holds[employerID]
	if !ok {
		h = s.holdsOf(r, employerID)
		c.holds[employerID] = h
	}
	return h
}

// apiRegistrationJSON renders a registration, computing each attempt's
// eligibility with the candidate's identity check (R8, R16).
func (s *Server) apiRegistrationJSON(r *http.Request, g certif.Registration, cache *apiRenderCache) apiRegistration {
	today := s.clock.Today()
	c, ok := cache.candidates[g.CandidateID]
	var identityErr error
	if !ok {
		var err error
		if c, err = s.st.Candidate(r.Context(), g.CandidateID, scope(r)); err != nil {
			identityErr = err // a removed candidate has no identity to print
		} else {
			cache.candidates[g.CandidateID] = c
		}
	}
	if identityErr == nil {
		identityErr = c.Validate(today)
	}
	out := apiRegistration{ID: g.ID, CandidateID: g.CandidateID, Employer: g.EmployerCode, Qualification: g.Qualification, Path: g.Path,
		Blocks: g.Blocks, CertifiableFrom: g.CertifiableFrom, BlockDates: g.BlockDates, Contract: g.Contract, ExamPeriod: g.ExamPeriod,
		Repeating: g.Repeating, Disability: g.Disability, Adjustments: g.Adjustments, Specialty: g.Specialty, LateReason: g.LateReason,
		RegisteredOn: g.RegisteredOn, Deleted: g.Deleted, ChangeDeadline: certif.ChangeDeadline(g), Attempts: []apiAttempt{}, Version: g.Version}
	if out.Blocks == nil {
		out.Blocks = []int{}
	}
	if out.BlockDates == nil {
		out.BlockDates = map[int]certif.Date{}
	}
	holds := cache.holdsOf(s, r, g.EmployerID)
	for _, a := range g.Attempts {
		e := certif.AttemptEligibility(a, g, identityErr, holds...)
		reasons := e.Reasons
		if reasons == nil {
			reasons = []string{}
		}
		out.Attempts = append(out.Attempts, apiAttempt{Block: a.Block, Attempt: a.Attempt, CertifiableFrom: a.CertifiableFrom,
			Period: a.Period, Status: a.Status, Eligible: e.Eligible, Eligibility: reasons})
	}
	return out
}

// apiWriteRegistration answers one registration with its health data for
// those who may see it (R15, the read logged).
func (s *Server) apiWriteRegistration(w http.ResponseWriter, r *http.Request, status int, g certif.Registration) error {
	if err := s.revealHealth(r, &g); err != nil {
		return err
	}
	out := s.apiRegistrationJSON(r, g, newAPIRenderCache())
	if status == http.StatusCreated {
		w.Header().Set("Location", fmt.Sprintf("/api/v1/registrations/%d", g.ID))
	}
	setETag(w, g.Version)
	return writeJSON(w, status, out)
}

// apiRegistrationInput is the body of POST and PATCH /api/v1/registrations:
// absent or null fields keep their value (PATCH) or take their default (POST:
// complete path, no per-block date, no exam period, boxes unchecked).
type apiRegistrationInput struct {
	CandidateID     *int64             `json:"candidate_id"`
	Qualification   *string            `json:"qualification"`
	Path            *string            `json:"path"`
	Blocks          *[]int             `json:"blocks"`
	CertifiableFrom *string            `json:"certifiable_from"`
	BlockDates      *map[string]string `json:"block_dates"`
	Contract        *string            `json:"contract"`
	ExamPeriod      *string            `json:"exam_period"`
	Repeating       *bool              `json:"repeating"`
	Disability      *bool              `json:"disability"`
	Adjustments     *string            `json:"adjustments"`
	Specialty       *string            `json:"specialty"`
	LateReason      *string            `json:"late_reason"` // the office's reason to register after the R6 deadline
	// Read-only fields of a GET answer, accepted and ignored.
	ID             json.RawMessage `json:"id"`
	Employer       json.RawMessage `json:"employer"`
	RegisteredOn   json.RawMessage `json:"registered_on"`
	Deleted        json.RawMessage `json:"deleted"`
	ChangeDeadline json.RawMessage `json:"change_deadline"`
	Attempts       json.RawMessage `json:"attempts"`
	Version        json.RawMessage `json:"version"` // the version goes in If-Match
}

// apply copies the given fields onto req; values that cannot be read are field errors.
func (in apiRegistrationInput) apply(req *certif.RegistrationRequest, v *certif.Validation) {
	if in.Qualification != nil {
		req.Qualification = strings.ToUpper(strings.TrimSpace(*in.Qualification))
	}
	if in.Path != nil {
		req.Path = certif.Path(strings.TrimSpace(*in.Path))
	}
	if in.Blocks != nil {
		req.Blocks = slices.Clone(*in.Blocks)
		if in.BlockDates == nil {
			// Dates of blocks no longer presented go with them.
			for b := range req.BlockDates {
				if !slices.Contains(req.Blocks, b) {
					delete(req.BlockDates, b)
				}
			}
		}
	}
	if in.CertifiableFrom != nil {
		req.CertifiableFrom = certif.Date{}
		if strings.TrimSpace(*in.CertifiableFrom) != "" {
			d, err := certif.ParseDate(*in.CertifiableFrom)
			if err != nil {
				v.Add("certifiable_from", "Date « certifiable à partir du » invalide : format AAAA-MM-JJ attendu.")
			}
			req.CertifiableFrom = d
		}
	}
	if in.BlockDates != nil {
		req.BlockDates = map[int]certif.Date{}
		for k, s := range *in.BlockDates {
			b, err := strconv.Atoi(k)
			if err != nil {
				v.Add("block_dates", fmt.Sprintf("Bloc %q invalide : les clés sont des numéros de bloc.", k))
				continue
			}
			if strings.TrimSpace(s) == "" {
				continue
			}
			d, err := certif.ParseDate(s)
			if err != nil {
				v.Add("block_dates", fmt.Sprintf("Date du bloc %d invalide : format AAAA-MM-JJ attendu.", b))
				continue
			}
			req.BlockDates[b] = d
		}
	}
	if in.Contract != nil {
		req.Contract = certif.Contract(strings.ToLower(strings.TrimSpace(*in.Contract)))
	}
	if in.ExamPeriod != nil {
		req.ExamPeriod = certif.Month{}
		if strings.TrimSpace(*in.ExamPeriod) != "" {
			m, err := certif.ParseMonth(*in.ExamPeriod)
			if err != nil {
				v.Add("exam_period", "Période d'examen invalide : format AAAA-MM attendu.")
			}
			req.ExamPeriod = m
		}
	}
	if in.Repeating != nil {
		req.Repeating = *in.Repeating
	}
	if in.Disability != nil {
		req.Disability = *in.Disability
		if !req.Disability && in.Adjustments == nil {
			req.Adjustments = "" // unchecking the box withdraws the adjustments
		}
	}
	if in.Adjustments != nil {
		req.Adjustments = *in.Adjustments
	}
	if in.Specialty != nil {
		req.Specialty = *in.Specialty
	}
}

// lateReason returns the R6 override reason the caller may give: only the
// office overrides; an employer may at most send back the current one.
func (in apiRegistrationInput) lateReason(role certif.Role, current string, v *certif.Validation) string {
	if in.LateReason == nil {
		return ""
	}
	reason := strings.TrimSpace(*in.LateReason)
	if role != certif.RoleOffice {
		if reason != "" && reason != current {
			v.Add("late_reason", "Seule l'équipe des examens peut inscrire hors délai avec un motif de dérogation (R6).")
		}
		return ""
	}
	if reason == current {
		return ""
	}
	return reason
}

func (s *Server) apiRegistrationGet(w http.ResponseWriter, r *http.Request) error {
	id, err := apiPathID(r)
	if err != nil {
		return err
	}
	g, err := s.st.Registration(r.Context(), id, scope(r))
	if err != nil {
		return err
	}
	return s.apiWriteRegistration(w, r, http.StatusOK, g)
}

// apiRegistrationFilter reads the list filters of the query string.
func apiRegistrationFilter(r *http.Request) (store.RegistrationFilter, error) {
	q := r.URL.Query()
	var v certif.Validation
	f := store.RegistrationFilter{Scope: scope(r), Qualification: strings.TrimSpace(q.Get("qualification")), Branch: strings.TrimSpace(q.Get("branch")),
		Employer: strings.TrimSpace(q.Get("employer")), Search: q.Get("q"), Sort: q.Get("sort")}
	f.Page, f.PerPage = apiPaging(&v, r)
	if s := q.Get("status"); s != "" {
		f.Status = certif.AttemptStatus(s)
		if !slices.Contains(certif.AttemptStatuses, f.Status) {
			v.Add("status", "Statut inconnu : registered, scheduled, evaluated, validated, not_validated, absent ou withdrawn.")
		}
	}
	if s := q.Get("period"); s != "" {
		m, err := certif.ParseMonth(s)
		if err != nil {
			v.Add("period", "Période invalide : format AAAA-MM attendu.")
		}
		f.Period = m
	}
	if s := q.Get("contract"); s != "" {
		f.Contract = certif.Contract(s)
		if !slices.Contains(certif.Contracts, f.Contract) {
			v.Add("contract", "Contrat inconnu : cdi, cdd ou pro.")
		}
	}
	switch f.Disability = q.Get("disability"); f.Disability {
	case "", "yes", "no":
	default:
		v.Add("disability", "Filtre handicap : yes ou no.")
	}
	switch f.Sort {
	case "", "name", "recent", "certifiable":
	default:
		v.Add("sort", "Tri inconnu : name, recent ou certifiable.")
	}
	return f, v.Err()
}

// apiRegistrationList lists registrations; each one of the page whose health
// data the answer carries is logged (R15).
func (s *Server) apiRegistrationList(w http.ResponseWriter, r *http.Request) error {
	f, err := apiRegistrationFilter(r)
	if err != nil {
		return err
	}
	rows, total, err := s.st.Registrations(r.Context(), f)
	if err != nil {
		return err
	}
	if err := s.revealRows(r, rows); err != nil {
		return err
	}
	out := apiListPage[apiRegistration]{Total: total, Page: f.Page, PerPage: f.PerPage, Items: make([]apiRegistration, 0, len(rows))}
	cache := newAPIRenderCache()
	for _, row := range rows {
		out.Items = append(out.Items, s.apiRegistrationJSON(r, row.Registration, cache))
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiRegistrationCreate(w http.ResponseWriter, r *http.Request) error {
	var in apiRegistrationInput
	if err := apiDecode(w, r, &in, false); err != nil {
		return err
	}
	u := principal(r).User
	if in.CandidateID == nil || *in.CandidateID <= 0 {
		return &certif.Error{Code: certif.EInvalid, Message: "Indiquez le candidat à inscrire.",
			Fields: map[string]string{"candidate_id": "Le numéro du candidat est obligatoire."}}
	}
	// The candidate first: another employer's candidate is not found, whatever the body.
	if _, err := s.st.Candidate(r.Context(), *in.CandidateID, scope(r)); err != nil {
		return err
	}
	req := certif.RegistrationRequest{Path: certif.PathComplete}
	var v certif.Validation
	in.apply(&req, &v)
	if req.Qualification == "" {
		v.Add("qualification", "Choisissez la certification (code du CQP, ex. COS).")
	}
	late := in.lateReason(u.Role, "", &v)
	if err := v.Err(); err != nil {
		return err
	}
	today := s.clock.Today()
	g, err := s.st.CreateRegistration(r.Context(), store.ChangeBy(u, today, late), *in.CandidateID, req)
	if err != nil {
		return err
	}
	return s.apiWriteRegistration(w, r, http.StatusCreated, g)
}

// apiRegistrationPatch changes a registration from its current state: only
// the given fields change, every rule is checked again (R20 deadline included).
func (s *Server) apiRegistrationPatch(w http.ResponseWriter, r *http.Request) error {
	id, err := apiPathID(r)
	if err != nil {
		return err
	}
	sc := scope(r)
	old, err := s.st.Registration(r.Context(), id, sc)
	if err != nil {
		return err
	}
	version, err := ifMatch(r)
	if err != nil {
		return err
	}
	var in apiRegistrationInput
	if err := apiDecode(w, r, &in, false); err != nil {
		return err
	}
	var v certif.Validation
	if in.CandidateID != nil && *in.CandidateID != old.CandidateID {
		v.Add("candidate_id", "Une inscription ne change pas de candidat : supprimez-la et inscrivez l'autre candidat.")
	}
	if in.Qualification != nil && !strings.EqualFold(strings.TrimSpace(*in.Qualification), old.Qualification) {
		v.Add("qualification", "Une inscription ne change pas de certification : supprimez-la et créez-en une autre.")
	}
	u := principal(r).User
	late := in.lateReason(u.Role, old.LateReason, &v)
	if err := v.Err(); err != nil {
		return err
	}
	// Only the fields given change, applied to the registration as it is when written.
	g, err := s.st.EditRegistration(r.Context(), store.ChangeBy(u, s.clock.Today(), late), id, version,
		func(req certif.RegistrationRequest) (certif.RegistrationRequest, error) {
			in.apply(&req, &v)
			return req, v.Err()
		})
	if err != nil {
		return err
	}
	return s.apiWriteRegistration(w, r, http.StatusOK, g)
}

func (s *Server) apiRegistrationDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := apiPathID(r)
	if err != nil {
		return err
	}
	sc := scope(r)
	if _, err := s.st.Registration(r.Context(), id, sc); err != nil {
		return err
	}
	var in apiReasonInput
	if err := apiDecode(w, r, &in, true); err != nil {
		return err
	}
	if err := s.st.DeleteRegistration(r.Context(), store.ChangeBy(principal(r).User, s.clock.Today(), ""), id, strings.TrimSpace(in.Reason)); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// ---- "Néant" declarations (R17) ----

// apiNilDeclaration is an employer's "néant" for a period.
type apiNilDeclaration struct {
	Employer   string       `json:"employer"`
	Period     certif.Month `json:"period"`
	DeclaredAt string       `json:"declared_at"` // UTC, RFC 3339
	DeclaredBy string       `json:"declared_by"`
	Lapsed     bool         `json:"lapsed"` // the employer registered someone for the period afterwards
}

func newAPINilDeclaration(d certif.NilDeclaration) apiNilDeclaration {
	out := apiNilDeclaration{Employer: d.EmployerCode, Period: d.Period, DeclaredBy: d.DeclaredBy, Lapsed: d.Lapsed}
	if !d.DeclaredAt.IsZero() {
		out.DeclaredAt = d.DeclaredAt.UTC().Format("2006-01-02T15:04:05Z")
	}
	return out
}

// apiNilEmployer returns the employer of the path, within the caller's scope: an
// employer sees only its own code, anything else is not found.
func (s *Server) apiNilEmployer(r *http.Request) (certif.Employer, error) {
	code := strings.ToUpper(strings.TrimSpace(r.PathValue("code")))
	u := principal(r).User
	if !u.Role.SeesAllEmployers() && (u.Role != certif.RoleEmployer || code != strings.ToUpper(u.EmployerCode)) {
		return certif.Employer{}, certif.Errorf(certif.ENotFound, "Employeur introuvable.") // the code is not echoed
	}
	return s.st.EmployerByCode(r.Context(), code)
}

func (s *Server) apiNilDeclarationList(w http.ResponseWriter, r *http.Request) error {
	e, err := s.apiNilEmployer(r)
	if err != nil {
		return err
	}
	list, err := s.st.NilDeclarations(r.Context(), store.Scope{EmployerID: e.ID})
	if err != nil {
		return err
	}
	out := make([]apiNilDeclaration, 0, len(list))
	for _, d := range list {
		out = append(out, newAPINilDeclaration(d))
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiNilDeclarationCreate(w http.ResponseWriter, r *http.Request) error {
	e, err := s.apiNilEmployer(r)
	if err != nil {
		return err
	}
	var in struct {
		Period string `json:"period"`
	}
	if err := apiDecode(w, r, &in, false); err != nil {
		return err
	}
	var period certif.Month
	if strings.TrimSpace(in.Period) != "" {
		if period, err = certif.ParseMonth(in.Period); err != nil {
			return &certif.Error{Code: certif.EInvalid, Message: "Période invalide.",
				Fields: map[string]string{"period": "Période invalide : format AAAA-MM attendu."}}
		}
	}
	d, err := s.st.DeclareNil(r.Context(), actor(r), e.Code, period, s.clock.Today())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, newAPINilDeclaration(d))
}
