package demo

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"certibloc/internal/calendar"
	"certibloc/internal/certif"
	"certibloc/internal/store"
)

// yearsAround is how far the demo's calendar reaches on each side of its
// today's year: the year before holds the national juries of its history
// and the campaigns whose exams run now, the year after the campaigns to
// come, the juries after December and the periods of the registrations.
const yearsAround = 1

// writeOn runs write with the store's timestamps on day (loader.on), or as
// it comes when the caller does not date its writes.
type writeOn func(day certif.Date, write func() error) error

// calendar gives the calendar the years around today that it lacks, then
// reads the demo's days from it.
func (l *loader) calendar(ctx context.Context) error {
	err := ensureCalendar(ctx, l.st, l.caller(), l.today, func(day certif.Date, write func() error) error {
		if day.Before(l.origin()) {
			day = l.origin()
		}
		return l.on(day, write)
	})
	if err != nil {
		return err
	}
	cal, err := l.st.Calendar(ctx)
	if err != nil {
		return err
	}
	l.tl, l.timed = newTimeline(cal, l.today, l.origin())
	return nil
}

// ensureCalendar enters, for each year from the one before today to the one
// after (and those between them and the years the calendar knows) that the
// calendar lacks, its national juries, collection campaigns and exam months,
// as the office enters them once the certifier has set them: derived from
// the nearest year the calendar knows (the latest one for the years after
// it, the first one for those before), the juries on the same weekdays, the
// deadlines on the same dates (the working day before when that one is not),
// the same exam months. What the calendar knows of a year is left as it is.
// on dates the entries of a year: the October before it, or today.
func ensureCalendar(ctx context.Context, st *store.Store, by store.Caller, today certif.Date, on writeOn) error {
	cal, err := st.Calendar(ctx)
	if err != nil {
		return err
	}
	juryYears, campaignYears, monthYears := map[int]bool{}, map[int]bool{}, map[int]bool{}
	for _, j := range cal.Juries(0) {
		juryYears[j.Date.Year()] = true
	}
	for _, cp := range cal.Campaigns(0) {
		campaignYears[cp.Name.Year] = true
	}
	first, last := cal.KnownYears()
	for y := first; y <= last; y++ {
		monthYears[y] = cal.ExamMonthsConfigured(y)
	}
	lo, hi := today.Year()-yearsAround, today.Year()+yearsAround
	if known := slices.Sorted(maps.Keys(juryYears)); len(known) > 0 { // no year left empty between the calendar's and today's
		lo, hi = min(lo, known[len(known)-1]+1), max(hi, known[0]-1)
	}
	for y := lo; y <= hi; y++ {
		by := by
		if by.Today = certif.NewDate(y-1, time.October, 1); by.Today.After(today) {
			by.Today = today
		}
		err := on(by.Today, func() error {
			if from, ok := nearestYear(juryYears, y); ok {
				if err := deriveJuries(ctx, st, by, cal, from, y); err != nil {
					return err
				}
			}
			if from, ok := nearestYear(campaignYears, y); ok {
				if err := deriveCampaigns(ctx, st, by, cal, from, y); err != nil {
					return err
				}
			}
			if from, ok := nearestYear(monthYears, y); ok {
				months := make([]time.Month, 0, 12)
				for _, m := range cal.ExamMonths(from) {
					months = append(months, m.Month)
				}
				return st.SetExamMonths(ctx, by, y, months)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// nearestYear is the year of known whose entries year y takes: none when y is
// known itself, else the latest known year before y, or the first after it
// when none precedes.
func nearestYear(known map[int]bool, y int) (int, bool) {
	if known[y] {
		return 0, false
	}
	var years []int
	for k, ok := range known {
		if ok {
			years = append(years, k)
		}
	}
	if len(years) == 0 {
		return 0, false
	}
	slices.Sort(years)
	from := years[0]
	for _, k := range years {
		if k < y {
			from = k
		}
	}
	return from, true
}

// deriveJuries enters the national juries of year y, those of year from on
// the same weekdays and hours.
func deriveJuries(ctx context.Context, st *store.Store, by store.Caller, cal *calendar.Calendar, from, y int) error {
	for _, j := range cal.Juries(from) {
		day := sameWeekday(cal, j.Date, y-from)
		derived := calendar.NationalJury{Date: day, Start: j.Start, End: j.End}
		if err := st.SaveNationalJury(ctx, by, derived); err != nil {
			return fmt.Errorf("jury national du %s : %w", day.French(), err)
		}
	}
	return nil
}

// deriveCampaigns enters the collection campaigns of year y, those of year
// from with the same exam months and deadlines.
func deriveCampaigns(ctx context.Context, st *store.Store, by store.Caller, cal *calendar.Calendar, from, y int) error {
	for _, cp := range cal.Campaigns(from) {
		shift := 12 * (y - from)
		derived := calendar.CollectionCampaign{Name: cp.Name.Add(shift), Deadline: anniversary(cp.Deadline, y-from)}
		if cal.IsWorkingDay(cp.Deadline) && !cal.IsWorkingDay(derived.Deadline) {
			derived.Deadline = cal.PreviousWorkingDay(derived.Deadline)
		}
		for _, m := range cp.ExamMonths {
			derived.ExamMonths = append(derived.ExamMonths, m.Add(shift))
		}
		if err := st.SaveCampaign(ctx, by, derived); err != nil {
			return fmt.Errorf("campagne %s : %w", derived.Name, err)
		}
	}
	return nil
}

// anniversary is day d, years later (28 February for a 29 February).
func anniversary(d certif.Date, years int) certif.Date {
	day := d.Day()
	if d.Month() == time.February && day == 29 {
		day = 28
	}
	return certif.NewDate(d.Year()+years, d.Month(), day)
}

// sameWeekday is the day on d's weekday nearest its anniversary, years
// later; the week before (or after) when that one is a public holiday.
func sameWeekday(cal *calendar.Calendar, d certif.Date, years int) certif.Date {
	target := anniversary(d, years)
	day := target.AddDays(int(d.Weekday()) - int(target.Weekday()))
	switch {
	case day.Before(target.AddDays(-3)):
		day = day.AddDays(7)
	case day.After(target.AddDays(3)):
		day = day.AddDays(-7)
	}
	if cal.IsWorkingDay(day) || !cal.IsWorkingDay(d) {
		return day
	}
	if cal.IsWorkingDay(day.AddDays(-7)) {
		return day.AddDays(-7)
	}
	return day.AddDays(7)
}
