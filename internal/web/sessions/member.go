package sessions

import (
	"net/http"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

type mySessionsView struct {
	Upcoming, Past []certif.JurySession
	Grants         map[int64]string // slot → adjustments to respect
	States         map[int64]certif.EvaluationState
	Rows           []candidateRow
}

// candidateRow is one candidate of a member's session.
type candidateRow struct {
	Session certif.JurySession
	Slot    certif.Slot
	Grant   string
}

// memberSessions reads a member's announced sessions, with what to respect.
func (s *Area) memberSessions(r *http.Request) (mySessionsView, error) {
	v := mySessionsView{Grants: map[int64]string{}}
	list, err := s.Store.JurySessions(r.Context(), store.SessionFilter{Scope: kit.Scope(r)})
	if err != nil {
		return v, err
	}
	var ids []int64
	for _, ss := range list {
		for _, sl := range ss.Slots {
			ids = append(ids, sl.AttemptID)
		}
	}
	parties, err := s.Store.SlotParties(r.Context(), ids)
	if err != nil {
		return v, err
	}
	if v.States, err = s.evaluationStates(r, list...); err != nil {
		return v, err
	}
	today := s.Clock.Today()
	for _, ss := range list {
		for _, sl := range ss.Slots {
			v.Grants[sl.ID] = parties[sl.AttemptID].Grant.Summary()
			if ss.Status.Live() {
				v.Rows = append(v.Rows, candidateRow{ss, sl, v.Grants[sl.ID]})
			}
		}
		if ss.HalfDay.Day.Before(today) {
			v.Past = append([]certif.JurySession{ss}, v.Past...)
		} else {
			v.Upcoming = append(v.Upcoming, ss)
		}
	}
	return v, nil
}

func (s *Area) mySessionsPage(w http.ResponseWriter, r *http.Request) error {
	v, err := s.memberSessions(r)
	if err != nil {
		return err
	}
	return s.Show(w, r, "my_sessions.html", "Mes séances de jury", v)
}

func (s *Area) myCandidatesPage(w http.ResponseWriter, r *http.Request) error {
	v, err := s.memberSessions(r)
	if err != nil {
		return err
	}
	return s.Show(w, r, "my_candidates.html", "Mes candidats", v)
}
