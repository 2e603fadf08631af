// Package censuses is the area of the other intake routes: the Maladie census and its pre-registrations (R4), training plannings (R7) and registration windows (R1).
package censuses

import (
	"embed"

	"certibloc/internal/web/kit"
)

//go:embed templates
var templates embed.FS

// Area serves the pages and API of the area; internal/web assembles its Routes.
type Area struct{ *kit.Pages }

// New parses the area's pages (a broken template fails here, at start).
func New(site *kit.Site) (*Area, error) {
	pages, err := site.Pages(templates)
	return &Area{pages}, err
}
