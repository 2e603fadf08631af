// Package accounts is the area of accounts: logging in and out, one's own account and API tokens, the office's users and invitations, passwords chosen through a mailed link, and the journal of changes.
package accounts

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
