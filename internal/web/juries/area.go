// Package juries is the area of the professional-jury member pool (R14): the
// office's members, the experts employers propose and the members national
// funds propose, which the office accepts or declines; the availability
// requests the office and the national funds send.
package juries

import (
	"embed"

	"certibloc/internal/web/kit"
)

//go:embed templates
var templates embed.FS

// Area serves the pages of the area; internal/web assembles its Routes.
type Area struct{ *kit.Pages }

// New parses the area's pages (a broken template fails here, at start).
func New(site *kit.Site) (*Area, error) {
	pages, err := site.Pages(templates)
	return &Area{pages}, err
}

// Routes are the pool's pages. The office manages the members and decides
// the proposals; an employer's HR proposes experts and sees its own members
// and proposals only; a national fund proposes and mobilises the members of
// its branch, and sees them and its own requests only (their scope, never
// the request).
func (s *Area) Routes() []kit.Route {
	return []kit.Route{
		{Method: "GET", Path: "/membres-jury", Roles: kit.Pool, Scoped: true, Nav: "Membres de jury", Group: kit.GroupJuries, Summary: "Vivier des membres de jury (R14) ; un employeur : ses experts et ses propositions ; une caisse nationale : les membres de sa branche", Handle: s.membersPage},
		{Method: "GET", Path: "/membres-jury/nouveau", Roles: kit.Pool, Summary: "Formulaire de nouveau membre (employeur : proposer un expert ; caisse nationale : un membre de sa branche)", Handle: s.newMemberForm},
		{Method: "POST", Path: "/membres-jury", Roles: kit.Pool, Scoped: true, Summary: "Créer un membre (employeur : proposer un expert ; caisse nationale : un membre de sa branche)", Handle: s.createMember},
		{Method: "GET", Path: "/demandes-disponibilites", Roles: kit.Mobilisers, Scoped: true, Nav: "Demandes de disponibilités", Group: kit.GroupJuries, Summary: "Demandes de disponibilités aux membres de jury, et formulaire d'une nouvelle demande ; une caisse nationale : les siennes", Handle: s.requestsPage},
		{Method: "POST", Path: "/demandes-disponibilites", Roles: kit.Mobilisers, Scoped: true, Summary: "Demander leurs disponibilités à des membres (courriel, relance avant la date de réponse) ; une caisse nationale : à ceux de sa branche", Handle: s.createRequest},
		{Method: "GET", Path: "/demandes-disponibilites/{id}", Roles: kit.Mobilisers, Scoped: true, Summary: "Une demande de disponibilités : qui a répondu", Handle: s.requestPage},
		{Method: "GET", Path: "/membres-jury/{id}", Roles: kit.Pool, Scoped: true, Crumb: "Membre de jury", Summary: "Fiche d'un membre de jury, son historique", Handle: s.memberPage},
		{Method: "GET", Path: "/membres-jury/{id}/disponibilites", Roles: kit.Office, Summary: "Disponibilités d'un membre, mois par mois", Handle: s.memberAvailabilityPage},
		{Method: "GET", Path: "/membres-jury/{id}/modification", Roles: kit.Office, Summary: "Formulaire de modification d'un membre", Handle: s.editMemberForm},
		{Method: "POST", Path: "/membres-jury/{id}", Roles: kit.Office, Summary: "Modifier un membre (refusé si la fiche a changé depuis)", Handle: s.updateMember},
		{Method: "GET", Path: "/mes-disponibilites", Roles: kit.Jury, Scoped: true, Nav: "Mes disponibilités", Group: kit.GroupJuries, Summary: "Mes disponibilités par demi-journée, mois par mois", Handle: s.availabilityPage},
		{Method: "POST", Path: "/mes-disponibilites", Roles: kit.Jury, Scoped: true, Summary: "Enregistrer mes disponibilités d'un mois", Handle: s.saveAvailability},
		{Method: "GET", Path: "/api/v1/jury-members", Roles: kit.Office, API: true, Summary: "Membres de jury du vivier (filtres status, qualification)", Handle: s.apiMembers},
		{Method: "GET", Path: "/api/v1/jury-members/{id}/availability", Roles: kit.OfficeOrJury, Scoped: true, API: true, Summary: "Disponibilités d'un membre (from, to) ; un membre : les siennes", Handle: s.apiGetAvailability},
		{Method: "PUT", Path: "/api/v1/jury-members/{id}/availability", Roles: kit.OfficeOrJury, Scoped: true, API: true, Summary: "Remplacer les disponibilités d'un membre sur une période ; un membre : les siennes", Handle: s.apiPutAvailability},
		{Method: "POST", Path: "/membres-jury/{id}/invitation", Roles: kit.Office, Summary: "Inviter un membre actif à son espace (compte de membre de jury, lien par courriel)", Handle: s.inviteMember},
		{Method: "POST", Path: "/membres-jury/{id}/decision", Roles: kit.Office, Summary: "Accepter ou refuser le membre proposé par un employeur ou une caisse nationale", Handle: s.decideMember},
	}
}
