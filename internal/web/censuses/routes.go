package censuses

import (
	"certibloc/internal/certif"
	"certibloc/internal/web/kit"
)

// Routes are the pages of the Maladie census (R4), training plannings
// (R7), registration windows (R1) (issue 5). Employer-scoped routes take the
// employer from the principal: a pre-registration or session of another
// employer is not found.
func (s *Area) Routes() []kit.Route {
	return []kit.Route{
		// Census of the Maladie branch (R4)
		{Method: "GET", Path: "/recensement", Roles: kit.Office, Nav: "Recensement", Group: kit.GroupCollection, Summary: "Recensement Maladie : import des informations de déploiement des formations (R4)", Handle: s.censusPage},
		{Method: "GET", Path: "/recensement/modele.xlsx", Roles: kit.Office, File: true, Summary: "Modèle du fichier de recensement (Excel)", Handle: s.censusTemplateXLSX},
		{Method: "GET", Path: "/recensement/modele.csv", Roles: kit.Office, File: true, Summary: "Modèle du fichier de recensement (CSV)", Handle: s.censusTemplate},
		{Method: "POST", Path: "/recensement", Roles: kit.Office, Progress: true, Summary: "Déposer un fichier de recensement (aperçu)", Handle: s.censusPreview},
		{Method: "POST", Path: "/recensement/{id}", Roles: kit.Office, Progress: true, Summary: "Valider l'import d'un fichier de recensement", Handle: s.censusCommit},
		{Method: "GET", Path: "/pre-inscriptions", Roles: kit.Readers, Scoped: true, Nav: "Pré-inscriptions", Group: kit.GroupCollection, Intake: certif.RouteCensus, Summary: "Pré-inscriptions du recensement, à confirmer par l'employeur (R4)", Handle: s.preRegistrationsPage},
		{Method: "GET", Path: "/pre-inscriptions/{id}", Roles: kit.Registrars, Scoped: true, Summary: "Formulaire de correction d'une pré-inscription", Handle: s.preRegistrationForm},
		{Method: "POST", Path: "/pre-inscriptions/{id}", Roles: kit.Registrars, Scoped: true, Summary: "Corriger puis confirmer une pré-inscription", Handle: s.correctPreRegistration},
		{Method: "POST", Path: "/pre-inscriptions/{id}/confirmation", Roles: kit.Registrars, Scoped: true, Summary: "Confirmer une pré-inscription telle quelle", Handle: s.confirmPreRegistration},
		{Method: "POST", Path: "/pre-inscriptions/{id}/refus", Roles: kit.Registrars, Scoped: true, Summary: "Écarter une pré-inscription, avec son motif", Handle: s.declinePreRegistration},
		// Training plannings (R7)
		{Method: "GET", Path: "/plannings", Roles: kit.Readers, Scoped: true, Nav: "Plannings", Group: kit.GroupCollection, Intake: certif.RouteTrainingPlanning, Summary: "Plannings de formation et périodes de certification (R7)", Handle: s.planningsPage},
		{Method: "POST", Path: "/plannings", Roles: kit.Office, Summary: "Enregistrer une session de formation", Handle: s.createPlanning},
		{Method: "GET", Path: "/plannings/{id}", Roles: kit.Readers, Scoped: true, Summary: "Détail d'une session de formation", Handle: s.planningPage},
		{Method: "POST", Path: "/plannings/{id}", Roles: kit.Office, Summary: "Modifier une session de formation", Handle: s.updatePlanning},
		{Method: "POST", Path: "/plannings/{id}/invitations", Roles: kit.Office, Summary: "Inviter les employeurs de la session à inscrire leurs candidats", Handle: s.invitePlanning},
		{Method: "POST", Path: "/plannings/{id}/signalement", Roles: kit.Employer, Scoped: true, Summary: "Signaler à l'équipe des examens que nos candidats sont inscrits (Gestionnaire carrière)", Handle: s.notifyPlanning},
		// Registration windows (R1)
		{Method: "GET", Path: "/fenetres", Roles: kit.Readers, Scoped: true, Nav: "Fenêtres d'inscription", Group: kit.GroupCollection, Summary: "Fenêtres d'inscription (modèle de campagne 2022, R1)", Handle: s.windowsPage},
		{Method: "POST", Path: "/fenetres", Roles: kit.Office, Summary: "Ajouter ou modifier une fenêtre d'inscription", Handle: s.saveWindow},
		{Method: "POST", Path: "/fenetres/{id}/suppression", Roles: kit.Office, Summary: "Supprimer une fenêtre d'inscription", Handle: s.deleteWindow},
	}
}
