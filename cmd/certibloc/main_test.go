package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"certibloc/internal/auth"
	"certibloc/internal/calendar"
	"certibloc/internal/certif"
	"certibloc/internal/clock"
	"certibloc/internal/seed"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

var ctx = context.Background()

func TestMain(m *testing.M) {
	auth.UseCheapHashesInTests() // the tests create and log in many accounts
	m.Run()
}

// noEnv hides the environment of the machine running the tests.
func noEnv(string) string { return "" }

// cli runs certibloc in-process with the given arguments.
func cli(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	a := &app{stdout: &out, stderr: &errOut, getenv: noEnv}
	code = a.run(ctx, args)
	return code, out.String(), errOut.String()
}

// tempDB returns the address of a fresh SQLite database.
func tempDB(t *testing.T) string {
	return "sqlite:" + filepath.Join(t.TempDir(), "certibloc.db")
}

// eachDB runs fn on a fresh SQLite database, and on a fresh PostgreSQL schema
// when CERTIBLOC_TEST_POSTGRES is set, as parallel tests (like storetest.Each).
func eachDB(t *testing.T, fn func(t *testing.T, dsn string)) {
	for _, d := range storetest.Dialects(t) {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			fn(t, storetest.DSN(t, d))
		})
	}
}

func TestCalendarJSONHasTheLetterCutoffs(t *testing.T) {
	t.Parallel()
	eachDB(t, testCalendarJSON)
}

func testCalendarJSON(t *testing.T, db string) {
	code, out, errOut := cli(t, "calendar", "--year", "2026", "--format", "json", "--db", db)
	if code != 0 {
		t.Fatalf("code %d : %s", code, errOut)
	}
	var got []map[string]string
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("JSON illisible : %v\n%s", err, out)
	}
	juries := []string{"2026-01-22", "2026-03-05", "2026-04-16", "2026-05-28", "2026-07-10", "2026-09-24", "2026-11-06", "2026-12-17"}
	cutoffs := []string{"2026-01-16", "2026-02-27", "2026-04-10", "2026-05-22", "2026-07-06", "2026-09-18", "2026-11-02", "2026-12-11"}
	var want []map[string]string
	for i := range juries {
		want = append(want, map[string]string{"date": juries[i], "cutoff": cutoffs[i], "start": "10:00", "end": "13:00"})
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("calendrier 2026 :\n%v\nattendu :\n%v", got, want)
	}
}

func TestCalendarText(t *testing.T) {
	t.Parallel()
	db := tempDB(t)
	code, out, errOut := cli(t, "calendar", "--db", db, "--today", "2026-05-04")
	if code != 0 {
		t.Fatalf("code %d : %s", code, errOut)
	}
	for _, s := range []string{"Jurys paritaires nationaux 2026", "jeudi     22/01/2026", "vendredi 16/01/2026", "lundi 06/07/2026",
		"Date limite des jurys professionnels", "juin à juillet 2026", "vendredi 27/02/2026", "mardi 30/09/2025"} {
		if !strings.Contains(out, s) {
			t.Errorf("%q absent du tableau :\n%s", s, out)
		}
	}
	st := storetest.OpenDSN(t, db)
	override := calendar.NationalJury{Date: certif.MustDate("2026-07-10"), Start: "10:00", End: "13:00",
		CutoffOverride: certif.MustDate("2026-07-03"), OverrideReason: "fermeture estivale"}
	if err := st.SaveNationalJury(ctx, store.Platform(), override); err != nil {
		t.Fatal(err)
	}
	if _, out, _ := cli(t, "calendar", "--db", db, "--year", "2026"); !strings.Contains(out, "vendredi 03/07/2026 (modifiée : fermeture estivale)") {
		t.Errorf("date limite modifiée absente :\n%s", out)
	}
	if _, out, _ := cli(t, "calendar", "--db", db, "--year", "2026", "--format", "json"); !strings.Contains(out, `"cutoff": "2026-07-03"`) {
		t.Errorf("date limite modifiée absente du JSON :\n%s", out)
	}
	if code, out, _ := cli(t, "calendar", "--db", db, "--year", "2031"); code != 0 || !strings.Contains(out, "Aucun jury paritaire national") {
		t.Errorf("année sans jury : code %d\n%s", code, out)
	}
	if code, _, errOut := cli(t, "calendar", "--db", db, "--format", "xml"); code != 2 || !strings.Contains(errOut, "--format") {
		t.Errorf("format inconnu : code %d, %s", code, errOut)
	}
	if code, out, _ := cli(t, "calendar", "--db", db, "--today", "2031-02-01", "--format", "json"); code != 0 || strings.TrimSpace(out) != "[]" {
		t.Errorf("année par défaut = année de --today, sans jury : code %d, %s", code, out)
	}
}

