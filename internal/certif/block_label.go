package certif

import "strconv"

// BlockLabel names block n of a qualification wherever it is shown (pages,
// mails, PDFs): "Bloc 2 – Accueillir et orienter", or "Bloc 2" while its
// title is not known. Never a placeholder for a title.
func BlockLabel(n int, title string) string {
	if title == "" {
		return "Bloc " + strconv.Itoa(n)
	}
	return "Bloc " + strconv.Itoa(n) + " – " + title
}

// HasTitle reports whether the block's official title is known: entered, and
// not held for provisional by the office.
func (b Block) HasTitle() bool { return b.Title != "" && !b.Placeholder }

// ShownTitle is the block's title as users read it: "" while not known.
func (b Block) ShownTitle() string {
	if !b.HasTitle() {
		return ""
	}
	return b.Title
}

// Label is the block's name as users read it (BlockLabel).
func (b Block) Label() string { return BlockLabel(b.Number, b.ShownTitle()) }
