package certif

import "testing"

func delaysOf(days ...int) Delays {
	var d Delays
	for _, x := range days {
		d.Add(x, 1)
	}
	return d
}

func TestStatistics_MedianDelay(t *testing.T) {
	cases := []struct {
		name string
		d    Delays
		want int
		ok   bool
	}{
		{"none", nil, 0, false},
		{"one", delaysOf(94), 94, true},
		{"odd count, unsorted", delaysOf(300, 10, 94), 94, true},
		{"even count: mean of the middle two", delaysOf(10, 90, 100, 400), 95, true},
		{"even count, half rounded up", delaysOf(10, 91, 100, 400), 96, true},
		{"repeated values", Delays{30: 5, 200: 1}, 30, true},
		{"middle two in different buckets", Delays{30: 2, 60: 2}, 45, true},
		{"zero counts ignored", Delays{30: 0, 60: 1}, 60, true},
	}
	for _, c := range cases {
		got, ok := c.d.Median()
		if got != c.want || ok != c.ok {
			t.Errorf("%s : médiane %d %v, attendu %d %v", c.name, got, ok, c.want, c.ok)
		}
	}
}

func TestStatistics_DelaysMergeAndCount(t *testing.T) {
	d := delaysOf(1, 2)
	d.Merge(Delays{2: 3, 5: 1})
	d.Add(7, 0)
	if d.Count() != 6 || d[2] != 4 || len(d) != 3 {
		t.Errorf("fusion : %v", d)
	}
	if m, _ := d.Median(); m != 2 {
		t.Errorf("médiane après fusion : %d", m)
	}
}

// The success rate counts the candidates who sat: absent ones are not presented.
func TestStatistics_SuccessRateLeavesAbsentOut(t *testing.T) {
	t0 := Tally{Validated: 33, NotValidated: 7, Absent: 10}
	if t0.Presented() != 40 || t0.Decided() != 50 {
		t.Errorf("présentés %d, décidés %d", t0.Presented(), t0.Decided())
	}
	if r, ok := t0.SuccessRate(); !ok || r != 0.825 || t0.SuccessRateText() != "82,5\u202f%" {
		t.Errorf("taux : %v %v %q", r, ok, t0.SuccessRateText())
	}
	if _, ok := (Tally{Absent: 3}).SuccessRate(); ok || (Tally{Absent: 3}).SuccessRateText() != "—" {
		t.Error("un taux sans présent")
	}
	for rate, want := range map[float64]string{1: "100\u202f%", 0: "0\u202f%", 2.0 / 3: "66,7\u202f%", 0.8: "80\u202f%"} {
		if got := FrenchPercent(rate); got != want {
			t.Errorf("FrenchPercent(%v) = %q, attendu %q", rate, got, want)
		}
	}
}

func TestStatistics_MedianDelayText(t *testing.T) {
	if got := (Tally{Delays: delaysOf(94)}).MedianDelayText(); got != "94 jours" {
		t.Errorf("%q", got)
	}
	if got := (Tally{Delays: delaysOf(1)}).MedianDelayText(); got != "1 jour" {
		t.Errorf("%q", got)
	}
	if got := (Tally{}).MedianDelayText(); got != "—" {
		t.Errorf("%q", got)
	}
	if !(Tally{}).Empty() || (Tally{Sessions: 1}).Empty() {
		t.Error("Empty")
	}
}
