package sessions

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

type sessionView struct {
	Session    certif.JurySession
	Deciding   certif.Date // the national jury that decides it (R9), zero if none known
	Editable   bool        // the office may change it
	IsOffice   bool
	Modes      []certif.SessionMode
	Tools      []certif.RemoteTool
	Sites      []store.EmployerSite
	Institutes []store.InstituteSite
	Seats      []seatChoice
	Targets    []certif.JurySession // where a slot may move
	Grants     map[int64]string     // slot → adjustments to respect
	States     map[int64]certif.EvaluationState
	Start, End string // the half-day's hours
}

type seatChoice struct {
	Role    certif.JuryRole
	Current int64
	Members []certif.JuryMember
}

func (s *Area) loadSession(r *http.Request) (certif.JurySession, error) {
	id, err := kit.PathID(r)
	if err != nil {
		return certif.JurySession{}, err
	}
	return s.Store.JurySession(r.Context(), id, kit.Scope(r))
}

func (s *Area) sessionView(r *http.Request, ss certif.JurySession) (sessionView, error) {
	v := sessionView{Session: ss, Modes: certif.SessionModes, Tools: []certif.RemoteTool{certif.ToolTeams, certif.ToolZoom},
		Editable: kit.Principal(r).Is(certif.RoleOffice) && ss.Editable(), IsOffice: kit.Principal(r).Is(certif.RoleOffice), Grants: map[int64]string{}}
	v.Start, v.End = hours(ss.HalfDay.Half)
	ctx := r.Context()
	cal, err := s.Store.Calendar(ctx)
	if err != nil {
		return v, err
	}
	if j, ok := cal.DecidingJury(ss.HalfDay.Day); ok {
		v.Deciding = j.Date
	}
	if err := s.attachGrants(r, ss, v.Grants); err != nil {
		return v, err
	}
	if v.States, err = s.evaluationStates(r, ss); err != nil || !v.Editable {
		return v, err
	}
	host := ss.EmployerID
	if host == 0 && len(ss.Slots) > 0 {
		host = ss.Slots[0].EmployerID
	}
	if v.Sites, err = s.Store.EmployerSites(ctx, host); err != nil {
		return v, err
	}
	if v.Institutes, err = s.Store.InstituteSites(ctx); err != nil {
		return v, err
	}
	members, err := s.Store.JuryMembers(ctx, store.JuryMemberFilter{Scope: store.All, Status: certif.MemberActive})
	if err != nil {
		return v, err
	}
	for _, role := range certif.JuryRoles {
		c := seatChoice{Role: role, Current: ss.Member(role).MemberID}
		for _, m := range members {
			if slices.Contains(m.Roles, role) {
				c.Members = append(c.Members, m)
			}
		}
		v.Seats = append(v.Seats, c)
	}
	others, err := s.Store.JurySessions(ctx, store.SessionFilter{Scope: store.All, From: ss.HalfDay.Day.AddDays(-31), To: ss.HalfDay.Day.AddDays(31),
		Qualification: ss.Qualification, Statuses: []certif.SessionStatus{certif.SessionDraft, certif.SessionConvened}})
	v.Targets = others
	return v, err
}

// attachGrants gives each slot the adjustments to respect (R15): what was
// granted, never the condition.
func (s *Area) attachGrants(r *http.Request, ss certif.JurySession, into map[int64]string) error {
	ids := make([]int64, len(ss.Slots))
	for i, sl := range ss.Slots {
		ids[i] = sl.AttemptID
	}
	parties, err := s.Store.SlotParties(r.Context(), ids)
	for _, sl := range ss.Slots {
		into[sl.ID] = parties[sl.AttemptID].Grant.Summary()
	}
	return err
}

// evaluationStates reads where the evaluations of sessions' slots stand.
func (s *Area) evaluationStates(r *http.Request, sessions ...certif.JurySession) (map[int64]certif.EvaluationState, error) {
	var ids []int64
	for _, ss := range sessions {
		for _, sl := range ss.Slots {
			ids = append(ids, sl.ID)
		}
	}
	return s.Store.EvaluationStates(r.Context(), ids)
}

func (s *Area) sessionPage(w http.ResponseWriter, r *http.Request) error {
	ss, err := s.loadSession(r)
	if err != nil {
		return err
	}
	v, err := s.sessionView(r, ss)
	if err != nil {
		return err
	}
	return s.Show(w, r, "session.html", "Séance "+ss.Title(), v)
}

