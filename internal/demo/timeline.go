package demo

import (
	"certibloc/internal/calendar"
	"certibloc/internal/certif"
)

// launchWeeks is how long before its deadline the office launches a
// campaign in the demo.
const launchWeeks = 6

// timeline is when the demo's events happen around its today, read from a
// calendar that knows the years around it (ensureCalendar).
type timeline struct {
	// held is the day of the professional juries held about a fortnight
	// ago, after the cutoff of the last national jury: the next one decides them.
	held certif.Date
	// running is the campaign of held's month: its tables came back on time.
	running calendar.CollectionCampaign
	// past is the latest campaign whose deadline has passed: its tables
	// came back on time, late or not at all.
	past calendar.CollectionCampaign
	// open is the next campaign to close: its tables are sent, a few back.
	open calendar.CollectionCampaign
	// registered is the day the employers registered their candidates of
	// the campaigns to come, before the office launched them.
	registered certif.Date
	origin     certif.Date
	today      certif.Date
}

// newTimeline reads the demo's days from the calendar; ok is false when the
// calendar lacks the campaigns around today.
func newTimeline(cal *calendar.Calendar, today, origin certif.Date) (timeline, bool) {
	t := timeline{today: today, origin: origin}
	var lastCutoff certif.Date
	for _, j := range cal.JuriesWithCutoffs(0) {
		if j.Date.Before(today) {
			lastCutoff = j.Cutoff
		}
	}
	t.held = sittingDay(cal, today.AddDays(-14), lastCutoff)
	var past, open bool
	for _, cp := range cal.Campaigns(0) {
		if cp.Deadline.Before(today) && (!past || cp.Deadline.After(t.past.Deadline)) {
			t.past, past = cp, true
		}
		if !cp.Deadline.Before(today) && (!open || cp.Deadline.Before(t.open.Deadline)) {
			t.open, open = cp, true
		}
	}
	running, ok := cal.CampaignFor(t.held.MonthOf())
	if !past || !open || !ok {
		return t, false
	}
	t.running = running
	t.registered = t.launch(t.past)
	if l := t.launch(t.open); l.Before(t.registered) {
		t.registered = l
	}
	if t.registered = t.registered.AddDays(-7); !t.registered.After(origin) {
		t.registered = origin.AddDays(1)
	}
	return t, true
}

// launch is the day the office launched a campaign: six weeks before its
// deadline, a week ago at the latest, after the demo's origin.
func (t timeline) launch(cp calendar.CollectionCampaign) certif.Date {
	day := cp.Deadline.AddDays(-launchWeeks * 7)
	if latest := t.today.AddDays(-7); day.After(latest) {
		day = latest
	}
	if !day.After(t.origin) {
		day = t.origin.AddDays(1)
	}
	return day
}

// sittingDay is the last working day of an exam month on or before upper and
// after lower; the first one after lower when there is none.
func sittingDay(cal *calendar.Calendar, upper, lower certif.Date) certif.Date {
	fits := func(d certif.Date) bool { return cal.IsWorkingDay(d) && cal.IsExamMonth(d.MonthOf()) }
	for d := upper; d.After(lower); d = d.AddDays(-1) {
		if fits(d) {
			return d
		}
	}
	d := lower.AddDays(1)
	for !fits(d) {
		d = d.AddDays(1)
	}
	return d
}

// nextExamMonth is the first month after today's that holds exams: the
// month the demo's candidates certifiable soon are, the end of its plan.
func nextExamMonth(cal *calendar.Calendar, today certif.Date) certif.Month {
	m := today.MonthOf().Add(1)
	for !cal.IsExamMonth(m) {
		m = m.Add(1)
	}
	return m
}
