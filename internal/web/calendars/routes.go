package calendars

import "certibloc/internal/web/kit"

// Routes lists the pages and API routes of the area.
func (s *Area) Routes() []kit.Route {
	return []kit.Route{
		{Method: "GET", Path: "/calendrier", Public: true, Nav: "Calendrier", Group: kit.GroupReferential, Summary: "Calendrier des jurys et échéances", Handle: s.calendarPage},
		{Method: "GET", Path: "/calendrier/gestion", Roles: kit.Office, Summary: "Gestion du calendrier", Handle: s.calendarAdmin},
		{Method: "POST", Path: "/calendrier/jurys", Roles: kit.Office, Summary: "Ajouter ou modifier un jury national", Handle: s.saveJury},
		{Method: "POST", Path: "/calendrier/jurys/{date}/suppression", Roles: kit.Office, Summary: "Supprimer un jury national", Handle: s.deleteJury},
		{Method: "POST", Path: "/calendrier/campagnes", Roles: kit.Office, Summary: "Ajouter ou modifier une campagne de recueil", Handle: s.saveCampaign},
		{Method: "POST", Path: "/calendrier/campagnes/{name}/suppression", Roles: kit.Office, Summary: "Supprimer une campagne de recueil", Handle: s.deleteCampaign},
		{Method: "POST", Path: "/calendrier/mois-examen", Roles: kit.Office, Summary: "Mois d'examen d'une année", Handle: s.saveExamMonths},
		{Method: "POST", Path: "/calendrier/feries-travailles", Roles: kit.Office, Summary: "Jours fériés travaillés", Handle: s.saveWorkedHolidays},
		{Method: "POST", Path: "/calendrier/fermetures", Roles: kit.Office, Summary: "Ajouter un jour non ouvré", Handle: s.addClosedDay},
		{Method: "POST", Path: "/calendrier/fermetures/{date}/suppression", Roles: kit.Office, Summary: "Retirer un jour non ouvré", Handle: s.removeClosedDay},
		{Method: "GET", Path: "/api/v1/calendar/{year}", Public: true, API: true, Summary: "Calendrier d'une année", Handle: s.apiCalendar},
		{Method: "PUT", Path: "/api/v1/calendar/national-juries/{date}", Roles: kit.Office, API: true, Summary: "Ajouter ou modifier un jury national", Handle: s.apiPutJury},
	}
}