var generated = regexp.MustCompile(`Mot de passe : (\S+)`)

func TestUserAddGeneratesAPasswordThatLogsIn(t *testing.T) {
	t.Parallel()
	db := tempDB(t)
	code, out, errOut := cli(t, "user", "add", "--db", db, "--email", "Bureau@Exemple.fr", "--role", "office", "--name", "Bureau des examens")
	if code != 0 {
		t.Fatalf("code %d : %s", code, errOut)
	}
	m := generated.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("mot de passe généré non affiché :\n%s", out)
	}
	st := storetest.OpenDSN(t, db)
	_, u, err := auth.New(st, auth.DefaultPolicy).Login(ctx, "bureau@exemple.fr", m[1], "127.0.0.1", "test")
	if err != nil || u.Role != certif.RoleOffice || u.Name != "Bureau des examens" {
		t.Fatalf("connexion avec le mot de passe généré : %v %+v", err, u)
	}
	if code, _, errOut := cli(t, "user", "add", "--db", db, "--email", "bureau@exemple.fr", "--role", "office"); code != 1 || !strings.Contains(errOut, "--email : Adresse déjà utilisée") {
		t.Errorf("doublon : code %d, %s", code, errOut)
	}
}

func TestUserAddChecksItsFields(t *testing.T) {
	t.Parallel()
	db := tempDB(t)
	st := storetest.OpenDSN(t, db)
	if _, err := seed.Load(ctx, st); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateEmployer(ctx, store.Platform(), certif.Employer{Code: "CPAM33", Name: "CPAM de la Gironde", Type: "CPAM", Branch: "maladie"}); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args []string
		code int
		want string // in stderr
	}{
		{[]string{"--email", "rh@exemple.fr", "--role", "employer"}, 1, "--employer : Un compte employeur doit être rattaché à un employeur"},
		{[]string{"--email", "rh@exemple.fr", "--role", "employer", "--employer", "CAF99"}, 1, "--employer : Aucun employeur n'a le code CAF99"},
		{[]string{"--email", "rh@exemple.fr", "--role", "patron"}, 1, "--role : Rôle inconnu"},
		{[]string{"--email", "rh@exemple.fr", "--role", "office", "--password", "court"}, 1, "--password : Le mot de passe doit comporter au moins 12 caractères"},
		{[]string{"--email", "pas-une-adresse", "--role", "office"}, 1, "--email : Adresse électronique invalide"},
		{[]string{"--role", "office"}, 2, "l'option --email est obligatoire"},
	}
	for _, tc := range cases {
		code, _, errOut := cli(t, append([]string{"user", "add", "--db", db}, tc.args...)...)
		if code != tc.code || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v : code %d, attendu %d avec %q :\n%s", tc.args, code, tc.code, tc.want, errOut)
		}
	}
	code, out, errOut := cli(t, "user", "add", "--db", db, "--email", "rh@exemple.fr", "--role", "employer", "--employer", "cpam33", "--password", "un mot de passe sûr")
	if code != 0 || generated.MatchString(out) || !strings.Contains(out, "employeur CPAM33") {
		t.Fatalf("compte employeur : code %d\n%s%s", code, out, errOut)
	}
	if _, u, err := auth.New(st, auth.DefaultPolicy).Login(ctx, "rh@exemple.fr", "un mot de passe sûr", "127.0.0.1", "test"); err != nil || u.EmployerCode != "CPAM33" {
		t.Errorf("connexion du compte employeur : %v %+v", err, u)
	}
}

