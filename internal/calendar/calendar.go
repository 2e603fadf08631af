package calendar

import (
	"fmt"
	"math"
	"sort"
	"sync"
	"time"

	"certibloc/internal/certif"
)

// NationalJury is a national joint jury (jury paritaire national) sitting on one
// day; it decides the professional juries held up to its cutoff (R9).
type NationalJury struct {
	Date           certif.Date `json:"date"`
	Start          string      `json:"start"` // "10:00", Europe/Paris
	End            string      `json:"end"`   // "13:00"
	CutoffOverride certif.Date `json:"cutoff_override,omitzero"`
	OverrideReason string      `json:"override_reason,omitempty"`
	// ProclaimOn is the day its results are proclaimed when not its own day
	// (R10; zero: the jury's day). See ProclamationDay.
	ProclaimOn certif.Date `json:"proclaim_on,omitzero"`
}

// ProclamationDay is the day the jury's results are proclaimed (R10): the
// one configured, else the jury's own day.
func (j NationalJury) ProclamationDay() certif.Date {
	return certif.ProclamationDay(j.Date, j.ProclaimOn)
}

// CollectionCampaign is one row group of the R5 table: the exam months it covers
// and the date by which employers return their collection table. It is named by
// its first exam month ("2026-06" = exams in June and July 2026).
type CollectionCampaign struct {
	Name       certif.Month   `json:"name"`
	ExamMonths []certif.Month `json:"exam_months"`
	Deadline   certif.Date    `json:"deadline"`
}

// Covers reports whether the campaign covers exam month m.
func (c CollectionCampaign) Covers(m certif.Month) bool {
	for _, e := range c.ExamMonths {
		if e == m {
			return true
		}
	}
	return false
}

// Config is the editable part of the calendar, as the store keeps it.
type Config struct {
	WorkedHolidays []string               // public holiday names that are working days
	ClosedDays     map[certif.Date]string // extra non-working days, with a reason
	Juries         []NationalJury
	Campaigns      []CollectionCampaign
	// ExamMonths lists, per year, the months that hold certification periods. A
	// year that is absent uses DefaultExamMonths.
	ExamMonths map[int][]time.Month
}

// DefaultExamMonths are the months with exams when a year is not configured:
// every month but August (the letter has no exams in August).
var DefaultExamMonths = []time.Month{1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12}

// Calendar answers the date questions of the rules. It is safe for concurrent use.
type Calendar struct {
	worked     map[string]bool
	closed     map[certif.Date]string
	juries     []NationalJury
	campaigns  []CollectionCampaign
	examMonths map[int]map[time.Month]bool

	mu           sync.Mutex
	holidayCache map[int]map[certif.Date]string
}

// New builds a calendar from its configuration.
func New(cfg Config) *Calendar {
	c := &Calendar{
		worked:       map[string]bool{},
		closed:       map[certif.Date]string{},
		examMonths:   map[int]map[time.Month]bool{},
		holidayCache: map[int]map[certif.Date]string{},
	}
	for _, h := range cfg.WorkedHolidays {
		c.worked[h] = true
	}
	for d, r := range cfg.ClosedDays {
		c.closed[d] = r
	}
	c.juries = append([]NationalJury(nil), cfg.Juries...)
	sort.Slice(c.juries, func(i, j int) bool { return c.juries[i].Date.Before(c.juries[j].Date) })
	c.campaigns = append([]CollectionCampaign(nil), cfg.Campaigns...)
	sort.Slice(c.campaigns, func(i, j int) bool { return c.campaigns[i].Name.Before(c.campaigns[j].Name) })
	for y, months := range cfg.ExamMonths {
		set := map[time.Month]bool{}
		for _, m := range months {
			set[m] = true
		}
		c.examMonths[y] = set
	}
	return c
}

// Juries lists the national juries of a year (all years when year is 0), by date.
func (c *Calendar) Juries(year int) []NationalJury {
	var out []NationalJury
	for _, j := range c.juries {
		if year == 0 || j.Date.Year() == year {
			out = append(out, j)
		}
	}
	return out
}

// Campaigns lists the collection campaigns whose first exam month is in year
// (all when year is 0).
func (c *Calendar) Campaigns(year int) []CollectionCampaign {
	var out []CollectionCampaign
	for _, cp := range c.campaigns {
		if year == 0 || cp.Name.Year == year {
			out = append(out, cp)
		}
	}
	return out
}

