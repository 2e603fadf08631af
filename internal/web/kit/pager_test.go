package kit

import (
	"net/http/httptest"
	"testing"
)

// TestAPagePastTheLastLinksToTheLast: an address past the last page (an old
// link, a typed one) leads to the last page, never to a page that says
// "Page 999 sur 2" with nothing under it.
func TestAPagePastTheLastLinksToTheLast(t *testing.T) {
	for _, tc := range []struct {
		query            string
		total            int
		page, pages      int
		prev, next, last string
	}{
		{"?page=999&q=dupont", 75, 999, 2, "", "", "/inscriptions?page=2&q=dupont"},
		{"?page=2", 0, 2, 1, "", "", "/inscriptions?page=1"},
		{"?page=2", 75, 2, 2, "/inscriptions?page=1", "", ""},
		{"", 75, 1, 2, "", "/inscriptions?page=2", ""},
		{"?page=-3", 10, 1, 1, "", "", ""},
	} {
		p := NewPager(httptest.NewRequest("GET", "/inscriptions"+tc.query, nil), tc.total, 50)
		if p.Page != tc.page || p.Pages != tc.pages || p.Prev != tc.prev || p.Next != tc.next || p.Last != tc.last {
			t.Errorf("%s sur %d lignes : %+v", tc.query, tc.total, p)
		}
	}
}
