package planner

// halfSet is a set of half-day numbers, dense: one bit a half-day from base
// (a multiple of 64). A member's availability and the half-days a member sits
// are read for every half-day a session might take, so a bit test, not a map.
type halfSet struct {
	base  int
	words []uint64
}

// has says whether hd is in the set.
func (s *halfSet) has(hd int) bool {
	i := hd - s.base
	if i < 0 || i>>6 >= len(s.words) {
		return false
	}
	return s.words[i>>6]&(1<<(i&63)) != 0
}

// set puts hd in the set, or takes it out; the set grows as it must.
func (s *halfSet) set(hd int, in bool) {
	if !in {
		if s.has(hd) {
			i := hd - s.base
			s.words[i>>6] &^= 1 << (i & 63)
		}
		return
	}
	if len(s.words) == 0 {
		s.base, s.words = floor64(hd), make([]uint64, 1)
	}
	if hd < s.base {
		grow := (s.base - floor64(hd)) >> 6
		s.words = append(make([]uint64, grow, grow+len(s.words)), s.words...)
		s.base -= grow << 6
	}
	i := hd - s.base
	for i>>6 >= len(s.words) {
		s.words = append(s.words, 0)
	}
	s.words[i>>6] |= 1 << (i & 63)
}

// floor64 is the largest multiple of 64 not above n.
func floor64(n int) int { return n &^ 63 }
