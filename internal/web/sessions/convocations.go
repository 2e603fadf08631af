package sessions

import (
	"net/http"
	"slices"
	"strconv"

	"certibloc/internal/certif"
	"certibloc/internal/juries"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

type convocationsView struct {
	Rows []candidateRow
}

// convocations are the slots of announced sessions the caller's scope sees:
// an employer its candidates', a candidate their own.
func (s *Area) convocations(r *http.Request) ([]candidateRow, error) {
	list, err := s.Store.JurySessions(r.Context(), store.SessionFilter{Scope: kit.Scope(r)})
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, ss := range list {
		for _, sl := range ss.Slots {
			ids = append(ids, sl.AttemptID)
		}
	}
	parties, err := s.Store.SlotParties(r.Context(), ids)
	var rows []candidateRow
	for _, ss := range list {
		for _, sl := range ss.Slots {
			rows = append(rows, candidateRow{ss, sl, parties[sl.AttemptID].Grant.Summary()})
		}
	}
	return rows, err
}

func (s *Area) convocationsPage(w http.ResponseWriter, r *http.Request) error {
	rows, err := s.convocations(r)
	if err != nil {
		return err
	}
	return s.Show(w, r, "convocations.html", "Convocations aux jurys professionnels", convocationsView{rows})
}

// convocation finds one slot in the caller's scope, or answers not found.
func (s *Area) convocation(r *http.Request) (candidateRow, error) {
	id, err := strconv.ParseInt(r.PathValue("slot"), 10, 64)
	if err != nil {
		return candidateRow{}, certif.Errorf(certif.ENotFound, "Convocation introuvable.")
	}
	rows, err := s.convocations(r)
	if err != nil {
		return candidateRow{}, err
	}
	i := slices.IndexFunc(rows, func(c candidateRow) bool { return c.Slot.ID == id })
	if i < 0 {
		return candidateRow{}, certif.Errorf(certif.ENotFound, "Convocation introuvable.")
	}
	return rows[i], nil
}

type convocationView struct {
	candidateRow
	Qualification certif.Qualification
	Block         certif.Block
	Deciding      certif.Date
	Bring         []string
}

func (s *Area) convocationPage(w http.ResponseWriter, r *http.Request) error {
	c, err := s.convocation(r)
	if err != nil {
		return err
	}
	v := convocationView{candidateRow: c}
	if v.Qualification, err = s.Store.Qualification(r.Context(), c.Session.Qualification); err != nil {
		return err
	}
	v.Block, _ = v.Qualification.Block(c.Slot.Block)
	v.Bring = juries.Bring(v.Block)
	cal, err := s.Store.Calendar(r.Context())
	if err != nil {
		return err
	}
	if j, ok := cal.DecidingJury(c.Session.HalfDay.Day); ok {
		v.Deciding = j.Date
	}
	return s.Show(w, r, "convocation.html", "Convocation "+certif.De(c.Slot.CandidateName), v)
}

func (s *Area) convocationICS(w http.ResponseWriter, r *http.Request) error {
	c, err := s.convocation(r)
	if err != nil {
		return err
	}
	b, err := s.convener().SlotICS(r.Context(), c.Session, c.Slot)
	if err != nil {
		return err
	}
	return kit.Download(w, "convocation-"+strconv.FormatInt(c.Slot.ID, 10)+".ics", "text/calendar; charset=utf-8", b)
}
