package web_test

import (
	"context"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"certibloc/internal/auth"
	"certibloc/internal/blob"
	"certibloc/internal/certif"
	"certibloc/internal/clock"
	"certibloc/internal/seed"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
	"certibloc/internal/web"
)

const testPassword = "mot-de-passe-de-test"

// env is a running server on a fresh SQLite store with one account per role
// and two employers.
type env struct {
	t      testing.TB
	st     *store.Store
	srv    *web.Server
	ts     *httptest.Server
	users  map[string]*certif.User // by role, plus "employerB"
	tokens map[string]string       // bearer token by the same keys
	auth   *auth.Service
	hash   string       // of testPassword
	dsn    string       // the database, for a second server on it
	clock  *clock.Clock // the server's, which the store's timestamps follow
}

// newEnv starts the server on SQLite; opts adjust its configuration. Long
// requests answer directly unless a test asks for their progress page
// (ProgressAfter).
func newEnv(t testing.TB, opts ...func(*web.Config)) *env {
	t.Helper()
	return newEnvOn(t, "sqlite", opts...)
}

// eachDialect runs fn with a fresh server on each database the store tests
// run on (storetest.Dialects), for what depends on the database.
func eachDialect(t *testing.T, fn func(t *testing.T, e *env), opts ...func(*web.Config)) {
	for _, d := range storetest.Dialects(t) {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			fn(t, newEnvOn(t, d, opts...))
		})
	}
}

// newEnvOn is newEnv on the named database ("sqlite" or "postgres"). On
// SQLite the database is a copy of one seeded once for the package
// (sqliteTemplate); on PostgreSQL a schema of its own, seeded here.
func newEnvOn(t testing.TB, dialect string, opts ...func(*web.Config)) *env {
	t.Helper()
	ctx := context.Background()
	var st *store.Store
	var fx fixture
	var dsn string
	if dialect == "sqlite" {
		st, fx, dsn = sqliteTemplate.open(t)
	} else {
		dsn = storetest.DSN(t, dialect)
		var err error
		if st, err = store.Open(ctx, dsn); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		if fx, err = seedFixture(ctx, st); err != nil {
			t.Fatal(err)
		}
	}
	authSvc := auth.New(st, auth.DefaultPolicy)
	e := &env{t: t, st: st, users: maps.Clone(fx.users), tokens: maps.Clone(fx.tokens), auth: authSvc, hash: fx.hash, dsn: dsn}
	today := fixtureToday
	blobs, err := blob.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	cfg := web.Config{Store: st, Auth: authSvc, Clock: clock.Fixed(today), Blobs: blobs,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), BaseURL: "http://localhost", Version: "test", ProgressAfter: time.Minute}
	for _, opt := range opts {
		opt(&cfg)
	}
	e.clock = cfg.Clock
	st.SetClock(cfg.Clock.Now) // as serve wires it: timestamps on the server's day
	e.srv, err = web.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	e.ts = httptest.NewServer(e.srv.Handler())
	t.Cleanup(e.ts.Close)
	return e
}

// secondServer starts another server on the env's database, as a second
// instance behind a load balancer would be: its own store connections, its
// own memory.
func (e *env) secondServer(t *testing.T) *env {
	return e.server(t, fixtureToday, time.Millisecond)
}

// onDay starts another server on the env's database whose rules see day as
// today: a test goes on to a later day (a national jury's proclamation).
func (e *env) onDay(t *testing.T, day certif.Date) *env {
	return e.server(t, day, time.Minute)
}

func (e *env) server(t *testing.T, today certif.Date, progressAfter time.Duration) *env {
	t.Helper()
	st, err := store.Open(context.Background(), e.dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	authSvc := auth.New(st, auth.DefaultPolicy)
	day := clock.Fixed(today)
	st.SetClock(day.Now)
	srv, err := web.New(web.Config{Store: st, Auth: authSvc, Clock: day, Blobs: e.srv.Blobs,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), BaseURL: "http://localhost", Version: "test", ProgressAfter: progressAfter,
		CertificateKey: e.srv.CertificateKey, MinutesSigner: e.srv.MinutesSigner})
	if err != nil {
		t.Fatal(err)
	}
	b := *e
	b.t, b.st, b.srv, b.auth, b.clock = t, st, srv, authSvc, day
	b.ts = httptest.NewServer(srv.Handler())
	t.Cleanup(b.ts.Close)
	return &b
}

