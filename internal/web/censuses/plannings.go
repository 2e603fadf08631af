package censuses

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"certibloc/internal/census"
	"certibloc/internal/certif"
	"certibloc/internal/clock"
	"certibloc/internal/mail"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

// planningsData is the list of training sessions, and for the office the
// form of a new one.
type planningsData struct {
	Sessions       []census.TrainingSession
	Qualifications []certif.Qualification // of the training-planning route
	Titles         map[string]string
	Qualification  string
	IsOffice       bool
	IsEmployer     bool
	Form           sessionForm
}

// sessionForm is a session as its form shows it.
type sessionForm struct {
	ID            int64
	Qualification string
	Title         string
	Starts        certif.Date
	Ends          certif.Date
	Period        certif.Month
	Participants  string // one employer per line: "CODE nombre"
}

func formOfSession(s census.TrainingSession) sessionForm {
	var lines []string
	for _, p := range s.Participants {
		lines = append(lines, fmt.Sprintf("%s %d", p.EmployerCode, p.Count))
	}
	return sessionForm{ID: s.ID, Qualification: s.Qualification, Title: s.Title, Starts: s.Starts, Ends: s.Ends, Period: s.Period, Participants: strings.Join(lines, "\n")}
}

// planningQualifications lists the qualifications of the training-planning
// route (R7) and the titles of all.
func (s *Area) planningQualifications(r *http.Request) ([]certif.Qualification, map[string]string, error) {
	titles, quals, err := s.QualificationTitles(r)
	var out []certif.Qualification
	for _, q := range quals {
		if q.Route == certif.RouteTrainingPlanning && q.Active {
			out = append(out, q)
		}
	}
	return out, titles, err
}

func (s *Area) planningsData(r *http.Request, form sessionForm) (planningsData, error) {
	d := planningsData{Qualification: r.URL.Query().Get("cqp"), IsOffice: kit.Principal(r).Is(certif.RoleOffice), IsEmployer: kit.Principal(r).Is(certif.RoleEmployer), Form: form}
	var err error
	if d.Qualifications, d.Titles, err = s.planningQualifications(r); err != nil {
		return d, err
	}
	d.Sessions, err = s.Store.TrainingSessions(r.Context(), store.TrainingSessionFilter{Scope: kit.Scope(r), Qualification: d.Qualification})
	return d, err
}

func (s *Area) planningsPage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.planningsData(r, sessionForm{})
	if err != nil {
		return err
	}
	return s.Show(w, r, "plannings.html", "Plannings de formation", d)
}

// parseSession reads the session form; participants are one employer per
// line, its code then its number of participants ("URSSAF69 3").
func parseSession(r *http.Request) (census.TrainingSession, sessionForm, error) {
	var v certif.Validation
	f := sessionForm{Qualification: r.PostFormValue("qualification"), Title: r.PostFormValue("title"), Participants: r.PostFormValue("participants")}
	f.Starts = kit.DateField(&v, r, "starts", "Début de la formation", true)
	f.Ends = kit.DateField(&v, r, "ends", "Fin de la formation", true)
	if raw := strings.TrimSpace(r.PostFormValue("period")); raw != "" {
		m, err := certif.ParseMonth(raw)
		if err != nil {
			v.Add("period", "Période de certification : mois invalide, format AAAA-MM attendu.")
		}
		f.Period = m
	}
	s := census.TrainingSession{Qualification: f.Qualification, Title: f.Title, Starts: f.Starts, Ends: f.Ends, Period: f.Period}
	for i, line := range strings.Split(f.Participants, "\n") {
		parts := strings.FieldsFunc(line, func(r rune) bool { return r == ' ' || r == ';' || r == ',' || r == ':' || r == '\t' || r == '\r' })
		if len(parts) == 0 {
			continue
		}
		n, err := 0, error(nil)
		if len(parts) == 2 {
			n, err = strconv.Atoi(parts[1])
		}
		if len(parts) != 2 || err != nil {
			v.Add("participants", fmt.Sprintf("Ligne %d des participants : écrivez le code de l'employeur puis le nombre de participants (ex. : URSSAF69 3).", i+1))
			continue
		}
		s.Participants = append(s.Participants, census.Participant{EmployerCode: strings.ToUpper(parts[0]), Count: n})
	}
	return s, f, v.Err()
}

func (s *Area) createPlanning(w http.ResponseWriter, r *http.Request) error {
	sess, form, err := parseSession(r)
	if err == nil {
		sess, err = s.Store.SaveTrainingSession(r.Context(), s.Caller(r), sess)
	}
	if err != nil {
		d, derr := s.planningsData(r, form)
		if derr != nil {
			return derr
		}
		return s.ShowInvalid(w, r, "plannings.html", "Plannings de formation", d, err)
	}
	return s.Redirect(w, r, fmt.Sprintf("/plannings/%d", sess.ID), fmt.Sprintf("Session enregistrée : CQP %s, période de certification %s, %s.", sess.Qualification, sess.Period.French(), certif.Count(sess.Total(), "participant", "participants")))
}

