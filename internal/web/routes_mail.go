package web

// mailRoutes are the pages and API of the outbound mail: delivery status, invitations, password reset (issue 5).
func (s *Server) mailRoutes() []route {
	return nil
}