// showSessionError shows the session page again with the refusal next to
// its fields, or answers the error as it is.
func (s *Area) showSessionError(w http.ResponseWriter, r *http.Request, ss certif.JurySession, err error) error {
	switch certif.ErrorCode(err) {
	case certif.EInvalid, certif.EConflict, certif.EStale:
		fresh, ferr := s.Store.JurySession(r.Context(), ss.ID, store.All)
		if ferr != nil {
			return ferr
		}
		v, verr := s.sessionView(r, fresh)
		if verr != nil {
			return verr
		}
		return s.ShowInvalid(w, r, "session.html", "Séance "+fresh.Title(), v, err)
	}
	return err
}

func formVersion(r *http.Request) int {
	n, _ := strconv.Atoi(r.PostFormValue("version"))
	return n
}

func formID(r *http.Request, name string) int64 {
	n, _ := strconv.ParseInt(strings.TrimSpace(r.PostFormValue(name)), 10, 64)
	return n
}

func (s *Area) updateSession(w http.ResponseWriter, r *http.Request) error {
	old, err := s.loadSession(r)
	if err != nil {
		return err
	}
	ss := old
	ss.Mode, ss.RemoteTool = certif.SessionMode(r.PostFormValue("mode")), certif.RemoteTool(r.PostFormValue("remote_tool"))
	ss.Link, ss.Locked = strings.TrimSpace(r.PostFormValue("link")), r.PostFormValue("locked") == "on"
	ss.SiteID, ss.InstituteID, ss.EmployerID, ss.EmployerCode = 0, 0, 0, ""
	var v certif.Validation
	switch ss.Mode {
	case certif.ModeRemote:
		if !slices.Contains([]certif.RemoteTool{certif.ToolTeams, certif.ToolZoom}, ss.RemoteTool) {
			v.Add("remote_tool", "Choisissez l'outil de la séance à distance.")
		}
		if ss.Link != "" && !certif.ValidLink(ss.Link) {
			v.Add("link", "Le lien de connexion est une adresse https://…")
		}
	case certif.ModeEmployer:
		ss.Link, ss.SiteID = "", formID(r, "site_id")
		if err := s.hostSite(r, &ss, old); err != nil {
			v.Add("site_id", certif.ErrorMessage(err))
		}
	case certif.ModeInstitute:
		ss.Link, ss.InstituteID = "", formID(r, "institute_site_id")
		if ss.InstituteID == 0 {
			v.Add("institute_site_id", "Choisissez le site de l'Institut 4.10.")
		}
	default:
		v.Add("mode", "Choisissez la modalité de la séance.")
	}
	for i, role := range certif.JuryRoles {
		ss.Members[i] = certif.SessionMember{Role: role, MemberID: formID(r, "member_"+string(role))}
	}
	err = v.Err()
	if err == nil {
		_, err = s.convener().Change(r.Context(), s.Caller(r), store.SessionUpdate{Session: ss, Version: formVersion(r)})
	}
	if err != nil {
		return s.showSessionError(w, r, old, err)
	}
	s.NotifyMail()
	msg := "Séance enregistrée."
	if old.Status == certif.SessionConvened {
		msg = "Séance enregistrée ; si elle a changé pour les convoqués, les convocations mises à jour sont parties." + s.MailDisabledNote()
	}
	return s.Redirect(w, r, "/seances/"+strconv.FormatInt(ss.ID, 10), msg)
}

// hostSite checks that the chosen site is one of the host employer's: the
// employer the session already sits at, or its candidates'.
func (s *Area) hostSite(r *http.Request, ss *certif.JurySession, old certif.JurySession) error {
	hosts := map[int64]string{}
	if old.EmployerID != 0 {
		hosts[old.EmployerID] = old.EmployerCode
	}
	for _, sl := range old.Slots {
		hosts[sl.EmployerID] = sl.EmployerCode
	}
	for id, code := range hosts {
		sites, err := s.Store.EmployerSites(r.Context(), id)
		if err != nil {
			return err
		}
		for _, site := range sites {
			if site.ID == ss.SiteID {
				ss.EmployerID, ss.EmployerCode = id, code
				return nil
			}
		}
	}
	return certif.Errorf(certif.EInvalid, "Choisissez un site de l'employeur des candidats.")
}

