package ics

import (
	"bytes"
	"errors"
	"fmt"
	netmail "net/mail"
	"net/url"
	"time"

	ical "github.com/arran4/golang-ical"
)

// Method is the iTIP method of a calendar object.
type Method string

// The methods certibloc sends.
const (
	Request Method = "REQUEST" // a new session, or a change of one
	Cancel  Method = "CANCEL"  // the session no longer takes place
)

// ProdID names certibloc as the product that wrote the calendar.
const ProdID = "-//Institut 4.10//certibloc//FR"

// Person is an organizer or an attendee.
type Person struct {
	Name  string // the CN parameter, "" for none
	Email string
}

// Event is one session of a professional jury.
type Event struct {
	UID         string    // stable per slot or session, e.g. "slot-42@certibloc"
	Sequence    int       // raised by the caller on every change
	Start, End  time.Time // any location; written in Europe/Paris with TZID
	Summary     string
	Description string
	Location    string
	URL         string // "" for none; an absolute URL otherwise
	Organizer   Person // the exam office
	Attendees   []Person
	Stamp       time.Time // DTSTAMP, written in UTC
}

// Write returns the calendar object of the events for method, with CRLF line
// ends. An invalid method or event is an error (a programming error of the
// caller).
func Write(method Method, events ...Event) ([]byte, error) {
	if method != Request && method != Cancel {
		return nil, fmt.Errorf("ics: method %q: want REQUEST or CANCEL", method)
	}
	if len(events) == 0 {
		return nil, errors.New("ics: no event")
	}
	cal := ical.NewCalendarFor("certibloc")
	cal.SetProductId(ProdID)
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ical.Method(method))
	cal.AddVTimezone(parisTimezone())
	status := ical.ObjectStatusConfirmed
	if method == Cancel {
		status = ical.ObjectStatusCancelled
	}
	for i, e := range events {
		if err := e.check(); err != nil {
			return nil, fmt.Errorf("ics: event %d (UID %q): %w", i, e.UID, err)
		}
		cal.AddVEvent(e.vevent(status))
	}
	var b bytes.Buffer
	encode(&b, cal)
	return b.Bytes(), nil
}

func (e Event) check() error {
	switch {
	case e.UID == "":
		return errors.New("empty UID")
	case e.Sequence < 0:
		return errors.New("negative SEQUENCE")
	case e.Start.IsZero() || e.End.IsZero():
		return errors.New("no start or no end")
	case !e.End.After(e.Start):
		return fmt.Errorf("end %v not after start %v", e.End, e.Start)
	case e.Stamp.IsZero():
		return errors.New("no DTSTAMP")
	case e.Organizer.Email == "":
		return errors.New("no organizer email")
	}
	if err := checkEmail(e.Organizer.Email); err != nil {
		return fmt.Errorf("organizer: %w", err)
	}
	for _, a := range e.Attendees {
		if err := checkEmail(a.Email); err != nil {
			return fmt.Errorf("attendee %q: %w", a.Name, err)
		}
	}
	if e.URL != "" {
		if u, err := url.Parse(e.URL); err != nil || !u.IsAbs() {
			return fmt.Errorf("URL %q is not an absolute URL", e.URL)
		}
	}
	return nil
}

// checkEmail accepts a bare address, which becomes a mailto: URI as it is.
func checkEmail(s string) error {
	a, err := netmail.ParseAddress(s)
	if err != nil || a.Address != s || !safeMailto(s) {
		return fmt.Errorf("email %q is not a plain address", s)
	}
	return nil
}

// safeMailto reports whether s needs no percent-encoding in a mailto: URI.
func safeMailto(s string) bool {
	for _, r := range s {
		if r <= ' ' || r == 0x7f || r == '"' || r == '%' || r == '<' || r == '>' || r == '\\' {
			return false
		}
	}
	return true
}

func (e Event) vevent(status ical.ObjectStatus) *ical.VEvent {
	v := ical.NewEvent(e.UID)
	v.SetSequence(e.Sequence)
	v.SetDtStampTime(e.Stamp)
	v.SetProperty(ical.ComponentPropertyDtStart, parisLocal(e.Start), ical.WithTZID(ParisTZID))
	v.SetProperty(ical.ComponentPropertyDtEnd, parisLocal(e.End), ical.WithTZID(ParisTZID))
	if e.Summary != "" {
		v.SetSummary(e.Summary)
	}
	if e.Description != "" {
		v.SetDescription(e.Description)
	}
	if e.Location != "" {
		v.SetLocation(e.Location)
	}
	if e.URL != "" {
		v.SetURL(e.URL)
	}
	v.SetStatus(status)
	v.SetOrganizer("mailto:"+e.Organizer.Email, cn(e.Organizer.Name)...)
	for _, a := range e.Attendees {
		v.AddAttendee("mailto:"+a.Email, append(cn(a.Name),
			ical.ParticipationRoleReqParticipant, ical.ParticipationStatusNeedsAction,
			&ical.KeyValues{Key: string(ical.ParameterRsvp), Value: []string{"FALSE"}})...)
	}
	return v
}

func cn(name string) []ical.PropertyParameter {
	if name == "" {
		return nil
	}
	return []ical.PropertyParameter{ical.WithCN(name)}
}
