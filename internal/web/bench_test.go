package web_test

import (
	"io"
	"net/http"
	"testing"
)

// BenchmarkPages measures whole requests through the real router and a real
// SQLite store (httptest server on loopback): the public calendar, the office
// home page and the calendar API.
func BenchmarkPages(b *testing.B) {
	e := newEnv(b)
	office := e.as("office")
	benchGets(b, []benchRequest{
		{"calendar_page", func() *http.Response { return office.get("/calendrier?annee=2026") }},
		{"office_home", func() *http.Response { return office.get("/") }},
		{"calendar_api", func() *http.Response { return e.api("GET", "/api/v1/calendar/2026", "", "") }},
		{"qualifications_api", func() *http.Response { return e.api("GET", "/api/v1/qualifications", "", "") }},
	})
}

// benchRequest is a request a benchmark repeats, expecting 200.
type benchRequest struct {
	name string
	get  func() *http.Response
}

// benchGets runs each request as a sub-benchmark, reading its whole answer.
func benchGets(b *testing.B, cases []benchRequest) {
	for _, bc := range cases {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				res := bc.get()
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusOK {
					b.Fatalf("statut %d", res.StatusCode)
				}
			}
		})
	}
}
