package web

import "certibloc/internal/certif"

var (
	// apiRegReaders read candidates, registrations and "néant" declarations:
	// the office and the certifier everywhere, an employer its own only.
	apiRegReaders = []certif.Role{certif.RoleOffice, certif.RoleCertifier, certif.RoleEmployer}
	// apiRegWriters create, change and delete them (the certifier only reads).
	apiRegWriters = []certif.Role{certif.RoleOffice, certif.RoleEmployer}
)

// registrationAPIRoutes are the JSON API of candidates, registrations and
// "néant" declarations (issue 4). Every route is employer-scoped: the employer
// comes from the caller's account, and what belongs to another employer is not
// found (404). Jury members and candidates get 403 on all of them.
func (s *Server) registrationAPIRoutes() []route {
	return []route{
		{Route{Method: "GET", Path: "/api/v1/candidates", Roles: apiRegReaders, Scoped: true, API: true, Summary: "Candidats (un employeur ne voit que les siens), filtres et pagination"}, s.apiCandidateList},
		{Route{Method: "POST", Path: "/api/v1/candidates", Roles: apiRegWriters, Scoped: true, API: true, Summary: "Créer un candidat (identité vérifiée, R16)"}, s.apiCandidateCreate},
		{Route{Method: "GET", Path: "/api/v1/candidates/{id}", Roles: apiRegReaders, Scoped: true, API: true, Summary: "Un candidat, avec son nom tel qu'imprimé (R16)"}, s.apiCandidateGet},
		{Route{Method: "PATCH", Path: "/api/v1/candidates/{id}", Roles: apiRegWriters, Scoped: true, API: true, Summary: "Corriger l'identité d'un candidat (mise à jour partielle, tracée)"}, s.apiCandidatePatch},
		{Route{Method: "DELETE", Path: "/api/v1/candidates/{id}", Roles: apiRegWriters, Scoped: true, API: true, Summary: "Supprimer un candidat sans inscription (suppression logique)"}, s.apiCandidateDelete},
		{Route{Method: "GET", Path: "/api/v1/candidates/{id}/history", Roles: apiRegReaders, Scoped: true, API: true, Summary: "Historique des modifications d'un candidat et de ses inscriptions (R20)"}, s.apiCandidateHistory},
		{Route{Method: "GET", Path: "/api/v1/registrations", Roles: apiRegReaders, Scoped: true, API: true, Summary: "Inscriptions (un employeur ne voit que les siennes), filtres, tri et pagination"}, s.apiRegistrationList},
		{Route{Method: "POST", Path: "/api/v1/registrations", Roles: apiRegWriters, Scoped: true, API: true, Summary: "Inscrire un candidat à un CQP (R2, R3, R6, R15, R19)"}, s.apiRegistrationCreate},
		{Route{Method: "GET", Path: "/api/v1/registrations/{id}", Roles: apiRegReaders, Scoped: true, API: true, Summary: "Une inscription, ses blocs et leur éligibilité (R8)"}, s.apiRegistrationGet},
		{Route{Method: "PATCH", Path: "/api/v1/registrations/{id}", Roles: apiRegWriters, Scoped: true, API: true, Summary: "Modifier une inscription (mise à jour partielle, R20)"}, s.apiRegistrationPatch},
		{Route{Method: "DELETE", Path: "/api/v1/registrations/{id}", Roles: apiRegWriters, Scoped: true, API: true, Summary: "Supprimer une inscription (suppression logique, R20)"}, s.apiRegistrationDelete},
		{Route{Method: "GET", Path: "/api/v1/employers/{code}/nil-declarations", Roles: apiRegReaders, Scoped: true, API: true, Summary: "Déclarations « néant » d'un employeur (R17)"}, s.apiNilDeclarationList},
		{Route{Method: "POST", Path: "/api/v1/employers/{code}/nil-declarations", Roles: apiRegWriters, Scoped: true, API: true, Summary: "Déclarer « néant » pour une période (R17)"}, s.apiNilDeclarationCreate},
	}
}
