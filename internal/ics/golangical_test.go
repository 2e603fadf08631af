package ics_test

import (
	"bytes"
	"testing"
	"time"

	ical "github.com/arran4/golang-ical"

	"certibloc/internal/ics"
)

// TestRoundTripGolangIcal reads the calendar back with golang-ical's parser,
// whose times with a TZID come from Go's zone database, not from our
// VTIMEZONE.
func TestRoundTripGolangIcal(t *testing.T) {
	events := append([]ics.Event{winter(), summer()}, dstWeek()...)
	cal, err := ical.ParseCalendar(bytes.NewReader(write(t, ics.Request, events...)))
	if err != nil {
		t.Fatal(err)
	}
	props := map[ical.Property]string{}
	for _, p := range cal.CalendarProperties {
		props[ical.Property(p.IANAToken)] = p.Value
	}
	if props[ical.PropertyMethod] != "REQUEST" || props[ical.PropertyVersion] != "2.0" ||
		props[ical.PropertyCalscale] != "GREGORIAN" || props[ical.PropertyProductId] != ics.ProdID {
		t.Errorf("calendar properties %v", props)
	}
	if tz := cal.Timezones(); len(tz) != 1 || tz[0].GetProperty(ical.ComponentPropertyTzid).Value != "Europe/Paris" || len(tz[0].Components) != 2 {
		t.Errorf("timezones %+v", tz)
	}
	got := cal.Events()
	if len(got) != len(events) {
		t.Fatalf("%d events read, %d written", len(got), len(events))
	}
	for i, v := range got {
		want := events[i]
		value := func(p ical.ComponentProperty) string {
			if prop := v.GetProperty(p); prop != nil {
				return prop.Value
			}
			return ""
		}
		start, err1 := v.GetStartAt()
		end, err2 := v.GetEndAt()
		dtstamp, err3 := v.GetDtStampTime()
		if err1 != nil || err2 != nil || err3 != nil {
			t.Fatalf("event %d: %v %v %v", i, err1, err2, err3)
		}
		if v.Id() != want.UID || value(ical.ComponentPropertySequence) != itoa(want.Sequence) ||
			!start.Equal(want.Start) || !end.Equal(want.End) || !dtstamp.Equal(want.Stamp) ||
			value(ical.ComponentPropertyStatus) != "CONFIRMED" {
			t.Errorf("event %d: UID %s, SEQUENCE %s, %v–%v, DTSTAMP %v; want %s, %d, %v–%v, %v",
				i, v.Id(), value(ical.ComponentPropertySequence), start, end, dtstamp, want.UID, want.Sequence, want.Start, want.End, want.Stamp)
		}
		if tzid := v.GetProperty(ical.ComponentPropertyDtStart).ICalParameters["TZID"]; len(tzid) != 1 || tzid[0] != "Europe/Paris" {
			t.Errorf("event %d: DTSTART TZID %v", i, tzid)
		}
		if value(ical.ComponentPropertySummary) != want.Summary || value(ical.ComponentPropertyLocation) != want.Location ||
			value(ical.ComponentPropertyUrl) != want.URL {
			t.Errorf("event %d: summary %q, location %q, URL %q", i,
				value(ical.ComponentPropertySummary), value(ical.ComponentPropertyLocation), value(ical.ComponentPropertyUrl))
		}
		// Line breaks come back as LF: the CRLF of the input is one line break.
		if d := value(ical.ComponentPropertyDescription); d != normalized(want.Description) {
			t.Errorf("event %d: description\n%q, want\n%q", i, d, normalized(want.Description))
		}
		org := v.GetProperty(ical.ComponentPropertyOrganizer)
		if org.Value != "mailto:"+office.Email || org.ICalParameters["CN"][0] != office.Name {
			t.Errorf("event %d: organizer %s %v", i, org.Value, org.ICalParameters)
		}
		attendees := v.Attendees()
		if len(attendees) != 3 {
			t.Fatalf("event %d: %d attendees", i, len(attendees))
		}
		for j, a := range attendees {
			p := want.Attendees[j]
			if a.Email() != p.Email || a.ParticipationStatus() != ical.ParticipationStatusNeedsAction ||
				a.ICalParameters["ROLE"][0] != "REQ-PARTICIPANT" || a.ICalParameters["RSVP"][0] != "FALSE" {
				t.Errorf("event %d, attendee %d: %s %v", i, j, a.Email(), a.ICalParameters)
			}
		}
	}
	// The DTSTART of the winter session, given in UTC, is local Paris time.
	if v := got[0].GetProperty(ical.ComponentPropertyDtStart).Value; v != "20260113T090000" {
		t.Errorf("DTSTART %s, want 20260113T090000", v)
	}
	if v := got[1].GetProperty(ical.ComponentPropertyDtStart).Value; v != "20260616T090000" {
		t.Errorf("DTSTART %s, want 20260616T090000", v)
	}
	if s, _ := got[1].GetStartAt(); !s.Equal(time.Date(2026, 6, 16, 7, 0, 0, 0, time.UTC)) {
		t.Errorf("summer start %v, want 07:00Z", s)
	}
}
