// Package juries is the area of the professional-jury member pool (R14): the
// office's members and the experts employers propose, which the office
// accepts or declines.
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
// and proposals only (its scope, never the request).
func (s *Area) Routes() []kit.Route {
	return []kit.Route{
		{Method: "GET", Path: "/membres-jury", Roles: kit.Registrars, Scoped: true, Nav: "Membres de jury", Summary: "Vivier des membres de jury (R14) ; un employeur : ses experts et ses propositions", Handle: s.membersPage},
		{Method: "GET", Path: "/membres-jury/nouveau", Roles: kit.Registrars, Summary: "Formulaire de nouveau membre (employeur : proposer un expert)", Handle: s.newMemberForm},
		{Method: "POST", Path: "/membres-jury", Roles: kit.Registrars, Scoped: true, Summary: "Créer un membre (employeur : proposer un expert)", Handle: s.createMember},
		{Method: "GET", Path: "/membres-jury/{id}", Roles: kit.Registrars, Scoped: true, Summary: "Fiche d'un membre de jury, son historique", Handle: s.memberPage},
		{Method: "GET", Path: "/membres-jury/{id}/modification", Roles: kit.Office, Summary: "Formulaire de modification d'un membre", Handle: s.editMemberForm},
		{Method: "POST", Path: "/membres-jury/{id}", Roles: kit.Office, Summary: "Modifier un membre (refusé si la fiche a changé depuis)", Handle: s.updateMember},
		{Method: "POST", Path: "/membres-jury/{id}/decision", Roles: kit.Office, Summary: "Accepter ou refuser l'expert proposé par un employeur", Handle: s.decideMember},
	}
}