// on returns a client with the same cookies, talking to another server of
// the same database.
func (c *client) on(other *env) *client {
	jar, _ := cookiejar.New(nil)
	from, _ := url.Parse(c.e.ts.URL)
	to, _ := url.Parse(other.ts.URL)
	jar.SetCookies(to, c.http.Jar.Cookies(from))
	return &client{e: other, http: &http.Client{Jar: jar, CheckRedirect: c.http.CheckRedirect}}
}

// addUser adds an account under key (password testPassword, a bearer token).
func (e *env) addUser(key string, nu store.NewUser) *certif.User {
	e.t.Helper()
	ctx := context.Background()
	nu.PasswordHash = e.hash
	u, err := e.st.CreateUser(ctx, store.Platform(), nu)
	if err != nil {
		e.t.Fatal(err)
	}
	e.users[key] = u
	if e.tokens[key], _, err = e.auth.CreateToken(ctx, store.Platform(), u.ID, "test", auth.DefaultTokenDays); err != nil {
		e.t.Fatal(err)
	}
	return u
}

// fixtureToday is the day the rules see in the tests of this package.
var fixtureToday = certif.MustDate("2026-11-23")

// fixture is what every env's database holds before its test: the shipped
// referential and calendar, two employers (CAF69 and CPAM33), a candidate of
// CAF69 (Léa), a jury member, and one account per role (plus "employerB";
// the national fund is the CNAF, of CAF69's branch)
// with its bearer token.
type fixture struct {
	users  map[string]*certif.User
	tokens map[string]string
	hash   string // of testPassword
}

func seedFixture(ctx context.Context, st *store.Store) (fixture, error) {
	fx := fixture{users: map[string]*certif.User{}, tokens: map[string]string{}}
	st.SetClock(clock.Fixed(fixtureToday).Now) // written on the servers' day, as serve would: the journal reads in order
	if _, err := seed.Load(ctx, st); err != nil {
		return fx, err
	}
	for _, e := range []certif.Employer{
		{Code: "CAF69", Name: "CAF du Rhône", Type: "CAF", Branch: "famille", Region: "Auvergne-Rhône-Alpes"},
		{Code: "CPAM33", Name: "CPAM de la Gironde", Type: "CPAM", Branch: "maladie", Region: "Nouvelle-Aquitaine"},
	} {
		if _, err := st.CreateEmployer(ctx, store.Platform(), e); err != nil {
			return fx, err
		}
	}
	cand, err := st.CreateCandidate(ctx, store.PlatformOn(fixtureToday), certif.Candidate{EmployerCode: "CAF69", BirthName: "Durand", UsageName: "Martin",
		FirstNames: []string{"Léa"}, Sex: "F", BirthDate: certif.MustDate("1991-02-03"), BirthINSEE: "69123"})
	if err != nil {
		return fx, err
	}
	member, err := st.CreateJuryMember(ctx, store.Platform(), certif.JuryMember{FirstName: "Paul", LastName: "Lefèvre", Email: "paul@jury.test",
		Roles: []certif.JuryRole{certif.JuryExpert}, Qualifications: []string{"COS"}, Organisation: "Institut 4.10"})
	if err != nil {
		return fx, err
	}
	if fx.hash, err = auth.HashPassword(testPassword); err != nil {
		return fx, err
	}
	authSvc := auth.New(st, auth.DefaultPolicy)
	for _, key := range []string{"office", "certifier", "national_fund", "employer", "employerB", "jury", "candidate"} {
		nu := map[string]store.NewUser{
			"office":        {Email: "office@test.fr", Role: certif.RoleOffice},
			"certifier":     {Email: "ucanss@test.fr", Role: certif.RoleCertifier},
			"national_fund": {Email: "jurys@cnaf.test", Role: certif.RoleNationalFund, BranchCode: "famille"},
			"employer":      {Email: "rh@caf69.test", Role: certif.RoleEmployer, EmployerCode: "CAF69"},
			"employerB":     {Email: "rh@cpam33.test", Role: certif.RoleEmployer, EmployerCode: "CPAM33"},
			"jury":          {Email: "paul@jury.test", Role: certif.RoleJury, JuryMemberID: member.ID},
			"candidate":     {Email: "lea@test.fr", Role: certif.RoleCandidate, CandidateID: cand.ID},
		}[key]
		nu.PasswordHash = fx.hash
		u, err := st.CreateUser(ctx, store.Platform(), nu)
		if err != nil {
			return fx, err
		}
		fx.users[key] = u
		if fx.tokens[key], _, err = authSvc.CreateToken(ctx, store.Platform(), u.ID, "test", auth.DefaultTokenDays); err != nil {
			return fx, err
		}
	}
	return fx, nil
}

