package certif

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Month is a calendar month, such as a certification period ("2026-09") or the
// first exam month that names a collection campaign.
type Month struct {
	Year  int
	Month time.Month
}

// ParseMonth reads YYYY-MM.
func ParseMonth(s string) (Month, error) {
	t, err := time.Parse("2006-01", strings.TrimSpace(s))
	if err != nil {
		return Month{}, fmt.Errorf("mois invalide %q : format attendu AAAA-MM", s)
	}
	return Month{t.Year(), t.Month()}, nil
}

// MustMonth parses YYYY-MM and panics on error; for tests and seeded data.
func MustMonth(s string) Month {
	m, err := ParseMonth(s)
	if err != nil {
		panic(err)
	}
	return m
}

func (m Month) IsZero() bool { return m == Month{} }

// First is the first day of the month.
func (m Month) First() Date { return NewDate(m.Year, m.Month, 1) }

// Last is the last day of the month.
func (m Month) Last() Date { return NewDate(m.Year, m.Month+1, 0) }

// Add returns the month n months later.
func (m Month) Add(n int) Month { return m.First().AddMonths(n).MonthOf() }

func (m Month) Before(o Month) bool {
	return m.Year < o.Year || (m.Year == o.Year && m.Month < o.Month)
}

// String is YYYY-MM.
func (m Month) String() string {
	if m.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d", m.Year, m.Month)
}

// French is "septembre 2026".
func (m Month) French() string {
	if m.IsZero() {
		return ""
	}
	return fmt.Sprintf("%s %d", FrenchMonthName(m.Month), m.Year)
}

func (m Month) MarshalJSON() ([]byte, error) { return json.Marshal(m.String()) }

func (m *Month) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("mois invalide : chaîne AAAA-MM attendue")
	}
	v, err := ParseMonth(s)
	*m = v
	return err
}
