package juries

import (
	"context"
	"fmt"
	"strings"

	"certibloc/internal/certif"
	"certibloc/internal/clock"
	"certibloc/internal/ics"
	"certibloc/internal/mail"
	"certibloc/internal/store"
)

// Convener sends what a session's life causes (R13): convocations to the
// employers' HR and invitations to the members, each with its iCalendar file,
// through the outbox in the transaction of the change.
type Convener struct {
	Store     *store.Store
	Clock     *clock.Clock
	BaseURL   string
	Organizer ics.Person // the exam office
}

// Convene checks a draft (R12: link or place, three members, candidates) and
// convenes it: its attempts become scheduled and the session locked, and one
// convocation per candidate and one invitation per member are queued.
func (c Convener) Convene(ctx context.Context, by store.Caller, id int64, version int) (certif.JurySession, error) {
	ss, err := c.Store.JurySession(ctx, id, store.All)
	if err != nil {
		return ss, err
	}
	if err := ss.CheckConvocation(); err != nil {
		return ss, err
	}
	next := ss
	next.Status = certif.SessionConvened
	mails, err := c.mails(ctx, next, notice{})
	if err != nil {
		return ss, err
	}
	return c.Store.MoveSessionStatus(ctx, by, id, version, certif.SessionConvened, "", mails)
}

// Cancel calls a session off with its reason: a convened one tells every
// candidate's HR and every member, once, with METHOD:CANCEL; its attempts
// return to planning.
func (c Convener) Cancel(ctx context.Context, by store.Caller, id int64, version int, reason string) (certif.JurySession, error) {
	ss, err := c.Store.JurySession(ctx, id, store.All)
	if err != nil {
		return ss, err
	}
	var mails []store.Mail
	if ss.Status == certif.SessionConvened && strings.TrimSpace(reason) != "" {
		next := ss
		next.Sequence++
		if mails, err = c.mails(ctx, next, notice{cancelled: true, reason: strings.TrimSpace(reason)}); err != nil {
			return ss, err
		}
	}
	return c.Store.MoveSessionStatus(ctx, by, id, version, certif.SessionCancelled, reason, mails)
}

// Change saves sessions the office changed by hand once the planner's checker
// accepts them (CheckChanges); a convened session that changed sends its
// updated convocations and invitations (SEQUENCE raised), and a slot moved
// away from a convened session is announced from its new one.
func (c Convener) Change(ctx context.Context, by store.Caller, updates ...store.SessionUpdate) ([]certif.JurySession, error) {
	var changed []certif.JurySession
	for _, u := range updates {
		changed = append(changed, u.Session)
	}
	if err := CheckChanges(ctx, c.Store, c.Clock.Today(), changed...); err != nil {
		return nil, err
	}
	var mails []store.Mail
	for _, u := range updates {
		old, err := c.Store.JurySession(ctx, u.Session.ID, store.All)
		if err != nil {
			return nil, err
		}
		if old.Status != certif.SessionConvened || !visiblyChanged(old, u.Session) {
			continue
		}
		next := u.Session
		next.Sequence = old.Sequence + 1
		m, err := c.mails(ctx, next, notice{changed: true})
		if err != nil {
			return nil, err
		}
		mails = append(mails, m...)
	}
	return c.Store.SaveSessions(ctx, by, updates, mails)
}

// visiblyChanged reports whether a change shows on convocations or
// invitations: the place, the link, a member, a slot.
func visiblyChanged(old, next certif.JurySession) bool {
	if old.Mode != next.Mode || old.Link != next.Link || old.SiteID != next.SiteID || old.InstituteID != next.InstituteID || old.RemoteTool != next.RemoteTool {
		return true
	}
	if old.Members != next.Members || len(old.Slots) != len(next.Slots) {
		return true
	}
	for i := range old.Slots {
		if old.Slots[i].ID != next.Slots[i].ID || old.Slots[i].Start != next.Slots[i].Start {
			return true
		}
	}
	return false
}

// notice is what a mail announces: a first convocation, a change or a cancellation.
type notice struct {
	changed, cancelled bool
	reason             string
}

// method is the iCalendar method of a notice.
func (n notice) method() ics.Method {
	if n.cancelled {
		return ics.Cancel
	}
	return ics.Request
}

// kindKey makes the dedup key of a mail: a notice is sent once per SEQUENCE.
func kindKey(kind string, id int64, sequence int, n notice) string {
	return fmt.Sprintf("%s:%d:%d:%t", kind, id, sequence, n.cancelled)
}

