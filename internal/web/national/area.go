// Package national is the area of the national joint juries (R9): each
// jury's case list (every attempt whose professional jury's proposal is final
// and whose cutoff it reaches), the deliberation by the certifier (all
// favourable proposals accepted at once, any case decided by hand, with its
// reason when it departs from the proposal) and the decisions taken.
package national

import (
	"embed"
	"net/http"
	"strings"

	"certibloc/internal/calendar"
	"certibloc/internal/certif"
	"certibloc/internal/store"
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

// Routes are the national juries' pages: the staff read, the certifier decides.
func (s *Area) Routes() []kit.Route {
	return []kit.Route{
		{Method: "GET", Path: "/jurys-nationaux", Roles: kit.Staff, Nav: "Jurys nationaux", Group: kit.GroupJuries, Summary: "Jurys nationaux : les cas de chacun et où en est sa délibération", Handle: s.juriesPage},
		{Method: "GET", Path: "/jurys-nationaux/{date}", Roles: kit.Staff, Summary: "Un jury national : sa liste des cas, groupée par CQP et employeur, et ses décisions", Handle: s.juryPage},
		{Method: "POST", Path: "/jurys-nationaux/{date}/decisions", Roles: kit.Certifier, Summary: "Enregistrer les décisions du jury national (le motif quand elles s'écartent de la proposition)", Handle: s.decide},
		{Method: "POST", Path: "/jurys-nationaux/{date}/composition", Roles: kit.Certifier, Summary: "Enregistrer la composition paritaire du jury national et qui a siégé", Handle: s.saveComposition},
		{Method: "POST", Path: "/jurys-nationaux/{date}/proclamation", Roles: kit.Certifier, Summary: "Proclamer les résultats du jury national : décisions publiées, candidats et employeurs prévenus", Handle: s.proclaim},
		{Method: "GET", Path: "/api/v1/national-juries/{date}", Roles: kit.Staff, API: true, Summary: "Un jury national : liste des cas, composition, décisions", Handle: s.apiJury},
		{Method: "GET", Path: "/api/v1/results", Roles: kit.ResultReaders, Scoped: true, API: true, Summary: "Résultats proclamés des jurys nationaux : un employeur, ceux de ses candidats ; un candidat, les siens", Handle: s.apiResults},
		{Method: "POST", Path: "/jurys-nationaux/{date}/favorables", Roles: kit.Certifier, Summary: "Valider d'un coup toutes les propositions favorables du jury national", Handle: s.acceptFavourable},
		{Method: "POST", Path: "/jurys-nationaux/{date}/signature", Roles: kit.Certifier, Summary: "Signer le procès-verbal du jury national : ses décisions deviennent définitives", Handle: s.sign},
		{Method: "POST", Path: "/jurys-nationaux/{date}/date-de-proclamation", Roles: kit.Staff, Summary: "Fixer le jour de proclamation des résultats du jury national (par défaut, le jour du jury)", Handle: s.setProclamationDay},
		{Method: "GET", Path: "/jurys-nationaux/{date}/proces-verbal.pdf", Roles: kit.Staff, File: true, Summary: "Télécharger le procès-verbal signé du jury national (PDF)", Handle: s.minutesPDF},
		{Method: "GET", Path: "/api/v1/national-juries/{date}/minutes.pdf", Roles: kit.Staff, API: true, File: true, Summary: "Procès-verbal signé du jury national (PDF signé PAdES)", Handle: s.minutesPDF},
		{Method: "GET", Path: "/jurys-nationaux/certificat-signature.pem", Public: true, File: true, Summary: "Certificat qui vérifie la signature des procès-verbaux des jurys nationaux", Handle: s.signingCertificate},
	}
}

// board is the calendar's juries with the cases each one reaches.
type board struct {
	juries     []calendar.JuryWithCutoff
	proclaimed map[certif.Date]store.Proclamation
	signed     map[certif.Date]store.SignedMinutes
	cases      map[certif.Date][]store.NationalCaseRow
	beyond     []store.NationalCaseRow // after the last cutoff the calendar knows
}

func (s *Area) board(r *http.Request) (board, error) {
	b := board{cases: map[certif.Date][]store.NationalCaseRow{}}
	cal, err := s.Store.Calendar(r.Context())
	if err != nil {
		return b, err
	}
	b.juries = cal.JuriesWithCutoffs(0)
	if b.proclaimed, err = s.Store.Proclamations(r.Context()); err != nil {
		return b, err
	}
	if b.signed, err = s.Store.NationalMinutes(r.Context()); err != nil {
		return b, err
	}
	// A jury whose minutes are signed (or results proclaimed) decides no
	// more: its undecided cases go to the next one.
	var open []calendar.JuryWithCutoff
	var cutoffs []certif.Date
	for _, j := range b.juries {
		_, proclaimed := b.proclaimed[j.Date]
		if _, signed := b.signed[j.Date]; !proclaimed && !signed {
			open, cutoffs = append(open, j), append(cutoffs, j.Cutoff)
		}
	}
	cases, err := s.Store.NationalCases(r.Context(), kit.Scope(r))
	for _, c := range cases {
		if i, ok := c.ReachedJury(cutoffs); ok {
			b.cases[open[i].Date] = append(b.cases[open[i].Date], c)
		} else {
			b.beyond = append(b.beyond, c)
		}
	}
	return b, err
}

// jury finds the national jury of the path's {date} (AAAA-MM-JJ).
func (b board) jury(r *http.Request) (calendar.JuryWithCutoff, error) {
	d, err := certif.ParseDate(strings.TrimSpace(r.PathValue("date")))
	for _, j := range b.juries {
		if err == nil && j.Date == d {
			return j, nil
		}
	}
	return calendar.JuryWithCutoff{}, certif.Errorf(certif.ENotFound, "Jury national introuvable.")
}
