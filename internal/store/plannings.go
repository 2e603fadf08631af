package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"certibloc/internal/census"
	"certibloc/internal/certif"
	"certibloc/internal/clock"
)

// OfficeEmailSetting names the setting that holds the exam office's address
// for the mails employers send it (comma-separated); empty, the mails go to
// the office's active accounts.
const OfficeEmailSetting = "office_email"

const trainingSessionSelect = `SELECT s.id, s.qualification_code, s.title, s.starts_on, s.ends_on, s.period, s.created_at, s.created_by FROM training_sessions s`

func scanTrainingSession(r *sql.Rows) (census.TrainingSession, error) {
	var s census.TrainingSession
	var period string
	var created sql.NullString
	err := r.Scan(&s.ID, &s.Qualification, &s.Title, dateCol{&s.Starts}, dateCol{&s.Ends}, &period, &created, &s.CreatedBy)
	s.Period, _ = certif.ParseMonth(period)
	s.CreatedAt = parseStamp(created)
	return s, err
}

// TrainingSessionFilter selects training sessions.
type TrainingSessionFilter struct {
	Scope         Scope  // an employer sees the training sessions of its participants only
	Qualification string // CQP code, "" for all
}

// TrainingSessions lists training sessions (R7), the latest certification
// period first; in an employer's scope, only the sessions it takes part in,
// with its own participation only.
func (s *Store) TrainingSessions(ctx context.Context, f TrainingSessionFilter) ([]census.TrainingSession, error) {
	where, args := f.Scope.sessionRows()
	if f.Qualification != "" {
		where += ` AND s.qualification_code = ?`
		args = append(args, strings.ToUpper(f.Qualification))
	}
	rows, err := s.query(ctx, trainingSessionSelect+` WHERE 1 = 1`+where+` ORDER BY s.period DESC, s.starts_on DESC, s.id DESC`, args...)
	list, err := collect(rows, err, scanTrainingSession)
	if err != nil {
		return nil, err
	}
	return list, s.attachTrainingParticipants(ctx, list, f.Scope)
}

// TrainingSession returns one session; an employer that takes no part in it
// does not find it.
func (s *Store) TrainingSession(ctx context.Context, id int64, sc Scope) (census.TrainingSession, error) {
	where, args := sc.sessionRows()
	args = append([]any{id}, args...)
	rows, err := s.query(ctx, trainingSessionSelect+` WHERE s.id = ?`+where, args...)
	list, err := collect(rows, err, scanTrainingSession)
	if err == nil && len(list) == 0 {
		err = notFound("Session de formation introuvable.")
	}
	if err != nil {
		return census.TrainingSession{}, err
	}
	return list[0], s.attachTrainingParticipants(ctx, list, sc)
}

// attachTrainingParticipants loads the employers of the training sessions,
// those of the scope only.
func (s *Store) attachTrainingParticipants(ctx context.Context, list []census.TrainingSession, sc Scope) error {
	if len(list) == 0 {
		return nil
	}
	index := map[int64]*census.TrainingSession{}
	ids := make([]string, len(list))
	for i := range list {
		index[list[i].ID] = &list[i]
		ids[i] = idKey(list[i].ID)
	}
	where, args := sc.employerRows("t")
	rows, err := s.query(ctx, `SELECT t.session_id, t.employer_id, e.code, e.name, t.participants, t.invited_at, t.notified_at, t.notified_by
		FROM training_session_employers t JOIN employers e ON e.id = t.employer_id WHERE t.session_id IN (`+strings.Join(ids, ",")+`)`+where+` ORDER BY e.code`, args...)
	type row struct {
		session int64
		p       census.Participant
	}
	parts, err := collect(rows, err, func(r *sql.Rows) (row, error) {
		var x row
		var invited, notified sql.NullString
		err := r.Scan(&x.session, &x.p.EmployerID, &x.p.EmployerCode, &x.p.EmployerName, &x.p.Count, &invited, &notified, &x.p.NotifiedBy)
		x.p.InvitedAt, x.p.NotifiedAt = parseStamp(invited), parseStamp(notified)
		return x, err
	})
	for _, x := range parts {
		index[x.session].Participants = append(index[x.session].Participants, x.p)
	}
	return err
}