// mails writes the convocations of a session's slots and its members'
// invitations, at the session's SEQUENCE.
func (c Convener) mails(ctx context.Context, ss certif.JurySession, n notice) ([]store.Mail, error) {
	v, err := c.view(ctx, ss)
	if err != nil {
		return nil, err
	}
	var out []store.Mail
	for _, sl := range ss.Slots {
		m, err := c.convocation(v, sl, n)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	for _, seat := range ss.Members {
		if seat.MemberID == 0 || seat.Email == "" {
			continue
		}
		m, err := c.invitation(v, seat, n)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

func (c Convener) convocation(v sessionView, sl certif.Slot, n notice) (store.Mail, error) {
	p := v.parties[sl.AttemptID]
	data := v.convocationData(sl, n)
	data.SpaceLink = c.BaseURL + "/convocations"
	m, err := mail.Compose("convocation", data, p.Recipients...)
	if err != nil {
		return m, err
	}
	m.Attachment, err = ics.Write(n.method(), c.slotEvent(v, sl))
	m.AttachmentName, m.EmployerID = "convocation-jury.ics", p.Employer.ID
	m.DedupKey = kindKey("convocation", sl.ID, v.session.Sequence+sl.Sequence, n)
	return m, err
}

func (c Convener) invitation(v sessionView, seat certif.SessionMember, n notice) (store.Mail, error) {
	data := v.memberData(seat, n)
	data.SpaceLink = c.BaseURL + "/mes-seances"
	m, err := mail.Compose("jury_session", data, seat.Email)
	if err != nil {
		return m, err
	}
	m.Attachment, err = ics.Write(n.method(), c.sessionEvent(v))
	m.AttachmentName = "seance-jury.ics"
	m.DedupKey = kindKey("jury_session:"+string(seat.Role)+":"+fmt.Sprint(seat.MemberID), v.session.ID, v.session.Sequence, n)
	return m, err
}

// SlotICS is the iCalendar file of one candidate's convocation, for the
// employer's and the candidate's downloads.
func (c Convener) SlotICS(ctx context.Context, ss certif.JurySession, sl certif.Slot) ([]byte, error) {
	v, err := c.view(ctx, ss)
	if err != nil {
		return nil, err
	}
	return ics.Write(methodOf(ss), c.slotEvent(v, sl))
}

// SessionICS is the iCalendar file of a session, for its members and the office.
func (c Convener) SessionICS(ctx context.Context, ss certif.JurySession) ([]byte, error) {
	v, err := c.view(ctx, ss)
	if err != nil {
		return nil, err
	}
	return ics.Write(methodOf(ss), c.sessionEvent(v))
}

func (c Convener) slotEvent(v sessionView, sl certif.Slot) ics.Event {
	ss := v.session
	p := v.parties[sl.AttemptID]
	e := ics.Event{UID: fmt.Sprintf("slot-%d@certibloc", sl.ID), Sequence: ss.Sequence + sl.Sequence,
		Start: clock.ParisAt(ss.HalfDay.Day, sl.Start), End: clock.ParisAt(ss.HalfDay.Day, sl.End()), Stamp: c.Clock.Now(), Organizer: c.Organizer,
		Summary:     fmt.Sprintf("Jury professionnel CQP %s – %s", ss.Qualification, sl.CandidateName),
		Description: strings.Join(v.slotLines(sl), "\n"), Location: v.location(), URL: c.BaseURL + "/convocations"}
	for _, to := range p.Recipients {
		e.Attendees = append(e.Attendees, ics.Person{Name: p.Employer.Name, Email: to})
	}
	return e
}

func (c Convener) sessionEvent(v sessionView) ics.Event {
	ss := v.session
	start, end := v.span()
	e := ics.Event{UID: fmt.Sprintf("session-%d@certibloc", ss.ID), Sequence: ss.Sequence, Start: clock.ParisAt(ss.HalfDay.Day, start), End: clock.ParisAt(ss.HalfDay.Day, end),
		Stamp: c.Clock.Now(), Organizer: c.Organizer, Summary: fmt.Sprintf("Séance de jury professionnel CQP %s", ss.Qualification),
		Description: strings.Join(v.sessionLines(), "\n"), Location: v.location(), URL: c.BaseURL + "/mes-seances"}
	for _, m := range ss.Members {
		if m.Email != "" {
			e.Attendees = append(e.Attendees, ics.Person{Name: m.Name, Email: m.Email})
		}
	}
	return e
}

// SlotsICS is one calendar file with the convocations of every slot of the
// session the caller sees (an employer: its own candidates').
func (c Convener) SlotsICS(ctx context.Context, ss certif.JurySession) ([]byte, error) {
	if len(ss.Slots) == 0 {
		return nil, certif.Errorf(certif.ENotFound, "Aucune convocation dans cette séance.")
	}
	v, err := c.view(ctx, ss)
	if err != nil {
		return nil, err
	}
	var events []ics.Event
	for _, sl := range ss.Slots {
		events = append(events, c.slotEvent(v, sl))
	}
	return ics.Write(methodOf(ss), events...)
}

// methodOf is the iCalendar method of a session's files: CANCEL once cancelled.
func methodOf(ss certif.JurySession) ics.Method {
	if ss.Status == certif.SessionCancelled {
		return ics.Cancel
	}
	return ics.Request
}
