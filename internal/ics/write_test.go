package ics_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"certibloc/internal/ics"
)

func TestLinesAreCRLFFoldedAt75OctetsOnRuneBoundaries(t *testing.T) {
	data := write(t, ics.Request, winter(), summer())
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Fatal("no CRLF at the end")
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n")
	folded := 0
	for i, l := range lines {
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("line %d: bare CR or LF: %q", i+1, l)
		}
		if len(l) > 75 {
			t.Errorf("line %d: %d octets: %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d: a UTF-8 sequence is split: %q", i+1, l)
		}
		if strings.HasPrefix(l, " ") {
			folded++
		}
	}
	if folded == 0 {
		t.Error("nothing folded")
	}
	// "DESCRIPTION:" and 62 "a" are 74 octets: the "é" (2 octets) goes on the next line.
	if want := "DESCRIPTION:" + strings.Repeat("a", 62); !slices.Contains(lines, want) {
		t.Errorf("the first line of the description is not %q", want)
	}
}

func TestContentLines(t *testing.T) {
	got := unfold(write(t, ics.Request, winter()))
	for _, want := range []string{
		"BEGIN:VCALENDAR",
		"PRODID:-//Institut 4.10//certibloc//FR",
		"VERSION:2.0",
		"CALSCALE:GREGORIAN",
		"METHOD:REQUEST",
		"UID:slot-42@certibloc",
		"SEQUENCE:3",
		"DTSTAMP:20260105T101500Z",
		"DTSTART;TZID=Europe/Paris:20260113T090000",
		"DTEND;TZID=Europe/Paris:20260113T123000",
		`SUMMARY:Jury professionnel\, CQP Gestionnaire conseil \; bloc 2 « Accueil »`,
		`LOCATION:Institut 4.10\, salle Émile-Zola \; 2e étage\, 75013 Paris`,
		"URL:https://certibloc.example.fr/jury/sessions/42",
		"STATUS:CONFIRMED",
		`ORGANIZER;CN="Bureau des examens, Institut 4.10":mailto:certification@institutquatredix.fr`,
		"ATTENDEE;CN=Aïssatou N'Diaye;PARTSTAT=NEEDS-ACTION;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:aissatou.ndiaye@cpam33.fr",
		"ATTENDEE;CN=Jean-Luc 'JL' Lefèvre;PARTSTAT=NEEDS-ACTION;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:jl.lefevre@caf75.fr",
		"ATTENDEE;PARTSTAT=NEEDS-ACTION;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:jury@urssaf-idf.fr",
		"END:VCALENDAR",
	} {
		if !slices.Contains(got, want) {
			t.Errorf("no line %q", want)
		}
	}
	var desc string
	for _, l := range got {
		if d, ok := strings.CutPrefix(l, "DESCRIPTION:"); ok {
			desc = d
		}
	}
	if !strings.Contains(desc, `convocation.\nDéroulé : délibération à huis clos\; résultats`) || !strings.Contains(desc, `certificateur.\nContact`) {
		t.Errorf("description: line breaks or semicolon not escaped: %q", desc)
	}
	if t.Failed() {
		t.Logf("calendar:\n%s", strings.Join(got, "\n"))
	}
}

func TestParisTimezone(t *testing.T) {
	got := strings.Join(unfold(write(t, ics.Request, winter())), "\n")
	want := strings.Join([]string{
		"BEGIN:VTIMEZONE", "TZID:Europe/Paris",
		"BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST",
		"DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
		"BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET",
		"DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
		"END:VTIMEZONE",
	}, "\n")
	if !strings.Contains(got, want) {
		t.Errorf("no VTIMEZONE of Europe/Paris in\n%s", got)
	}
}

func TestCancel(t *testing.T) {
	got := unfold(write(t, ics.Cancel, winter()))
	for _, want := range []string{"METHOD:CANCEL", "STATUS:CANCELLED", "UID:slot-42@certibloc", "SEQUENCE:3"} {
		if !slices.Contains(got, want) {
			t.Errorf("no line %q", want)
		}
	}
	if slices.Contains(got, "STATUS:CONFIRMED") {
		t.Error("a cancelled event is CONFIRMED")
	}
}

func TestInvalidInput(t *testing.T) {
	for name, c := range map[string]struct {
		method ics.Method
		change func(*ics.Event)
		want   string
	}{
		"no UID":            {ics.Request, func(e *ics.Event) { e.UID = "" }, "empty UID"},
		"end before start":  {ics.Request, func(e *ics.Event) { e.End = e.Start.Add(-1) }, "not after start"},
		"end at start":      {ics.Request, func(e *ics.Event) { e.End = e.Start }, "not after start"},
		"no organizer":      {ics.Request, func(e *ics.Event) { e.Organizer.Email = "" }, "no organizer email"},
		"bad organizer":     {ics.Request, func(e *ics.Event) { e.Organizer.Email = "Bureau <b@x.fr>" }, "organizer: email"},
		"bad attendee":      {ics.Request, func(e *ics.Event) { e.Attendees[0].Email = "pas une adresse" }, "attendee"},
		"no stamp":          {ics.Request, func(e *ics.Event) { e.Stamp = time.Time{} }, "DTSTAMP"},
		"relative URL":      {ics.Request, func(e *ics.Event) { e.URL = "/jury/42" }, "absolute URL"},
		"negative sequence": {ics.Request, func(e *ics.Event) { e.Sequence = -1 }, "SEQUENCE"},
		"unknown method":    {"PUBLISH", func(*ics.Event) {}, "method"},
	} {
		e := winter()
		c.change(&e)
		_, err := ics.Write(c.method, e)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one with %q", name, err, c.want)
		}
	}
	if _, err := ics.Write(ics.Request); err == nil {
		t.Error("no error without events")
	}
}

func TestMethodOf(t *testing.T) {
	for in, want := range map[string]ics.Method{
		string(write(t, ics.Request, winter())):                                               ics.Request,
		string(write(t, ics.Cancel, winter())):                                                ics.Cancel,
		"BEGIN:VCALENDAR\nmethod:publish\nEND:VCALENDAR\n":                                    "PUBLISH",
		"BEGIN:VCALENDAR\r\nMETH\r\n OD:REQUEST\r\nEND:VCALENDAR\r\n":                         ics.Request,
		"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nMETHOD:CANCEL\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n": "",
		"BEGIN:VCALENDAR\r\nMETHOD:REQUEST; x=1\r\nEND:VCALENDAR\r\n":                         "",
		"nom;prénom\n": "",
	} {
		if got := ics.MethodOf([]byte(in)); got != want {
			t.Errorf("MethodOf(%q) = %q, want %q", in, got, want)
		}
	}
}