// planningData is one session's page.
type planningData struct {
	Session            census.TrainingSession
	Qualification      certif.Qualification
	Qualifications     []certif.Qualification
	Form               sessionForm
	IsOffice           bool
	IsEmployer         bool
	RegistrationBefore certif.Date // R6 deadline of the session's period
	InviteRefusal      string      // why the office cannot invite, "" if it can
	NoticeRefusal      string      // why the employer cannot notify, "" if it can
}

func (s *Area) planningData(r *http.Request, form *sessionForm) (planningData, error) {
	var d planningData
	id, err := kit.PathID(r)
	if err != nil {
		return d, err
	}
	if d.Session, err = s.Store.TrainingSession(r.Context(), id, kit.Scope(r)); err != nil {
		return d, err
	}
	if d.Qualification, err = s.Store.Qualification(r.Context(), d.Session.Qualification); err != nil {
		return d, err
	}
	if d.Qualifications, _, err = s.planningQualifications(r); err != nil {
		return d, err
	}
	d.IsOffice, d.IsEmployer = kit.Principal(r).Is(certif.RoleOffice), kit.Principal(r).Is(certif.RoleEmployer)
	d.Form, d.RegistrationBefore = formOfSession(d.Session), certif.RegistrationDeadline(d.Session.Period)
	if form != nil {
		d.Form = *form
	}
	if err := census.CheckPlanningInvitation(d.Session, d.Qualification); err != nil {
		d.InviteRefusal = certif.ErrorMessage(err)
	}
	if d.IsEmployer && len(d.Session.Participants) == 1 {
		if p := d.Session.Participants[0]; !d.Qualification.EmployerNotifiesOffice {
			d.NoticeRefusal = "Pour ce CQP, l'Institut 4.10 vous invite à inscrire vos candidats : aucun signalement n'est attendu."
		} else if p.Notified() {
			d.NoticeRefusal = "Signalé le " + clock.FormatParis(p.NotifiedAt) + " par " + p.NotifiedBy + "."
		}
	}
	return d, nil
}

func (s *Area) planningPage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.planningData(r, nil)
	if err != nil {
		return err
	}
	return s.Show(w, r, "planning.html", "Session de formation "+d.Session.DisplayTitle(), d)
}

func (s *Area) updatePlanning(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	if _, err := s.Store.TrainingSession(r.Context(), id, kit.Scope(r)); err != nil {
		return err
	}
	sess, form, err := parseSession(r)
	sess.ID, form.ID = id, id
	if err == nil {
		sess, err = s.Store.SaveTrainingSession(r.Context(), s.Caller(r), sess)
	}
	if err != nil {
		d, derr := s.planningData(r, &form)
		if derr != nil {
			return derr
		}
		return s.ShowInvalid(w, r, "planning.html", "Session de formation", d, err)
	}
	return s.Redirect(w, r, fmt.Sprintf("/plannings/%d", id), "Session modifiée ; la modification est tracée.")
}

func (s *Area) invitePlanning(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	compose := func(sess census.TrainingSession, q certif.Qualification, p census.Participant) (store.Mail, error) {
		return mail.Compose("planning", census.PlanningInvitationMailOf(sess, q.Title, p, s.BaseURL))
	}
	invited, warnings, err := s.Store.InviteTrainingSessionEmployers(r.Context(), s.Caller(r), id, compose)
	if err != nil {
		return err
	}
	msg := fmt.Sprintf("%s par courriel à inscrire leurs candidats", certif.Count(len(invited), "employeur invité", "employeurs invités"))
	if len(invited) > 0 {
		msg += " : " + strings.Join(invited, ", ")
	}
	msg += "."
	if len(warnings) > 0 {
		msg += " " + strings.Join(warnings, " ")
	}
	return s.Redirect(w, r, fmt.Sprintf("/plannings/%d", id), msg)
}

func (s *Area) notifyPlanning(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	u := kit.Principal(r).User
	compose := func(sess census.TrainingSession, e certif.Employer, n int) (store.Mail, error) {
		return mail.Compose("planning_notice", census.PlanningNoticeMailOf(sess, e, n, u.Email, s.BaseURL))
	}
	if err := s.Store.NotifyTrainingSessionRegistered(r.Context(), s.Caller(r), id, compose); err != nil {
		return err
	}
	return s.Redirect(w, r, fmt.Sprintf("/plannings/%d", id), "L'équipe des examens est prévenue par courriel que vos candidats sont inscrits.")
}
