package campaigns

import (
	"certibloc/internal/certif"
	"certibloc/internal/web/kit"
)

// Routes are the pages of the collection campaigns and tables, and
// the deadlines board (R5, R18, issue 5). The employer's routes take the
// employer from the principal.
func (s *Area) Routes() []kit.Route {
	return []kit.Route{
		{Method: "GET", Path: "/recueil", Roles: kit.Readers, Scoped: true, Nav: "Recueil", Group: kit.GroupCollection, Intake: certif.RouteCollectionTable, Summary: "Campagnes de recueil (tableaux de recueil, R5)", Handle: s.campaignsPage},
		{Method: "GET", Path: "/recueil/{name}", Roles: kit.Readers, Scoped: true, Crumb: "Campagne de recueil", Summary: "Campagne de recueil : tableau de bord, ou page de l'employeur", Handle: s.campaignPage},
		{Method: "POST", Path: "/recueil/{name}/lancement", Roles: kit.Office, Summary: "Lancer une campagne : envoyer leur tableau de recueil aux employeurs", Handle: s.launchCampaign},
		{Method: "POST", Path: "/recueil/{name}/levees/{code}", Roles: kit.Office, Summary: "Lever le blocage « jury non organisable » d'un employeur (R5)", Handle: s.liftCampaignHold},
		{Method: "GET", Path: "/recueil/{name}/tableaux/{code}", Roles: kit.Staff, File: true, Summary: "Tableau de recueil envoyé à un employeur", Handle: s.sentTable},
		{Method: "GET", Path: "/recueil/{name}/retours/{code}", Roles: kit.Staff, File: true, Summary: "Tableau de recueil retourné par un employeur", Handle: s.returnedTable},
		{Method: "GET", Path: "/recueil/{name}/tableau.xlsx", Roles: kit.Employer, Scoped: true, File: true, Summary: "Mon tableau de recueil", Handle: s.ownTable},
		{Method: "POST", Path: "/recueil/{name}/retour", Roles: kit.Employer, Scoped: true, Progress: true, Summary: "Déposer le tableau de recueil rempli (aperçu)", Handle: s.campaignReturnPreview},
		{Method: "POST", Path: "/recueil/{name}/retour/{id}", Roles: kit.Employer, Scoped: true, Progress: true, Summary: "Valider le retour du tableau de recueil", Handle: s.campaignReturnCommit},
		{Method: "GET", Path: "/recueil/{name}/employeurs/{code}", Roles: kit.Staff, Summary: "Tableau de recueil d'un employeur ; le bureau l'enregistre pour lui", Handle: s.officeCampaignEmployer},
		{Method: "POST", Path: "/recueil/{name}/employeurs/{code}/retour", Roles: kit.Office, Progress: true, Summary: "Déposer le tableau reçu d'un employeur (aperçu)", Handle: s.campaignReturnPreview},
		{Method: "POST", Path: "/recueil/{name}/employeurs/{code}/retour/{id}", Roles: kit.Office, Progress: true, Summary: "Enregistrer le tableau reçu d'un employeur, daté du jour de sa réception", Handle: s.campaignReturnCommit},
		{Method: "POST", Path: "/recueil/{name}/employeurs/{code}/neant", Roles: kit.Office, Summary: "Déclarer « néant » pour un employeur (R17)", Handle: s.campaignNil},
		{Method: "GET", Path: "/api/v1/campaigns/{name}", Roles: kit.Readers, Scoped: true, API: true, Summary: "Campagne de recueil : où en est chaque employeur (R5)", Handle: s.apiCampaign},
		{Method: "POST", Path: "/recueil/{name}/neant", Roles: kit.Employer, Scoped: true, Summary: "Déclarer « néant » pour la campagne (R17)", Handle: s.campaignNil},
	}
}