// IsExamMonth reports whether month m holds a certification period.
func (c *Calendar) IsExamMonth(m certif.Month) bool {
	if set, ok := c.examMonths[m.Year]; ok {
		return set[m.Month]
	}
	for _, d := range DefaultExamMonths {
		if d == m.Month {
			return true
		}
	}
	return false
}

// ExamMonths lists the months of a year that hold certification periods.
func (c *Calendar) ExamMonths(year int) []certif.Month {
	var out []certif.Month
	for m := time.January; m <= time.December; m++ {
		if c.IsExamMonth(certif.Month{Year: year, Month: m}) {
			out = append(out, certif.Month{Year: year, Month: m})
		}
	}
	return out
}

// YearsAheadByDefault is how many years after the last one whose exam months
// are configured the calendar still knows, with DefaultExamMonths: a contrat
// de professionnalisation (R19) lasts up to two years, and its candidate is
// registered ahead of time (R6).
const YearsAheadByDefault = 2

// KnownYears is the range of years whose certification periods the calendar
// knows: from the first year whose exam months are configured to
// YearsAheadByDefault years after the last one. A period outside them is
// refused (certif.KnownPeriods); first > last when no year is configured.
func (c *Calendar) KnownYears() (first, last int) {
	if len(c.examMonths) == 0 {
		return 1, 0
	}
	first, last = math.MaxInt, math.MinInt
	for y := range c.examMonths {
		first, last = min(first, y), max(last, y)
	}
	return first, last + YearsAheadByDefault
}

// ExamMonthsConfigured reports whether the year has its own list of exam months.
func (c *Calendar) ExamMonthsConfigured(year int) bool {
	_, ok := c.examMonths[year]
	return ok
}

// WorkedHolidays lists the public holidays configured as working days.
func (c *Calendar) WorkedHolidays() []string {
	var out []string
	for _, name := range PublicHolidayNames() {
		if c.worked[name] {
			out = append(out, name)
		}
	}
	return out
}

// ClosedDays lists the extra non-working days, by date.
func (c *Calendar) ClosedDays() []Holiday {
	var out []Holiday
	for d, r := range c.closed {
		out = append(out, Holiday{Date: d, Name: r})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out
}

// ValidateJury checks a national jury as the office enters it.
func ValidateJury(j NationalJury) error {
	var v certif.Validation
	if j.Date.IsZero() {
		v.Add("date", "La date du jury est obligatoire.")
	}
	start, errStart := time.Parse("15:04", j.Start)
	end, errEnd := time.Parse("15:04", j.End)
	if errStart != nil {
		v.Add("start", "Heure de début invalide : format HH:MM attendu.")
	}
	if errEnd != nil {
		v.Add("end", "Heure de fin invalide : format HH:MM attendu.")
	}
	if errStart == nil && errEnd == nil && !start.Before(end) {
		v.Add("end", "L'heure de fin doit suivre l'heure de début.")
	}
	if !j.CutoffOverride.IsZero() {
		if !j.CutoffOverride.Before(j.Date) {
			v.Add("cutoff_override", "La date limite doit précéder la date du jury.")
		}
		if j.OverrideReason == "" {
			v.Add("override_reason", "Indiquez le motif du changement de date limite.")
		}
	}
	return v.Err()
}

// ValidateCampaign checks a collection campaign as the office enters it.
func ValidateCampaign(cp CollectionCampaign) error {
	var v certif.Validation
	if cp.Name.IsZero() {
		v.Add("name", "Le premier mois d'examen est obligatoire.")
	}
	if len(cp.ExamMonths) == 0 {
		v.Add("exam_months", "Indiquez au moins un mois d'examen.")
	} else if cp.ExamMonths[0] != cp.Name {
		v.Add("exam_months", fmt.Sprintf("La campagne %s doit commencer par le mois %s.", cp.Name.French(), cp.Name.French()))
	}
	if cp.Deadline.IsZero() {
		v.Add("deadline", "La date limite de retour est obligatoire.")
	} else if !cp.Name.IsZero() && !cp.Deadline.Before(cp.Name.First()) {
		v.Add("deadline", "La date limite de retour doit précéder le premier mois d'examen.")
	}
	return v.Err()
}
