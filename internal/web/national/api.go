package national

import (
	"net/http"
	"strconv"
	"time"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

type apiCase struct {
	AttemptID     int64           `json:"attempt_id"`
	Candidate     string          `json:"candidate"`
	Employer      string          `json:"employer"`
	Qualification string          `json:"qualification"`
	Block         int             `json:"block"`
	HeldOn        certif.Date     `json:"professional_jury"`
	Proposal      certif.Proposal `json:"proposal"`
}

type apiDecision struct {
	AttemptID     int64           `json:"attempt_id"`
	Candidate     string          `json:"candidate"`
	Employer      string          `json:"employer"`
	Qualification string          `json:"qualification"`
	Block         int             `json:"block"`
	Proposal      certif.Proposal `json:"proposal"`
	Decision      certif.Decision `json:"decision"`
	Reason        string          `json:"reason"`
}

type apiSeat struct {
	Name      string      `json:"name"`
	Sex       string      `json:"sex"` // "F", "M" or "" (not given)
	Side      certif.Side `json:"side"`
	President bool        `json:"president"`
	Sat       bool        `json:"sat"`
}

// apiMinutes is the state of a jury's signed minutes.
type apiMinutes struct {
	SignedAt  time.Time `json:"signed_at"`
	SignedBy  string    `json:"signed_by"`
	SHA256    string    `json:"sha256"`
	Decisions int       `json:"decisions"`
}

type apiJury struct {
	Date       certif.Date `json:"date"`
	Cutoff     certif.Date `json:"cutoff"`
	Proclaimed bool        `json:"proclaimed"`
	// ProclamationDate is the day the results are proclaimed (R10).
	ProclamationDate certif.Date   `json:"proclamation_date"`
	Minutes          *apiMinutes   `json:"minutes"` // null while not signed
	Composition      []apiSeat     `json:"composition"`
	Cases            []apiCase     `json:"cases"`
	Decisions        []apiDecision `json:"decisions"`
}

// apiJury is a national jury's case list, composition and decisions (staff).
func (s *Area) apiJury(w http.ResponseWriter, r *http.Request) error {
	v, b, err := s.juryView(r)
	if err != nil {
		return err
	}
	out := apiJury{Date: v.Jury.Date, Cutoff: v.Jury.Cutoff, Proclaimed: v.Proclaimed != nil, Composition: []apiSeat{}, Cases: []apiCase{}, Decisions: []apiDecision{},
		ProclamationDate: v.ProclamationDay}
	if m := v.Signed; m != nil {
		out.Minutes = &apiMinutes{SignedAt: m.SignedAt, SignedBy: m.SignedBy, SHA256: m.SHA256, Decisions: m.Decisions}
	}
	seats, err := s.Store.NationalComposition(r.Context(), v.Jury.Date)
	if err != nil {
		return err
	}
	for _, x := range seats {
		out.Composition = append(out.Composition, apiSeat{x.Name, x.Sex, x.Side, x.President, x.Sat})
	}
	for _, c := range b.cases[v.Jury.Date] {
		out.Cases = append(out.Cases, apiCase{c.AttemptID, c.CandidateName, c.EmployerCode, c.Qualification, c.Block, c.HeldOn, c.Proposal})
	}
	for _, d := range v.Decided {
		out.Decisions = append(out.Decisions, apiDecision{d.AttemptID, d.CandidateName, d.EmployerCode, d.Qualification, d.Block, d.Proposal, d.Decision, d.Reason})
	}
	return kit.WriteJSON(w, http.StatusOK, out)
}

// apiResults lists proclaimed results in the caller's scope (?candidate=, ?employer=).
func (s *Area) apiResults(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := store.ResultFilter{Scope: kit.Scope(r), Employer: q.Get("employer")}
	if raw := q.Get("candidate"); raw != "" {
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil {
			return &certif.Error{Code: certif.EInvalid, Message: "Paramètre invalide.", Fields: map[string]string{"candidate": "Identifiant de candidat attendu (nombre entier)."}}
		}
		f.CandidateID = id
	}
	list, err := s.Store.Results(r.Context(), f)
	if list == nil {
		list = []store.Result{}
	}
	if err != nil {
		return err
	}
	return kit.WriteJSON(w, http.StatusOK, list)
}
