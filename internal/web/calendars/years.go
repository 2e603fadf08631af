package calendars

import "certibloc/internal/calendar"

// knownYears is the range of years the calendar knows: those whose
// certification periods it knows (calendar.KnownYears), and those of its
// national juries and collection campaigns; first > last when it knows none.
func knownYears(cal *calendar.Calendar) (first, last int) {
	first, last = cal.KnownYears()
	widen := func(y int) {
		if first > last {
			first, last = y, y
			return
		}
		first, last = min(first, y), max(last, y)
	}
	for _, j := range cal.Juries(0) {
		widen(j.Date.Year())
	}
	for _, cp := range cal.Campaigns(0) {
		widen(cp.Name.Year)
	}
	return first, last
}

// yearLinks are the years that the links before and after year lead to,
// within the years the calendar knows and beyond more after them (0: no
// link). From a year outside them, the links lead back to the nearest.
func yearLinks(cal *calendar.Calendar, year, beyond int) (prev, next int) {
	first, last := knownYears(cal)
	if first > last {
		return 0, 0
	}
	last += beyond
	if prev = min(year-1, last); prev < first {
		prev = 0
	}
	if next = max(year+1, first); next > last {
		next = 0
	}
	return prev, next
}
