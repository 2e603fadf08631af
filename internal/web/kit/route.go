package kit

import (
	"net/http"

	"certibloc/internal/certif"
)

// Handler answers a request; an error is rendered by the route's guard, as a
// page or as JSON (Site.Fail).
type Handler func(w http.ResponseWriter, r *http.Request) error

// Route is one entry of the route table: who may call what.
type Route struct {
	Method string
	Path   string        // http.ServeMux pattern path, e.g. /referentiel/{code}
	Roles  []certif.Role // roles allowed; ignored when Public
	Public bool          // anyone, logged in or not
	Scoped bool          // scoped: what it reads or changes comes from the principal's scope, never from the request
	API    bool          // JSON API route (bearer token or session)
	Nav    string        // label in the navigation, for GET pages
	// NavPublic is the label of a Nav page for visitors not logged in, when
	// it differs (the home: "À faire" once logged in, "Accueil" before).
	NavPublic string
	Group     Group // the navigation's group of a Nav page: what people do there
	// Intake is the intake route a Nav page serves, if one: an employer sees
	// it in its menu only when a qualification open to its branch takes that
	// route (a CAF has no Maladie census, a CPAM no collection table).
	Intake certif.IntakeRoute
	// Crumb names a page without a Nav label in the breadcrumbs of the pages
	// under it ("Candidat" above "Modifier le candidat").
	Crumb string
	// Parent is the path of the page above this one in the breadcrumbs, when
	// it is not the nearest route that its own path starts with.
	Parent string
	File   bool // answers a file to download, not a page
	// Progress marks long work (an import): it runs in the background and,
	// past a second, the browser follows its progress on /suivi/{id}.
	Progress bool
	// MaxBody bounds the file a request uploads when it may exceed MaxUpload
	// (an evidence file); the body may hold FormMargin more.
	MaxBody int64
	Summary string  // French summary (OpenAPI, route list)
	Handle  Handler `json:"-"`
}

// Allows reports whether a principal may call the route.
func (r Route) Allows(p certif.Principal) bool {
	if r.Public {
		return true
	}
	return !p.Anonymous() && p.Is(r.Roles...)
}
