package store

import (
	"slices"
	"testing"
	"time"

	"certibloc/internal/certif"
)

// TestDateColumnScansNullTextAndTime: a stored date reads back from NULL (the
// zero date), ISO text (a longer text keeps its day) or a DATE column's time.
func TestDateColumnScansNullTextAndTime(t *testing.T) {
	t.Parallel()
	var d certif.Date
	if err := (dateCol{&d}).Scan(time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)); err != nil || d.String() != "2026-06-01" {
		t.Errorf("Scan time : %v %v", d, err)
	}
	if err := (dateCol{&d}).Scan(nil); err != nil || !d.IsZero() {
		t.Errorf("Scan NULL : %v %v", d, err)
	}
	if err := (dateCol{&d}).Scan([]byte("2026-06-01T08:00:00Z")); err != nil || d.String() != "2026-06-01" {
		t.Errorf("Scan texte : %v %v", d, err)
	}
	if err := (dateCol{&d}).Scan(""); err == nil {
		t.Errorf("Scan texte vide accepté : %v", d)
	}
}

// TestDatesAreStoredAsISOTextOrNull: the helpers that run SQL store a date
// as ISO text and the zero date as NULL, and leave the caller's arguments as
// they are.
func TestDatesAreStoredAsISOTextOrNull(t *testing.T) {
	t.Parallel()
	args := []any{certif.MustDate("2026-06-01"), certif.Date{}, "2026-07", 3}
	got := dbArgs(args)
	if want := []any{"2026-06-01", nil, "2026-07", 3}; !slices.Equal(got, want) {
		t.Errorf("arguments stockés : %#v, attendu %#v", got, want)
	}
	if args[0] != certif.MustDate("2026-06-01") || args[1] != (certif.Date{}) {
		t.Errorf("arguments de l'appelant modifiés : %#v", args)
	}
}
