package calendars

import (
	"testing"
	"time"

	"certibloc/internal/calendar"
	"certibloc/internal/certif"
)

// TestYearLinksStopAtTheYearsTheCalendarKnows: the calendar's links to the
// year before and after lead only to years it knows (exam months configured
// for 2023–2026, so periods known up to 2028, and a national jury in 2022),
// the management page's one year more.
func TestYearLinksStopAtTheYearsTheCalendarKnows(t *testing.T) {
	months := []time.Month{1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12}
	cal := calendar.New(calendar.Config{
		ExamMonths: map[int][]time.Month{2023: months, 2026: months},
		Juries:     []calendar.NationalJury{{Date: certif.MustDate("2022-12-15"), Start: "10:00", End: "13:00"}},
	})
	for _, c := range []struct{ year, beyond, prev, next int }{
		{2025, 0, 2024, 2026},
		{2022, 0, 0, 2023},    // the first year: no link before
		{2028, 0, 2027, 0},    // the last year: no link after
		{2028, 1, 2027, 2029}, // the management page fills in the next one
		{2029, 1, 2028, 0},
		{2035, 0, 2028, 0}, // far after: back to the last year
		{2000, 0, 0, 2022}, // far before: on to the first year
		{2021, 0, 0, 2022}, // just before
		{2029, 0, 2028, 0}, // just after
	} {
		prev, next := yearLinks(cal, c.year, c.beyond)
		if prev != c.prev || next != c.next {
			t.Errorf("%d (+%d) : liens %d et %d, attendus %d et %d", c.year, c.beyond, prev, next, c.prev, c.next)
		}
	}
	if prev, next := yearLinks(calendar.New(calendar.Config{}), 2026, 0); prev != 0 || next != 0 {
		t.Errorf("calendrier vide : liens %d et %d, attendus aucun", prev, next)
	}
}
