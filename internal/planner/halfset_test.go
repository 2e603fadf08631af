package planner

import "testing"

func TestHalfSetHoldsWhatIsSetAnywhere(t *testing.T) {
	var s halfSet
	in := []int{40000, 39000, 41000, 40063, 40064, -5, 0}
	for _, hd := range in {
		s.set(hd, true)
	}
	for _, hd := range in {
		if !s.has(hd) {
			t.Errorf("%d absent", hd)
		}
	}
	for _, hd := range []int{40001, 38999, 41001, -6, 1, 100000} {
		if s.has(hd) {
			t.Errorf("%d présent", hd)
		}
	}
	s.set(40000, false)
	s.set(12345, false)
	if s.has(40000) || !s.has(39000) {
		t.Error("retrait : mauvais demi-jour")
	}
}
