package home

import "certibloc/internal/web/kit"

// Routes lists the pages and API routes of the area.
func (s *Area) Routes() []kit.Route {
	return []kit.Route{
		{Method: "GET", Path: "/{$}", Public: true, Nav: "À faire", NavPublic: "Accueil", Group: kit.GroupTodo, Summary: "Accueil selon le rôle", Handle: s.home},
	}
}
