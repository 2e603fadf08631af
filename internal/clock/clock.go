// Package clock is certibloc's one source of the current date and time. The date
// the rules see can be fixed (--today, CERTIBLOC_TODAY) to demonstrate and test
// deadlines; timestamps then fall on that day, at the real time of day in
// Paris, so that what the rules and the demo write stays in order; they are
// kept in UTC and displayed in Europe/Paris.
package clock

import (
	"fmt"
	"time"
	_ "time/tzdata" // Europe/Paris even on machines without a zone database

	"certibloc/internal/certif"
)

// Paris is the display time zone.
var Paris = mustLoad("Europe/Paris")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// Clock gives the current date of the rules and the current instant.
type Clock struct {
	fixed certif.Date
	now   func() time.Time
}

// New returns a clock; a non-empty today (YYYY-MM-DD) fixes the date of the rules.
func New(today string) (*Clock, error) {
	c := &Clock{now: time.Now}
	if today != "" {
		d, err := certif.ParseDate(today)
		if err != nil {
			return nil, fmt.Errorf("--today : %w", err)
		}
		c.fixed = d
	}
	return c, nil
}

// Fixed returns a clock whose date is d (tests).
func Fixed(d certif.Date) *Clock { return &Clock{fixed: d, now: time.Now} }

// Today is the date the rules see: the fixed date, or today in Paris.
func (c *Clock) Today() certif.Date {
	if !c.fixed.IsZero() {
		return c.fixed
	}
	return certif.DateOf(c.now().In(Paris))
}

// IsFixed reports whether the date was fixed by configuration.
func (c *Clock) IsFixed() bool { return !c.fixed.IsZero() }

// Now is the current instant in UTC (for timestamps): on the fixed date, if
// any, at the current time of day in Paris.
func (c *Clock) Now() time.Time {
	now := c.now().In(Paris)
	if c.fixed.IsZero() {
		return now.UTC()
	}
	y, m, d := c.fixed.Time().Date()
	return time.Date(y, m, d, now.Hour(), now.Minute(), now.Second(), now.Nanosecond(), Paris).UTC()
}

// ParisAt is the instant of a Paris time of day ("14:00") on day; midnight
// when hhmm cannot be read.
func ParisAt(day certif.Date, hhmm string) time.Time {
	m := max(certif.ParseClock(hhmm), 0)
	return time.Date(day.Year(), day.Month(), day.Day(), m/60, m%60, 0, 0, Paris)
}

// FormatParisDay shows the day of a timestamp in Paris time: "23/11/2026".
func FormatParisDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(Paris).Format("02/01/2006")
}

// FormatParis shows a timestamp in Paris time, French style: "23/11/2026 à 14 h 05".
func FormatParis(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	p := t.In(Paris)
	return p.Format("02/01/2006") + " à " + certif.ClockOf(p)
}
