package calendar

import (
	"sort"
	"time"

	"certibloc/internal/certif"

	"github.com/rickar/cal/v2/fr"
)

// WhitMonday is the name of the public holiday that the Sécurité sociale works
// (journée de solidarité): see R9 and the 22/05/2026 cutoff.
const WhitMonday = "Lundi de Pentecôte"

// DefaultWorkedHolidays are the public holidays worked unless configured otherwise.
var DefaultWorkedHolidays = []string{WhitMonday}

// Holiday is a French public holiday on a given date.
type Holiday struct {
	Date   certif.Date
	Name   string
	Worked bool // true when configured as a working day
}

// PublicHolidayNames lists the names of the French public holidays, in calendar order.
func PublicHolidayNames() []string {
	names := make([]string, len(fr.Holidays))
	for i, h := range fr.Holidays {
		names[i] = h.Name
	}
	return names
}

// IsPublicHolidayName reports whether name is one of PublicHolidayNames.
func IsPublicHolidayName(name string) bool {
	for _, h := range fr.Holidays {
		if h.Name == name {
			return true
		}
	}
	return false
}

// publicHolidays returns the public holidays of a year, keyed by date.
func publicHolidays(year int) map[certif.Date]string {
	out := make(map[certif.Date]string, len(fr.Holidays))
	for _, h := range fr.Holidays {
		_, observed := h.Calc(year)
		if observed.IsZero() {
			continue
		}
		out[certif.DateOf(observed)] = h.Name
	}
	return out
}

// Holidays lists the public holidays of a year with whether each is worked.
func (c *Calendar) Holidays(year int) []Holiday {
	var out []Holiday
	for d, name := range c.holidaysOf(year) {
		out = append(out, Holiday{Date: d, Name: name, Worked: c.worked[name]})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out
}

func (c *Calendar) holidaysOf(year int) map[certif.Date]string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if h, ok := c.holidayCache[year]; ok {
		return h
	}
	h := publicHolidays(year)
	c.holidayCache[year] = h
	return h
}

// IsWorkingDay reports whether d is a working day: Monday to Friday, not a
// public holiday unless that holiday is worked, and not a configured closed day.
func (c *Calendar) IsWorkingDay(d certif.Date) bool {
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	if _, closed := c.closed[d]; closed {
		return false
	}
	name, holiday := c.holidaysOf(d.Year())[d]
	return !holiday || c.worked[name]
}

// NonWorkingReason says in French why d is not a working day, "" if it is one.
func (c *Calendar) NonWorkingReason(d certif.Date) string {
	switch d.Weekday() {
	case time.Saturday:
		return "samedi"
	case time.Sunday:
		return "dimanche"
	}
	if r, ok := c.closed[d]; ok {
		return r
	}
	if name, ok := c.holidaysOf(d.Year())[d]; ok && !c.worked[name] {
		return "jour férié (" + name + ")"
	}
	return ""
}

// PreviousWorkingDay returns the last working day strictly before d.
func (c *Calendar) PreviousWorkingDay(d certif.Date) certif.Date {
	for {
		d = d.AddDays(-1)
		if c.IsWorkingDay(d) {
			return d
		}
	}
}
