package web

// censusRoutes are the pages and API of the Maladie census (R4), training plannings (R7), registration windows (R1) (issue 5).
func (s *Server) censusRoutes() []route {
	return nil
}
