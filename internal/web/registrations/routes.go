package registrations

import "certibloc/internal/web/kit"

// pageRoutes are the candidates' and registrations' pages (issue 4).
// Employer-scoped routes take the employer from the principal.
func (s *Area) pageRoutes() []kit.Route {
	return []kit.Route{
		{Method: "GET", Path: "/candidats", Roles: kit.Readers, Scoped: true, Nav: "Candidats", Group: kit.GroupRegistrations, Summary: "Liste des candidats", Handle: s.candidatesPage},
		{Method: "GET", Path: "/candidats/nouveau", Roles: kit.Registrars, Scoped: true, Summary: "Formulaire de nouveau candidat", Handle: s.newCandidateForm},
		{Method: "POST", Path: "/candidats", Roles: kit.Registrars, Scoped: true, Summary: "Créer un candidat", Handle: s.createCandidate},
		{Method: "GET", Path: "/communes", Roles: kit.Registrars, File: true, Summary: "Communes du Code officiel géographique dont le code ou le nom commence par q (JSON)", Handle: s.communesLookup},
		{Method: "GET", Path: "/candidats/doublons", Roles: kit.Office, Summary: "Doublons possibles entre employeurs", Handle: s.duplicatesPage},
		{Method: "POST", Path: "/candidats/fusion", Roles: kit.Office, Summary: "Fusionner deux candidats", Handle: s.mergeCandidates},
		{Method: "GET", Path: "/candidats/{id}", Roles: kit.Readers, Scoped: true, Crumb: "Candidat", Summary: "Dossier d'un candidat", Handle: s.candidatePage},
		{Method: "GET", Path: "/candidats/{id}/modification", Roles: kit.Registrars, Scoped: true, Summary: "Formulaire de correction d'identité", Handle: s.editCandidateForm},
		{Method: "POST", Path: "/candidats/{id}", Roles: kit.Registrars, Scoped: true, Summary: "Corriger l'identité d'un candidat", Handle: s.updateCandidate},
		{Method: "POST", Path: "/candidats/{id}/suppression", Roles: kit.Registrars, Scoped: true, Summary: "Supprimer un candidat", Handle: s.deleteCandidate},
		{Method: "POST", Path: "/candidats/{id}/transfert", Roles: kit.Office, Summary: "Rattacher un candidat à un autre employeur", Handle: s.transferCandidate},
		{Method: "POST", Path: "/candidats/{id}/blocs-valides", Roles: kit.Office, Summary: "Enregistrer un bloc validé avant la plateforme", Handle: s.recordPriorValidation},
		{Method: "GET", Path: "/candidats/{id}/inscriptions/nouvelle", Roles: kit.Registrars, Scoped: true, Summary: "Formulaire d'inscription", Handle: s.newRegistrationForm},
		{Method: "POST", Path: "/candidats/{id}/inscriptions", Roles: kit.Registrars, Scoped: true, Summary: "Inscrire un candidat", Handle: s.createRegistration},
		{Method: "GET", Path: "/inscriptions", Roles: kit.Readers, Scoped: true, Nav: "Inscriptions", Group: kit.GroupRegistrations, Summary: "Liste des inscriptions, export XLSX et CSV", Handle: s.registrationsPage},
		{Method: "GET", Path: "/inscriptions/{id}", Roles: kit.Readers, Scoped: true, Crumb: "Inscription", Summary: "Détail d'une inscription", Handle: s.registrationPage},
		{Method: "GET", Path: "/inscriptions/{id}/modification", Roles: kit.Registrars, Scoped: true, Summary: "Formulaire de modification d'inscription", Handle: s.editRegistrationForm},
		{Method: "POST", Path: "/inscriptions/{id}", Roles: kit.Registrars, Scoped: true, Summary: "Modifier une inscription", Handle: s.updateRegistration},
		{Method: "POST", Path: "/inscriptions/{id}/suppression", Roles: kit.Registrars, Scoped: true, Summary: "Supprimer une inscription", Handle: s.deleteRegistration},
		{Method: "GET", Path: "/imports", Roles: kit.Employer, Scoped: true, Parent: "/candidats", Summary: "Import d'un fichier d'inscriptions", Handle: s.importForm},
		{Method: "POST", Path: "/imports", Roles: kit.Employer, Scoped: true, Progress: true, Summary: "Déposer un fichier d'inscriptions (aperçu)", Handle: s.importPreview},
		{Method: "POST", Path: "/imports/{id}", Roles: kit.Employer, Scoped: true, Progress: true, Summary: "Valider l'import d'un fichier", Handle: s.importCommit},
		{Method: "GET", Path: "/imports/modele.xlsx", Roles: kit.Registrars, File: true, Summary: "Modèle de fichier d'inscriptions (Excel)", Handle: s.importTemplateXLSX},
		{Method: "GET", Path: "/imports/modele.csv", Roles: kit.Registrars, File: true, Summary: "Modèle de fichier d'inscriptions (CSV)", Handle: s.importTemplateCSV},
		{Method: "GET", Path: "/neant", Roles: kit.Readers, Scoped: true, Nav: "Néant", Group: kit.GroupRegistrations, Summary: "Déclarations « néant »", Handle: s.nilPage},
		{Method: "POST", Path: "/neant", Roles: kit.Employer, Scoped: true, Summary: "Déclarer « néant » pour une période", Handle: s.declareNil},
		{Method: "POST", Path: "/mon-identite/signalement", Roles: kit.Candidate, Summary: "Signaler une erreur d'identité", Handle: s.reportIdentity},
	}
}

