package web

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"certibloc/internal/calendar"
	"certibloc/internal/certif"
	"certibloc/internal/store"
)

type apiUser struct {
	ID       int64       `json:"id"`
	Email    string      `json:"email"`
	Name     string      `json:"name"`
	Role     certif.Role `json:"role"`
	Employer string      `json:"employer,omitempty"`
}

func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) error {
	u := principal(r).User
	return writeJSON(w, http.StatusOK, apiUser{ID: u.ID, Email: u.Email, Name: u.Name, Role: u.Role, Employer: u.EmployerCode})
}

func (s *Server) apiBranches(w http.ResponseWriter, r *http.Request) error {
	branches, err := s.st.Branches(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, branches)
}

type apiQualification struct {
	certif.Qualification
	MonoBlock bool `json:"mono_block"`
}

func (s *Server) apiQualifications(w http.ResponseWriter, r *http.Request) error {
	quals, err := s.st.Qualifications(r.Context(), true)
	if err != nil {
		return err
	}
	out := make([]apiQualification, len(quals))
	for i, q := range quals {
		out[i] = apiQualification{q, q.MonoBlock()}
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiQualification(w http.ResponseWriter, r *http.Request) error {
	q, err := s.st.Qualification(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, apiQualification{q, q.MonoBlock()})
}

type apiJury struct {
	Date           certif.Date `json:"date"`
	Cutoff         certif.Date `json:"cutoff"`
	Start          string      `json:"start"`
	End            string      `json:"end"`
	CutoffComputed certif.Date `json:"cutoff_computed"`
	OverrideReason string      `json:"override_reason,omitempty"`
}

func newAPIJury(j calendar.JuryWithCutoff) apiJury {
	return apiJury{Date: j.Date, Cutoff: j.Cutoff, Start: j.Start, End: j.End, CutoffComputed: j.ComputedCutoff, OverrideReason: j.OverrideReason}
}

type apiCalendar struct {
	Year           int                           `json:"year"`
	NationalJuries []apiJury                     `json:"national_juries"`
	Campaigns      []calendar.CollectionCampaign `json:"campaigns"`
	ExamMonths     []certif.Month                `json:"exam_months"`
	Holidays       []apiHoliday                  `json:"holidays"`
}

type apiHoliday struct {
	Date   certif.Date `json:"date"`
	Name   string      `json:"name"`
	Worked bool        `json:"worked"`
}

func (s *Server) apiCalendar(w http.ResponseWriter, r *http.Request) error {
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || year < 2000 || year > 2100 {
		return &certif.Error{Code: certif.EBadRequest, Message: "Année invalide : un nombre entre 2000 et 2100 est attendu.", Fields: map[string]string{"year": "Année invalide."}}
	}
	cal, err := s.st.Calendar(r.Context())
	if err != nil {
		return err
	}
	out := apiCalendar{Year: year, NationalJuries: []apiJury{}, Campaigns: cal.Campaigns(year), ExamMonths: cal.ExamMonths(year)}
	for _, j := range cal.JuriesWithCutoffs(year) {
		out.NationalJuries = append(out.NationalJuries, newAPIJury(j))
	}
	if out.Campaigns == nil {
		out.Campaigns = []calendar.CollectionCampaign{}
	}
	for _, h := range cal.Holidays(year) {
		out.Holidays = append(out.Holidays, apiHoliday{Date: h.Date, Name: h.Name, Worked: h.Worked})
	}
	return writeJSON(w, http.StatusOK, out)
}

// apiPutJury adds or replaces the national jury of a day.
func (s *Server) apiPutJury(w http.ResponseWriter, r *http.Request) error {
	day, err := certif.ParseDate(r.PathValue("date"))
	if err != nil {
		return &certif.Error{Code: certif.EBadRequest, Message: "Date invalide dans l'adresse : AAAA-MM-JJ attendu.", Fields: map[string]string{"date": "Date invalide."}}
	}
	var body struct {
		Start          string      `json:"start"`
		End            string      `json:"end"`
		CutoffOverride certif.Date `json:"cutoff_override"`
		OverrideReason string      `json:"override_reason"`
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<16))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&body); err != nil {
		return certif.Errorf(certif.EBadRequest, "Corps JSON illisible : %v", err)
	}
	j := calendar.NationalJury{Date: day, Start: body.Start, End: body.End, CutoffOverride: body.CutoffOverride, OverrideReason: body.OverrideReason}
	if err := s.st.SaveNationalJury(r.Context(), actor(r), j); err != nil {
		return err
	}
	cal, err := s.st.Calendar(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, newAPIJury(cal.WithCutoff(j)))
}

type apiAuditEvent struct {
	ID        int64  `json:"id"`
	At        string `json:"at"`
	UserEmail string `json:"user"`
	Entity    string `json:"entity"`
	Key       string `json:"key"`
	Action    string `json:"action"`
	Field     string `json:"field,omitempty"`
	Before    string `json:"before,omitempty"`
	After     string `json:"after,omitempty"`
	Reason    string `json:"reason,omitempty"`
}

func (s *Server) apiAudit(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	limit, _ := strconv.Atoi(q.Get("limit"))
	events, err := s.st.AuditEvents(r.Context(), viewer(r), store.AuditFilter{Entity: q.Get("entity"), EntityKey: q.Get("key"), Limit: limit})
	if err != nil {
		return err
	}
	return writeAuditJSON(w, events)
}

// writeAuditJSON answers audit events as the API shows them (UTC times).
func writeAuditJSON(w http.ResponseWriter, events []certif.AuditEvent) error {
	out := make([]apiAuditEvent, len(events))
	for i, e := range events {
		out[i] = apiAuditEvent{ID: e.ID, At: e.At.UTC().Format("2006-01-02T15:04:05Z"), UserEmail: e.UserEmail, Entity: e.Entity,
			Key: e.EntityKey, Action: e.Action, Field: e.Field, Before: e.Before, After: e.After, Reason: e.Reason}
	}
	return writeJSON(w, http.StatusOK, out)
}

// setETag gives a resource's version as its entity tag.
func setETag(w http.ResponseWriter, version int) {
	w.Header().Set("ETag", `"`+strconv.Itoa(version)+`"`)
}

// ifMatch reads the version a change is made from (If-Match: "3"); 0 when the
// request names none ("*" or no header): the change then applies to the
// resource as it is.
func ifMatch(r *http.Request) (int, error) {
	h := strings.TrimSpace(r.Header.Get("If-Match"))
	if h == "" || h == "*" {
		return 0, nil
	}
	n, err := strconv.Atoi(strings.Trim(h, `"`))
	if err != nil || n <= 0 || !strings.HasPrefix(h, `"`) || !strings.HasSuffix(h, `"`) {
		return 0, &certif.Error{Code: certif.EBadRequest, Message: "En-tête If-Match invalide : donnez l'ETag reçu avec la ressource, par exemple \"3\".",
			Fields: map[string]string{"If-Match": "ETag attendu entre guillemets."}}
	}
	return n, nil
}
