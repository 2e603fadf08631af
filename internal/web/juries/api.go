package juries

import (
	"net/http"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

// apiMember is a member of the pool as the API gives it.
type apiMember struct {
	ID             int64               `json:"id"`
	FirstName      string              `json:"first_name"`
	LastName       string              `json:"last_name"`
	Email          string              `json:"email"`
	Phone          string              `json:"phone"`
	Roles          []certif.JuryRole   `json:"roles"`
	Employer       string              `json:"employer"`
	Organisation   string              `json:"organisation"`
	Branch         string              `json:"branch"`
	Qualifications []string            `json:"qualifications"`
	TrainedOn      *certif.Date        `json:"trained_on"`
	MaxSessions    int                 `json:"max_sessions"`
	Status         certif.MemberStatus `json:"status"`
	Version        int                 `json:"version"`
}

func newAPIMember(m certif.JuryMember) apiMember {
	out := apiMember{ID: m.ID, FirstName: m.FirstName, LastName: m.LastName, Email: m.Email, Phone: m.Phone, Roles: m.Roles, Employer: m.EmployerCode,
		Organisation: m.Organisation, Branch: m.Branch, Qualifications: m.Qualifications, MaxSessions: m.MaxSessions, Status: m.Status, Version: m.Version}
	if !m.TrainedOn.IsZero() {
		out.TrainedOn = &m.TrainedOn
	}
	if out.Roles == nil {
		out.Roles = []certif.JuryRole{}
	}
	if out.Qualifications == nil {
		out.Qualifications = []string{}
	}
	return out
}

// apiMembers lists the pool (office), filtered by ?status= and ?qualification=.
func (s *Area) apiMembers(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := store.JuryMemberFilter{Scope: kit.Scope(r), Status: certif.MemberStatus(q.Get("status")), Qualification: q.Get("qualification")}
	list, err := s.Store.JuryMembers(r.Context(), f)
	if err != nil {
		return err
	}
	out := make([]apiMember, 0, len(list))
	for _, m := range list {
		out = append(out, newAPIMember(m))
	}
	return kit.WriteJSON(w, http.StatusOK, out)
}

// apiAvailability is a member's availability over a period.
type apiAvailability struct {
	From     certif.Date `json:"from"`
	To       certif.Date `json:"to"`
	HalfDays []string    `json:"half_days"` // "2026-03-02:am", as planner.md writes them
}

// period reads ?from=&to= (default: the next three months).
func (s *Area) period(r *http.Request) (certif.Date, certif.Date, error) {
	return kit.APIPeriod(r, s.Clock.Today(), s.Clock.Today().AddMonths(3))
}

func (s *Area) apiGetAvailability(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.APIPathID(r)
	if err != nil {
		return err
	}
	from, to, err := s.period(r)
	if err != nil {
		return err
	}
	return s.apiGetAvailabilityOf(w, r, id, from, to)
}

// apiPutAvailability replaces the member's half-days from from to to.
func (s *Area) apiPutAvailability(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.APIPathID(r)
	if err != nil {
		return err
	}
	if _, err := s.Store.JuryMember(r.Context(), id, kit.Scope(r)); err != nil {
		return err // another member's: not found, before reading the body
	}
	var in apiAvailability
	if err := kit.Decode(w, r, &in, false); err != nil {
		return err
	}
	var v certif.Validation
	if in.From.IsZero() {
		v.Add("from", "Début de la période obligatoire (AAAA-MM-JJ).")
	}
	if in.To.IsZero() {
		v.Add("to", "Fin de la période obligatoire (AAAA-MM-JJ).")
	}
	var halves []certif.HalfDay
	for _, raw := range in.HalfDays {
		h, err := certif.ParseHalfDay(raw)
		if err != nil {
			v.Add("half_days", certif.ErrorMessage(err))
			continue
		}
		halves = append(halves, h)
	}
	if err := v.Err(); err != nil {
		return err
	}
	if in.To.After(in.From.AddMonths(13)) {
		return &certif.Error{Code: certif.EInvalid, Message: "Période trop longue.", Fields: map[string]string{"to": "Une période d'un an au plus."}}
	}
	if err := s.Store.SetAvailability(r.Context(), s.Caller(r), id, in.From, in.To, halves); err != nil {
		return err
	}
	return s.apiGetAvailabilityOf(w, r, id, in.From, in.To)
}

func (s *Area) apiGetAvailabilityOf(w http.ResponseWriter, r *http.Request, id int64, from, to certif.Date) error {
	halves, err := s.Store.Availability(r.Context(), id, from, to, kit.Scope(r))
	if err != nil {
		return err
	}
	out := apiAvailability{From: from, To: to, HalfDays: make([]string, 0, len(halves))}
	for _, h := range halves {
		out.HalfDays = append(out.HalfDays, h.String())
	}
	return kit.WriteJSON(w, http.StatusOK, out)
}
