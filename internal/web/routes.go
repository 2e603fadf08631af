package web

import (
	"net/http"

	"certibloc/internal/certif"
)

// Route is one entry of the route table: who may call what.
type Route struct {
	Method string
	Path   string        // http.ServeMux pattern path, e.g. /referentiel/{code}
	Roles  []certif.Role // roles allowed; ignored when Public
	Public bool          // anyone, logged in or not
	Scoped bool          // employer-scoped: the employer comes from the principal, never the request
	API    bool          // JSON API route (bearer token or session)
	Nav    string        // label in the navigation, for GET pages
	File   bool          // answers a file to download, not a page
	// Progress marks long work (an import): it runs in the background and,
	// past a second, the browser follows its progress on /suivi/{id}.
	Progress bool
	Summary  string // French summary (OpenAPI, route list)
}

// Allows reports whether a principal may call the route.
func (r Route) Allows(p certif.Principal) bool {
	if r.Public {
		return true
	}
	return !p.Anonymous() && p.Is(r.Roles...)
}

type handlerFunc func(w http.ResponseWriter, r *http.Request) error

type route struct {
	Route
	handle handlerFunc
}

var (
	everyone = certif.Roles
	staff    = []certif.Role{certif.RoleOffice, certif.RoleCertifier}
	office   = []certif.Role{certif.RoleOffice}
)

// routeTable is the one place where routes are declared: one list per area,
// each route saying who may call it.
func (s *Server) routeTable() []route {
	var all []route
	for _, area := range [][]route{s.coreRoutes(), s.apiCoreRoutes(), s.employerRoutes(), s.registrationRoutes(), s.registrationAPIRoutes(),
		s.mailRoutes(), s.campaignsRoutes(), s.censusRoutes()} {
		all = append(all, area...)
	}
	return all
}

