// Package statistics is the area of the statistics: by year, CQP, block,
// branch and employer, the candidates registered, the attempts presented,
// validated, not validated and absent, the success rate, the median delay
// from registration to certificate, and the professional juries held with
// the members they mobilised. Charts are drawn here as SVG, each beside its
// table; every table downloads as a sheet of one workbook. The office and
// the certifier read every figure; an employer its own beside the national
// ones, a national fund its branch's beside them.
package statistics

import (
	"embed"
	"net/http"
	"strconv"
	"strings"

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

// Routes are the statistics' page, workbook and API.
func (s *Area) Routes() []kit.Route {
	return []kit.Route{
		{Method: "GET", Path: "/statistiques", Roles: kit.StatisticsReaders, Scoped: true, Nav: "Statistiques", Group: kit.GroupResults, Summary: "Statistiques d'une année par CQP, bloc, branche et employeur, avec leurs graphiques ; un employeur, les siennes à côté des nationales", Handle: s.page},
		{Method: "GET", Path: "/statistiques/export.xlsx", Roles: kit.StatisticsReaders, Scoped: true, File: true, Summary: "Les tableaux des statistiques d'une année (Excel, une feuille par tableau)", Handle: s.export},
		{Method: "GET", Path: "/api/v1/statistics", Roles: kit.StatisticsReaders, Scoped: true, API: true, Summary: "Statistiques d'une année, du périmètre de l'appelant, et les nationales à côté", Handle: s.api},
	}
}

// figures are what a caller reads for a year: every figure for the office
// and the certifier (own only), their own and the national ones for the others.
type figures struct {
	Year     int
	Years    []int
	Own      store.Statistics
	OwnName  string            // "CAF du Rhône (CAF69)", "Famille" (a branch); "" for the office and the certifier
	National *store.Statistics // nil for the office and the certifier
	Scope    store.Scope
}

// load reads the figures of the year asked in the query parameter param
// ("annee" on the page, "year" in the API): the latest year with figures
// when absent; a year without figures is refused, naming the field.
func (s *Area) load(r *http.Request, param string) (figures, error) {
	ctx, today, sc := r.Context(), s.Clock.Today(), kit.Scope(r)
	raw := strings.TrimSpace(r.URL.Query().Get(param))
	year := 0
	if raw != "" {
		y, err := strconv.Atoi(raw)
		if err != nil || y < 1 {
			return figures{}, yearError(param, raw, nil)
		}
		year = y
	}
	f := figures{Scope: sc}
	if sc.IsAll() {
		own, err := s.Store.Statistics(ctx, year, sc, today)
		if err != nil {
			return f, err
		}
		f.Own, f.Years = own, own.Years
	} else {
		national, err := s.Store.NationalStatistics(ctx, year, today, sc.Branch != "")
		if err != nil {
			return f, err
		}
		own, err := s.Store.Statistics(ctx, national.Year, sc, today)
		if err != nil {
			return f, err
		}
		f.Own, f.National, f.Years, f.OwnName = own, &national, national.Years, ownName(own, sc)
	}
	f.Year = f.Own.Year
	if year != 0 && !hasYear(f.Years, year) && !(len(f.Years) == 0 && year == today.Year()) {
		return f, yearError(param, raw, f.Years)
	}
	return f, nil
}

func hasYear(years []int, y int) bool {
	for _, x := range years {
		if x == y {
			return true
		}
	}
	return false
}

// yearError refuses a year that is not one of the years with figures.
func yearError(param, raw string, years []int) error {
	choice := "aucune année n'a encore de statistiques"
	switch len(years) {
	case 0:
	case 1:
		choice = "seule " + strconv.Itoa(years[0]) + " en a"
	default:
		choice = "choisissez une année de " + strconv.Itoa(years[0]) + " à " + strconv.Itoa(years[len(years)-1])
	}
	msg := "Année « " + raw + " » : pas de statistiques pour cette année ; " + choice + "."
	return &certif.Error{Code: certif.EBadRequest, Message: msg, Fields: map[string]string{param: msg}}
}

// ownName names the scope of an employer or a national fund.
func ownName(own store.Statistics, sc store.Scope) string {
	switch {
	case sc.EmployerID > 0:
		for _, e := range own.ByEmployer {
			return e.Label + " (" + e.EmployerCode + ")"
		}
		return "votre organisme"
	case sc.Branch != "":
		for _, b := range own.ByBranch {
			return b.Label
		}
		return sc.Branch
	}
	return ""
}