func (s *Area) moveSlot(w http.ResponseWriter, r *http.Request) error {
	from, err := s.loadSession(r)
	if err != nil {
		return err
	}
	slotID, _ := strconv.ParseInt(r.PathValue("slot"), 10, 64)
	i := slices.IndexFunc(from.Slots, func(sl certif.Slot) bool { return sl.ID == slotID })
	if i < 0 {
		return certif.Errorf(certif.ENotFound, "Créneau introuvable.")
	}
	slot := from.Slots[i]
	slot.Start = strings.TrimSpace(r.PostFormValue("start"))
	if certif.ParseClock(slot.Start) < 0 {
		return s.showSessionError(w, r, from, &certif.Error{Code: certif.EInvalid, Message: "Heure de début invalide.",
			Fields: map[string]string{"start": "Heure de début au format HH:MM (ex. : 09:30)."}})
	}
	targetID := formID(r, "target")
	updates := []store.SessionUpdate{}
	if targetID == from.ID || targetID == 0 {
		from.Slots[i] = slot
		updates = append(updates, store.SessionUpdate{Session: from, Version: formVersion(r)})
	} else {
		to, err := s.Store.JurySession(r.Context(), targetID, store.All)
		if err != nil {
			return err
		}
		if from.Status == certif.SessionConvened && to.Status != certif.SessionConvened {
			return s.showSessionError(w, r, from, certif.Errorf(certif.EConflict, "Ce candidat est déjà convoqué : déplacez-le vers une séance convoquée, ou convoquez d'abord la séance d'arrivée."))
		}
		moved := from
		moved.Slots = slices.Delete(slices.Clone(from.Slots), i, i+1)
		to.Slots = append(slices.Clone(to.Slots), slot)
		updates = append(updates, store.SessionUpdate{Session: moved, Version: formVersion(r)}, store.SessionUpdate{Session: to, Version: to.Version})
	}
	if _, err := s.convener().Change(r.Context(), s.Caller(r), updates...); err != nil {
		return s.showSessionError(w, r, from, err)
	}
	s.NotifyMail()
	return s.Redirect(w, r, "/seances/"+strconv.FormatInt(updates[len(updates)-1].Session.ID, 10), slot.CandidateName+" : créneau déplacé.")
}

func (s *Area) convene(w http.ResponseWriter, r *http.Request) error {
	ss, err := s.loadSession(r)
	if err != nil {
		return err
	}
	if _, err := s.convener().Convene(r.Context(), s.Caller(r), ss.ID, formVersion(r)); err != nil {
		return s.showSessionError(w, r, ss, err)
	}
	s.NotifyMail()
	return s.Redirect(w, r, "/seances/"+strconv.FormatInt(ss.ID, 10),
		"Séance convoquée : "+certif.Count(len(ss.Slots), "convocation envoyée", "convocations envoyées")+" aux employeurs, 3 invitations aux membres."+s.MailDisabledNote())
}

func (s *Area) cancel(w http.ResponseWriter, r *http.Request) error {
	ss, err := s.loadSession(r)
	if err != nil {
		return err
	}
	if _, err := s.convener().Cancel(r.Context(), s.Caller(r).Because(r.PostFormValue("reason")), ss.ID, formVersion(r), r.PostFormValue("reason")); err != nil {
		return s.showSessionError(w, r, ss, err)
	}
	s.NotifyMail()
	msg := "Séance annulée ; ses candidats reviennent à planifier."
	if ss.Status == certif.SessionConvened {
		msg = "Séance annulée : les convoqués et les membres sont prévenus ; ses candidats reviennent à planifier." + s.MailDisabledNote()
	}
	return s.Redirect(w, r, "/seances/"+strconv.FormatInt(ss.ID, 10), msg)
}

func (s *Area) sessionICS(w http.ResponseWriter, r *http.Request) error {
	ss, err := s.loadSession(r)
	if err != nil {
		return err
	}
	b, err := s.convener().SessionICS(r.Context(), ss)
	if err != nil {
		return err
	}
	return kit.Download(w, "seance-jury-"+strconv.FormatInt(ss.ID, 10)+".ics", "text/calendar; charset=utf-8", b)
}
