package accounts

import (
	"net/http"
	"strconv"
	"strings"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

type auditData struct {
	Events   []certif.AuditLine
	Entity   string
	Entities []string
}

func (s *Area) auditPage(w http.ResponseWriter, r *http.Request) error {
	entity := r.URL.Query().Get("objet")
	events, err := s.Store.AuditEvents(r.Context(), kit.Viewer(r), store.AuditFilter{Entity: entity, EntityKey: r.URL.Query().Get("cle"), Limit: 300})
	if err != nil {
		return err
	}
	entities, err := s.Store.AuditEntities(r.Context())
	if err != nil {
		return err
	}
	lines := certif.ReadAudits(events)
	for i, e := range events {
		if strings.HasPrefix(e.Field, "/") { // where health data was read (R15): the page, by its name
			lines[i].Field = pageName(s.Site.Routes(), e.Field) // the whole table, not the area's
		}
	}
	return s.Show(w, r, "audit.html", "Journal des modifications", auditData{Events: lines, Entity: entity, Entities: entities})
}

// pageName names the page of a path the journal recorded as where health
// data was read: "/inscriptions/2/amenagements" → "page « Aménagements
// demandés et accordés d'une inscription »", from the route table (its menu
// label, else its summary without the parenthesis). The most specific route
// wins ("/candidats/doublons" over "/candidats/{id}").
func pageName(routes []kit.Route, path string) string {
	var best kit.Route
	bestScore := -1
	for _, rt := range routes {
		if rt.Method != "GET" {
			continue
		}
		if score, ok := matchPath(rt.Path, path); ok && score > bestScore {
			best, bestScore = rt, score
		}
	}
	if bestScore < 0 {
		return "page à l'adresse " + path
	}
	name := best.Nav
	if name == "" {
		name = best.Crumb
	}
	if name == "" {
		name, _, _ = strings.Cut(best.Summary, " (")
	}
	if best.API {
		return "API, « " + name + " »"
	}
	return "page « " + name + " »"
}

// matchPath reports whether a ServeMux pattern's path matches a path, and
// how many of its segments are literal.
func matchPath(pattern, path string) (int, bool) {
	ps, xs := strings.Split(strings.Trim(pattern, "/"), "/"), strings.Split(strings.Trim(path, "/"), "/")
	score := 0
	for i, p := range ps {
		if p == "{$}" {
			return score, i == len(xs) || (i == len(xs)-1 && xs[i] == "")
		}
		if strings.HasPrefix(p, "{") && strings.HasSuffix(p, "...}") {
			return score, true
		}
		if i >= len(xs) {
			return 0, false
		}
		if strings.HasPrefix(p, "{") {
			continue
		}
		if p != xs[i] {
			return 0, false
		}
		score++
	}
	return score, len(ps) == len(xs)
}

func (s *Area) apiAudit(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	limit, _ := strconv.Atoi(q.Get("limit"))
	events, err := s.Store.AuditEvents(r.Context(), kit.Viewer(r), store.AuditFilter{Entity: q.Get("entity"), EntityKey: q.Get("key"), Limit: limit})
	if err != nil {
		return err
	}
	return kit.WriteAuditJSON(w, events)
}
