package web

// employerRoutes are the employers' pages and API (issue 4).
func (s *Server) employerRoutes() []route {
	return nil
}