func TestTokenCreateAndRevoke(t *testing.T) {
	t.Parallel()
	db := tempDB(t)
	if code, _, errOut := cli(t, "user", "add", "--db", db, "--email", "api@exemple.fr", "--role", "certifier"); code != 0 {
		t.Fatalf("user add : %s", errOut)
	}
	code, out, errOut := cli(t, "token", "create", "--db", db, "--email", "api@exemple.fr", "--label", "export")
	if code != 0 {
		t.Fatalf("code %d : %s", code, errOut)
	}
	token := strings.TrimSpace(out)
	if !strings.HasPrefix(token, auth.TokenPrefix) || strings.Contains(token, "\n") {
		t.Fatalf("la sortie standard doit être le seul jeton : %q", out)
	}
	a := auth.New(storetest.OpenDSN(t, db), auth.DefaultPolicy)
	if u, err := a.Bearer(ctx, token); err != nil || u.Email != "api@exemple.fr" {
		t.Fatalf("jeton refusé : %v", err)
	}
	id := regexp.MustCompile(`Jeton n° (\d+)`).FindStringSubmatch(errOut)
	if id == nil {
		t.Fatalf("numéro du jeton non affiché : %s", errOut)
	}
	if code, out, errOut := cli(t, "token", "revoke", "--db", db, "--email", "api@exemple.fr", "--id", id[1]); code != 0 || !strings.Contains(out, "révoqué") {
		t.Fatalf("révocation : code %d %s%s", code, out, errOut)
	}
	if _, err := a.Bearer(ctx, token); certif.ErrorCode(err) != certif.EUnauthorized {
		t.Errorf("jeton révoqué encore accepté : %v", err)
	}
	if code, _, errOut := cli(t, "token", "revoke", "--db", db, "--email", "api@exemple.fr", "--id", id[1]); code != 1 || !strings.Contains(errOut, "Jeton introuvable") {
		t.Errorf("double révocation : code %d %s", code, errOut)
	}
	if code, _, errOut := cli(t, "token", "create", "--db", db, "--email", "inconnu@exemple.fr"); code != 1 || !strings.Contains(errOut, "--email : Aucun compte") {
		t.Errorf("compte inconnu : code %d %s", code, errOut)
	}
}

// TestTokenCreateDays: --days sets how long a token is valid (90 days when
// absent), said at creation; a lifetime out of 1 to 365 days is refused.
func TestTokenCreateDays(t *testing.T) {
	t.Parallel()
	db := tempDB(t)
	if code, _, errOut := cli(t, "user", "add", "--db", db, "--email", "api@exemple.fr", "--role", "certifier"); code != 0 {
		t.Fatalf("user add : %s", errOut)
	}
	for _, days := range []string{"", "30"} {
		args := []string{"token", "create", "--db", db, "--email", "api@exemple.fr"}
		if days != "" {
			args = append(args, "--days", days)
		}
		code, _, errOut := cli(t, args...)
		if code != 0 {
			t.Fatalf("--days %q : code %d %s", days, code, errOut)
		}
		n := 90
		if days != "" {
			n, _ = strconv.Atoi(days)
		}
		until := clock.FormatParisDay(time.Now().AddDate(0, 0, n))
		if !strings.Contains(errOut, "valable jusqu'au "+until) {
			t.Errorf("--days %q : échéance %s non affichée : %s", days, until, errOut)
		}
	}
	st := storetest.OpenDSN(t, db)
	u, _, err := st.UserByEmail(ctx, "api@exemple.fr")
	if err != nil {
		t.Fatal(err)
	}
	tokens, err := st.APITokens(ctx, u.ID)
	if err != nil || len(tokens) != 2 || tokens[0].ExpiresAt.Sub(tokens[0].CreatedAt) != 90*24*time.Hour || tokens[1].ExpiresAt.Sub(tokens[1].CreatedAt) != 30*24*time.Hour {
		t.Errorf("durées de validité : %+v %v", tokens, err)
	}
	for _, days := range []string{"0", "366"} {
		if code, _, errOut := cli(t, "token", "create", "--db", db, "--email", "api@exemple.fr", "--days", days); code != 1 || !strings.Contains(errOut, "--days : Un jeton est valable de 1 à 365 jours.") {
			t.Errorf("--days %s : code %d %s", days, code, errOut)
		}
	}
}

