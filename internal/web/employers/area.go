// Package employers is the area of employers: the office's management of organismes, and each employer's own page (HR contacts, sites and opening hours, R18).
package employers

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
