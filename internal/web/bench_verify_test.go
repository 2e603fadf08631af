package web_test

import (
	"net/http"
	"strings"
	"testing"

	"certibloc/internal/certif"
	"certibloc/internal/store/storetest"
)

// BenchmarkVerification measures the public verification of a certificate
// through the whole stack (router, store, template, the verification logged):
// the page by its short code, the API, and an unknown code (issue 13: ≤ 5 ms
// median):
//
//	go test -run XXX -bench Verification ./internal/web
func BenchmarkVerification(b *testing.B) {
	e := newEnv(b)
	storetest.CQPCertificate(b, e.dsn, e.users["candidate"].CandidateID, "GC", certif.MustDate("2026-11-06"), "CQP-2026-000001", "ABCD-EFGH-JKMN")
	visitor := e.as("")
	if page := body(b, visitor.get("/verifier?code=ABCD-EFGH-JKMN")); !strings.Contains(page, "DURAND") {
		b.Fatalf("certificat non trouvé par son code :\n%.1500s", page)
	}
	benchGets(b, []benchRequest{
		{"page_by_code", func() *http.Response { return visitor.get("/verifier?code=ABCD-EFGH-JKMN") }},
		{"api_by_code", func() *http.Response { return e.api("GET", "/api/v1/verify/ABCD-EFGH-JKMN", "", "") }},
		{"page_unknown_code", func() *http.Response { return visitor.get("/verifier?code=ZZZZ-ZZZZ-ZZZY") }},
	})
}
