package web

// registrationAPIRoutes are the JSON API of candidates, registrations and
// "néant" declarations (issue 4).
func (s *Server) registrationAPIRoutes() []route {
	return nil
}