func TestMigrateTwice(t *testing.T) {
	t.Parallel()
	db := tempDB(t)
	code, out, errOut := cli(t, "migrate", "--db", db)
	if code != 0 || !strings.Contains(out, "Migration appliquée : 0001_foundation.sql") {
		t.Errorf("première migration : code %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = cli(t, "migrate", "--db", db)
	if code != 0 || !strings.Contains(out, "Base à jour") || strings.Contains(out, "Migration appliquée") {
		t.Errorf("seconde migration : code %d\n%s%s", code, out, errOut)
	}
	if code, _, errOut := cli(t, "migrate", "--db", "mysql://x"); code != 1 || !strings.Contains(errOut, "base de données non reconnue") {
		t.Errorf("base inconnue : code %d %s", code, errOut)
	}
}

func TestCommandLineErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"deploy"}, "commande inconnue « deploy »"},
		{[]string{"token"}, "essayez token create, token revoke"},
		{[]string{"calendar", "--nope"}, "option inconnue : --nope"},
		{[]string{"calendar", "--year", "deux-mille"}, "valeur « deux-mille » invalide pour --year"},
		{[]string{"calendar", "--year"}, "l'option --year attend une valeur"},
		{[]string{"version", "en-trop"}, "argument inattendu"},
		{[]string{"help", "deploy"}, "aucune commande « deploy »"},
		{[]string{"migrate", "--today", "demain"}, "date invalide"},
		{nil, "Utilisation : certibloc COMMANDE"},
	}
	for _, tc := range cases {
		code, _, errOut := cli(t, tc.args...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v : code %d, attendu 2 avec %q :\n%s", tc.args, code, tc.want, errOut)
		}
	}
}

func TestHelp(t *testing.T) {
	t.Parallel()
	code, out, _ := cli(t, "help")
	if code != 0 {
		t.Fatalf("code %d", code)
	}
	for _, c := range commands() {
		if !strings.Contains(out, "  "+c.name+" ") {
			t.Errorf("commande %s absente de l'aide :\n%s", c.name, out)
		}
		code, usage, errOut := cli(t, append([]string{"help"}, strings.Fields(c.name)...)...)
		if code != 0 || !strings.Contains(usage, "Utilisation : certibloc "+c.name) || !strings.Contains(usage, "--db") {
			t.Errorf("help %s : code %d\n%s%s", c.name, code, usage, errOut)
		}
	}
	for _, s := range []string{"--db", "CERTIBLOC_DB", "--today", "CERTIBLOC_TODAY"} {
		if !strings.Contains(out, s) {
			t.Errorf("%s absent de l'aide générale", s)
		}
	}
	if code, out, _ := cli(t, "serve", "--help"); code != 0 || !strings.Contains(out, "--demo") || !strings.Contains(out, "CERTIBLOC_ADDR") {
		t.Errorf("serve --help : code %d\n%s", code, out)
	}
}

func TestVersion(t *testing.T) {
	t.Parallel()
	code, out, _ := cli(t, "version")
	if code != 0 || !strings.HasPrefix(out, "certibloc "+version+" (go") {
		t.Errorf("version : code %d %q", code, out)
	}
}

// TestReleaseVersionOnlyForARelease: the footer of a development build shows
// no "dev", a release's shows its version.
func TestReleaseVersionOnlyForARelease(t *testing.T) {
	t.Parallel()
	for v, want := range map[string]string{"dev": "", "1.2.0": "1.2.0"} {
		if got := releaseVersion(v); got != want {
			t.Errorf("version %q : le pied de page montre %q, attendu %q", v, got, want)
		}
	}
}

