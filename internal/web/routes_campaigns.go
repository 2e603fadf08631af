package web

// campaignsRoutes are the pages and API of the collection campaigns and tables, deadlines board (R5, R18, issue 5).
func (s *Server) campaignsRoutes() []route {
	return nil
}
