package sessions

import (
	"net/http"

	"certibloc/internal/certif"
	"certibloc/internal/ics"
	"certibloc/internal/juries"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

// apiSession is a session as the API gives it.
type apiSession struct {
	ID            int64                `json:"id"`
	Qualification string               `json:"qualification"`
	Date          certif.Date          `json:"date"`
	Half          certif.Half          `json:"half"`
	Mode          certif.SessionMode   `json:"mode"`
	RemoteTool    certif.RemoteTool    `json:"remote_tool,omitempty"`
	Link          string               `json:"link,omitempty"`
	Place         string               `json:"place,omitempty"`
	Employer      string               `json:"host_employer,omitempty"`
	Status        certif.SessionStatus `json:"status"`
	Locked        bool                 `json:"locked"`
	Sequence      int                  `json:"sequence"`
	NationalJury  *certif.Date         `json:"national_jury"`
	Members       []apiSeat            `json:"members"`
	Slots         []apiSlot            `json:"slots"`      // those the caller may see
	Candidates    int                  `json:"candidates"` // how many sit, whoever asks
	Version       int                  `json:"version"`
}

type apiSeat struct {
	Role certif.JuryRole `json:"role"`
	ID   int64           `json:"id"`
	Name string          `json:"name"`
}

// apiEvaluation is where a slot's evaluation stands: the proposal once
// recorded, final once the three members confirmed it (R11).
type apiEvaluation struct {
	Status    certif.EvaluationStatus `json:"status"`
	Presence  certif.Presence         `json:"presence"`
	Proposal  certif.Proposal         `json:"proposal"`
	Confirmed int                     `json:"confirmations"`
}

type apiSlot struct {
	ID           int64          `json:"id"`
	AttemptID    int64          `json:"attempt_id"`
	CandidateID  int64          `json:"candidate_id"`
	Candidate    string         `json:"candidate"`
	Employer     string         `json:"employer"`
	Block        int            `json:"block"`
	Start        string         `json:"start"`
	End          string         `json:"end"`
	Minutes      int            `json:"minutes"`
	ExtraMinutes int            `json:"extra_minutes"`
	Evaluation   *apiEvaluation `json:"evaluation"`
}

// deciding is the national-jury date of a day, as the calendar says (R9).
type deciding func(certif.Date) *certif.Date

func (s *Area) decidingJury(r *http.Request) (deciding, error) {
	cal, err := s.Store.Calendar(r.Context())
	if err != nil {
		return nil, err
	}
	return func(d certif.Date) *certif.Date {
		if j, ok := cal.DecidingJury(d); ok {
			return &j.Date
		}
		return nil
	}, nil
}

func newAPISession(ss certif.JurySession, jury deciding, states map[int64]certif.EvaluationState) apiSession {
	out := apiSession{ID: ss.ID, Qualification: ss.Qualification, Date: ss.HalfDay.Day, Half: ss.HalfDay.Half, Mode: ss.Mode, Link: ss.Link,
		Place: ss.Place, Employer: ss.EmployerCode, Status: ss.Status, Locked: ss.Locked, Sequence: ss.Sequence, NationalJury: jury(ss.HalfDay.Day),
		Members: []apiSeat{}, Slots: []apiSlot{}, Candidates: ss.Candidates, Version: ss.Version}
	if ss.Mode == certif.ModeRemote {
		out.RemoteTool = ss.RemoteTool
	}
	for _, m := range ss.Members {
		if m.MemberID != 0 {
			out.Members = append(out.Members, apiSeat{m.Role, m.MemberID, m.Name})
		}
	}
	for _, sl := range ss.Slots {
		slot := apiSlot{sl.ID, sl.AttemptID, sl.CandidateID, sl.CandidateName, sl.EmployerCode, sl.Block, sl.Start, sl.End(), sl.Minutes, sl.ExtraMinutes, nil}
		if st, ok := states[sl.ID]; ok {
			slot.Evaluation = &apiEvaluation{st.Status, st.Presence, st.Proposal, st.Confirmed}
		}
		out.Slots = append(out.Slots, slot)
	}
	return out
}

// apiSessions lists the sessions of a period (?from=&to=, default the next
// three months) in the caller's scope.
func (s *Area) apiSessions(w http.ResponseWriter, r *http.Request) error {
	from, to, err := kit.APIPeriod(r, s.Clock.Today(), s.Clock.Today().AddMonths(3))
	if err != nil {
		return err
	}
	list, err := s.Store.JurySessions(r.Context(), store.SessionFilter{Scope: kit.Scope(r), From: from, To: to})
	if err != nil {
		return err
	}
	jury, err := s.decidingJury(r)
	if err != nil {
		return err
	}
	states, err := s.evaluationStates(r, list...)
	if err != nil {
		return err
	}
	out := make([]apiSession, 0, len(list))
	for _, ss := range list {
		out = append(out, newAPISession(ss, jury, states))
	}
	return kit.WriteJSON(w, http.StatusOK, out)
}

func (s *Area) apiLoad(r *http.Request) (certif.JurySession, error) {
	id, err := kit.APIPathID(r)
	if err != nil {
		return certif.JurySession{}, err
	}
	return s.Store.JurySession(r.Context(), id, kit.Scope(r))
}

func (s *Area) apiSession(w http.ResponseWriter, r *http.Request) error {
	ss, err := s.apiLoad(r)
	if err != nil {
		return err
	}
	jury, err := s.decidingJury(r)
	if err != nil {
		return err
	}
	states, err := s.evaluationStates(r, ss)
	if err != nil {
		return err
	}
	kit.SetETag(w, ss.Version)
	return kit.WriteJSON(w, http.StatusOK, newAPISession(ss, jury, states))
}

// apiSessionICS is the session's calendar file: the members' event for the
// office and a member; an employer, the convocations of its own candidates.
func (s *Area) apiSessionICS(w http.ResponseWriter, r *http.Request) error {
	ss, err := s.apiLoad(r)
	if err != nil {
		return err
	}
	var b []byte
	if kit.Principal(r).Is(certif.RoleEmployer) {
		b, err = s.convener().SlotsICS(r.Context(), ss)
	} else {
		b, err = s.convener().SessionICS(r.Context(), ss)
	}
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8; method="+string(ics.MethodOf(b)))
	_, err = w.Write(b)
	return err
}

type apiPlanRequest struct {
	From certif.Date `json:"from"`
	To   certif.Date `json:"to"`
}

type apiUnplaced struct {
	AttemptID int64  `json:"attempt_id"`
	Candidate string `json:"candidate"`
	Reason    string `json:"reason"`
}

type apiPlanResult struct {
	RunID    int64         `json:"run_id"`
	Placed   int           `json:"placed"`
	Sessions []apiSession  `json:"sessions"`
	Unplaced []apiUnplaced `json:"unplaced"`
	Warnings []string      `json:"warnings"`
}

// apiPlan plans a window and saves the drafts (POST /api/v1/plans).
func (s *Area) apiPlan(w http.ResponseWriter, r *http.Request) error {
	var in apiPlanRequest
	if err := kit.Decode(w, r, &in, false); err != nil {
		return err
	}
	run, planned, err := juries.Plan(r.Context(), s.Store, s.Caller(r), in.From, in.To, s.Clock.Today())
	if err != nil {
		return err
	}
	drafts, err := s.Store.JurySessions(r.Context(), store.SessionFilter{Scope: store.All, From: in.From, To: in.To, Statuses: []certif.SessionStatus{certif.SessionDraft}})
	if err != nil {
		return err
	}
	jury, err := s.decidingJury(r)
	if err != nil {
		return err
	}
	out := apiPlanResult{RunID: run.ID, Placed: run.Placed, Sessions: []apiSession{}, Unplaced: []apiUnplaced{}, Warnings: planned.Built.Warnings}
	if out.Warnings == nil {
		out.Warnings = []string{}
	}
	for _, ss := range drafts {
		out.Sessions = append(out.Sessions, newAPISession(ss, jury, nil))
	}
	ids := make([]int64, len(run.Unplaced))
	for i, u := range run.Unplaced {
		ids[i] = u.AttemptID
	}
	names, err := s.Store.AttemptSummaries(r.Context(), ids)
	for _, u := range run.Unplaced {
		out.Unplaced = append(out.Unplaced, apiUnplaced{u.AttemptID, names[u.AttemptID].CandidateName, u.Reason})
	}
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/sessions?from="+in.From.String()+"&to="+in.To.String())
	return kit.WriteJSON(w, http.StatusCreated, out)
}

type apiAttempt struct {
	ID            int64                `json:"id"`
	CandidateID   int64                `json:"candidate_id"`
	Candidate     string               `json:"candidate"`
	Qualification string               `json:"qualification"`
	Block         int                  `json:"block"`
	Status        certif.AttemptStatus `json:"status"`
	Session       *apiSession          `json:"session"`
	Proposal      certif.Proposal      `json:"proposal"`       // "" until the professional jury records it
	Final         bool                 `json:"proposal_final"` // confirmed by the three members
	NationalJury  *certif.Date         `json:"national_jury"`
}

// apiAttempt is a block attempt with its live session and the national jury
// that will decide it (R9): the office any, an employer those it registered,
// a member those of their sessions.
func (s *Area) apiAttempt(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.APIPathID(r)
	if err != nil {
		return err
	}
	sc := kit.Scope(r)
	names, err := s.Store.AttemptSummaries(r.Context(), []int64{id})
	if err != nil {
		return err
	}
	a, ok := names[id]
	if !ok || (sc.EmployerID > 0 && a.EmployerID != sc.EmployerID) {
		return kit.ErrAPINotFound
	}
	sessions, err := s.Store.JurySessions(r.Context(), store.SessionFilter{Scope: sc, AttemptIDs: []int64{id}})
	if err != nil {
		return err
	}
	if sc.JuryMemberID > 0 && len(sessions) == 0 {
		return kit.ErrAPINotFound
	}
	jury, err := s.decidingJury(r)
	if err != nil {
		return err
	}
	states, err := s.evaluationStates(r, sessions...)
	if err != nil {
		return err
	}
	out := apiAttempt{ID: a.ID, CandidateID: a.CandidateID, Candidate: a.CandidateName, Qualification: a.Qualification, Block: a.Block, Status: a.Status}
	for _, ss := range sessions {
		if !ss.Status.Live() {
			continue
		}
		v := newAPISession(ss, jury, states)
		out.Session, out.NationalJury = &v, v.NationalJury
		for _, sl := range ss.Slots {
			if st := states[sl.ID]; sl.AttemptID == id {
				out.Proposal, out.Final = st.Proposal, st.Status == certif.EvaluationFinal
			}
		}
	}
	return kit.WriteJSON(w, http.StatusOK, out)
}
