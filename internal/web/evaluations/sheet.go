package evaluations

import (
	"net/http"
	"strconv"

	"certibloc/internal/certif"
	"certibloc/internal/clock"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

// sheetView is the evaluation page.
type sheetView struct {
	Sheet        store.EvaluationSheet
	Eval         certif.Evaluation // as saved, or as submitted when re-shown
	Seat         certif.JuryRole   // the viewer's seat, "" for the office
	Editable     bool
	CanConfirm   bool
	Confirmed    bool // the viewer already confirmed
	Office       bool
	Grant        string // what to respect (R15), never why
	Deciding     string // the deciding national jury (R9)
	Seats        []seatView
	Presences    []certif.Presence
	Proposals    []certif.Proposal
	Acquisitions []certif.Acquisition
}

type seatView struct {
	Role      string
	Name      string
	Confirmed bool
	At        string
}

func (s *Area) sheetView(r *http.Request, sh store.EvaluationSheet, ev certif.Evaluation) (sheetView, error) {
	p := kit.Principal(r)
	v := sheetView{Sheet: sh, Eval: ev, Grant: sh.Grant.Summary(), Office: p.Role() == certif.RoleOffice,
		Presences: certif.Presences, Proposals: certif.Proposals, Acquisitions: certif.Acquisitions}
	if p.User != nil && p.Role() == certif.RoleJury {
		role, err := sh.Session.CheckRecord(p.User.JuryMemberID)
		v.Seat = role
		v.Editable = err == nil && !sh.Evaluation.Final() && sh.Session.CheckEvaluationDay(s.Clock.Today()) == nil
		_, v.Confirmed = sh.Evaluation.ConfirmedBy(role)
		v.CanConfirm = v.Editable && sh.Evaluation.Version > 0 && !v.Confirmed
	}
	for _, m := range sh.Session.Members {
		c, ok := sh.Evaluation.ConfirmedBy(m.Role)
		sv := seatView{Role: m.Role.Label(), Name: m.Name, Confirmed: ok}
		if ok {
			sv.At = clock.FormatParis(c.At)
		}
		v.Seats = append(v.Seats, sv)
	}
	cal, err := s.Store.Calendar(r.Context())
	if err != nil {
		return v, err
	}
	if j, ok := cal.DecidingJury(sh.Session.HalfDay.Day); ok {
		v.Deciding = j.Date.FrenchLong()
	}
	return v, nil
}

func (s *Area) sheet(r *http.Request) (store.EvaluationSheet, error) {
	id, err := slotID(r)
	if err != nil {
		return store.EvaluationSheet{}, err
	}
	return s.Store.EvaluationSheet(r.Context(), id, kit.Scope(r))
}

func (s *Area) sheetPage(w http.ResponseWriter, r *http.Request) error {
	sh, err := s.sheet(r)
	if err != nil {
		return err
	}
	v, err := s.sheetView(r, sh, sh.Evaluation)
	if err != nil {
		return err
	}
	return s.Show(w, r, "evaluation.html", title(sh), v)
}

func title(sh store.EvaluationSheet) string {
	return "Évaluation " + certif.De(sh.Slot.CandidateName) + " — bloc " + strconv.Itoa(sh.Slot.Block)
}

// formEvaluation reads the evaluation form over the sheet's grid.
func formEvaluation(r *http.Request, sh store.EvaluationSheet) certif.Evaluation {
	ev := sh.Evaluation
	ev.Presence = certif.Presence(r.PostFormValue("presence"))
	ev.Proposal = certif.Proposal(r.PostFormValue("proposal"))
	ev.Comment = r.PostFormValue("comment")
	ev.Results = nil
	for _, c := range sh.Evaluation.Results {
		key := strconv.FormatInt(c.CriterionID, 10)
		ev.Results = append(ev.Results, certif.CriterionResult{CriterionID: c.CriterionID, Label: c.Label,
			Result: certif.Acquisition(r.PostFormValue("result_" + key)), Comment: r.PostFormValue("note_" + key)})
	}
	return ev
}

func (s *Area) saveSheet(w http.ResponseWriter, r *http.Request) error {
	sh, err := s.sheet(r)
	if err != nil {
		return err
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	ev := formEvaluation(r, sh)
	saved, err := s.Store.SaveEvaluation(r.Context(), s.Caller(r), sh.Slot.ID, ev, version)
	if code := certif.ErrorCode(err); code == certif.EInvalid || code == certif.EStale {
		return s.showInvalid(w, r, sh, ev, err)
	}
	if err != nil {
		return err
	}
	msg := "Évaluation enregistrée."
	if len(sh.Evaluation.Confirmations) > 0 {
		msg += " Les confirmations déjà données sont annulées : chaque membre confirme de nouveau."
	}
	if saved.CheckComplete() == nil {
		msg += " Elle est complète : chaque membre du jury peut maintenant la confirmer."
	}
	return s.Redirect(w, r, slotPath(sh.Slot.ID), msg)
}

// showInvalid re-shows the sheet with the submitted values and the errors.
func (s *Area) showInvalid(w http.ResponseWriter, r *http.Request, sh store.EvaluationSheet, ev certif.Evaluation, err error) error {
	v, verr := s.sheetView(r, sh, ev)
	if verr != nil {
		return verr
	}
	return s.ShowInvalid(w, r, "evaluation.html", title(sh), v, err)
}

func (s *Area) confirm(w http.ResponseWriter, r *http.Request) error {
	sh, err := s.sheet(r)
	if err != nil {
		return err
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	done, err := s.Store.ConfirmEvaluation(r.Context(), s.Caller(r), sh.Slot.ID, version)
	if code := certif.ErrorCode(err); code == certif.EInvalid || code == certif.EStale {
		return s.showInvalid(w, r, sh, sh.Evaluation, err)
	}
	if err != nil {
		return err
	}
	msg := "Confirmation enregistrée."
	switch {
	case done.SessionClosed:
		msg += " Toutes les évaluations de la séance sont confirmées par les trois membres : la séance est close, ses avis vont au jury national."
	case done.Evaluation.Final():
		msg += " Les trois membres ont confirmé : l'avis est définitif."
	default:
		n := len(done.Evaluation.Confirmations)
		msg += " " + certif.Count(n, "confirmation", "confirmations") + " sur 3."
	}
	return s.Redirect(w, r, slotPath(sh.Slot.ID), msg)
}

func (s *Area) reopen(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	ss, err := s.Store.ReopenSession(r.Context(), s.Caller(r), id, version, r.PostFormValue("reason"))
	if err != nil {
		return err
	}
	back := "/"
	if len(ss.Slots) > 0 {
		back = slotPath(ss.Slots[0].ID)
	}
	return s.Redirect(w, r, back, "Séance rouverte : les membres du jury corrigent les évaluations ("+certif.Count(len(ss.Slots), "candidat", "candidats")+
		"), puis les confirment de nouveau.")
}
