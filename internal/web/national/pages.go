package national

import (
	"fmt"
	"net/http"
	"strconv"

	"certibloc/internal/calendar"
	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

type juryRow struct {
	calendar.JuryWithCutoff
	Cases   int
	Decided int
	State   string // where the jury stands: stateOf
}

// stateOf is where a jury stands, in French: à délibérer, décisions prises,
// procès-verbal signé, proclamé.
func stateOf(b board, day certif.Date, decided int) string {
	if _, ok := b.proclaimed[day]; ok {
		return "proclamé"
	}
	if _, ok := b.signed[day]; ok {
		return "procès-verbal signé"
	}
	if decided > 0 {
		return "décisions prises"
	}
	return "à délibérer"
}

type juriesView struct {
	Juries []juryRow
	Beyond []store.NationalCaseRow
	Today  certif.Date
}

func (s *Area) juriesPage(w http.ResponseWriter, r *http.Request) error {
	b, err := s.board(r)
	if err != nil {
		return err
	}
	v := juriesView{Beyond: b.beyond, Today: s.Clock.Today()}
	decided, err := s.Store.NationalDecisionCounts(r.Context(), kit.Scope(r))
	if err != nil {
		return err
	}
	for _, j := range b.juries {
		if j.Date.Before(v.Today.AddMonths(-3)) {
			continue
		}
		v.Juries = append(v.Juries, juryRow{j, len(b.cases[j.Date]), decided[j.Date], stateOf(b, j.Date, decided[j.Date])})
	}
	return s.Show(w, r, "juries.html", "Jurys nationaux", v)
}

// group is the cases of one CQP and one employer.
type group struct {
	Title string
	Cases []store.NationalCaseRow
}

type juryView struct {
	Jury       calendar.JuryWithCutoff
	Groups     []group
	Cases      int
	Favourable int
	Decided    []store.NationalDecisionRow
	Decisions  []certif.Decision
	MayDecide  bool
	Proclaimed *store.Proclamation
	Signed     *store.SignedMinutes
	Seats      []seatRow // the composition form's rows
	Sides      []certif.Side

	// The steps after the decisions: the certifier signs the minutes, then
	// proclaims from the proclamation day on; the staff set that day.
	MaySign, MayProclaim, MaySetDay bool
	ProclamationDay                 certif.Date
	ProclamationDue                 bool // the proclamation day has come
}

func (s *Area) juryView(r *http.Request) (juryView, board, error) {
	b, err := s.board(r)
	if err != nil {
		return juryView{}, b, err
	}
	j, err := b.jury(r)
	if err != nil {
		return juryView{}, b, err
	}
	certifier := kit.Principal(r).Is(certif.RoleCertifier)
	v := juryView{Jury: j, Decisions: certif.Decisions, MayDecide: certifier, MaySetDay: true,
		ProclamationDay: j.ProclamationDay(), ProclamationDue: !s.Clock.Today().Before(j.ProclamationDay())}
	if m, ok := b.signed[j.Date]; ok {
		v.Signed, v.MayDecide = &m, false
	}
	if p, ok := b.proclaimed[j.Date]; ok {
		v.Proclaimed, v.MayDecide, v.MaySetDay = &p, false, false
	}
	v.MayProclaim = certifier && v.Signed != nil && v.Proclaimed == nil
	index := map[string]int{}
	for _, c := range b.cases[j.Date] {
		key := c.Qualification + " · " + c.EmployerCode
		if _, ok := index[key]; !ok {
			index[key] = len(v.Groups)
			v.Groups = append(v.Groups, group{Title: "CQP " + key})
		}
		g := &v.Groups[index[key]]
		g.Cases = append(g.Cases, c)
		v.Cases++
		if c.Proposal == certif.ProposalFavourable {
			v.Favourable++
		}
	}
	if v.Decided, err = s.Store.NationalDecisions(r.Context(), j.Date, kit.Scope(r)); err != nil {
		return v, b, err
	}
	v.MaySign = v.MayDecide && len(v.Decided) > 0
	seats, err := s.Store.NationalComposition(r.Context(), j.Date)
	v.Sides = []certif.Side{certif.SideEmployer, certif.SideEmployee}
	if v.MayDecide {
		v.Seats = formRows(seats)
	} else {
		for i, x := range seats {
			v.Seats = append(v.Seats, seatRow{i + 1, x})
		}
	}
	return v, b, err
}

func (s *Area) juryPage(w http.ResponseWriter, r *http.Request) error {
	v, _, err := s.juryView(r)
	if err != nil {
		return err
	}
	return s.Show(w, r, "jury.html", "Jury national du "+v.Jury.Date.French(), v)
}

// reach says whether a case is on the jury's list.
func (b board) reach(j calendar.JuryWithCutoff) func(certif.NationalCase) bool {
	on := map[int64]bool{}
	for _, x := range b.cases[j.Date] {
		on[x.AttemptID] = true
	}
	return func(c certif.NationalCase) bool { return on[c.AttemptID] }
}

// decide records the decisions chosen by hand ("plus tard" leaves a case).
func (s *Area) decide(w http.ResponseWriter, r *http.Request) error {
	return s.decideCases(w, r, func(c store.NationalCaseRow) (certif.Decision, string) {
		key := strconv.FormatInt(c.AttemptID, 10)
		return certif.Decision(r.PostFormValue("decision_" + key)), r.PostFormValue("reason_" + key)
	})
}

// acceptFavourable validates every favourable proposal at once.
func (s *Area) acceptFavourable(w http.ResponseWriter, r *http.Request) error {
	return s.decideCases(w, r, func(c store.NationalCaseRow) (certif.Decision, string) {
		if c.Proposal == certif.ProposalFavourable {
			return certif.DecisionValidated, ""
		}
		return "", ""
	})
}

// decideCases records, for each case of the jury, the decision pick gives
// ("" leaves it for later).
func (s *Area) decideCases(w http.ResponseWriter, r *http.Request, pick func(store.NationalCaseRow) (certif.Decision, string)) error {
	v, b, err := s.juryView(r)
	if err != nil {
		return err
	}
	var decisions []store.NationalDecision
	for _, g := range v.Groups {
		for _, c := range g.Cases {
			if d, reason := pick(c); d != "" {
				decisions = append(decisions, store.NationalDecision{AttemptID: c.AttemptID, Decision: d, Reason: reason})
			}
		}
	}
	return s.record(w, r, v, b, decisions)
}

func (s *Area) record(w http.ResponseWriter, r *http.Request, v juryView, b board, decisions []store.NationalDecision) error {
	if len(decisions) == 0 {
		return s.ShowInvalid(w, r, "jury.html", "Jury national du "+v.Jury.Date.French(), v,
			&certif.Error{Code: certif.EInvalid, Message: "Aucune décision à enregistrer.", Fields: map[string]string{"": "Choisissez au moins une décision."}})
	}
	err := s.Store.DecideNational(r.Context(), s.Caller(r), v.Jury.Date, decisions, b.reach(v.Jury))
	if certif.ErrorCode(err) == certif.EInvalid {
		return s.ShowInvalid(w, r, "jury.html", "Jury national du "+v.Jury.Date.French(), v, err)
	}
	if err != nil {
		return err
	}
	return s.Redirect(w, r, "/jurys-nationaux/"+v.Jury.Date.String(), fmt.Sprintf("%s.", certif.Count(len(decisions), "décision enregistrée", "décisions enregistrées")))
}
