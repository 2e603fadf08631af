package kit

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"certibloc/internal/certif"
)

// Group is a part of the navigation, named after what people do there. Each
// Nav route declares its group, so that every role's menu follows the route
// table: a role sees the groups where it may open at least one page.
type Group int

// The groups, in the order of the menu.
const (
	GroupNone           Group = iota // not in the navigation
	GroupTodo                        // the home: what to do now
	GroupRegistrations               // candidates and their registrations
	GroupCollection                  // collection campaigns, the Maladie census and its plannings
	GroupJuries                      // jury members, professional juries, national juries
	GroupResults                     // certificates, their declaration, statistics
	GroupReferential                 // the qualifications and the calendar
	GroupAdministration              // employers, accounts, mails, the journal
	GroupAccount                     // beside the account's name in the header, not in the menu
	groupCount
)

// groupNames are each group's label and the id of its label in the page.
var groupNames = [groupCount]struct{ label, id string }{
	GroupTodo:           {"À faire", "menu-a-faire"},
	GroupRegistrations:  {"Inscriptions", "menu-inscriptions"},
	GroupCollection:     {"Recueil et recensement", "menu-recueil"},
	GroupJuries:         {"Jurys", "menu-jurys"},
	GroupResults:        {"Résultats et certificats", "menu-resultats"},
	GroupReferential:    {"Référentiel et calendrier", "menu-referentiel"},
	GroupAdministration: {"Administration", "menu-administration"},
	GroupAccount:        {"Mon compte", "menu-compte"},
}

// Label is the group's name in the menu ("" for GroupNone or an unknown group).
func (g Group) Label() string {
	if g <= GroupNone || g >= groupCount {
		return ""
	}
	return groupNames[g].label
}

// navItem is a link of the navigation.
type navItem struct {
	Label   string
	Path    string
	Current bool // the page, or the page above it, is open
}

// navGroup is a group of the menu with the links the role may open.
type navGroup struct {
	Label   string
	ID      string // id of the group's label, which names its list
	Items   []navItem
	Current bool // one of its links is current
}

// Path is where the group's label leads: its first page.
func (g navGroup) Path() string { return g.Items[0].Path }

// crumb is a step of the breadcrumbs; the last one, the page itself, has no Path.
type crumb struct {
	Label string
	Path  string
}

// pageIndex holds the GET pages of the route table by path, for the
// breadcrumbs and the current link of the menu.
type pageIndex map[string]Route

func indexPages(routes []Route) pageIndex {
	pages := pageIndex{}
	for _, rt := range routes {
		if rt.Method == "GET" && !rt.API && !rt.File {
			pages[rt.Path] = rt
		}
	}
	return pages
}

// parent is the page above a route in the breadcrumbs: its Parent, or else
// the nearest GET page whose path its own path starts with.
func (pages pageIndex) parent(rt Route) (Route, bool) {
	if rt.Parent != "" {
		up, ok := pages[rt.Parent]
		return up, ok
	}
	for p := rt.Path; ; {
		i := strings.LastIndex(p, "/")
		if i <= 0 {
			return Route{}, false
		}
		p = p[:i]
		if up, ok := pages[p]; ok {
			return up, true
		}
	}
}

// maxDepth bounds a chain of parents.
const maxDepth = 8

// chain is the page of a path and the pages above it, nearest first; nil
// when the path is no page (an unknown address).
func (pages pageIndex) chain(path string) []Route {
	rt, ok := pages[path]
	var out []Route
	for ok && len(out) < maxDepth {
		out = append(out, rt)
		rt, ok = pages.parent(rt)
	}
	return out
}

// CheckNavigation reports what the route table declares wrong about the
// navigation: a menu page without a group, a group on a route outside the
// menu, a Parent that is no page, a loop of parents, a page above another
// that has no name for the breadcrumbs.
func CheckNavigation(routes []Route) error {
	pages := indexPages(routes)
	var errs []error
	for _, rt := range routes {
		name := rt.Method + " " + rt.Path
		switch {
		case rt.Nav != "" && (rt.Method != "GET" || rt.Group.Label() == ""):
			errs = append(errs, fmt.Errorf("%s : page du menu sans groupe", name))
		case rt.Nav == "" && rt.Group != GroupNone:
			errs = append(errs, fmt.Errorf("%s : groupe de menu sans libellé Nav", name))
		}
		if _, ok := pages[rt.Parent]; rt.Parent != "" && !ok {
			errs = append(errs, fmt.Errorf("%s : parent %s inconnu", name, rt.Parent))
		}
		if _, ok := pages[rt.Path]; !ok || rt.Method != "GET" {
			continue
		}
		chain := pages.chain(rt.Path)
		if len(chain) == maxDepth {
			errs = append(errs, fmt.Errorf("%s : boucle de parents", name))
			continue
		}
		for _, up := range chain[1:] {
			if up.Nav == "" && up.Crumb == "" {
				errs = append(errs, fmt.Errorf("%s : la page au-dessus, %s, n'a pas de nom (Nav ou Crumb)", name, up.Path))
			}
		}
	}
	return errors.Join(errs...)
}

