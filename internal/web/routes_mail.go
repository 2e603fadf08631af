package web

// mailRoutes are the pages and API of the outbound mail: delivery status for
// the office, account invitations, and "forgotten password" for everyone
// (issue 5).
func (s *Server) mailRoutes() []route {
	return []route{
		// Office: what the platform sent, and what it could not send
		{Route{Method: "GET", Path: "/courriels", Roles: office, Nav: "Courriels", Summary: "Courriels de la plateforme : état de l'envoi, essais, erreurs, avec filtres"}, s.outboxPage},
		{Route{Method: "GET", Path: "/courriels/{id}", Roles: office, Summary: "Détail d'un courriel : destinataires, essais, contenu"}, s.outboxMailPage},
		{Route{Method: "POST", Path: "/courriels/{id}/renvoi", Roles: office, Summary: "Renvoyer un courriel en échec"}, s.resendMail},
		// Office: accounts opened by invitation
		{Route{Method: "GET", Path: "/comptes/invitations", Roles: office, Summary: "Inviter une personne par courriel ; invitations envoyées"}, s.invitationsPage},
		{Route{Method: "POST", Path: "/comptes/invitations", Roles: office, Summary: "Créer un compte et envoyer l'invitation (lien valable 7 jours)"}, s.invite},
		{Route{Method: "POST", Path: "/comptes/invitations/{id}/renvoi", Roles: office, Summary: "Envoyer un nouveau lien d'invitation"}, s.reinvite},
		// Anyone: choose a password through a link sent by mail
		{Route{Method: "GET", Path: "/mot-de-passe/oubli", Public: true, Summary: "Mot de passe oublié : formulaire"}, s.forgotForm},
		{Route{Method: "POST", Path: "/mot-de-passe/oubli", Public: true, Summary: "Mot de passe oublié : envoyer un lien valable 1 heure"}, s.forgot},
		{Route{Method: "GET", Path: "/mot-de-passe/nouveau", Public: true, Summary: "Choisir son mot de passe par un lien reçu (invitation ou oubli)"}, s.newPasswordForm},
		{Route{Method: "POST", Path: "/mot-de-passe/nouveau", Public: true, Summary: "Enregistrer le mot de passe choisi"}, s.newPassword},
		// API
		{Route{Method: "GET", Path: "/api/v1/mails", Roles: office, API: true, Summary: "Courriels de la plateforme et leur état"}, s.apiMails},
		{Route{Method: "POST", Path: "/api/v1/mails/{id}/resend", Roles: office, API: true, Summary: "Renvoyer un courriel en échec"}, s.apiResendMail},
	}
}
