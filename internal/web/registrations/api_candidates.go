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
	"strings"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

// apiCandidate is a candidate as the API shows it.
type apiCandidate struct {
	certif.Candidate
	PrintedName        string   `json:"printed_name"`                  // R16, read-only
	PossibleDuplicates *[]int64 `json:"possible_duplicates,omitempty"` // office and certifier only, read-only
}

func (s *Area) apiCandidateJSON(r *http.Request, c certif.Candidate) (apiCandidate, error) {
	out := apiCandidate{Candidate: c, PrintedName: c.PrintedName()}
	if out.FirstNames == nil {
		out.FirstNames = []string{}
	}
	if kit.Principal(r).Role().SeesAllEmployers() {
		dups, err := s.Store.PossibleDuplicates(r.Context(), c)
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

func (s *Area) apiCandidateList(w http.ResponseWriter, r *http.Request) error {
	var v certif.Validation
	page, perPage := kit.APIPaging(&v, r)
	if err := v.Err(); err != nil {
		return err
	}
	q := r.URL.Query()
	list, total, err := s.Store.Candidates(r.Context(), store.CandidateFilter{Scope: kit.Scope(r), Search: q.Get("q"),
		Employer: q.Get("employer"), Page: page, PerPage: perPage})
	if err != nil {
		return err
	}
	out := kit.ListPage[apiCandidate]{Total: total, Page: page, PerPage: perPage, Items: make([]apiCandidate, 0, len(list))}
	for _, c := range list {
		item, err := s.apiCandidateJSON(r, c)
		if err != nil {
			return err
		}
		out.Items = append(out.Items, item)
	}
	return kit.WriteJSON(w, http.StatusOK, out)
}

func (s *Area) apiCandidateCreate(w http.ResponseWriter, r *http.Request) error {
	var in apiCandidateInput
	if err := kit.Decode(w, r, &in, false); err != nil {
		return err
	}
	u := kit.Principal(r).User
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
	by := s.Caller(r)
	if err := apiCandidateErrors(&v, c, by.Today); err != nil {
		return err
	}
	entry := store.CandidateEntry{Submission: r.Header.Get("Idempotency-Key"), Homonym: in.Homonym != nil && *in.Homonym}
	c, repeated, err := s.Store.AddCandidate(r.Context(), by, c, entry)
	if err != nil {
		return err
	}
	c, err = s.Store.Candidate(r.Context(), c.ID, kit.Scope(r))
	if err != nil {
		return err
	}
	if repeated {
		w.Header().Set("Idempotent-Replayed", "true")
	}
	return s.apiWriteCandidate(w, r, http.StatusCreated, c)
}

func (s *Area) apiCandidateGet(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.APIPathID(r)
	if err != nil {
		return err
	}
	c, err := s.Store.Candidate(r.Context(), id, kit.Scope(r))
	if err != nil {
		return err
	}
	return s.apiWriteCandidate(w, r, http.StatusOK, c)
}

// apiWriteCandidate answers one candidate, its version as ETag (the If-Match
// of a later PATCH).
func (s *Area) apiWriteCandidate(w http.ResponseWriter, r *http.Request, status int, c certif.Candidate) error {
	out, err := s.apiCandidateJSON(r, c)
	if err != nil {
		return err
	}
	if status == http.StatusCreated {
		w.Header().Set("Location", fmt.Sprintf("/api/v1/candidates/%d", c.ID))
	}
	kit.SetETag(w, c.Version)
	return kit.WriteJSON(w, status, out)
}

// apiCandidatePatch corrects a candidate's identity; the office may also move
// the candidate to another employer by giving its code (the candidate keeps its
// history and validated blocks). An employer cannot.
func (s *Area) apiCandidatePatch(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.APIPathID(r)
	if err != nil {
		return err
	}
	sc := kit.Scope(r)
	old, err := s.Store.Candidate(r.Context(), id, sc)
	if err != nil {
		return err
	}
	var in apiCandidateInput
	if err := kit.Decode(w, r, &in, false); err != nil {
		return err
	}
	version, err := kit.IfMatch(r)
	if err != nil {
		return err
	}
	var v certif.Validation
	transferTo := ""
	if in.Employer != nil && strings.TrimSpace(*in.Employer) != "" && !strings.EqualFold(strings.TrimSpace(*in.Employer), old.EmployerCode) {
		if kit.Principal(r).Role() != certif.RoleOffice {
			v.Add("employer", "Seule l'équipe des examens rattache un candidat à un autre employeur.")
		} else if e, err := s.Store.EmployerByCode(r.Context(), strings.TrimSpace(*in.Employer)); err != nil {
			v.Add("employer", "Aucun employeur n'a le code "+strings.TrimSpace(*in.Employer)+".")
		} else {
			transferTo = e.Code
		}
	}
	by := s.Caller(r)
	if in.Reason != nil {
		by = by.Because(strings.TrimSpace(*in.Reason))
	}
	// Only the fields given change, applied to the candidate as it is when written.
	if _, err := s.Store.EditCandidate(r.Context(), by, id, version, func(c *certif.Candidate) error {
		in.apply(c, &v)
		return apiCandidateErrors(&v, *c, by.Today)
	}); err != nil {
		return err
	}
	if transferTo != "" {
		if _, err := s.Store.TransferCandidate(r.Context(), by, id, transferTo); err != nil {
			return err
		}
	}
	c, err := s.Store.Candidate(r.Context(), id, sc)
	if err != nil {
		return err
	}
	return s.apiWriteCandidate(w, r, http.StatusOK, c)
}

// apiReasonInput is the optional body of the DELETE routes.
type apiReasonInput struct {
	Reason string `json:"reason"`
}

func (s *Area) apiCandidateDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.APIPathID(r)
	if err != nil {
		return err
	}
	sc := kit.Scope(r)
	if _, err := s.Store.Candidate(r.Context(), id, sc); err != nil {
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
	if err := s.Store.DeleteCandidate(r.Context(), s.Caller(r).Because(strings.TrimSpace(in.Reason)), id, version); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// apiCandidateHistory lists the traced changes of a candidate and of its
// registrations, newest first: who, when (UTC), action, field, before, after, reason.
func (s *Area) apiCandidateHistory(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.APIPathID(r)
	if err != nil {
		return err
	}
	if _, err := s.Store.Candidate(r.Context(), id, kit.Scope(r)); err != nil {
		return err
	}
	events, err := s.Store.AuditEvents(r.Context(), kit.Viewer(r), store.AuditFilter{CandidateID: id, Limit: 1000})
	if err != nil {
		return err
	}
	return kit.WriteAuditJSON(w, events)
}

// ---- Registrations ----