func trainingSessionFields(s census.TrainingSession) map[string]string {
	f := map[string]string{"qualification": s.Qualification, "title": s.Title, "starts": s.Starts.French(), "ends": s.Ends.French(), "period": s.Period.String()}
	for _, p := range s.Participants {
		f["participants."+p.EmployerCode] = fmt.Sprint(p.Count)
	}
	return f
}

// SaveTrainingSession records a training session (office, R7): a new one
// (ID 0) or a change. Participants name their employer by code; on a change,
// an employer keeps its invitation and notice, and one already invited
// cannot be removed. Every change is traced.
func (s *Store) SaveTrainingSession(ctx context.Context, by Caller, sess census.TrainingSession) (census.TrainingSession, error) {
	sess.Qualification = strings.ToUpper(strings.TrimSpace(sess.Qualification))
	sess.Title = strings.TrimSpace(sess.Title)
	q, err := s.Qualification(ctx, sess.Qualification)
	if err != nil {
		return sess, &certif.Error{Code: certif.EInvalid, Message: "Certification inconnue.", Fields: map[string]string{"qualification": "Choisissez un CQP du référentiel."}}
	}
	cal, err := s.Calendar(ctx)
	if err != nil {
		return sess, err
	}
	if err := sess.Validate(q, cal); err != nil {
		return sess, err
	}
	var v certif.Validation
	for i, p := range sess.Participants {
		e, err := s.EmployerByCode(ctx, strings.TrimSpace(p.EmployerCode))
		if err != nil {
			v.Add("participants", fmt.Sprintf("Employeur inconnu : %s.", p.EmployerCode))
			continue
		}
		sess.Participants[i].EmployerID, sess.Participants[i].EmployerCode, sess.Participants[i].EmployerName = e.ID, e.Code, e.Name
	}
	if err := v.Err(); err != nil {
		return sess, err
	}
	err = s.write(ctx, by.Actor, func(tx *Tx) error {
		if sess.ID == 0 {
			return tx.createTrainingSession(&sess, by.Actor)
		}
		return tx.updateTrainingSession(sess)
	})
	return sess, err
}

