package web

import "certibloc/internal/certif"

var (
	// censusReaders see pre-registrations and training sessions: the office
	// and the certifier everywhere, an employer its own only.
	censusReaders = []certif.Role{certif.RoleOffice, certif.RoleCertifier, certif.RoleEmployer}
	// censusDeciders confirm, correct or decline a pre-registration: the
	// employer, or the office for it.
	censusDeciders = []certif.Role{certif.RoleOffice, certif.RoleEmployer}
)

// censusRoutes are the pages of the Maladie census (R4), training plannings
// (R7), registration windows (R1) (issue 5). Employer-scoped routes take the
// employer from the principal: a pre-registration or session of another
// employer is not found.
func (s *Server) censusRoutes() []route {
	return []route{
		// Census of the Maladie branch (R4)
		{Route{Method: "GET", Path: "/recensement", Roles: office, Nav: "Recensement", Summary: "Recensement Maladie : import des informations de déploiement des formations (R4)"}, s.censusPage},
		{Route{Method: "GET", Path: "/recensement/modele.xlsx", Roles: office, File: true, Summary: "Modèle du fichier de recensement (Excel)"}, s.censusTemplateXLSX},
		{Route{Method: "GET", Path: "/recensement/modele.csv", Roles: office, File: true, Summary: "Modèle du fichier de recensement (CSV)"}, s.censusTemplate},
		{Route{Method: "POST", Path: "/recensement", Roles: office, Progress: true, Summary: "Déposer un fichier de recensement (aperçu)"}, s.censusPreview},
		{Route{Method: "POST", Path: "/recensement/{id}", Roles: office, Progress: true, Summary: "Valider l'import d'un fichier de recensement"}, s.censusCommit},
		{Route{Method: "GET", Path: "/pre-inscriptions", Roles: censusReaders, Scoped: true, Nav: "Pré-inscriptions", Summary: "Pré-inscriptions du recensement, à confirmer par l'employeur (R4)"}, s.preRegistrationsPage},
		{Route{Method: "GET", Path: "/pre-inscriptions/{id}", Roles: censusDeciders, Scoped: true, Summary: "Formulaire de correction d'une pré-inscription"}, s.preRegistrationForm},
		{Route{Method: "POST", Path: "/pre-inscriptions/{id}", Roles: censusDeciders, Scoped: true, Summary: "Corriger puis confirmer une pré-inscription"}, s.correctPreRegistration},
		{Route{Method: "POST", Path: "/pre-inscriptions/{id}/confirmation", Roles: censusDeciders, Scoped: true, Summary: "Confirmer une pré-inscription telle quelle"}, s.confirmPreRegistration},
		{Route{Method: "POST", Path: "/pre-inscriptions/{id}/refus", Roles: censusDeciders, Scoped: true, Summary: "Écarter une pré-inscription, avec son motif"}, s.declinePreRegistration},
		// Training plannings (R7)
		{Route{Method: "GET", Path: "/plannings", Roles: censusReaders, Scoped: true, Nav: "Plannings", Summary: "Plannings de formation et périodes de certification (R7)"}, s.planningsPage},
		{Route{Method: "POST", Path: "/plannings", Roles: office, Summary: "Enregistrer une session de formation"}, s.createPlanning},
		{Route{Method: "GET", Path: "/plannings/{id}", Roles: censusReaders, Scoped: true, Summary: "Détail d'une session de formation"}, s.planningPage},
		{Route{Method: "POST", Path: "/plannings/{id}", Roles: office, Summary: "Modifier une session de formation"}, s.updatePlanning},
		{Route{Method: "POST", Path: "/plannings/{id}/invitations", Roles: office, Summary: "Inviter les employeurs de la session à inscrire leurs candidats"}, s.invitePlanning},
		{Route{Method: "POST", Path: "/plannings/{id}/signalement", Roles: employers, Scoped: true, Summary: "Signaler à l'équipe des examens que nos candidats sont inscrits (Gestionnaire carrière)"}, s.notifyPlanning},
		// Registration windows (R1)
		{Route{Method: "GET", Path: "/fenetres", Roles: censusReaders, Scoped: true, Nav: "Fenêtres d'inscription", Summary: "Fenêtres d'inscription (modèle de campagne 2022, R1)"}, s.windowsPage},
		{Route{Method: "POST", Path: "/fenetres", Roles: office, Summary: "Ajouter ou modifier une fenêtre d'inscription"}, s.saveWindow},
		{Route{Method: "POST", Path: "/fenetres/{id}/suppression", Roles: office, Summary: "Supprimer une fenêtre d'inscription"}, s.deleteWindow},
	}
}
