package ics

import (
	"time"
	_ "time/tzdata" // Europe/Paris even on machines without a zone database

	ical "github.com/arran4/golang-ical"
)

// ParisTZID is the TZID of the times of the events.
const ParisTZID = "Europe/Paris"

var paris = mustLoad(ParisTZID)

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// parisLocal is t as a local DATE-TIME in Paris, e.g. "20260310T090000".
func parisLocal(t time.Time) string {
	return t.In(paris).Format("20060102T150405")
}

// parisTimezone is the VTIMEZONE of Europe/Paris with the European rules in
// force since 1996: summer time (CEST, UTC+2) from the last Sunday of March
// at 02:00 to the last Sunday of October at 03:00, winter time (CET, UTC+1)
// the rest of the year. The library does not write VTIMEZONEs by itself.
func parisTimezone() *ical.VTimezone {
	tz := ical.NewTimezone(ParisTZID)
	tz.Components = append(tz.Components,
		&ical.Daylight{ComponentBase: rule("+0100", "+0200", "CEST", "19700329T020000", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU")},
		&ical.Standard{ComponentBase: rule("+0200", "+0100", "CET", "19701025T030000", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU")},
	)
	return tz
}

func rule(from, to, name, start, rrule string) ical.ComponentBase {
	var c ical.ComponentBase
	c.AddProperty(ical.ComponentProperty(ical.PropertyTzoffsetfrom), from)
	c.AddProperty(ical.ComponentProperty(ical.PropertyTzoffsetto), to)
	c.AddProperty(ical.ComponentProperty(ical.PropertyTzname), name)
	c.AddProperty(ical.ComponentPropertyDtStart, start)
	c.AddProperty(ical.ComponentPropertyRrule, rrule)
	return c
}
