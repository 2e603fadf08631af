// Package calendars is the area of the calendar: national juries with their cutoffs (R9), collection deadlines (R5), exam months and working days; the public page with its date simulator and the office's management.
package calendars

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
