package web

// HoldJobs makes the background jobs started from now on wait before each
// line they count until release is called, so that a test sees them under way.
func (s *Server) HoldJobs() (release func()) {
	ch := make(chan struct{})
	s.jobs.mu.Lock()
	s.jobs.hold = ch
	s.jobs.mu.Unlock()
	return func() {
		s.jobs.mu.Lock()
		s.jobs.hold = nil
		s.jobs.mu.Unlock()
		close(ch)
	}
}
