package web

import "certibloc/internal/certif"

var (
	registrars = []certif.Role{certif.RoleOffice, certif.RoleEmployer}                       // register and change
	readers    = []certif.Role{certif.RoleOffice, certif.RoleCertifier, certif.RoleEmployer} // read candidates' files
	candidates = []certif.Role{certif.RoleCandidate}
	employers  = []certif.Role{certif.RoleEmployer}
)

// registrationRoutes are the candidates' and registrations' pages (issue 4).
// Employer-scoped routes take the employer from the principal.
func (s *Server) registrationRoutes() []route {
	return []route{
		{Route{Method: "GET", Path: "/candidats", Roles: readers, Scoped: true, Nav: "Candidats", Summary: "Liste des candidats"}, s.candidatesPage},
		{Route{Method: "GET", Path: "/candidats/nouveau", Roles: registrars, Scoped: true, Summary: "Formulaire de nouveau candidat"}, s.newCandidateForm},
		{Route{Method: "POST", Path: "/candidats", Roles: registrars, Scoped: true, Summary: "Créer un candidat"}, s.createCandidate},
		{Route{Method: "GET", Path: "/candidats/doublons", Roles: office, Summary: "Doublons possibles entre employeurs"}, s.duplicatesPage},
		{Route{Method: "POST", Path: "/candidats/fusion", Roles: office, Summary: "Fusionner deux candidats"}, s.mergeCandidates},
		{Route{Method: "GET", Path: "/candidats/{id}", Roles: readers, Scoped: true, Summary: "Dossier d'un candidat"}, s.candidatePage},
		{Route{Method: "GET", Path: "/candidats/{id}/modification", Roles: registrars, Scoped: true, Summary: "Formulaire de correction d'identité"}, s.editCandidateForm},
		{Route{Method: "POST", Path: "/candidats/{id}", Roles: registrars, Scoped: true, Summary: "Corriger l'identité d'un candidat"}, s.updateCandidate},
		{Route{Method: "POST", Path: "/candidats/{id}/suppression", Roles: registrars, Scoped: true, Summary: "Supprimer un candidat"}, s.deleteCandidate},
		{Route{Method: "POST", Path: "/candidats/{id}/transfert", Roles: office, Summary: "Rattacher un candidat à un autre employeur"}, s.transferCandidate},
		{Route{Method: "POST", Path: "/candidats/{id}/blocs-valides", Roles: office, Summary: "Enregistrer un bloc validé avant la plateforme"}, s.recordPriorValidation},
		{Route{Method: "GET", Path: "/candidats/{id}/inscriptions/nouvelle", Roles: registrars, Scoped: true, Summary: "Formulaire d'inscription"}, s.newRegistrationForm},
		{Route{Method: "POST", Path: "/candidats/{id}/inscriptions", Roles: registrars, Scoped: true, Summary: "Inscrire un candidat"}, s.createRegistration},
		{Route{Method: "GET", Path: "/inscriptions", Roles: readers, Scoped: true, Nav: "Inscriptions", Summary: "Liste des inscriptions, export XLSX et CSV"}, s.registrationsPage},
		{Route{Method: "GET", Path: "/inscriptions/{id}", Roles: readers, Scoped: true, Summary: "Détail d'une inscription"}, s.registrationPage},
		{Route{Method: "GET", Path: "/inscriptions/{id}/modification", Roles: registrars, Scoped: true, Summary: "Formulaire de modification d'inscription"}, s.editRegistrationForm},
		{Route{Method: "POST", Path: "/inscriptions/{id}", Roles: registrars, Scoped: true, Summary: "Modifier une inscription"}, s.updateRegistration},
		{Route{Method: "POST", Path: "/inscriptions/{id}/suppression", Roles: registrars, Scoped: true, Summary: "Supprimer une inscription"}, s.deleteRegistration},
		{Route{Method: "GET", Path: "/imports", Roles: employers, Scoped: true, Summary: "Import d'un fichier d'inscriptions"}, s.importForm},
		{Route{Method: "POST", Path: "/imports", Roles: employers, Scoped: true, Progress: true, Summary: "Déposer un fichier d'inscriptions (aperçu)"}, s.importPreview},
		{Route{Method: "POST", Path: "/imports/{id}", Roles: employers, Scoped: true, Progress: true, Summary: "Valider l'import d'un fichier"}, s.importCommit},
		{Route{Method: "GET", Path: "/imports/modele.xlsx", Roles: registrars, File: true, Summary: "Modèle de fichier d'inscriptions (Excel)"}, s.importTemplateXLSX},
		{Route{Method: "GET", Path: "/imports/modele.csv", Roles: registrars, File: true, Summary: "Modèle de fichier d'inscriptions (CSV)"}, s.importTemplateCSV},
		{Route{Method: "GET", Path: "/neant", Roles: readers, Scoped: true, Nav: "Néant", Summary: "Déclarations « néant »"}, s.nilPage},
		{Route{Method: "POST", Path: "/neant", Roles: employers, Scoped: true, Summary: "Déclarer « néant » pour une période"}, s.declareNil},
		{Route{Method: "POST", Path: "/mon-identite/signalement", Roles: candidates, Summary: "Signaler une erreur d'identité"}, s.reportIdentity},
	}
}
