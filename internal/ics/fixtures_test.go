package ics_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"certibloc/internal/ics"
)

var paris = mustLoad("Europe/Paris")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func at(year int, month time.Month, day, hour, min int) time.Time {
	return time.Date(year, month, day, hour, min, 0, 0, paris)
}

var (
	office   = ics.Person{Name: "Bureau des examens, Institut 4.10", Email: "certification@institutquatredix.fr"}
	aissatou = ics.Person{Name: "Aïssatou N'Diaye", Email: "aissatou.ndiaye@cpam33.fr"}
	quoted   = ics.Person{Name: `Jean-Luc "JL" Lefèvre`, Email: "jl.lefevre@caf75.fr"}
	noName   = ics.Person{Email: "jury@urssaf-idf.fr"}
	stamp    = time.Date(2026, 1, 5, 10, 15, 0, 0, time.UTC)
)

// The summary has accents, a comma and a semicolon; the description is long,
// on three lines (one CRLF, one LF), with an "é" across the 75th octet.
const (
	summary     = "Jury professionnel, CQP Gestionnaire conseil ; bloc 2 « Accueil »"
	description = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaéléments à apporter : pièce d'identité, convocation.\r\n" +
		"Déroulé : délibération à huis clos; résultats communiqués par le certificateur.\n" +
		"Contact : certification@institutquatredix.fr — répondre à ce courriel, pas à l'invitation."
	location = "Institut 4.10, salle Émile-Zola ; 2e étage, 75013 Paris"
)

// winter is a session at 09:00 in Paris in January (CET, UTC+1), given in UTC.
func winter() ics.Event {
	return ics.Event{
		UID: "slot-42@certibloc", Sequence: 3,
		Start: time.Date(2026, 1, 13, 8, 0, 0, 0, time.UTC), End: time.Date(2026, 1, 13, 11, 30, 0, 0, time.UTC),
		Summary: summary, Description: description, Location: location,
		URL:       "https://certibloc.example.fr/jury/sessions/42",
		Organizer: office, Attendees: []ics.Person{aissatou, quoted, noName}, Stamp: stamp,
	}
}

// summer is a session at 09:00 in Paris in June (CEST, UTC+2), given in a
// zone of its own.
func summer() ics.Event {
	e := winter()
	e.UID, e.Sequence = "slot-43@certibloc", 0
	ny := time.FixedZone("UTC-4", -4*3600)
	e.Start, e.End = time.Date(2026, 6, 16, 3, 0, 0, 0, ny), time.Date(2026, 6, 16, 6, 0, 0, 0, ny)
	return e
}

// dstWeek is the week of the change to summer time (Sunday 29 March 2026):
// Friday before, a session from Saturday evening to Sunday noon, Monday after.
func dstWeek() []ics.Event {
	var out []ics.Event
	for i, span := range [][2]time.Time{
		{at(2026, 3, 27, 9, 0), at(2026, 3, 27, 12, 0)},
		{at(2026, 3, 28, 18, 0), at(2026, 3, 29, 12, 0)},
		{at(2026, 3, 30, 9, 0), at(2026, 3, 30, 12, 0)},
	} {
		e := winter()
		e.UID = "slot-" + string(rune('a'+i)) + "@certibloc"
		e.Start, e.End = span[0], span[1]
		out = append(out, e)
	}
	return out
}

func write(t *testing.T, method ics.Method, events ...ics.Event) []byte {
	t.Helper()
	data, err := ics.Write(method, events...)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// unfold joins the folded lines and splits at CRLF.
func unfold(data []byte) []string {
	s := strings.ReplaceAll(string(data), "\r\n ", "")
	return strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n")
}

func itoa(n int) string { return strconv.Itoa(n) }

// normalized is s with every line break as LF.
func normalized(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}
