package outbox

import "certibloc/internal/web/kit"

// Routes are the pages and API of the outbound mail: what the platform sent,
// and what it could not send (the office).
func (s *Area) Routes() []kit.Route {
	return []kit.Route{
		{Method: "GET", Path: "/courriels", Roles: kit.Office, Nav: "Courriels", Group: kit.GroupAdministration, Summary: "Courriels de la plateforme : état de l'envoi, essais, erreurs, avec filtres", Handle: s.outboxPage},
		{Method: "GET", Path: "/courriels/{id}", Roles: kit.Office, Summary: "Détail d'un courriel : destinataires, essais, contenu", Handle: s.outboxMailPage},
		{Method: "GET", Path: "/courriels/{id}/piece-jointe", Roles: kit.Office, File: true, Summary: "Télécharger la pièce jointe d'un courriel (tableau de recueil, fichier d'agenda d'une convocation)", Handle: s.attachment},
		{Method: "POST", Path: "/courriels/{id}/renvoi", Roles: kit.Office, Summary: "Renvoyer un courriel en échec", Handle: s.resendMail},
		// API
		{Method: "GET", Path: "/api/v1/mails", Roles: kit.Office, API: true, Summary: "Courriels de la plateforme et leur état", Handle: s.apiMails},
		{Method: "POST", Path: "/api/v1/mails/{id}/resend", Roles: kit.Office, API: true, Summary: "Renvoyer un courriel en échec", Handle: s.apiResendMail},
	}
}
