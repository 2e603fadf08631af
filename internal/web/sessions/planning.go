package sessions

import (
	"fmt"
	"net/http"

	"certibloc/internal/certif"
	"certibloc/internal/juries"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

type planningView struct {
	From, To certif.Date
	Run      *store.PlanningRun
	Unplaced []unplacedRow
	Counts   map[string]int // by status
	Total    int
	Warnings []string
}

type unplacedRow struct {
	store.AttemptSummary
	Reason string
}

// window reads du/au (jj/mm/aaaa) of a query, defaulting to next month, or
// from/to of a form; a date that cannot be read, or a query's end before its
// start, is recorded in v.
func (s *Area) window(v *certif.Validation, r *http.Request) (certif.Date, certif.Date) {
	from, to, _, _ := s.windowTyped(v, r)
	return from, to
}

// windowTyped is window with the dates as typed, for the filter's fields.
func (s *Area) windowTyped(v *certif.Validation, r *http.Request) (from, to certif.Date, fromText, toText string) {
	if r.Method == http.MethodPost { // the planner checks the period (juries.Plan)
		from, to = kit.DateField(v, r, "from", "Début", true), kit.DateField(v, r, "to", "Fin", true)
		return from, to, from.French(), to.French()
	}
	next := s.Clock.Today().MonthOf().Add(1)
	from, fromText = kit.QueryDate(v, r, "du", "Du", next.First())
	to, toText = kit.QueryDate(v, r, "au", "Au", next.Last())
	if to.Before(from) {
		v.Add("au", "La fin de la période est avant son début.")
	}
	return from, to, fromText, toText
}

func (s *Area) planningView(r *http.Request, from, to certif.Date) (planningView, error) {
	v := planningView{From: from, To: to, Counts: map[string]int{}}
	run, err := s.Store.LatestPlanningRun(r.Context(), from, to)
	switch {
	case err == nil:
		v.Run = &run
	case certif.ErrorCode(err) != certif.ENotFound:
		return v, err
	}
	if v.Run != nil {
		ids := make([]int64, len(run.Unplaced))
		for i, u := range run.Unplaced {
			ids[i] = u.AttemptID
		}
		names, err := s.Store.AttemptSummaries(r.Context(), ids)
		if err != nil {
			return v, err
		}
		for _, u := range run.Unplaced {
			v.Unplaced = append(v.Unplaced, unplacedRow{names[u.AttemptID], certif.UpperFirst(u.Reason)})
		}
	}
	counts, err := s.Store.SessionCounts(r.Context(), from, to)
	for status, n := range counts {
		v.Counts[string(status)] = n
		v.Total += n
	}
	return v, err
}

func (s *Area) planningPage(w http.ResponseWriter, r *http.Request) error {
	var val certif.Validation
	from, to := s.window(&val, r)
	v, err := s.planningView(r, from, to)
	if err != nil {
		return err
	}
	if err := val.Err(); err != nil {
		return s.ShowInvalid(w, r, "planning.html", "Planifier les jurys professionnels", v, err)
	}
	return s.Show(w, r, "planning.html", "Planifier les jurys professionnels", v)
}

func (s *Area) plan(w http.ResponseWriter, r *http.Request) error {
	var val certif.Validation
	from, to := s.window(&val, r)
	err := val.Err()
	var run store.PlanningRun
	var planned juries.Planned
	if err == nil {
		run, planned, err = juries.Plan(r.Context(), s.Store, s.Caller(r), from, to, s.Clock.Today())
	}
	if certif.ErrorCode(err) == certif.EInvalid {
		v, verr := s.planningView(r, from, to)
		if verr != nil {
			return verr
		}
		return s.ShowInvalid(w, r, "planning.html", "Planifier les jurys professionnels", v, err)
	}
	if err != nil {
		return err
	}
	msg := fmt.Sprintf("Planification du %s au %s : %s, %s, %s.", from.French(), to.French(),
		certif.Count(run.Sessions, "séance en brouillon", "séances en brouillon"), certif.Count(run.Placed, "candidat placé", "candidats placés"),
		unplacedPhrase(len(run.Unplaced)))
	for _, w := range planned.Built.Warnings {
		msg += " " + w
	}
	return s.Redirect(w, r, "/planifier?du="+from.French()+"&au="+to.French(), msg)
}

func unplacedPhrase(n int) string {
	switch n {
	case 0:
		return "aucun non placé"
	case 1:
		return "1 non placé (raison ci-dessous)"
	}
	return fmt.Sprintf("%d non placés (raisons ci-dessous)", n)
}

// hours are a half-day's hours as read: "9 h", "12 h 30".
func hours(h certif.Half) (string, string) {
	start, end := juries.HalfDayHours(h)
	return certif.FrenchClock(start), certif.FrenchClock(end)
}
