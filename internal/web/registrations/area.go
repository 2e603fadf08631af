// Package registrations is the area of candidates and registrations: identities (R16), registrations by block (R2, R3, R6, R15, R19, R20), file imports, lists and exports, "néant" declarations (R17), and their JSON API.
package registrations

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
