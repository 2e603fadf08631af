package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"certibloc/internal/auth"
	"certibloc/internal/certif"
	"certibloc/internal/clock"
	"certibloc/internal/ics"
	"certibloc/internal/juries"
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
	// serve computes the national statistics at start (warmStatistics):
	// the pages read them as a running server does.
	if _, err := st.Statistics(ctx, 0, store.All, certif.MustDate("2026-11-23")); err != nil {
		b.Fatal(err)
	}
	value, _, err := svc.Login(ctx, email, password, "127.0.0.1", "bench")
	if err != nil {
		b.Fatal(err)
	}
	office := benchClient(ts.URL, "Cookie", "cb_session="+value)
	pages := []benchPage{{"", "/inscriptions"}, {"", "/inscriptions?q=h%C3%A9l%C3%A8ne"}, {"", "/inscriptions?statut=registered"},
		{"", "/inscriptions?cqp=COS&periode=2025-06&statut=validated"}, {"", "/candidats"}, {"", "/candidats?q=lefevre"}, {"", "/"},
		{"", "/statistiques"}, {"", "/statistiques?annee=2020"}, {"", "/statistiques/export.xlsx"}, {"", "/api/v1/statistics"}}
	for _, p := range pages {
		b.Run(strings.TrimPrefix(p.path, "/"), func(b *testing.B) { benchGet(b, office, ts.URL+p.path) })
	}
	benchJuryPages(b, ctx, st, svc, ts.URL, office)
	// The demo's CAF de Paris, when the database holds the demo accounts
	// (scripts/load loads both): its HR's pages and its bearer token's API list.
	hr, _, err := st.UserByEmail(ctx, "rh.caf75@demo.certibloc.fr")
	if err != nil {
		return
	}
	hrSession, _, err := svc.Login(ctx, hr.Email, "certibloc-demo", "127.0.0.1", "bench")
	if err != nil {
		b.Fatal(err)
	}
	token, _, err := svc.CreateToken(ctx, store.Platform(), hr.ID, "bench", auth.DefaultTokenDays)
	if err != nil {
		b.Fatal(err)
	}
	employer := benchClient(ts.URL, "Cookie", "cb_session="+hrSession)
	bearer := benchClient(ts.URL, "Authorization", "Bearer "+token)
	for _, p := range []benchPage{{"employeur", "/candidats"}, {"employeur", "/inscriptions"}, {"employeur", "/"}, {"employeur", "/statistiques"}} {
		b.Run(p.who+p.path, func(b *testing.B) { benchGet(b, employer, ts.URL+p.path) })
	}
	b.Run("employeur/api/v1/registrations", func(b *testing.B) { benchGet(b, bearer, ts.URL+"/api/v1/registrations") })
}

type benchPage struct{ who, path string }

// benchClient sends every request with the header.
func benchClient(base, header, value string) *http.Client {
	return &http.Client{Transport: headerTransport{header, value}}
}

type headerTransport struct{ name, value string }

func (h headerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set(h.name, h.value)
	return http.DefaultTransport.RoundTrip(r)
}

func benchGet(b *testing.B, client *http.Client, url string) {
	for b.Loop() {
		res, err := client.Get(url)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			b.Fatalf("%s : statut %d", url, res.StatusCode)
		}
	}
}

// benchJuryPages measures the professional juries' pages when the database
// holds a planned year (`certibloc plan --from 2026-12-03 --to 2027-12-02`
// on the national database): the office's "Planifier" and sessions by week
// and by member, then the busiest member's space once their sessions are
// convened (the bench convenes them: use a copy of the database).
func benchJuryPages(b *testing.B, ctx context.Context, st *store.Store, svc *auth.Service, base string, office *http.Client) {
	from, to := certif.MustDate("2026-12-03"), certif.MustDate("2027-12-02")
	list, err := st.JurySessions(ctx, store.SessionFilter{Scope: store.All, From: from, To: to})
	if err != nil || len(list) == 0 {
		return // no planned year in this database
	}
	for _, p := range []string{"/planifier?du=03/12/2026&au=02/12/2027", "/seances?du=04/01/2027&au=29/01/2027", "/seances?du=04/01/2027&au=29/01/2027&vue=membre"} {
		b.Run(strings.TrimPrefix(p, "/"), func(b *testing.B) { benchGet(b, office, base+p) })
	}
	load := map[int64]int{}
	busiest := int64(0)
	for _, ss := range list {
		for _, m := range ss.Members {
			if load[m.MemberID]++; load[m.MemberID] > load[busiest] {
				busiest = m.MemberID
			}
		}
	}
	c := juries.Convener{Store: st, Clock: clock.Fixed(certif.MustDate("2026-11-23")), BaseURL: "http://localhost", Organizer: ics.Person{Email: "examens@bench.test"}}
	for _, ss := range list {
		if ss.Sits(busiest) && ss.Status == certif.SessionDraft && ss.CheckConvocation() == nil {
			if _, err := c.Convene(ctx, store.Platform(), ss.ID, ss.Version); err != nil {
				b.Fatal(err)
			}
		}
	}
	email := "bench.jury@bench.test"
	if _, _, err := st.UserByEmail(ctx, email); certif.ErrorCode(err) == certif.ENotFound {
		hash, _ := auth.HashPassword("mot-de-passe-de-bench")
		if _, err := st.CreateUser(ctx, store.Platform(), store.NewUser{Email: email, Role: certif.RoleJury, JuryMemberID: busiest, PasswordHash: hash}); err != nil {
			b.Fatal(err)
		}
	}
	value, _, err := svc.Login(ctx, email, "mot-de-passe-de-bench", "127.0.0.1", "bench")
	if err != nil {
		b.Fatal(err)
	}
	member := benchClient(base, "Cookie", "cb_session="+value)
	for _, p := range []string{"/mes-seances", "/mes-candidats"} {
		b.Run("membre"+p, func(b *testing.B) { benchGet(b, member, base+p) })
	}
}
