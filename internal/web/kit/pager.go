package kit

import (
	"net/http"
	"strconv"
)

// PerPage is the number of rows of a list page.
const PerPage = 50

// Pager is the pagination of a list.
type Pager struct {
	Page, Pages, Total, PerPage int
	Prev, Next                  string // links, "" at the ends
	Last                        string // past the last page (an old link, a typed address): the link to it
}

// NewPager paginates total rows, perPage a page, from the page of the query.
func NewPager(r *http.Request, total, perPage int) Pager {
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	p := Pager{Page: max(page, 1), Total: total, PerPage: perPage, Pages: max((total+perPage-1)/perPage, 1)}
	switch {
	case p.Page > p.Pages:
		p.Last = ViewLink(r, "page", strconv.Itoa(p.Pages))
	case p.Page > 1:
		p.Prev = ViewLink(r, "page", strconv.Itoa(p.Page-1))
	}
	if p.Page < p.Pages {
		p.Next = ViewLink(r, "page", strconv.Itoa(p.Page+1))
	}
	return p
}

// ViewLink is the address of the current view (path and every filter of its
// query) with the given parameters set; an empty value removes one. Templates
// put it whole in an href: the query is encoded once, here.
func ViewLink(r *http.Request, keyValues ...string) string {
	q := r.URL.Query()
	for i := 0; i+1 < len(keyValues); i += 2 {
		if keyValues[i+1] == "" {
			q.Del(keyValues[i])
		} else {
			q.Set(keyValues[i], keyValues[i+1])
		}
	}
	if len(q) == 0 {
		return r.URL.Path
	}
	return r.URL.Path + "?" + q.Encode()
}
