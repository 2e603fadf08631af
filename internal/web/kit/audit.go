package kit

import (
	"cmp"
	"net/http"
	"net/url"
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
			lines[i].Field = s.reads.pageName(e.Field)
		}
	}
	return lines
}

// readRoutes finds the GET route of a path as the router does (a ServeMux
// of the same patterns): the page the journal recorded a read on.
type readRoutes struct {
	mux       *http.ServeMux
	byPattern map[string]Route
}

func newReadRoutes(routes []Route) *readRoutes {
	rr := &readRoutes{mux: http.NewServeMux(), byPattern: map[string]Route{}}
	for _, rt := range routes {
		if rt.Method == "GET" {
			pattern := "GET " + rt.Path
			rr.mux.Handle(pattern, http.NotFoundHandler())
			rr.byPattern[pattern] = rt
		}
	}
	return rr
}

// pageName names the page of a path the journal recorded as where health
// data was read: "/inscriptions/2/amenagements" → "page « Aménagements
// demandés et accordés d'une inscription »" (its menu label, else its
// breadcrumb, else its summary without the parenthesis).
func (rr *readRoutes) pageName(path string) string {
	if rr == nil { // a site without its route table
		return "page à l'adresse " + path
	}
	_, pattern := rr.mux.Handler(&http.Request{Method: "GET", URL: &url.URL{Path: path}})
	best, ok := rr.byPattern[pattern]
	if !ok {
		return "page à l'adresse " + path
	}
	name := cmp.Or(best.Nav, best.Crumb)
	if name == "" {
		name, _, _ = strings.Cut(best.Summary, " (")
	}
	if best.API {
		return "API, « " + name + " »"
	}
	return "page « " + name + " »"
}
