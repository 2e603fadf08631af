package ics_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"certibloc/internal/ics"
)

// icalJS is what testdata/read.mjs prints.
type icalJS struct {
	ProdID    string `json:"prodid"`
	Version   string `json:"version"`
	Calscale  string `json:"calscale"`
	Method    string `json:"method"`
	Timezones []struct {
		TZID  string `json:"tzid"`
		Rules []struct {
			Kind, Name, From, To, RRule string
		} `json:"rules"`
	} `json:"timezones"`
	Events []jsEvent `json:"events"`
}

type jsEvent struct {
	UID, Status, Summary, Description, Location, URL string
	Sequence                                         int
	Stamp, Start, End                                jsTime
	Organizer                                        jsPerson
	Attendees                                        []jsPerson
}

type jsTime struct {
	UTC  string `json:"utc"`  // ISO 8601 in UTC, e.g. 2026-01-13T08:00:00.000Z
	TZID string `json:"tzid"` // the TZID parameter
	Zone string `json:"zone"` // the zone ical.js resolved: "floating" if it found none
}

type jsPerson struct {
	Email, CN, Role, Partstat, RSVP string
}

// readWithIcalJS runs testdata/read.mjs under node on data. Without node or
// node_modules/ical.js ("npm ci" at the root) it skips the test, or fails it
// when $CI is set.
func readWithIcalJS(t *testing.T, data []byte) icalJS {
	t.Helper()
	node, err := findIcalJS()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("ics: %v", err)
		}
		t.Skipf("ics: %v", err)
	}
	cmd := exec.Command(node, filepath.Join("testdata", "read.mjs"))
	// TZ=UTC: a time ical.js could not place in Europe/Paris would be read in
	// the machine's zone; in UTC it cannot pass for a Paris time by chance.
	cmd.Env = append(os.Environ(), "TZ=UTC")
	cmd.Stdin = bytes.NewReader(data)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("read.mjs: %v\n%s", err, stderr.String())
	}
	var r icalJS
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("read.mjs output: %v\n%s", err, out)
	}
	return r
}

// findIcalJS returns the path of node once node_modules/ical.js is found in
// the current directory or a parent, up to the root of the module.
func findIcalJS() (string, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return "", errors.New("no node in PATH; install Node.js, then `npm ci` at the root of the repository")
	}
	rel := filepath.Join("node_modules", "ical.js", "package.json")
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, rel)); err == nil {
			return node, nil
		}
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return "", fmt.Errorf("no %s up to the module root %s; run `npm ci` there", rel, dir)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no %s and no go.mod above the current directory", rel)
		}
		dir = parent
	}
}

func TestIcalJSReadsRequest(t *testing.T) {
	events := append([]ics.Event{winter(), summer()}, dstWeek()...)
	r := readWithIcalJS(t, write(t, ics.Request, events...))
	if r.Method != "REQUEST" || r.Version != "2.0" || r.Calscale != "GREGORIAN" || r.ProdID != ics.ProdID {
		t.Errorf("calendar: %s %s %s %s", r.Method, r.Version, r.Calscale, r.ProdID)
	}
	if len(r.Timezones) != 1 || r.Timezones[0].TZID != "Europe/Paris" || len(r.Timezones[0].Rules) != 2 {
		t.Fatalf("timezones %+v", r.Timezones)
	}
	for i, want := range []string{"daylight CEST +0100 +0200 FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "standard CET +0200 +0100 FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"} {
		if len(r.Timezones[0].Rules) > i {
			z := r.Timezones[0].Rules[i]
			if got := strings.Join([]string{z.Kind, z.Name, z.From, z.To, z.RRule}, " "); got != want {
				t.Errorf("timezone rule %d: %s, want %s", i, got, want)
			}
		}
	}
	if len(r.Events) != len(events) {
		t.Fatalf("%d events read, %d written", len(r.Events), len(events))
	}
	// Start and end in UTC as ical.js computes them from our VTIMEZONE.
	for i, want := range [][2]string{
		{"2026-01-13T08:00:00.000Z", "2026-01-13T11:30:00.000Z"}, // 09:00 in winter (CET)
		{"2026-06-16T07:00:00.000Z", "2026-06-16T10:00:00.000Z"}, // 09:00 in summer (CEST)
		{"2026-03-27T08:00:00.000Z", "2026-03-27T11:00:00.000Z"}, // Friday before the change
		{"2026-03-28T17:00:00.000Z", "2026-03-29T10:00:00.000Z"}, // Saturday 18:00 CET to Sunday 12:00 CEST
		{"2026-03-30T07:00:00.000Z", "2026-03-30T10:00:00.000Z"}, // Monday after
	} {
		e := r.Events[i]
		if e.Start.UTC != want[0] || e.End.UTC != want[1] {
			t.Errorf("event %d (%s): %s–%s, want %s–%s", i, e.UID, e.Start.UTC, e.End.UTC, want[0], want[1])
		}
		for _, tm := range []jsTime{e.Start, e.End} {
			if tm.TZID != "Europe/Paris" || tm.Zone != "Europe/Paris" {
				t.Errorf("event %d: TZID %q, resolved zone %q", i, tm.TZID, tm.Zone)
			}
		}
		if e.Stamp.UTC != "2026-01-05T10:15:00.000Z" || e.Stamp.Zone != "UTC" {
			t.Errorf("event %d: DTSTAMP %+v", i, e.Stamp)
		}
	}
	e, w := r.Events[0], events[0]
	if e.UID != "slot-42@certibloc" || e.Sequence != 3 || e.Status != "CONFIRMED" {
		t.Errorf("UID %s, SEQUENCE %d, STATUS %s", e.UID, e.Sequence, e.Status)
	}
	if e.Summary != w.Summary || e.Location != w.Location || e.URL != w.URL {
		t.Errorf("summary %q, location %q, URL %q", e.Summary, e.Location, e.URL)
	}
	if e.Description != normalized(w.Description) {
		t.Errorf("description\n%q, want\n%q", e.Description, normalized(w.Description))
	}
	if e.Organizer != (jsPerson{Email: "mailto:certification@institutquatredix.fr", CN: "Bureau des examens, Institut 4.10"}) {
		t.Errorf("organizer %+v", e.Organizer)
	}
	for i, cn := range []string{"Aïssatou N'Diaye", "Jean-Luc 'JL' Lefèvre", ""} {
		want := jsPerson{Email: "mailto:" + w.Attendees[i].Email, CN: cn, Role: "REQ-PARTICIPANT", Partstat: "NEEDS-ACTION", RSVP: "FALSE"}
		if i >= len(e.Attendees) || e.Attendees[i] != want {
			t.Errorf("attendee %d: %+v, want %+v", i, e.Attendees, want)
		}
	}
}

func TestIcalJSReadsCancel(t *testing.T) {
	e := winter()
	e.Sequence = 4
	r := readWithIcalJS(t, write(t, ics.Cancel, e))
	if r.Method != "CANCEL" || len(r.Events) != 1 {
		t.Fatalf("method %s, %d events", r.Method, len(r.Events))
	}
	if got := r.Events[0]; got.UID != e.UID || got.Sequence != 4 || got.Status != "CANCELLED" || !strings.HasPrefix(got.Summary, "Jury professionnel, CQP") {
		t.Errorf("cancelled event %+v", got)
	}
}
