package certif

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// OpeningHours are a site's opening hours by weekday (R18), in minutes since
// midnight; a zero span is a closed day.
type OpeningHours [7][2]int

// Open reports whether the site opens on a weekday.
func (o OpeningHours) Open(w time.Weekday) bool { return o[w][1] > o[w][0] }

var (
	frenchDays = map[string]time.Weekday{"lundi": time.Monday, "mardi": time.Tuesday, "mercredi": time.Wednesday,
		"jeudi": time.Thursday, "vendredi": time.Friday, "samedi": time.Saturday, "dimanche": time.Sunday}
	dayRange  = regexp.MustCompile(`du (lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) au (lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)`)
	dayName   = regexp.MustCompile(`\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)s?\b`)
	exception = regexp.MustCompile(`sauf (?:le )?(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)`)
	clockSpan = regexp.MustCompile(`(\d{1,2})\s*(?:h|:)\s*(\d{2})?\s*(?:–|-|à|a)\s*(\d{1,2})\s*(?:h|:)\s*(\d{2})?`)
)

// ParseOpeningHours reads opening hours as employers write them in the
// collection table (R18): "Du lundi au vendredi, 8 h 30 – 16 h 30", "Lundi,
// mardi et jeudi 9h-17h", "Du lundi au vendredi sauf mercredi, 9 h – 12 h et
// 13 h 30 – 16 h". Days not named are Monday to Friday; several time spans
// give the day from the first opening to the last closing. ok is false when
// no time span could be read: the caller then says so and assumes nothing.
func ParseOpeningHours(text string) (OpeningHours, bool) {
	var o OpeningHours
	s := strings.ToLower(text)
	spans := clockSpan.FindAllStringSubmatch(s, -1)
	if len(spans) == 0 {
		return o, false
	}
	open, close := 24*60, 0
	for _, m := range spans {
		a, b := clockOf(m[1], m[2]), clockOf(m[3], m[4])
		if a < 0 || b <= a {
			return o, false
		}
		open, close = min(open, a), max(close, b)
	}
	for _, w := range openDays(s) {
		o[w] = [2]int{open, close}
	}
	return o, true
}

// openDays are the weekdays a text names: a range ("du lundi au vendredi"),
// days listed, Monday to Friday when none, less the exceptions ("sauf
// mercredi").
func openDays(s string) []time.Weekday {
	days := map[time.Weekday]bool{}
	except := map[time.Weekday]bool{}
	for _, m := range exception.FindAllStringSubmatch(s, -1) {
		except[frenchDays[m[1]]] = true
	}
	s = exception.ReplaceAllString(s, "")
	for _, m := range dayRange.FindAllStringSubmatch(s, -1) {
		from, to := frenchDays[m[1]], frenchDays[m[2]]
		for w := from; ; w = (w + 1) % 7 {
			days[w] = true
			if w == to {
				break
			}
		}
	}
	if len(days) == 0 {
		for _, m := range dayName.FindAllStringSubmatch(s, -1) {
			days[frenchDays[m[1]]] = true
		}
	}
	if len(days) == 0 {
		for w := time.Monday; w <= time.Friday; w++ {
			days[w] = true
		}
	}
	var out []time.Weekday
	for w := time.Sunday; w <= time.Saturday; w++ {
		if days[w] && !except[w] {
			out = append(out, w)
		}
	}
	return out
}

func clockOf(h, m string) int {
	hh, err := strconv.Atoi(h)
	mm := 0
	if m != "" {
		mm, _ = strconv.Atoi(m)
	}
	if err != nil || hh > 23 || mm > 59 {
		return -1
	}
	return hh*60 + mm
}
