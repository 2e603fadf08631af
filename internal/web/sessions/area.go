// Package sessions is the area of the professional-jury sessions (R12, R13,
// R15): the office plans a window ("Planifier"), reviews the drafts by week,
// by member or by employer, changes them by hand under the planner's checker,
// locks, convenes and cancels them; a jury member sees their sessions and
// candidates; an employer's HR and a candidate see the convocations; a
// national fund sees its branch's sessions; the certifier decides the
// adjustments granted. The work itself is package juries'.
package sessions

import (
	"embed"
	"net/mail"

	"certibloc/internal/ics"
	"certibloc/internal/juries"
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

// convener is the juries' convener of this site: its store, clock and address.
func (s *Area) convener() juries.Convener {
	organizer := ics.Person{Name: "Institut 4.10 — équipe des examens", Email: "noreply@certibloc.local"}
	if a, err := mail.ParseAddress(s.OfficeAddress); err == nil {
		organizer.Email = a.Address
		if a.Name != "" {
			organizer.Name = a.Name
		}
	}
	return juries.Convener{Store: s.Store, Clock: s.Clock, BaseURL: s.BaseURL, Organizer: organizer}
}

// Routes are the area's pages and API operations.
func (s *Area) Routes() []kit.Route {
	return []kit.Route{
		{Method: "GET", Path: "/planifier", Roles: kit.Office, Nav: "Planifier", Group: kit.GroupJuries, Summary: "Planifier les jurys professionnels d'une période, et le dernier calcul", Handle: s.planningPage},
		{Method: "POST", Path: "/planifier", Roles: kit.Office, Summary: "Calculer les séances d'une période (les séances verrouillées ou convoquées restent)", Handle: s.plan},
		{Method: "GET", Path: "/seances", Roles: kit.SessionReaders, Scoped: true, Nav: "Séances de jury", Group: kit.GroupJuries, Summary: "Séances de jury professionnel par semaine, par membre ou par employeur ; une caisse nationale : celles de sa branche", Handle: s.listPage},
		{Method: "GET", Path: "/seances/{id}", Roles: kit.SessionReaders, Scoped: true, Summary: "Une séance : lieu, membres, candidats, et ses modifications", Handle: s.sessionPage},
		{Method: "POST", Path: "/seances/{id}", Roles: kit.Office, Summary: "Modifier une séance (lieu, lien, membres, verrou), contrôlée par les règles de composition", Handle: s.updateSession},
		{Method: "POST", Path: "/seances/{id}/creneaux/{slot}", Roles: kit.Office, Summary: "Déplacer un candidat vers une autre séance ou une autre heure", Handle: s.moveSlot},
		{Method: "POST", Path: "/seances/{id}/convocation", Roles: kit.Office, Summary: "Convoquer : un courriel par candidat à son employeur, une invitation par membre, avec leur fichier d'agenda", Handle: s.convene},
		{Method: "POST", Path: "/seances/{id}/annulation", Roles: kit.Office, Summary: "Annuler une séance, avec son motif (avis d'annulation aux convoqués)", Handle: s.cancel},
		{Method: "GET", Path: "/seances/{id}/agenda.ics", Roles: kit.OfficeOrJury, Scoped: true, File: true, Summary: "Fichier d'agenda (iCalendar) d'une séance", Handle: s.sessionICS},
		{Method: "GET", Path: "/mes-seances", Roles: kit.Jury, Scoped: true, Nav: "Mes séances", Group: kit.GroupJuries, Summary: "Mes séances de jury et leurs candidats", Handle: s.mySessionsPage},
		{Method: "GET", Path: "/mes-candidats", Roles: kit.Jury, Scoped: true, Nav: "Mes candidats", Group: kit.GroupJuries, Summary: "Les candidats de mes séances, et les aménagements à respecter", Handle: s.myCandidatesPage},
		{Method: "GET", Path: "/convocations", Roles: kit.Convened, Scoped: true, Nav: "Convocations", Group: kit.GroupJuries, Summary: "Convocations aux jurys professionnels : un employeur, celles de ses candidats ; un candidat, les siennes", Handle: s.convocationsPage},
		{Method: "GET", Path: "/convocations/{slot}", Roles: kit.Convened, Scoped: true, Crumb: "Convocation", Summary: "Une convocation, à imprimer", Handle: s.convocationPage},
		{Method: "GET", Path: "/convocations/{slot}/agenda.ics", Roles: kit.Convened, Scoped: true, File: true, Summary: "Fichier d'agenda (iCalendar) d'une convocation", Handle: s.convocationICS},
		{Method: "GET", Path: "/sites-institut", Roles: kit.Office, Parent: "/planifier", Summary: "Sites de l'Institut 4.10 où un jury peut siéger en présentiel", Handle: s.institutePage},
		{Method: "POST", Path: "/sites-institut", Roles: kit.Office, Summary: "Ajouter un site de l'Institut 4.10 (tracé)", Handle: s.addInstituteSite},
		{Method: "GET", Path: "/amenagements", Roles: kit.Staff, Nav: "Aménagements", Group: kit.GroupJuries, Summary: "Aménagements demandés pour les candidats en situation de handicap, et ceux accordés (lecture tracée)", Handle: s.grantsPage},
		{Method: "GET", Path: "/inscriptions/{id}/amenagements", Roles: kit.Staff, Summary: "Aménagements demandés et accordés d'une inscription (donnée de santé : lecture tracée)", Handle: s.grantPage},
		{Method: "POST", Path: "/inscriptions/{id}/amenagements", Roles: kit.Certifier, Summary: "Décider les aménagements accordés (certificateur)", Handle: s.saveGrant},
		{Method: "GET", Path: "/api/v1/sessions", Roles: kit.SessionParties, Scoped: true, API: true, Summary: "Séances de jury (from, to) ; un membre : les siennes ; un employeur : celles de ses candidats", Handle: s.apiSessions},
		{Method: "GET", Path: "/api/v1/sessions/{id}", Roles: kit.SessionParties, Scoped: true, API: true, Summary: "Une séance de jury, avec les candidats que l'appelant peut voir", Handle: s.apiSession},
		{Method: "GET", Path: "/api/v1/sessions/{id}/ics", Roles: kit.SessionParties, Scoped: true, API: true, Summary: "Fichier iCalendar d'une séance (un employeur : les convocations de ses candidats)", Handle: s.apiSessionICS},
		{Method: "POST", Path: "/api/v1/plans", Roles: kit.Office, API: true, Summary: "Planifier une période (from, to) : enregistre et renvoie les séances en brouillon et les tentatives non placées", Handle: s.apiPlan},
		{Method: "GET", Path: "/api/v1/attempts/{id}", Roles: kit.SessionParties, Scoped: true, API: true, Summary: "Une tentative de bloc : sa séance, sa proposition, son jury national", Handle: s.apiAttempt},
	}
}
