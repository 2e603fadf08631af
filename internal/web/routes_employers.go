package web

import "certibloc/internal/certif"

var (
	employerOnly  = []certif.Role{certif.RoleEmployer}
	staffEmployer = []certif.Role{certif.RoleOffice, certif.RoleCertifier, certif.RoleEmployer}
	officeEmpl    = []certif.Role{certif.RoleOffice, certif.RoleEmployer}
)

// employerRoutes are the employers' pages and API (issue 4). The office manages
// employers, the certifier reads them, an employer's HR sees only its own
// employer (taken from its account, never from the request) and keeps its HR
// contacts and sites with their opening hours (R18) up to date.
func (s *Server) employerRoutes() []route {
	return []route{
		// Office and certifier pages
		{Route{Method: "GET", Path: "/employeurs", Roles: staff, Nav: "Employeurs", Summary: "Employeurs (organismes), avec filtres"}, s.employersPage},
		{Route{Method: "GET", Path: "/employeurs/nouveau", Roles: office, Summary: "Formulaire de nouvel employeur"}, s.newEmployerForm},
		{Route{Method: "POST", Path: "/employeurs", Roles: office, Summary: "Créer un employeur"}, s.createEmployer},
		{Route{Method: "GET", Path: "/employeurs/{code}", Roles: staff, Summary: "Détail d'un employeur : contacts, sites et horaires, comptes"}, s.employerPage},
		{Route{Method: "GET", Path: "/employeurs/{code}/modification", Roles: office, Summary: "Formulaire de modification d'un employeur"}, s.editEmployerForm},
		{Route{Method: "POST", Path: "/employeurs/{code}", Roles: office, Summary: "Modifier un employeur"}, s.updateEmployer},
		// The employer's own space
		{Route{Method: "GET", Path: "/mon-organisme", Roles: employerOnly, Scoped: true, Nav: "Mon organisme", Summary: "Mon organisme : contacts RH, sites et horaires d'ouverture (R18)"}, s.ownEmployerPage},
		{Route{Method: "POST", Path: "/mon-organisme/contacts", Roles: employerOnly, Scoped: true, Summary: "Mettre à jour les adresses RH de mon organisme"}, s.saveOwnContacts},
		{Route{Method: "POST", Path: "/mon-organisme/sites", Roles: employerOnly, Scoped: true, Summary: "Ajouter ou modifier un site de mon organisme"}, s.saveOwnSite},
		{Route{Method: "POST", Path: "/mon-organisme/sites/{id}/suppression", Roles: employerOnly, Scoped: true, Summary: "Supprimer un site de mon organisme"}, s.deleteOwnSite},
		// API
		{Route{Method: "GET", Path: "/api/v1/employers", Roles: staffEmployer, Scoped: true, API: true, Summary: "Employeurs (un employeur ne voit que le sien)"}, s.apiEmployers},
		{Route{Method: "POST", Path: "/api/v1/employers", Roles: office, API: true, Summary: "Créer un employeur"}, s.apiCreateEmployer},
		{Route{Method: "GET", Path: "/api/v1/employers/{code}", Roles: staffEmployer, Scoped: true, API: true, Summary: "Un employeur avec ses sites"}, s.apiEmployer},
		{Route{Method: "PATCH", Path: "/api/v1/employers/{code}", Roles: officeEmpl, Scoped: true, API: true, Summary: "Modifier un employeur (un employeur : ses adresses RH seulement)"}, s.apiPatchEmployer},
	}
}
