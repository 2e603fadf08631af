package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"certibloc/internal/auth"
)

func TestLoginLogoutAndSessionCookie(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.anonymous()
	res := c.get("/compte")
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/connexion?suite=%2Fcompte" {
		t.Fatalf("page protégée sans session : %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	res = c.post("/connexion", url.Values{"email": {"office@test.fr"}, "password": {"mauvais"}})
	if res.StatusCode != http.StatusUnauthorized || !strings.Contains(body(t, res), "Adresse électronique ou mot de passe incorrect.") {
		t.Fatalf("mauvais mot de passe : %d", res.StatusCode)
	}
	res = c.post("/connexion", url.Values{"email": {"office@test.fr"}, "password": {testPassword}, "suite": {"/compte"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/compte" {
		t.Fatalf("connexion : %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	var session *http.Cookie
	for _, ck := range res.Cookies() {
		if ck.Name == "cb_session" {
			session = ck
		}
	}
	if session == nil || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode || session.Path != "/" {
		t.Fatalf("cookie de session : %+v", session)
	}
	if res := c.get("/compte"); res.StatusCode != http.StatusOK {
		t.Fatalf("page après connexion : %d", res.StatusCode)
	}
	if res := c.post("/connexion", url.Values{"email": {"office@test.fr"}, "password": {testPassword}, "suite": {"https://evil.example/"}}); res.Header.Get("Location") != "/" {
		t.Errorf("redirection ouverte après connexion : %s", res.Header.Get("Location"))
	}
	rotated := e.anonymous()
	u0, _ := url.Parse(e.ts.URL)
	rotated.http.Jar.SetCookies(u0, []*http.Cookie{{Name: "cb_session", Value: session.Value}})
	if res := rotated.get("/compte"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("la session d'avant une nouvelle connexion doit être fermée (rotation) : %d", res.StatusCode)
	}
	u, _ := url.Parse(e.ts.URL)
	for _, ck := range c.http.Jar.Cookies(u) {
		if ck.Name == "cb_session" {
			session = ck
		}
	}
	if res := c.post("/deconnexion", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("déconnexion : %d", res.StatusCode)
	}
	replay := e.anonymous()
	replay.http.Jar.SetCookies(u, []*http.Cookie{{Name: "cb_session", Value: session.Value}})
	if res := replay.get("/compte"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("une session fermée ne doit plus ouvrir de page : %d", res.StatusCode)
	}
}

func TestLoginRateLimit(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.anonymous()
	for range auth.DefaultPolicy.PerPair.Max {
		c.post("/connexion", url.Values{"email": {"office@test.fr"}, "password": {"mauvais"}})
	}
	res := c.post("/connexion", url.Values{"email": {"office@test.fr"}, "password": {testPassword}})
	if res.StatusCode != http.StatusTooManyRequests || !strings.Contains(body(t, res), "Trop de tentatives") {
		t.Errorf("limitation : statut %d", res.StatusCode)
	}
}

func TestCSRFProtectsEveryStateChange(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.as("office")
	form := url.Values{"date": {"2027-01-21"}, "start": {"10:00"}, "end": {"13:00"}}
	if res := c.postRaw("/calendrier/jurys", form); res.StatusCode != http.StatusForbidden || !strings.Contains(body(t, res), "Formulaire expiré") {
		t.Errorf("POST sans jeton CSRF : %d", res.StatusCode)
	}
	form.Set("csrf_token", "faux-jeton-faux-jeton-faux-jeton-faux")
	if res := c.postRaw("/calendrier/jurys", form); res.StatusCode != http.StatusForbidden {
		t.Errorf("POST avec un faux jeton : %d", res.StatusCode)
	}
	form.Set("csrf_token", c.csrf())
	req, _ := http.NewRequest("POST", e.ts.URL+"/calendrier/jurys", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if res := c.do(req); res.StatusCode != http.StatusForbidden {
		t.Errorf("POST d'un autre site : %d", res.StatusCode)
	}
	if res := c.post("/calendrier/jurys", form); res.StatusCode != http.StatusSeeOther {
		t.Errorf("POST légitime : %d", res.StatusCode)
	}
	// Login itself is protected (login CSRF).
	if res := e.anonymous().postRaw("/connexion", url.Values{"email": {"office@test.fr"}, "password": {testPassword}}); res.StatusCode != http.StatusForbidden {
		t.Errorf("connexion sans jeton : %d", res.StatusCode)
	}
}

func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	res := e.anonymous().get("/")
	for h, want := range map[string]string{
		"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin",
	} {
		if got := res.Header.Get(h); got != want {
			t.Errorf("%s = %q, attendu %q", h, got, want)
		}
	}
	csp := res.Header.Get("Content-Security-Policy")
	for _, part := range []string{"default-src 'self'", "frame-ancestors 'none'", "script-src 'self'"} {
		if !strings.Contains(csp, part) {
			t.Errorf("CSP sans %q : %s", part, csp)
		}
	}
	if res.Header.Get("X-Request-ID") == "" {
		t.Error("pas d'identifiant de requête")
	}
	page := body(t, res)
	if !strings.Contains(page, `<html lang="fr">`) || !strings.Contains(page, `href="#contenu"`) {
		t.Error("page sans lang=fr ou sans lien d'évitement")
	}
}

func TestErrorPagesAreFrench(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	res := e.as("employer").get("/comptes")
	if res.StatusCode != http.StatusForbidden || !strings.Contains(body(t, res), "Accès refusé") {
		t.Errorf("403 : %d", res.StatusCode)
	}
	res = e.anonymous().get("/nulle-part")
	if res.StatusCode != http.StatusNotFound || !strings.Contains(body(t, res), "Page introuvable") {
		t.Errorf("404 : %d", res.StatusCode)
	}
	res = e.anonymous().get("/referentiel/NOPE")
	if res.StatusCode != http.StatusNotFound || !strings.Contains(body(t, res), "Certification NOPE introuvable.") {
		t.Errorf("404 métier : %d", res.StatusCode)
	}
}

type apiErr struct {
	Error struct {
		Code    string            `json:"code"`
		Message string            `json:"message"`
		Fields  map[string]string `json:"fields"`
	} `json:"error"`
}

func decode[T any](t *testing.T, res *http.Response) T {
	t.Helper()
	var v T
	if err := json.NewDecoder(res.Body).Decode(&v); err != nil {
		t.Fatalf("JSON illisible : %v", err)
	}
	return v
}

func TestAPIErrors(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	cases := []struct {
		method, path, role, payload string
		status                      int
		code                        string
	}{
		{"GET", "/api/v1/me", "", "", 401, "unauthorized"},
		{"GET", "/api/v1/qualifications", "bad", "", 401, "unauthorized"},
		{"GET", "/api/v1/qualifications/NOPE", "", "", 404, "not_found"},
		{"GET", "/api/v1/calendar/deux-mille", "", "", 400, "bad_request"},
		{"GET", "/api/v1/audit", "employer", "", 403, "forbidden"},
		{"PUT", "/api/v1/calendar/national-juries/2027-01-21", "office", `{"start":"10:00"`, 400, "bad_request"},
		{"PUT", "/api/v1/calendar/national-juries/2027-01-21", "office", `{"start":"14:00","end":"13:00","cutoff_override":"2027-01-15"}`, 422, "invalid"},
	}
	e.tokens["bad"] = "cb_pas-un-vrai-jeton"
	for _, tc := range cases {
		res := e.api(tc.method, tc.path, tc.role, tc.payload)
		got := decode[apiErr](t, res)
		if res.StatusCode != tc.status || got.Error.Code != tc.code || got.Error.Message == "" {
			t.Errorf("%s %s : %d %+v, attendu %d %s", tc.method, tc.path, res.StatusCode, got, tc.status, tc.code)
		}
		if tc.status == 422 && (got.Error.Fields["end"] == "" || got.Error.Fields["override_reason"] == "") {
			t.Errorf("422 sans champs nommés : %+v", got.Error.Fields)
		}
	}
}

func TestAPICalendar2026(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	res := e.api("GET", "/api/v1/calendar/2026", "", "")
	got := decode[struct {
		NationalJuries []struct{ Date, Cutoff, Start, End string } `json:"national_juries"`
		Campaigns      []struct{ Name, Deadline string }           `json:"campaigns"`
	}](t, res)
	want := []string{"2026-01-16", "2026-02-27", "2026-04-10", "2026-05-22", "2026-07-06", "2026-09-18", "2026-11-02", "2026-12-11"}
	if len(got.NationalJuries) != 8 {
		t.Fatalf("%d jurys", len(got.NationalJuries))
	}
	for i, j := range got.NationalJuries {
		if j.Cutoff != want[i] || j.Start != "10:00" || j.End != "13:00" {
			t.Errorf("jury %s : %+v", j.Date, j)
		}
	}
	if len(got.Campaigns) != 5 || got.Campaigns[2].Deadline != "2026-02-27" {
		t.Errorf("campagnes : %+v", got.Campaigns)
	}
}

func TestAPIQualificationsAndMe(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	quals := decode[[]struct {
		Code      string `json:"code"`
		MonoBlock bool   `json:"mono_block"`
		Blocks    []struct {
			Number int `json:"number"`
		} `json:"blocks"`
	}](t, e.api("GET", "/api/v1/qualifications", "", ""))
	found := map[string]int{}
	for _, q := range quals {
		found[q.Code] = len(q.Blocks)
	}
	if found["COS"] != 4 || found["GC"] != 3 || found["CA"] != 1 {
		t.Errorf("certifications : %v", found)
	}
	me := decode[struct{ Email, Role, Employer string }](t, e.api("GET", "/api/v1/me", "employer", ""))
	if me.Email != "rh@caf69.test" || me.Role != "employer" || me.Employer != "CAF69" {
		t.Errorf("me : %+v", me)
	}
	res := e.api("PUT", "/api/v1/calendar/national-juries/2027-01-21", "office", `{"start":"10:00","end":"13:00"}`)
	jury := decode[struct{ Cutoff string }](t, res)
	if res.StatusCode != 200 || jury.Cutoff != "2027-01-15" {
		t.Errorf("jury 2027 : %d %+v", res.StatusCode, jury)
	}
}

func TestOfficeOverridesCutoffWithReason(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.as("office")
	form := url.Values{"date": {"17/12/2026"}, "start": {"10:00"}, "end": {"13:00"}, "cutoff_override": {"10/12/2026"}}
	res := c.post("/calendrier/jurys", form)
	page := body(t, res)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "Indiquez le motif du changement de date limite.") {
		t.Fatalf("forçage sans motif : %d", res.StatusCode)
	}
	if n := strings.Count(page, "Indiquez le motif du changement de date limite."); n != 1 {
		t.Errorf("le message du refus est affiché %d fois, attendu une fois (sous le champ)", n)
	}
	form.Set("override_reason", "Fermeture des sites le 11/12")
	if res := c.post("/calendrier/jurys", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("forçage : %d", res.StatusCode)
	}
	page = body(t, e.anonymous().get("/calendrier?annee=2026"))
	if !strings.Contains(page, "jeudi 10 décembre 2026") || !strings.Contains(page, "Fermeture des sites le 11/12") {
		t.Error("le calendrier public ne montre pas la date limite forcée et son motif")
	}
	page = body(t, e.as("certifier").get("/journal?objet=national_jury"))
	if !strings.Contains(page, "Fermeture des sites le 11/12") || !strings.Contains(page, "office@test.fr") {
		t.Error("forçage absent du journal")
	}
	// the journal reads in French: objects, actions, fields, dates and times
	for _, want := range []string{"<td>Jury paritaire national 17/12/2026</td>", "<td>Modification</td>", "<td>date limite forcée</td>", "<td>10/12/2026</td>"} {
		if !strings.Contains(page, want) {
			t.Errorf("journal : %q absent", want)
		}
	}
	if !regexp.MustCompile(`<td>\d\d/\d\d/\d{4} à \d{1,2} h( \d\d)?</td>`).MatchString(page) {
		t.Error("journal : l'heure ne se lit pas « 14 h 05 »")
	}
	for _, raw := range []string{">national_jury<", ">update<", ">cutoff_override<", "2026-12-10"} {
		if strings.Contains(page, raw) {
			t.Errorf("journal : code brut %q affiché", raw)
		}
	}
}

func TestCalendarSimulator(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	page := body(t, e.anonymous().get("/calendrier?annee=2026&jury_pro=2026-11-03&certifiable=2027-08-10"))
	for _, want := range []string{"jeudi 17 décembre 2026", "septembre 2027", "01/06/2027"} {
		if !strings.Contains(page, want) {
			t.Errorf("simulateur : %q absent", want)
		}
	}
	page = body(t, e.anonymous().get("/calendrier?jury_pro=31-02"))
	if !strings.Contains(page, "Date invalide") {
		t.Error("date invalide non signalée")
	}
}

func TestQualificationEditing(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.as("office")
	form := url.Values{"title": {"Conseiller offres de services de la Sécurité sociale"}, "rncp": {"RNCP35543"}, "level": {"4"},
		"route": {"collection_table"}, "branches": {"famille", "recouvrement", "retraite"}, "active": {"on"}, "rows": {"5"}}
	for i := 1; i <= 4; i++ {
		p := "block" + string(rune('0'+i)) + "_"
		form.Set(p+"title", "Bloc numéro "+string(rune('0'+i)))
		form.Set(p+"modalities", "observation")
	}
	form.Set("block2_code", "RNCP35543BC2")
	res := c.post("/referentiel/COS", form)
	if page := body(t, res); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "Bloc 2 : le code doit avoir la forme RNCPxxxxxBCyy.") {
		t.Fatalf("code de bloc invalide : %d", res.StatusCode)
	}
	form.Set("block2_code", "RNCP35543BC02")
	form.Set("block4_remove", "on")
	if res := c.post("/referentiel/COS", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("modification : %d", res.StatusCode)
	}
	page := body(t, e.anonymous().get("/referentiel/COS"))
	if !strings.Contains(page, "RNCP35543BC02") || strings.Contains(page, "Bloc numéro 4") {
		t.Error("modification non visible")
	}
}

func TestHealthz(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	res := e.anonymous().get("/healthz")
	if res.StatusCode != http.StatusOK || !strings.Contains(body(t, res), `"ok"`) {
		t.Errorf("healthz : %d", res.StatusCode)
	}
	e.st.Close()
	if res := e.anonymous().get("/healthz"); res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("healthz base fermée : %d", res.StatusCode)
	}
	res = e.anonymous().get("/referentiel")
	if page := body(t, res); res.StatusCode != http.StatusInternalServerError || !strings.Contains(page, "Une erreur interne est survenue") || strings.Contains(page, "sql:") {
		t.Errorf("page 500 : %d", res.StatusCode)
	}
	if got := decode[apiErr](t, e.api("GET", "/api/v1/qualifications", "", "")); got.Error.Code != "internal" {
		t.Errorf("API 500 : %+v", got)
	}
}

func TestHomeSaysWhatToDoNext(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	cases := map[string][]string{
		"office":    {"Aucun jury paritaire national n'est encore saisi pour 2027", "jeudi 17 décembre 2026"},
		"certifier": {"Préparez le jury paritaire national du <strong>jeudi 17 décembre 2026</strong>"},
		"employer":  {"CAF du Rhône", "<strong>mars 2027</strong>", "GC, COS"},
		"jury":      {"Expert métier", "COS"},
		"candidate": {"MARTIN (DURAND) Léa, née le 03/02/1991"},
	}
	for role, wants := range cases {
		page := body(t, e.as(role).get("/"))
		for _, w := range wants {
			if !strings.Contains(page, w) {
				t.Errorf("accueil %s : %q absent", role, w)
			}
		}
	}
}
