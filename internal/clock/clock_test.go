package clock

import (
	"testing"
	"time"
)

func TestTodayIsInjectableAndParisBased(t *testing.T) {
	c, err := New("2026-06-01")
	if err != nil || c.Today().String() != "2026-06-01" || !c.IsFixed() {
		t.Fatalf("date fixée : %v %v", c, err)
	}
	if _, err := New("01/06/2026"); err == nil {
		t.Error("format non ISO accepté pour --today")
	}
	c, _ = New("")
	// 23:30 UTC on 31 December is already 1 January in Paris.
	c.now = func() time.Time { return time.Date(2026, 12, 31, 23, 30, 0, 0, time.UTC) }
	if got := c.Today().String(); got != "2027-01-01" {
		t.Errorf("date du jour à Paris : %s", got)
	}
	if c.Now().Location() != time.UTC {
		t.Error("les horodatages doivent être en UTC")
	}
	if got := FormatParis(time.Date(2026, 7, 1, 12, 5, 0, 0, time.UTC)); got != "01/07/2026 à 14 h 05" {
		t.Errorf("affichage heure de Paris : %q", got)
	}
}

// TestTimestampsFollowTheFixedDate: with --today, timestamps fall on that
// day at the real time of day in Paris (a table sent, then returned, stays in
// order); without it, they are the real instant.
func TestTimestampsFollowTheFixedDate(t *testing.T) {
	c, _ := New("2026-03-02")
	c.now = func() time.Time { return time.Date(2026, 12, 1, 13, 5, 7, 0, time.UTC) } // 14:05:07 in Paris
	if got, want := c.Now(), time.Date(2026, 3, 2, 13, 5, 7, 0, time.UTC); !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("horodatage du 02/03/2026 : %v, %v attendu", got, want)
	}
	c.now = func() time.Time { return time.Date(2026, 12, 1, 23, 30, 0, 0, time.UTC) } // 00:30 on 2 December in Paris
	if got := FormatParis(c.Now()); got != "02/03/2026 à 0 h 30" {
		t.Errorf("juste après minuit à Paris : %s", got)
	}
	c, _ = New("2026-07-14") // summer time: UTC+2
	c.now = func() time.Time { return time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC) }
	if got := FormatParis(c.Now()); got != "14/07/2026 à 10 h" {
		t.Errorf("heure de Paris conservée en été : %s", got)
	}
	real, _ := New("")
	if d := time.Since(real.Now()); d < 0 || d > time.Minute {
		t.Errorf("sans date fixée, l'instant réel : %v d'écart", d)
	}
}
