package registrations

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
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

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
	Programme       string              `json:"programme"`
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
func (c *apiRenderCache) holdsOf(s *Area, r *http.Request, employerID int64) []certif.CollectionHold {
	h, ok := c.holds[employerID]
	if !ok {
		h = s.holdsOf(r, employerID)
		c.holds[employerID] = h
	}
	return h
}

// apiRegistrationJSON renders a registration, computing each attempt's
// eligibility with the candidate's identity check (R8, R16).
func (s *Area) apiRegistrationJSON(r *http.Request, g certif.Registration, cache *apiRenderCache) apiRegistration {
	today := s.Clock.Today()
	c, ok := cache.candidates[g.CandidateID]
	var identityErr error
	if !ok {
		var err error
		if c, err = s.Store.Candidate(r.Context(), g.CandidateID, kit.Scope(r)); err != nil {
			identityErr = err // a removed candidate has no identity to print
		} else {
			cache.candidates[g.CandidateID] = c
		}
	}
	if identityErr == nil {
		identityErr = c.Validate(today)
	}
	out := apiRegistration{ID: g.ID, CandidateID: g.CandidateID, Employer: g.EmployerCode, Qualification: g.Qualification, Programme: g.Programme, Path: g.Path,
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
func (s *Area) apiWriteRegistration(w http.ResponseWriter, r *http.Request, status int, g certif.Registration) error {
	if err := s.revealHealth(r, &g); err != nil {
		return err
	}
	out := s.apiRegistrationJSON(r, g, newAPIRenderCache())
	if status == http.StatusCreated {
		w.Header().Set("Location", fmt.Sprintf("/api/v1/registrations/%d", g.ID))
	}
	kit.SetETag(w, g.Version)
	return kit.WriteJSON(w, status, out)
}

// apiRegistrationInput is the body of POST and PATCH /api/v1/registrations:
// absent or null fields keep their value (PATCH) or take their default (POST:
// complete path, no per-block date, no exam period, boxes unchecked).
type apiRegistrationInput struct {
	CandidateID     *int64             `json:"candidate_id"`
	Qualification   *string            `json:"qualification"`
	Programme       *string            `json:"programme"`
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
	if in.Programme != nil {
		req.Programme = strings.ToUpper(strings.TrimSpace(*in.Programme))
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
			v.Add("late_reason", "Seule l'équipe des examens peut inscrire hors délai avec un motif de dérogation.")
		}
		return ""
	}
	if reason == current {
		return ""
	}
	return reason
}

func (s *Area) apiRegistrationGet(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.APIPathID(r)
	if err != nil {
		return err
	}
	g, err := s.Store.Registration(r.Context(), id, kit.Scope(r))
	if err != nil {
		return err
	}
	return s.apiWriteRegistration(w, r, http.StatusOK, g)
}

// apiRegistrationFilter reads the list filters of the query string.
func apiRegistrationFilter(r *http.Request) (store.RegistrationFilter, error) {
	q := r.URL.Query()
	var v certif.Validation
	f := store.RegistrationFilter{Scope: kit.Scope(r), Qualification: strings.TrimSpace(q.Get("qualification")), Branch: strings.TrimSpace(q.Get("branch")),
		Employer: strings.TrimSpace(q.Get("employer")), Search: q.Get("q"), Sort: q.Get("sort")}
	f.Page, f.PerPage = kit.APIPaging(&v, r)
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
func (s *Area) apiRegistrationList(w http.ResponseWriter, r *http.Request) error {
	f, err := apiRegistrationFilter(r)
	if err != nil {
		return err
	}
	rows, total, err := s.Store.Registrations(r.Context(), f)
	if err != nil {
		return err
	}
	if err := s.revealRows(r, rows); err != nil {
		return err
	}
	out := kit.ListPage[apiRegistration]{Total: total, Page: f.Page, PerPage: f.PerPage, Items: make([]apiRegistration, 0, len(rows))}
	cache := newAPIRenderCache()
	for _, row := range rows { // the list read each candidate with its registration
		if !row.CandidateRemoved {
			cache.candidates[row.CandidateID] = row.Candidate
		}
	}
	for _, row := range rows {
		out.Items = append(out.Items, s.apiRegistrationJSON(r, row.Registration, cache))
	}
	return kit.WriteJSON(w, http.StatusOK, out)
}

func (s *Area) apiRegistrationCreate(w http.ResponseWriter, r *http.Request) error {
	var in apiRegistrationInput
	if err := kit.Decode(w, r, &in, false); err != nil {
		return err
	}
	u := kit.Principal(r).User
	if in.CandidateID == nil || *in.CandidateID <= 0 {
		return &certif.Error{Code: certif.EInvalid, Message: "Indiquez le candidat à inscrire.",
			Fields: map[string]string{"candidate_id": "Le numéro du candidat est obligatoire."}}
	}
	// The candidate first: another employer's candidate is not found, whatever the body.
	if _, err := s.Store.Candidate(r.Context(), *in.CandidateID, kit.Scope(r)); err != nil {
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
	g, err := s.Store.CreateRegistration(r.Context(), s.Caller(r).Because(late), *in.CandidateID, req)
	if err != nil {
		return err
	}
	return s.apiWriteRegistration(w, r, http.StatusCreated, g)
}

// apiRegistrationPatch changes a registration from its current state: only
// the given fields change, every rule is checked again (R20 deadline included).
func (s *Area) apiRegistrationPatch(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.APIPathID(r)
	if err != nil {
		return err
	}
	sc := kit.Scope(r)
	old, err := s.Store.Registration(r.Context(), id, sc)
	if err != nil {
		return err
	}
	version, err := kit.IfMatch(r)
	if err != nil {
		return err
	}
	var in apiRegistrationInput
	if err := kit.Decode(w, r, &in, false); err != nil {
		return err
	}
	var v certif.Validation
	if in.CandidateID != nil && *in.CandidateID != old.CandidateID {
		v.Add("candidate_id", "Une inscription ne change pas de candidat : supprimez-la et inscrivez l'autre candidat.")
	}
	if in.Qualification != nil && !strings.EqualFold(strings.TrimSpace(*in.Qualification), old.Qualification) {
		v.Add("qualification", "Une inscription ne change pas de certification : supprimez-la et créez-en une autre.")
	}
	if in.Programme != nil && !strings.EqualFold(strings.TrimSpace(*in.Programme), old.Programme) {
		v.Add("programme", "Une inscription ne change pas de programme : supprimez-la et créez-en une autre.")
	}
	u := kit.Principal(r).User
	late := in.lateReason(u.Role, old.LateReason, &v)
	if err := v.Err(); err != nil {
		return err
	}
	// Only the fields given change, applied to the registration as it is when written.
	g, err := s.Store.EditRegistration(r.Context(), s.Caller(r).Because(late), id, version,
		func(req certif.RegistrationRequest) (certif.RegistrationRequest, error) {
			in.apply(&req, &v)
			return req, v.Err()
		})
	if err != nil {
		return err
	}
	return s.apiWriteRegistration(w, r, http.StatusOK, g)
}

func (s *Area) apiRegistrationDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.APIPathID(r)
	if err != nil {
		return err
	}
	sc := kit.Scope(r)
	if _, err := s.Store.Registration(r.Context(), id, sc); err != nil {
		return err
	}
	version, err := kit.IfMatch(r)
	if err != nil {
		return err
	}
	var in apiReasonInput
	if err := kit.Decode(w, r, &in, true); err != nil {
		return err
	}
	if err := s.Store.DeleteRegistration(r.Context(), s.Caller(r).Because(strings.TrimSpace(in.Reason)), id, version); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// ---- "Néant" declarations (R17) ----