// apiRoutes are the JSON API of candidates, registrations and
// "néant" declarations (issue 4). Every route is employer-scoped: the employer
// comes from the caller's account, and what belongs to another employer is not
// found (404). Jury members and candidates get 403 on all of them.
func (s *Area) apiRoutes() []kit.Route {
	return []kit.Route{
		{Method: "GET", Path: "/api/v1/candidates", Roles: kit.Readers, Scoped: true, API: true, Summary: "Candidats (un employeur ne voit que les siens), filtres et pagination", Handle: s.apiCandidateList},
		{Method: "POST", Path: "/api/v1/candidates", Roles: kit.Registrars, Scoped: true, API: true, Summary: "Créer un candidat (identité vérifiée, R16)", Handle: s.apiCandidateCreate},
		{Method: "GET", Path: "/api/v1/candidates/{id}", Roles: kit.Readers, Scoped: true, API: true, Summary: "Un candidat, avec son nom tel qu'imprimé (R16)", Handle: s.apiCandidateGet},
		{Method: "PATCH", Path: "/api/v1/candidates/{id}", Roles: kit.Registrars, Scoped: true, API: true, Summary: "Corriger l'identité d'un candidat (mise à jour partielle, tracée)", Handle: s.apiCandidatePatch},
		{Method: "DELETE", Path: "/api/v1/candidates/{id}", Roles: kit.Registrars, Scoped: true, API: true, Summary: "Supprimer un candidat sans inscription (suppression logique)", Handle: s.apiCandidateDelete},
		{Method: "GET", Path: "/api/v1/candidates/{id}/history", Roles: kit.Readers, Scoped: true, API: true, Summary: "Historique des modifications d'un candidat et de ses inscriptions (R20)", Handle: s.apiCandidateHistory},
		{Method: "GET", Path: "/api/v1/registrations", Roles: kit.Readers, Scoped: true, API: true, Summary: "Inscriptions (un employeur ne voit que les siennes), filtres, tri et pagination", Handle: s.apiRegistrationList},
		{Method: "POST", Path: "/api/v1/registrations", Roles: kit.Registrars, Scoped: true, API: true, Summary: "Inscrire un candidat à un CQP (R2, R3, R6, R15, R19)", Handle: s.apiRegistrationCreate},
		{Method: "GET", Path: "/api/v1/registrations/{id}", Roles: kit.Readers, Scoped: true, API: true, Summary: "Une inscription, ses blocs et leur éligibilité (R8)", Handle: s.apiRegistrationGet},
		{Method: "PATCH", Path: "/api/v1/registrations/{id}", Roles: kit.Registrars, Scoped: true, API: true, Summary: "Modifier une inscription (mise à jour partielle, R20)", Handle: s.apiRegistrationPatch},
		{Method: "DELETE", Path: "/api/v1/registrations/{id}", Roles: kit.Registrars, Scoped: true, API: true, Summary: "Supprimer une inscription (suppression logique, R20)", Handle: s.apiRegistrationDelete},
		{Method: "GET", Path: "/api/v1/employers/{code}/nil-declarations", Roles: kit.Readers, Scoped: true, API: true, Summary: "Déclarations « néant » d'un employeur (R17)", Handle: s.apiNilDeclarationList},
		{Method: "POST", Path: "/api/v1/employers/{code}/nil-declarations", Roles: kit.Registrars, Scoped: true, API: true, Summary: "Déclarer « néant » pour une période (R17)", Handle: s.apiNilDeclarationCreate},
	}
}

// Routes lists the pages and API routes of the area.
func (s *Area) Routes() []kit.Route { return append(s.pageRoutes(), s.apiRoutes()...) }
