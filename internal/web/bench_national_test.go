package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"

	"certibloc/internal/auth"
	"certibloc/internal/certif"
	"certibloc/internal/clock"
	"certibloc/internal/store"
	"certibloc/internal/web"
)

// BenchmarkNationalPages measures the list pages through the whole stack
// (router, session, templates, store) on a national-scale database filled by
// `certibloc demo --scale national`:
//
//	go run ./cmd/certibloc demo --scale national --db sqlite:/tmp/national.db --today 2026-11-23
//	CERTIBLOC_BENCH_DB=sqlite:/tmp/national.db go test -run XXX -bench NationalPages ./internal/web
func BenchmarkNationalPages(b *testing.B) {
	dsn := os.Getenv("CERTIBLOC_BENCH_DB")
	if dsn == "" {
		b.Skip("CERTIBLOC_BENCH_DB non défini : pas de base à l'échelle nationale")
	}
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	const email, password = "bench.office@bench.test", "mot-de-passe-de-bench"
	if _, _, err := st.UserByEmail(ctx, email); certif.ErrorCode(err) == certif.ENotFound {
		hash, _ := auth.HashPassword(password)
		if _, err := st.CreateUser(ctx, store.Platform(), store.NewUser{Email: email, Role: certif.RoleOffice, PasswordHash: hash}); err != nil {
			b.Fatal(err)
		}
	}
	svc := auth.New(st, auth.DefaultPolicy)
	srv, err := web.New(web.Config{Store: st, Auth: svc, Clock: clock.Fixed(certif.MustDate("2026-11-23")),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), BaseURL: "http://localhost", Version: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	b.Cleanup(ts.Close)
	value, _, err := svc.Login(ctx, email, password, "127.0.0.1", "bench")
	if err != nil {
		b.Fatal(err)
	}
	jar, _ := cookiejar.New(nil)
	u, _ := url.Parse(ts.URL)
	jar.SetCookies(u, []*http.Cookie{{Name: "cb_session", Value: value}})
	client := &http.Client{Jar: jar}
	for _, page := range []string{"/inscriptions", "/inscriptions?q=h%C3%A9l%C3%A8ne", "/inscriptions?statut=registered",
		"/inscriptions?cqp=COS&periode=2025-06&statut=validated", "/candidats", "/candidats?q=lefevre", "/"} {
		b.Run(strings.TrimPrefix(page, "/"), func(b *testing.B) {
			for b.Loop() {
				res, err := client.Get(ts.URL + page)
				if err != nil {
					b.Fatal(err)
				}
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusOK {
					b.Fatalf("%s : statut %d", page, res.StatusCode)
				}
			}
		})
	}
}
