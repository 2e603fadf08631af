package accounts

import "certibloc/internal/web/kit"

// Routes lists the pages and API routes of the area.
func (s *Area) Routes() []kit.Route {
	return []kit.Route{
		{Method: "GET", Path: "/connexion", Public: true, Summary: "Formulaire de connexion", Handle: s.loginForm},
		{Method: "POST", Path: "/connexion", Public: true, Summary: "Connexion", Handle: s.login},
		{Method: "POST", Path: "/deconnexion", Roles: kit.Everyone, Summary: "Déconnexion", Handle: s.logout},
		{Method: "GET", Path: "/comptes", Roles: kit.Office, Nav: "Comptes", Group: kit.GroupAdministration, Summary: "Comptes utilisateurs", Handle: s.usersPage},
		{Method: "POST", Path: "/comptes", Roles: kit.Office, Summary: "Créer un compte", Handle: s.createUser},
		{Method: "POST", Path: "/comptes/{id}/activation", Roles: kit.Office, Summary: "Activer ou désactiver un compte", Handle: s.toggleUser},
		{Method: "GET", Path: "/comptes/invitations", Roles: kit.Office, Summary: "Inviter une personne par courriel ; invitations envoyées", Handle: s.invitationsPage},
		{Method: "POST", Path: "/comptes/invitations", Roles: kit.Office, Summary: "Créer un compte et envoyer l'invitation (lien valable 7 jours)", Handle: s.invite},
		{Method: "POST", Path: "/comptes/invitations/{id}/renvoi", Roles: kit.Office, Summary: "Envoyer un nouveau lien d'invitation", Handle: s.reinvite},
		{Method: "GET", Path: "/mot-de-passe/oubli", Public: true, Summary: "Mot de passe oublié : formulaire", Handle: s.forgotForm},
		{Method: "POST", Path: "/mot-de-passe/oubli", Public: true, Summary: "Mot de passe oublié : envoyer un lien valable 1 heure", Handle: s.forgot},
		{Method: "GET", Path: "/mot-de-passe/nouveau", Public: true, Summary: "Choisir son mot de passe par un lien reçu (invitation ou oubli)", Handle: s.newPasswordForm},
		{Method: "POST", Path: "/mot-de-passe/nouveau", Public: true, Summary: "Enregistrer le mot de passe choisi", Handle: s.newPassword},
		{Method: "GET", Path: "/journal", Roles: kit.Staff, Nav: "Journal", Group: kit.GroupAdministration, Summary: "Journal des modifications", Handle: s.auditPage},
		{Method: "GET", Path: "/compte", Roles: kit.Everyone, Nav: "Mon compte", Group: kit.GroupAccount, Summary: "Mon compte", Handle: s.accountPage},
		{Method: "POST", Path: "/compte/mot-de-passe", Roles: kit.Everyone, Summary: "Changer mon mot de passe", Handle: s.changePassword},
		{Method: "POST", Path: "/compte/jetons", Roles: kit.Everyone, Summary: "Créer un jeton d'API", Handle: s.createToken},
		{Method: "POST", Path: "/compte/jetons/{id}/revocation", Roles: kit.Everyone, Scoped: true, Summary: "Révoquer un jeton d'API", Handle: s.revokeToken},
		{Method: "GET", Path: "/api/v1/me", Roles: kit.Everyone, API: true, Summary: "Le compte appelant", Handle: s.apiMe},
		{Method: "GET", Path: "/api/v1/audit", Roles: kit.Staff, API: true, Summary: "Journal des modifications", Handle: s.apiAudit},
	}
}
