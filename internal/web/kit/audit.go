package kit

import (
	"strings"

	"certibloc/internal/certif"
	"certibloc/internal/clock"
)

// ReadAudits writes journal events in French (certif.ReadAudits), a
// timestamp in Paris time, the path of a page where health data was read
// (R15) named as the page, from the whole route table.
func (s *Site) ReadAudits(events []certif.AuditEvent) []certif.AuditLine {
	lines := certif.ReadAudits(events, clock.FormatParis)
	for i, e := range events {
		if strings.HasPrefix(e.Field, "/") {
			lines[i].Field = pageName(s.routes, e.Field)
		}
	}
	return lines
}

// pageName names the page of a path the journal recorded as where health
// data was read: "/inscriptions/2/amenagements" → "page « Aménagements
// demandés et accordés d'une inscription »", from the route table (its menu
// label, else its summary without the parenthesis). The most specific route
// wins ("/candidats/doublons" over "/candidats/{id}").
func pageName(routes []Route, path string) string {
	var best Route
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