func (tx *Tx) createTrainingSession(sess *census.TrainingSession, actor Actor) error {
	id, err := tx.insert(`INSERT INTO training_sessions (qualification_code, title, starts_on, ends_on, period, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		sess.Qualification, sess.Title, sess.Starts, sess.Ends, sess.Period.String(), stamp(tx.s.now()), actor.Email)
	if err != nil {
		return err
	}
	sess.ID = id
	for _, p := range sess.Participants {
		if _, err := tx.exec(`INSERT INTO training_session_employers (session_id, employer_id, participants) VALUES (?, ?, ?)`, id, p.EmployerID, p.Count); err != nil {
			return err
		}
	}
	return tx.audit(certif.AuditEvent{Entity: "training_session", EntityKey: idKey(id), Action: "create",
		After: fmt.Sprintf("%s, du %s au %s, période %s, %s", sess.Qualification, sess.Starts.French(), sess.Ends.French(), sess.Period.French(), certif.Count(sess.Total(), "participant", "participants"))})
}

func (tx *Tx) updateTrainingSession(sess census.TrainingSession) error {
	rows, err := tx.query(trainingSessionSelect+` WHERE s.id = ?`, sess.ID)
	old, err := collect(rows, err, scanTrainingSession)
	if err == nil && len(old) == 0 {
		err = notFound("Session de formation introuvable.")
	}
	if err != nil {
		return err
	}
	if err := tx.s.attachTrainingParticipants(tx.ctx, old, All); err != nil {
		return err
	}
	kept := map[int64]bool{}
	for _, p := range sess.Participants {
		kept[p.EmployerID] = true
		if _, err := tx.exec(`INSERT INTO training_session_employers (session_id, employer_id, participants) VALUES (?, ?, ?)
			ON CONFLICT (session_id, employer_id) DO UPDATE SET participants = excluded.participants`, sess.ID, p.EmployerID, p.Count); err != nil {
			return err
		}
	}
	for _, p := range old[0].Participants {
		if kept[p.EmployerID] {
			continue
		}
		if p.Invited() || p.Notified() {
			return &certif.Error{Code: certif.EConflict, Message: fmt.Sprintf("%s a déjà été invité ou a signalé ses inscriptions : il ne peut plus être retiré de la session.", p.EmployerCode),
				Fields: map[string]string{"participants": fmt.Sprintf("Gardez %s dans la session.", p.EmployerCode)}}
		}
		if _, err := tx.exec(`DELETE FROM training_session_employers WHERE session_id = ? AND employer_id = ?`, sess.ID, p.EmployerID); err != nil {
			return err
		}
	}
	if _, err := tx.exec(`UPDATE training_sessions SET qualification_code = ?, title = ?, starts_on = ?, ends_on = ?, period = ? WHERE id = ?`,
		sess.Qualification, sess.Title, sess.Starts, sess.Ends, sess.Period.String(), sess.ID); err != nil {
		return err
	}
	return tx.auditChanges("training_session", idKey(sess.ID), trainingSessionFields(old[0]), trainingSessionFields(sess), "")
}

// TrainingInvitationComposer writes the invitation of one participant of a
// training session (its subject and bodies; the store sets the rest).
type TrainingInvitationComposer func(s census.TrainingSession, q certif.Qualification, p census.Participant) (Mail, error)

// InviteTrainingSessionEmployers invites, in one action, the employers of a
// training session not invited yet to register their participants (R7): one
// mail each, queued once whatever the number of clicks (dedup key), and the
// invitation is recorded on the session. It returns the codes of the
// employers invited and warns about those no address reaches.
func (s *Store) InviteTrainingSessionEmployers(ctx context.Context, by Caller, id int64, compose TrainingInvitationComposer) (invited, warnings []string, err error) {
	sess, err := s.TrainingSession(ctx, id, All)
	if err != nil {
		return nil, nil, err
	}
	q, err := s.Qualification(ctx, sess.Qualification)
	if err != nil {
		return nil, nil, err
	}
	if err := census.CheckPlanningInvitation(sess, q); err != nil {
		return nil, nil, err
	}
	var emps []certif.Employer
	for _, p := range sess.Uninvited() {
		e, err := s.EmployerByCode(ctx, p.EmployerCode)
		if err != nil {
			return nil, nil, err
		}
		emps = append(emps, e)
	}
	err = s.write(ctx, by.Actor, func(tx *Tx) error {
		for i, p := range sess.Uninvited() {
			e := emps[i]
			to, err := tx.employerRecipients(e)
			if err != nil {
				return err
			}
			if len(to) == 0 {
				warnings = append(warnings, fmt.Sprintf("%s n'a ni adresse RH ni compte : il n'a pas été invité ; ajoutez une adresse RH puis invitez de nouveau.", e.Code))
				continue
			}
			m, err := compose(sess, q, p)
			if err != nil {
				return err
			}
			m.Kind, m.DedupKey, m.To, m.EmployerID = "planning", census.PlanningInvitationKey(sess.ID, e.ID), to, e.ID
			if _, err := tx.enqueueMail(m); err != nil {
				return err
			}
			res, err := tx.exec(`UPDATE training_session_employers SET invited_at = ? WHERE session_id = ? AND employer_id = ? AND invited_at IS NULL`, stamp(s.now()), sess.ID, e.ID)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 1 {
				invited = append(invited, e.Code)
			}
		}
		if len(invited) == 0 {
			return nil
		}
		return tx.audit(certif.AuditEvent{Entity: "training_session", EntityKey: idKey(sess.ID), Action: "invite", After: strings.Join(invited, ", ")})
	})
	return invited, warnings, err
}

// TrainingNoticeComposer writes an employer's notice to the exam office that
// it registered its participants of a training session (its subject and
// bodies; the store sets the rest).
type TrainingNoticeComposer func(s census.TrainingSession, e certif.Employer, registered int) (Mail, error)

// NotifyTrainingSessionRegistered records that an employer registered its
// participants of a Gestionnaire carrière training session and tells the
// office by mail (R7), once.
func (s *Store) NotifyTrainingSessionRegistered(ctx context.Context, by Caller, id int64, compose TrainingNoticeComposer) error {
	if by.Role != certif.RoleEmployer || by.Scope.EmployerID <= 0 {
		return certif.Errorf(certif.EForbidden, "Seul l'employeur signale ses inscriptions à l'équipe des examens.")
	}
	sess, err := s.TrainingSession(ctx, id, by.Scope)
	if err != nil {
		return err
	}
	q, err := s.Qualification(ctx, sess.Qualification)
	if err != nil {
		return err
	}
	p := sess.Participants[0] // the scope keeps the caller's participation only
	var registered int
	if err := s.queryRow(ctx, `SELECT COUNT(DISTINCT r.id) FROM registrations r JOIN candidates c ON c.id = r.candidate_id
		JOIN block_attempts a ON a.registration_id = r.id WHERE c.employer_id = ? AND r.qualification_code = ? AND r.deleted_at IS NULL
		AND a.status IN ('registered', 'scheduled', 'evaluated') AND a.period >= ?`, p.EmployerID, q.Code, sess.Starts.MonthOf().String()).Scan(&registered); err != nil {
		return err
	}
	if err := census.CheckPlanningNotice(sess, q, p, registered, clock.FormatParis); err != nil {
		return err
	}
	e, err := s.EmployerByCode(ctx, p.EmployerCode)
	if err != nil {
		return err
	}
	return s.write(ctx, by.Actor, func(tx *Tx) error {
		to, err := tx.officeRecipients()
		if err != nil {
			return err
		}
		if len(to) == 0 {
			return certif.Errorf(certif.EInternal, "Aucune adresse de l'équipe des examens n'est configurée.")
		}
		m, err := compose(sess, e, registered)
		if err != nil {
			return err
		}
		m.Kind, m.DedupKey, m.To, m.EmployerID = "planning_notice", census.PlanningNoticeKey(sess.ID, e.ID), to, e.ID
		if _, err := tx.enqueueMail(m); err != nil {
			return err
		}
		if _, err := tx.exec(`UPDATE training_session_employers SET notified_at = ?, notified_by = ? WHERE session_id = ? AND employer_id = ?`,
			stamp(s.now()), by.Actor.Email, sess.ID, e.ID); err != nil {
			return err
		}
		return tx.audit(certif.AuditEvent{Entity: "training_session", EntityKey: idKey(sess.ID), Action: "employer_notice",
			After: fmt.Sprintf("%s : %s", e.Code, certif.Count(registered, "inscription", "inscriptions"))})
	})
}

// officeRecipients are the addresses of the exam office: the office_email
// setting, or else its active accounts.
func (tx *Tx) officeRecipients() ([]string, error) {
	var v string
	err := tx.queryRow(`SELECT value FROM settings WHERE key = ?`, OfficeEmailSetting).Scan(&v)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	var out []string
	for _, a := range strings.Split(v, ",") {
		if a = NormalizeEmail(a); a != "" {
			out = append(out, a)
		}
	}
	if len(out) > 0 {
		return out, nil
	}
	rows, err := tx.query(`SELECT email FROM users WHERE role = 'office' AND NOT disabled ORDER BY email`)
	return collect(rows, err, scanString)
}
