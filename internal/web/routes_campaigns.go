package web

// campaignsRoutes are the pages of the collection campaigns and tables, and
// the deadlines board (R5, R18, issue 5). The employer's routes take the
// employer from the principal.
func (s *Server) campaignsRoutes() []route {
	return []route{
		{Route{Method: "GET", Path: "/recueil", Roles: readers, Scoped: true, Nav: "Recueil", Summary: "Campagnes de recueil (tableaux de recueil, R5)"}, s.campaignsPage},
		{Route{Method: "GET", Path: "/recueil/{name}", Roles: readers, Scoped: true, Summary: "Campagne de recueil : tableau de bord, ou page de l'employeur"}, s.campaignPage},
		{Route{Method: "POST", Path: "/recueil/{name}/lancement", Roles: office, Summary: "Lancer une campagne : envoyer leur tableau de recueil aux employeurs"}, s.launchCampaign},
		{Route{Method: "POST", Path: "/recueil/{name}/levees/{code}", Roles: office, Summary: "Lever le blocage « jury non organisable » d'un employeur (R5)"}, s.liftCampaignHold},
		{Route{Method: "GET", Path: "/recueil/{name}/tableaux/{code}", Roles: staff, File: true, Summary: "Tableau de recueil envoyé à un employeur"}, s.sentTable},
		{Route{Method: "GET", Path: "/recueil/{name}/retours/{code}", Roles: staff, File: true, Summary: "Tableau de recueil retourné par un employeur"}, s.returnedTable},
		{Route{Method: "GET", Path: "/recueil/{name}/tableau.xlsx", Roles: employers, Scoped: true, File: true, Summary: "Mon tableau de recueil"}, s.ownTable},
		{Route{Method: "POST", Path: "/recueil/{name}/retour", Roles: employers, Scoped: true, Progress: true, Summary: "Déposer le tableau de recueil rempli (aperçu)"}, s.campaignReturnPreview},
		{Route{Method: "POST", Path: "/recueil/{name}/retour/{id}", Roles: employers, Scoped: true, Progress: true, Summary: "Valider le retour du tableau de recueil"}, s.campaignReturnCommit},
		{Route{Method: "GET", Path: "/recueil/{name}/employeurs/{code}", Roles: staff, Summary: "Tableau de recueil d'un employeur ; le bureau l'enregistre pour lui"}, s.officeCampaignEmployer},
		{Route{Method: "POST", Path: "/recueil/{name}/employeurs/{code}/retour", Roles: office, Progress: true, Summary: "Déposer le tableau reçu d'un employeur (aperçu)"}, s.campaignReturnPreview},
		{Route{Method: "POST", Path: "/recueil/{name}/employeurs/{code}/retour/{id}", Roles: office, Progress: true, Summary: "Enregistrer le tableau reçu d'un employeur, daté du jour de sa réception"}, s.campaignReturnCommit},
		{Route{Method: "POST", Path: "/recueil/{name}/employeurs/{code}/neant", Roles: office, Summary: "Déclarer « néant » pour un employeur (R17)"}, s.campaignNil},
		{Route{Method: "GET", Path: "/api/v1/campaigns/{name}", Roles: readers, Scoped: true, API: true, Summary: "Campagne de recueil : où en est chaque employeur (R5)"}, s.apiCampaign},
		{Route{Method: "POST", Path: "/recueil/{name}/neant", Roles: employers, Scoped: true, Summary: "Déclarer « néant » pour la campagne (R17)"}, s.campaignNil},
	}
}