func TestPublicHost(t *testing.T) {
	t.Parallel()
	for addr, want := range map[string]string{"[::]:8080": "localhost:8080", "0.0.0.0:80": "localhost:80", "127.0.0.1:9000": "127.0.0.1:9000"} {
		tcp, err := net.ResolveTCPAddr("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := publicHost(tcp); got != want {
			t.Errorf("%s → %s, attendu %s", addr, got, want)
		}
	}
}

// syncBuffer is a buffer written by the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// serveOnce runs `serve` on a free port, checks /healthz, stops the server and
// returns what it printed.
func serveOnce(t *testing.T, args ...string) string {
	t.Helper()
	var out, errOut syncBuffer
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	health := make(chan int, 1)
	a := &app{stdout: &out, stderr: &errOut, getenv: noEnv, onListen: func(addr string) {
		defer stop()
		client := &http.Client{Timeout: 5 * time.Second}
		resp, err := client.Get("http://" + addr + "/healthz")
		if err != nil {
			health <- 0
			return
		}
		resp.Body.Close()
		health <- resp.StatusCode
	}}
	code := a.run(runCtx, append([]string{"serve", "--addr", "127.0.0.1:0", "--log-format", "json"}, args...))
	if code != 0 {
		t.Fatalf("serve : code %d\n%s", code, errOut.String())
	}
	if status := <-health; status != http.StatusOK {
		t.Errorf("/healthz : %d", status)
	}
	if !strings.Contains(errOut.String(), `"msg":"serveur arrêté"`) {
		t.Errorf("arrêt propre non journalisé en JSON :\n%s", errOut.String())
	}
	return out.String()
}

func TestServeDemo(t *testing.T) {
	t.Parallel()
	eachDB(t, testServeDemo)
}

func testServeDemo(t *testing.T, db string) {
	first := serveOnce(t, "--db", db, "--demo", "--today", "2026-03-02")
	for _, s := range []string{"Données de démonstration chargées", "Mot de passe", "bureau.examens@demo.certibloc.fr",
		"ucanss@demo.certibloc.fr", "rh.cpam33@demo.certibloc.fr", "CPAM de la Gironde", "certibloc-demo", "est disponible sur http://127.0.0.1:"} {
		if !strings.Contains(first, s) {
			t.Errorf("%q absent de la sortie de serve --demo :\n%s", s, first)
		}
	}
	// The demo's mails link to the server that loaded it, not to a default address.
	st := storetest.OpenDSN(t, db)
	list, _, err := st.OutboxMails(t.Context(), store.OutboxFilter{PerPage: 1000})
	linked := 0
	for _, m := range list {
		full, ferr := st.OutboxMailByID(t.Context(), m.ID)
		err = cmp.Or(err, ferr)
		if strings.Contains(full.Text, "localhost:8080") {
			t.Errorf("courriel « %s » de la démo vers localhost:8080", full.Subject)
		}
		if strings.Contains(full.Text, "http://127.0.0.1:") {
			linked++
		}
	}
	if err != nil || linked == 0 {
		t.Errorf("courriels de la démo liés au serveur : %d sur %d, %v", linked, len(list), err)
	}
	second := serveOnce(t, "--db", db, "--demo", "--today", "2026-03-02")
	if !strings.Contains(second, "déjà présentes") {
		t.Errorf("deuxième lancement :\n%s", second)
	}
	table := func(s string) string {
		return s[strings.Index(s, "Comptes de démonstration"):strings.Index(s, "certibloc est disponible")]
	}
	if table(first) != table(second) {
		t.Errorf("les identifiants affichés diffèrent d'un lancement à l'autre")
	}
	if out := serveOnce(t, "--db", db); strings.Contains(out, "Comptes de démonstration") {
		t.Errorf("sans --demo, pas de comptes affichés :\n%s", out)
	}
}