// label is the route's name in the navigation for the principal.
func (rt Route) label(p certif.Principal) string {
	if rt.NavPublic != "" && p.Anonymous() {
		return rt.NavPublic
	}
	if rt.Nav != "" {
		return rt.Nav
	}
	return rt.Crumb
}

// href is the link of a page without wildcards.
func (rt Route) href() string { return strings.TrimSuffix(rt.Path, "{$}") }

// menu is the navigation of a request: the groups of the role's pages, the
// links beside the account's name, and the breadcrumbs of a nested page
// (none on a page of the menu itself).
func (s *Site) menu(r *http.Request, title string) (groups []navGroup, account []navItem, crumbs []crumb) {
	p := Principal(r)
	_, path, _ := strings.Cut(r.Pattern, " ")
	chain := s.pages.chain(path)
	current := ""
	for _, rt := range chain {
		if rt.Nav != "" {
			current = rt.Path
			break
		}
	}
	var byGroup [groupCount][]navItem
	intakes := s.employerIntakes(r, p)
	for _, rt := range s.routes {
		if rt.Nav == "" || rt.Method != "GET" || rt.Group <= GroupNone || rt.Group >= groupCount || !rt.Allows(p) {
			continue
		}
		if intakes != nil && rt.Intake != "" && !intakes[rt.Intake] {
			continue
		}
		byGroup[rt.Group] = append(byGroup[rt.Group], navItem{Label: rt.label(p), Path: rt.href(), Current: rt.Path == current})
	}
	for g := GroupTodo; g < GroupAccount; g++ {
		if items := byGroup[g]; len(items) > 0 {
			ng := navGroup{Label: g.Label(), ID: groupNames[g].id, Items: items}
			for _, it := range items {
				ng.Current = ng.Current || it.Current
			}
			groups = append(groups, ng)
		}
	}
	return groups, byGroup[GroupAccount], s.crumbs(r, p, chain, title)
}

// employerIntakes are the intake routes of what an employer's branch may
// register to, CQPs and programmes (nil for any other principal, or when the
// referential cannot be read: the menu then shows every page the role may open).
func (s *Site) employerIntakes(r *http.Request, p certif.Principal) map[certif.IntakeRoute]bool {
	if p.Role() != certif.RoleEmployer || p.User.EmployerBranch == "" {
		return nil
	}
	quals, err := s.Store.Qualifications(r.Context(), true)
	if err != nil {
		return nil
	}
	progs, err := s.Store.Programmes(r.Context())
	if err != nil {
		return nil
	}
	out := map[certif.IntakeRoute]bool{}
	for _, o := range certif.OffersFor(p.User.EmployerBranch, quals, progs) {
		out[o.Route()] = true
	}
	return out
}

// crumbs are the breadcrumbs of a nested page: the home, the pages above it
// that the principal may open, the page itself.
func (s *Site) crumbs(r *http.Request, p certif.Principal, chain []Route, title string) []crumb {
	if len(chain) < 2 {
		return nil
	}
	out := []crumb{{Label: "Accueil", Path: "/"}}
	for i := len(chain) - 1; i > 0; i-- {
		rt := chain[i]
		if rt.Path == "/{$}" || !rt.Allows(p) || rt.label(p) == "" {
			continue
		}
		if path, ok := fill(rt.Path, r); ok {
			out = append(out, crumb{Label: rt.label(p), Path: path})
		}
	}
	return append(out, crumb{Label: title})
}

// fill replaces the wildcards of a page's path with the request's values;
// false when the request lacks one.
func fill(pattern string, r *http.Request) (string, bool) {
	segs := strings.Split(pattern, "/")
	for i, seg := range segs {
		name, ok := strings.CutPrefix(seg, "{")
		if !ok {
			continue
		}
		v := r.PathValue(strings.TrimSuffix(strings.TrimSuffix(name, "}"), "..."))
		if v == "" {
			return "", false
		}
		segs[i] = url.PathEscape(v)
	}
	return strings.Join(segs, "/"), true
}
