package certif

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Tally is what the statistics count for one group (a year, a CQP, a block,
// a branch, an employer): the candidates registered in the year, the block
// attempts the national juries of the year decided, the delay from
// registration to certificate, and the professional juries held.
type Tally struct {
	Registered   int // distinct candidates registered
	Validated    int
	NotValidated int
	Absent       int
	Delays       Delays // days from registration to each block's certificate
	Sessions     int    // professional-jury sessions held
	Members      int    // distinct jury members who sat in them
}

// Presented is the number of attempts the candidates sat: validated or not
// validated. An absent candidate did not present the block.
func (t Tally) Presented() int { return t.Validated + t.NotValidated }

// Decided is every attempt a national jury decided: presented or absent.
func (t Tally) Decided() int { return t.Presented() + t.Absent }

// SuccessRate is the share of presented attempts validated, from 0 to 1;
// false when nobody presented a block.
func (t Tally) SuccessRate() (float64, bool) {
	if t.Presented() == 0 {
		return 0, false
	}
	return float64(t.Validated) / float64(t.Presented()), true
}

// Empty reports whether the group counts nothing at all.
func (t Tally) Empty() bool {
	return t.Registered == 0 && t.Decided() == 0 && t.Sessions == 0 && t.Delays.Count() == 0
}

// Delays is a histogram of durations in days: how many certificates came
// that many days after their registration.
type Delays map[int]int

// Add counts n durations of days.
func (d *Delays) Add(days, n int) {
	if n <= 0 {
		return
	}
	if *d == nil {
		*d = Delays{}
	}
	(*d)[days] += n
}

// Count is the number of durations counted.
func (d Delays) Count() int {
	n := 0
	for _, c := range d {
		n += c
	}
	return n
}

// Median is the median duration, in whole days (the mean of the two middle
// ones, rounded half up, for an even count); false when there is none.
func (d Delays) Median() (int, bool) {
	total := d.Count()
	if total == 0 {
		return 0, false
	}
	days := make([]int, 0, len(d))
	for k, c := range d {
		if c > 0 {
			days = append(days, k)
		}
	}
	slices.Sort(days)
	// the values at ranks lo and hi (0-based) of the sorted durations
	lo, hi := (total-1)/2, total/2
	var low, high int
	seen := 0
	for _, k := range days {
		next := seen + d[k]
		if lo >= seen && lo < next {
			low = k
		}
		if hi >= seen && hi < next {
			high = k
			break
		}
		seen = next
	}
	return int(math.Floor(float64(low+high)/2 + 0.5)), true
}

// Merge adds the durations of o.
func (d *Delays) Merge(o Delays) {
	for k, c := range o {
		d.Add(k, c)
	}
}

// FrenchPercent writes a rate from 0 to 1 as French does, to one decimal
// place: "82,5 %" (a narrow no-break space before the sign), "100 %".
func FrenchPercent(rate float64) string {
	s := fmt.Sprintf("%.1f", math.Round(rate*1000)/10)
	s = strings.TrimSuffix(s, ".0")
	return strings.Replace(s, ".", ",", 1) + "\u202f%"
}

// MedianDelayText is the median delay as a page says it: "94 jours",
// "1 jour", or "—" when no certificate was issued.
func (t Tally) MedianDelayText() string {
	days, ok := t.Delays.Median()
	if !ok {
		return "—"
	}
	return Count(days, "jour", "jours")
}

// SuccessRateText is the success rate as a page says it: "82,5 %", or "—"
// when nobody presented a block.
func (t Tally) SuccessRateText() string {
	rate, ok := t.SuccessRate()
	if !ok {
		return "—"
	}
	return FrenchPercent(rate)
}
