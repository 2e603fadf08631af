package employers

import "certibloc/internal/web/kit"

// Routes are the employers' pages and API (issue 4). The office manages
// employers, the certifier reads them, an employer's HR sees only its own
// employer (taken from its account, never from the request) and keeps its HR
// contacts and sites with their opening hours (R18) up to date.
func (s *Area) Routes() []kit.Route {
	return []kit.Route{
		// Office and certifier pages
		{Method: "GET", Path: "/employeurs", Roles: kit.Staff, Nav: "Employeurs", Group: kit.GroupAdministration, Summary: "Employeurs (organismes), avec filtres", Handle: s.employersPage},
		{Method: "GET", Path: "/employeurs/nouveau", Roles: kit.Office, Summary: "Formulaire de nouvel employeur", Handle: s.newEmployerForm},
		{Method: "POST", Path: "/employeurs", Roles: kit.Office, Summary: "Créer un employeur", Handle: s.createEmployer},
		{Method: "GET", Path: "/employeurs/{code}", Roles: kit.Staff, Crumb: "Employeur", Summary: "Détail d'un employeur : contacts, sites et horaires, comptes", Handle: s.employerPage},
		{Method: "GET", Path: "/employeurs/{code}/modification", Roles: kit.Office, Summary: "Formulaire de modification d'un employeur", Handle: s.editEmployerForm},
		{Method: "POST", Path: "/employeurs/{code}", Roles: kit.Office, Summary: "Modifier un employeur", Handle: s.updateEmployer},
		// The employer's own space
		{Method: "GET", Path: "/mon-organisme", Roles: kit.Employer, Scoped: true, Nav: "Mon organisme", Group: kit.GroupAdministration, Summary: "Mon organisme : contacts RH, sites et horaires d'ouverture (R18)", Handle: s.ownEmployerPage},
		{Method: "POST", Path: "/mon-organisme/contacts", Roles: kit.Employer, Scoped: true, Summary: "Mettre à jour les adresses RH de mon organisme", Handle: s.saveOwnContacts},
		{Method: "POST", Path: "/mon-organisme/sites", Roles: kit.Employer, Scoped: true, Summary: "Ajouter ou modifier un site de mon organisme", Handle: s.saveOwnSite},
		{Method: "POST", Path: "/mon-organisme/sites/{id}/suppression", Roles: kit.Employer, Scoped: true, Summary: "Supprimer un site de mon organisme", Handle: s.deleteOwnSite},
		// API
		{Method: "GET", Path: "/api/v1/employers", Roles: kit.Readers, Scoped: true, API: true, Summary: "Employeurs (un employeur ne voit que le sien)", Handle: s.apiEmployers},
		{Method: "POST", Path: "/api/v1/employers", Roles: kit.Office, API: true, Summary: "Créer un employeur", Handle: s.apiCreateEmployer},
		{Method: "GET", Path: "/api/v1/employers/{code}", Roles: kit.Readers, Scoped: true, API: true, Summary: "Un employeur avec ses sites", Handle: s.apiEmployer},
		{Method: "PATCH", Path: "/api/v1/employers/{code}", Roles: kit.Registrars, Scoped: true, API: true, Summary: "Modifier un employeur (un employeur : ses adresses RH seulement)", Handle: s.apiPatchEmployer},
	}
}
