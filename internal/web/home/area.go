// Package home is the home page: what each role has to do next.
package home

import (
	"embed"

	"certibloc/internal/web/kit"
	"certibloc/internal/web/registrations"
)

//go:embed templates
var templates embed.FS

// Area serves the home page; internal/web assembles its Routes. The
// candidate's home shows its registrations as the registrations area does.
type Area struct {
	*kit.Pages
	registrations *registrations.Area
}

// New parses the area's pages (a broken template fails here, at start).
func New(site *kit.Site, regs *registrations.Area) (*Area, error) {
	pages, err := site.Pages(templates)
	return &Area{pages, regs}, err
}
