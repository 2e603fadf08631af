package web

import (
	"certibloc/internal/web/accounts"
	"certibloc/internal/web/accrochage"
	"certibloc/internal/web/calendars"
	"certibloc/internal/web/campaigns"
	"certibloc/internal/web/censuses"
	"certibloc/internal/web/certificates"
	"certibloc/internal/web/employers"
	"certibloc/internal/web/evaluations"
	"certibloc/internal/web/home"
	"certibloc/internal/web/juries"
	"certibloc/internal/web/kit"
	"certibloc/internal/web/national"
	"certibloc/internal/web/outbox"
	"certibloc/internal/web/referential"
	"certibloc/internal/web/registrations"
	"certibloc/internal/web/sessions"
	"certibloc/internal/web/statistics"
)

// Route is one entry of the route table: who may call what.
type Route = kit.Route

// area is a room of the interface: its handlers, templates and routes.
type area interface{ Routes() []kit.Route }

// routeTable is the one route table: the server's own routes, then each
// area's, in the order the navigation lists them. Every route says who may
// call it.
func (s *Server) routeTable(site *kit.Site) ([]kit.Route, error) {
	regs, err := registrations.New(site)
	if err != nil {
		return nil, err
	}
	homePage, err := home.New(site, regs)
	if err != nil {
		return nil, err
	}
	areas := []area{homePage}
	for _, build := range []func(*kit.Site) (area, error){
		func(site *kit.Site) (area, error) { return calendars.New(site) },
		func(site *kit.Site) (area, error) { return referential.New(site) },
		func(site *kit.Site) (area, error) { return accounts.New(site) },
		func(site *kit.Site) (area, error) { return employers.New(site) },
		func(*kit.Site) (area, error) { return regs, nil },
		func(site *kit.Site) (area, error) { return outbox.New(site) },
		func(site *kit.Site) (area, error) { return campaigns.New(site) },
		func(site *kit.Site) (area, error) { return censuses.New(site) },
		func(site *kit.Site) (area, error) { return juries.New(site) },
		func(site *kit.Site) (area, error) { return sessions.New(site) },
		func(site *kit.Site) (area, error) { return national.New(site) },
		func(site *kit.Site) (area, error) { return certificates.New(site) },
		func(site *kit.Site) (area, error) { return accrochage.New(site) },
		func(site *kit.Site) (area, error) { return evaluations.New(site) },
		func(site *kit.Site) (area, error) { return statistics.New(site) },
	} {
		a, err := build(site)
		if err != nil {
			return nil, err
		}
		areas = append(areas, a)
	}
	all := s.coreRoutes()
	for _, a := range areas {
		all = append(all, a.Routes()...)
	}
	return all, nil
}

// coreRoutes are the server's own: the progress of long work, health, the OpenAPI document.
func (s *Server) coreRoutes() []kit.Route {
	return []kit.Route{
		{Method: "GET", Path: "/suivi/{id}", Roles: kit.Everyone, Scoped: true, Summary: "Avancement d'un traitement long (import), puis son résultat", Handle: s.jobPage},
		{Method: "GET", Path: "/healthz", Public: true, Summary: "État de santé (base de données)", Handle: s.healthz},
		{Method: "GET", Path: "/api/v1/openapi.json", Public: true, API: true, Summary: "Description OpenAPI 3.1 de l'API", Handle: s.apiOpenAPI},
	}
}