func (s *Server) coreRoutes() []route {
	return []route{
		// Pages
		{Route{Method: "GET", Path: "/{$}", Public: true, Nav: "Accueil", Summary: "Accueil selon le rôle"}, s.home},
		{Route{Method: "GET", Path: "/connexion", Public: true, Summary: "Formulaire de connexion"}, s.loginForm},
		{Route{Method: "POST", Path: "/connexion", Public: true, Summary: "Connexion"}, s.login},
		{Route{Method: "POST", Path: "/deconnexion", Roles: everyone, Summary: "Déconnexion"}, s.logout},
		{Route{Method: "GET", Path: "/suivi/{id}", Roles: everyone, Summary: "Avancement d'un traitement long (import), puis son résultat"}, s.jobPage},
		{Route{Method: "GET", Path: "/calendrier", Public: true, Nav: "Calendrier", Summary: "Calendrier des jurys et échéances"}, s.calendarPage},
		{Route{Method: "GET", Path: "/calendrier/gestion", Roles: office, Summary: "Gestion du calendrier"}, s.calendarAdmin},
		{Route{Method: "POST", Path: "/calendrier/jurys", Roles: office, Summary: "Ajouter ou modifier un jury national"}, s.saveJury},
		{Route{Method: "POST", Path: "/calendrier/jurys/{date}/suppression", Roles: office, Summary: "Supprimer un jury national"}, s.deleteJury},
		{Route{Method: "POST", Path: "/calendrier/campagnes", Roles: office, Summary: "Ajouter ou modifier une campagne de recueil"}, s.saveCampaign},
		{Route{Method: "POST", Path: "/calendrier/campagnes/{name}/suppression", Roles: office, Summary: "Supprimer une campagne de recueil"}, s.deleteCampaign},
		{Route{Method: "POST", Path: "/calendrier/mois-examen", Roles: office, Summary: "Mois d'examen d'une année"}, s.saveExamMonths},
		{Route{Method: "POST", Path: "/calendrier/feries-travailles", Roles: office, Summary: "Jours fériés travaillés"}, s.saveWorkedHolidays},
		{Route{Method: "POST", Path: "/calendrier/fermetures", Roles: office, Summary: "Ajouter un jour non ouvré"}, s.addClosedDay},
		{Route{Method: "POST", Path: "/calendrier/fermetures/{date}/suppression", Roles: office, Summary: "Retirer un jour non ouvré"}, s.removeClosedDay},
		{Route{Method: "GET", Path: "/referentiel", Public: true, Nav: "Référentiel", Summary: "Certifications et blocs de compétences"}, s.referentialPage},
		{Route{Method: "GET", Path: "/referentiel/nouvelle", Roles: office, Summary: "Formulaire de nouvelle certification"}, s.newQualificationForm},
		{Route{Method: "POST", Path: "/referentiel", Roles: office, Summary: "Créer une certification"}, s.createQualification},
		{Route{Method: "GET", Path: "/referentiel/{code}", Public: true, Summary: "Détail d'une certification"}, s.qualificationPage},
		{Route{Method: "GET", Path: "/referentiel/{code}/modification", Roles: office, Summary: "Formulaire de modification d'une certification"}, s.editQualificationForm},
		{Route{Method: "POST", Path: "/referentiel/{code}", Roles: office, Summary: "Modifier une certification"}, s.updateQualification},
		{Route{Method: "POST", Path: "/referentiel/branches/{code}", Roles: office, Summary: "Modifier une branche"}, s.saveBranch},
		{Route{Method: "GET", Path: "/comptes", Roles: office, Nav: "Comptes", Summary: "Comptes utilisateurs"}, s.usersPage},
		{Route{Method: "POST", Path: "/comptes", Roles: office, Summary: "Créer un compte"}, s.createUser},
		{Route{Method: "POST", Path: "/comptes/{id}/activation", Roles: office, Summary: "Activer ou désactiver un compte"}, s.toggleUser},
		{Route{Method: "GET", Path: "/journal", Roles: staff, Nav: "Journal", Summary: "Journal des modifications"}, s.auditPage},
		{Route{Method: "GET", Path: "/compte", Roles: everyone, Nav: "Mon compte", Summary: "Mon compte"}, s.accountPage},
		{Route{Method: "POST", Path: "/compte/mot-de-passe", Roles: everyone, Summary: "Changer mon mot de passe"}, s.changePassword},
		{Route{Method: "POST", Path: "/compte/jetons", Roles: everyone, Summary: "Créer un jeton d'API"}, s.createToken},
		{Route{Method: "POST", Path: "/compte/jetons/{id}/revocation", Roles: everyone, Summary: "Révoquer un jeton d'API"}, s.revokeToken},
		{Route{Method: "GET", Path: "/healthz", Public: true, Summary: "État de santé (base de données)"}, s.healthz},
	}
}

func (s *Server) apiCoreRoutes() []route {
	return []route{
		{Route{Method: "GET", Path: "/api/v1/openapi.json", Public: true, API: true, Summary: "Description OpenAPI 3.1 de l'API"}, s.apiOpenAPI},
		{Route{Method: "GET", Path: "/api/v1/me", Roles: everyone, API: true, Summary: "Le compte appelant"}, s.apiMe},
		{Route{Method: "GET", Path: "/api/v1/branches", Public: true, API: true, Summary: "Branches"}, s.apiBranches},
		{Route{Method: "GET", Path: "/api/v1/qualifications", Public: true, API: true, Summary: "Certifications avec leurs blocs"}, s.apiQualifications},
		{Route{Method: "GET", Path: "/api/v1/qualifications/{code}", Public: true, API: true, Summary: "Une certification avec ses blocs"}, s.apiQualification},
		{Route{Method: "GET", Path: "/api/v1/calendar/{year}", Public: true, API: true, Summary: "Calendrier d'une année"}, s.apiCalendar},
		{Route{Method: "PUT", Path: "/api/v1/calendar/national-juries/{date}", Roles: office, API: true, Summary: "Ajouter ou modifier un jury national"}, s.apiPutJury},
		{Route{Method: "GET", Path: "/api/v1/audit", Roles: staff, API: true, Summary: "Journal des modifications"}, s.apiAudit},
	}
}
