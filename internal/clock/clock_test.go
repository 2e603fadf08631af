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
