package web

// registrationRoutes are the candidates' and registrations' pages and API (issue 4).
func (s *Server) registrationRoutes() []route {
	return nil
}