// sqliteTemplate is the fixture's SQLite database, seeded once for the
// package and copied for each test: migrations, the referential and the
// accounts are made once, not once per test.
var sqliteTemplate templateDB

type templateDB struct {
	once sync.Once
	dir  string
	fx   fixture
	err  error
}

func (tpl *templateDB) open(t testing.TB) (*store.Store, fixture, string) {
	t.Helper()
	tpl.once.Do(func() {
		ctx := context.Background()
		if tpl.dir, tpl.err = os.MkdirTemp("", "certibloc-web-fixture-"); tpl.err != nil {
			return
		}
		st, err := store.Open(ctx, "sqlite:"+filepath.Join(tpl.dir, "fixture.db"))
		if err != nil {
			tpl.err = err
			return
		}
		tpl.fx, tpl.err = seedFixture(ctx, st)
		if err := st.Close(); tpl.err == nil { // the last connection checkpoints the WAL into the file
			tpl.err = err
		}
	})
	if tpl.err != nil {
		t.Fatalf("base de test : %v", tpl.err)
	}
	content, err := os.ReadFile(filepath.Join(tpl.dir, "fixture.db"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "test.db")
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), "sqlite:"+path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st, tpl.fx, "sqlite:" + path
}

// remove deletes the template's directory (TestMain).
func (tpl *templateDB) remove() {
	if tpl.dir != "" {
		os.RemoveAll(tpl.dir)
	}
}

// client is a browser-like HTTP client with its own cookies; it does not follow redirects.
type client struct {
	e    *env
	http *http.Client
	// form token read from a page, and the cookies it was read with
	form struct{ token, cookies string }
}

func (e *env) anonymous() *client {
	jar, _ := cookiejar.New(nil)
	return &client{e: e, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// as logs in through the login form.
func (e *env) as(role string) *client {
	e.t.Helper()
	c := e.anonymous()
	if role == "" {
		return c
	}
	res := c.post("/connexion", url.Values{"email": {e.users[role].Email}, "password": {testPassword}})
	if res.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("connexion %s : statut %d", role, res.StatusCode)
	}
	return c
}

func (c *client) do(req *http.Request) *http.Response {
	c.e.t.Helper()
	res, err := c.http.Do(req)
	if err != nil {
		c.e.t.Fatal(err)
	}
	c.e.t.Cleanup(func() { res.Body.Close() })
	return res
}

func (c *client) get(path string) *http.Response {
	req, _ := http.NewRequest("GET", c.e.ts.URL+path, nil)
	return c.do(req)
}

var csrfInput = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// csrf returns the form token as a browser reads it, from a form of a page:
// "Mon compte" with a session, the login page without. It reads it again
// when the session or anonymous token cookies have changed since.
func (c *client) csrf() string {
	c.e.t.Helper()
	if c.form.token != "" && c.form.cookies == c.tokenCookies() {
		return c.form.token
	}
	res := c.get("/compte")
	if res.StatusCode == http.StatusSeeOther {
		res = c.get("/connexion")
	}
	b, _ := io.ReadAll(res.Body)
	m := csrfInput.FindSubmatch(b)
	if m == nil {
		c.e.t.Fatalf("pas de jeton CSRF dans la page (statut %d)", res.StatusCode)
	}
	c.form.token, c.form.cookies = string(m[1]), c.tokenCookies()
	return c.form.token
}

// tokenCookies are the cookies a form token depends on.
func (c *client) tokenCookies() string {
	u, _ := url.Parse(c.e.ts.URL)
	var out []string
	for _, ck := range c.http.Jar.Cookies(u) {
		if ck.Name == "cb_session" || ck.Name == "cb_csrf" {
			out = append(out, ck.Name+"="+ck.Value)
		}
	}
	return strings.Join(out, ";")
}

// post sends a form with the CSRF token.
func (c *client) post(path string, form url.Values) *http.Response {
	if form == nil {
		form = url.Values{}
	}
	form.Set("csrf_token", c.csrf())
	return c.postRaw(path, form)
}

func (c *client) postRaw(path string, form url.Values) *http.Response {
	req, _ := http.NewRequest("POST", c.e.ts.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req)
}

func body(t testing.TB, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// api calls the JSON API with a role's bearer token ("" for none).
func (e *env) api(method, path, role string, payload string) *http.Response {
	e.t.Helper()
	req, _ := http.NewRequest(method, e.ts.URL+path, strings.NewReader(payload))
	if role != "" {
		req.Header.Set("Authorization", "Bearer "+e.tokens[role])
	}
	if payload != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	return e.anonymous().do(req)
}
