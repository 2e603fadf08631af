package certif

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Date is a civil date (a day in the calendar, no time of day, no time zone).
// The zero value means "no date".
type Date struct {
	year  int
	month time.Month
	day   int
}

// NewDate returns the date y-m-d, normalised like time.Date (32 January is 1 February).
func NewDate(y int, m time.Month, d int) Date {
	return DateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// DateOf returns the civil date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate reads an ISO date (YYYY-MM-DD).
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	if err != nil {
		return Date{}, fmt.Errorf("date invalide %q : format attendu AAAA-MM-JJ", s)
	}
	return DateOf(t), nil
}

// ParseFrenchDate reads a French date (JJ/MM/AAAA), or an ISO date.
func ParseFrenchDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse("02/01/2006", s); err == nil {
		return DateOf(t), nil
	}
	if d, err := ParseDate(s); err == nil {
		return d, nil
	}
	return Date{}, fmt.Errorf("date invalide %q : format attendu JJ/MM/AAAA", s)
}

// MustDate parses an ISO date and panics on error; for tests and seeded data.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func (d Date) Year() int             { return d.year }
func (d Date) Month() time.Month     { return d.month }
func (d Date) Day() int              { return d.day }
func (d Date) IsZero() bool          { return d == Date{} }
func (d Date) Time() time.Time       { return time.Date(d.year, d.month, d.day, 0, 0, 0, 0, time.UTC) }
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// AddDays returns the date n days later (earlier when n < 0).
func (d Date) AddDays(n int) Date { return NewDate(d.year, d.month, d.day+n) }

// AddMonths returns the same day n months later; the day is clamped to the end
// of a shorter month (31 May minus 3 months is 28 or 29 February).
func (d Date) AddMonths(n int) Date {
	first := NewDate(d.year, d.month+time.Month(n), 1)
	last := NewDate(first.year, first.month+1, 0).day
	return Date{first.year, first.month, min(d.day, last)}
}

// Compare returns -1, 0 or +1 as d is before, equal to or after o.
func (d Date) Compare(o Date) int { return d.Time().Compare(o.Time()) }
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }
func (d Date) After(o Date) bool  { return d.Compare(o) > 0 }

// String is the ISO form, YYYY-MM-DD ("" for the zero date).
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.year, d.month, d.day)
}

// French is the display form, JJ/MM/AAAA ("" for the zero date).
func (d Date) French() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d/%02d/%04d", d.day, d.month, d.year)
}

// FrenchLong is the display form with the weekday: "jeudi 22 janvier 2026".
func (d Date) FrenchLong() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%s %d %s %d", FrenchWeekday(d.Weekday()), d.day, FrenchMonthName(d.month), d.year)
}

// MonthOf returns the month the date falls in.
func (d Date) MonthOf() Month { return Month{d.year, d.month} }

func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

func (d *Date) UnmarshalJSON(b []byte) error {
	var s *string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("date invalide : chaîne AAAA-MM-JJ attendue")
	}
	if s == nil || *s == "" {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(*s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

var frenchWeekdays = [...]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}
var frenchMonths = [...]string{"", "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}

// FrenchWeekday names a weekday in French, lower case.
func FrenchWeekday(w time.Weekday) string { return frenchWeekdays[w] }

// FrenchMonthName names a month in French, lower case.
func FrenchMonthName(m time.Month) string { return frenchMonths[m] }
