package web_test

import (
	"context"
	"encoding/json"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"certibloc/internal/auth"
	"certibloc/internal/certif"
	"certibloc/internal/clock"
	"certibloc/internal/mail"
	"certibloc/internal/mail/smtptest"
	"certibloc/internal/store"
	"certibloc/internal/web"
)

// mailEnv is env with mail on: a worker delivering to a test SMTP server
// process, and links pointing at the test server.
type mailEnv struct {
	*env
	smtp *smtptest.Server
}

func newMailEnv(t *testing.T) *mailEnv {
	e := &mailEnv{env: newEnv(t), smtp: smtptest.Start(t)}
	sender, err := mail.NewSender(mail.Config{Host: e.smtp.Host(), Port: e.smtp.Port, Security: mail.NoTLS, From: mail.DefaultFrom, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	w := mail.NewWorker(e.st, sender, quiet, mail.Options{Interval: time.Hour}) // pages nudge it
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { w.Run(ctx); close(done) }()
	t.Cleanup(func() { stop(); <-done })
	var h http.Handler
	e.ts = httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) { h.ServeHTTP(rw, r) }))
	t.Cleanup(e.ts.Close)
	e.srv, err = web.New(web.Config{Store: e.st, Auth: auth.New(e.st, auth.DefaultPolicy), Clock: clock.Fixed(certif.MustDate("2026-11-23")),
		Logger: quiet, BaseURL: e.ts.URL, Version: "test", Mail: w})
	if err != nil {
		t.Fatal(err)
	}
	h = e.srv.Handler()
	return e
}

var mailLink = regexp.MustCompile(`http://127\.0\.0\.1:\d+(/mot-de-passe/nouveau\?jeton=[A-Za-z0-9_%-]+)`)

// linkIn returns the path of the link of a received mail, checking that the
// HTML part carries the same link.
func linkIn(t *testing.T, m smtptest.Message) string {
	t.Helper()
	found := mailLink.FindStringSubmatch(m.Text)
	if found == nil || !strings.Contains(m.HTML, `href="`+found[0]+`"`) {
		t.Fatalf("lien absent du courriel :\n%s", m.Text)
	}
	return found[1]
}

func expectPage(t *testing.T, res *http.Response, status int, texts ...string) string {
	t.Helper()
	b := html.UnescapeString(body(t, res))
	if res.StatusCode != status {
		t.Fatalf("statut %d, attendu %d :\n%.1500s", res.StatusCode, status, b)
	}
	for _, s := range texts {
		if !strings.Contains(b, s) {
			t.Errorf("%q absent de la page :\n%.3000s", s, b)
		}
	}
	return b
}

func expectRedirect(t *testing.T, res *http.Response, to string) {
	t.Helper()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != to {
		t.Fatalf("statut %d vers %q, attendu 303 vers %q", res.StatusCode, res.Header.Get("Location"), to)
	}
}

func loginWith(e *env, email, password string) *http.Response {
	return e.anonymous().post("/connexion", url.Values{"email": {email}, "password": {password}})
}

// TestInvitationByMail: the office opens an account by invitation; the mail
// reaches the SMTP server; its link sets the password once; login works.
func TestInvitationByMail(t *testing.T) {
	t.Parallel()
	e := newMailEnv(t)
	office := e.as("office")
	expectRedirect(t, office.post("/comptes/invitations", url.Values{"email": {"Elodie.Noel@CAF69.test"}, "name": {"Élodie Noël"},
		"role": {"employer"}, "employer": {"CAF69"}}), "/comptes/invitations")
	expectPage(t, office.get("/comptes/invitations"), http.StatusOK, "Compte elodie.noel@caf69.test créé : invitation envoyée, lien valable 7 jours.",
		"elodie.noel@caf69.test", "en attente")
	m := e.smtp.Wait(1, 10*time.Second)[0]
	if m.Subject != "Votre compte certibloc : choisissez votre mot de passe" || m.Header.Get("To") != "<elodie.noel@caf69.test>" ||
		!strings.Contains(m.Text, "Bonjour Élodie Noël,") || !strings.Contains(m.Text, "Votre rôle : Employeur (service RH) (CAF du Rhône)") {
		t.Errorf("invitation reçue : %q à %q\n%s", m.Subject, m.Header.Get("To"), m.Text)
	}
	link := linkIn(t, m)
	if res := loginWith(e.env, "elodie.noel@caf69.test", ""); res.StatusCode == http.StatusSeeOther {
		t.Fatal("un compte invité ne doit pas s'ouvrir avant le choix du mot de passe")
	}
	visitor := e.anonymous()
	expectPage(t, visitor.get(link), http.StatusOK, "Choisir votre mot de passe", "Bienvenue sur certibloc", "elodie.noel@caf69.test")
	token := strings.TrimPrefix(link, "/mot-de-passe/nouveau?jeton=")
	expectPage(t, visitor.post("/mot-de-passe/nouveau", url.Values{"jeton": {token}, "password": {"court"}, "confirm": {"court"}}),
		http.StatusUnprocessableEntity, "Le mot de passe doit comporter au moins 12 caractères.")
	expectRedirect(t, visitor.post("/mot-de-passe/nouveau", url.Values{"jeton": {token}, "password": {"un mot de passe à moi"}, "confirm": {"un mot de passe à moi"}}), "/connexion")
	expectPage(t, visitor.get("/connexion"), http.StatusOK, "Mot de passe enregistré : connectez-vous")
	expectRedirect(t, loginWith(e.env, "elodie.noel@caf69.test", "un mot de passe à moi"), "/")
	// Single use.
	expectPage(t, e.anonymous().get(link), http.StatusConflict, "Ce lien a déjà servi : il n'est utilisable qu'une fois.")
	expectPage(t, visitor.post("/mot-de-passe/nouveau", url.Values{"jeton": {token}, "password": {"un autre mot de passe"}, "confirm": {"un autre mot de passe"}}),
		http.StatusConflict, "Ce lien a déjà servi")
	expectPage(t, office.get("/comptes/invitations"), http.StatusOK, "acceptée")
	u, _, _ := e.st.UserByEmail(context.Background(), "elodie.noel@caf69.test")
	events, _ := e.st.AuditEvents(context.Background(), store.SystemViewer("test"), store.AuditFilter{Entity: "user", EntityKey: strconv.FormatInt(u.ID, 10)})
	if len(events) == 0 || events[0].Action != "password" || events[0].Reason != "invitation acceptée" || events[0].UserEmail != u.Email {
		t.Errorf("mot de passe choisi non tracé : %+v", events)
	}
	// The office sees the mail, sent, without its personal link.
	rows, _, _ := e.st.OutboxMails(context.Background(), store.OutboxFilter{Kind: "invitation"})
	page := expectPage(t, office.get("/courriels/"+strconv.FormatInt(rows[0].ID, 10)), http.StatusOK, "Invitation à créer son compte", "envoyé", "Contenu masqué")
	if strings.Contains(page, "jeton=") {
		t.Error("le lien personnel ne doit pas être montré à l'équipe des examens")
	}
	// A duplicate invitation is refused next to the field, and sends nothing.
	expectPage(t, office.post("/comptes/invitations", url.Values{"email": {"elodie.noel@caf69.test"}, "role": {"office"}}),
		http.StatusConflict, "Adresse déjà utilisée.")
	if _, n, _ := e.st.OutboxMails(context.Background(), store.OutboxFilter{}); n != 1 {
		t.Errorf("%d courriels en file après une invitation refusée", n)
	}
}

// TestPasswordResetByMail: same answer for known and unknown addresses; the
// link sets the password once, closes the sessions; expired links and
// too many requests are refused in French.
func TestPasswordResetByMail(t *testing.T) {
	t.Parallel()
	e := newMailEnv(t)
	ctx := context.Background()
	hr := e.as("employer") // a session open before the reset
	visitor := e.anonymous()
	answer := func(email string) string {
		t.Helper()
		expectRedirect(t, visitor.post("/mot-de-passe/oubli", url.Values{"email": {email}}), "/mot-de-passe/oubli")
		return strings.ReplaceAll(expectPage(t, visitor.get("/mot-de-passe/oubli"), http.StatusOK, "un courriel vient d'y être envoyé"), strings.ToLower(email), "ADRESSE")
	}
	known, unknown := answer("RH@caf69.test"), answer("personne@caf69.test")
	if known != unknown {
		t.Error("la réponse ne doit pas dire si l'adresse a un compte")
	}
	m := e.smtp.Wait(1, 10*time.Second)[0]
	if m.Subject != "Réinitialisation de votre mot de passe certibloc" || m.Header.Get("To") != "<rh@caf69.test>" {
		t.Errorf("courriel : %q à %q", m.Subject, m.Header.Get("To"))
	}
	if _, n, _ := e.st.OutboxMails(ctx, store.OutboxFilter{Kind: "password_reset"}); n != 1 {
		t.Errorf("%d courriels de réinitialisation, 1 attendu (rien pour une adresse inconnue)", n)
	}
	link := linkIn(t, m)
	token := strings.TrimPrefix(link, "/mot-de-passe/nouveau?jeton=")
	expectPage(t, visitor.get(link), http.StatusOK, "Nouveau mot de passe", "rh@caf69.test")
	expectPage(t, visitor.post("/mot-de-passe/nouveau", url.Values{"jeton": {token}, "password": {"nouveau mot de passe"}, "confirm": {"autre chose encore"}}),
		http.StatusUnprocessableEntity, "La confirmation ne correspond pas au mot de passe.")
	expectRedirect(t, visitor.post("/mot-de-passe/nouveau", url.Values{"jeton": {token}, "password": {"nouveau mot de passe"}, "confirm": {"nouveau mot de passe"}}), "/connexion")
	if res := hr.get("/compte"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("les sessions ouvertes avant le changement doivent être fermées : %d", res.StatusCode)
	}
	expectRedirect(t, loginWith(e.env, "rh@caf69.test", "nouveau mot de passe"), "/")
	if res := loginWith(e.env, "rh@caf69.test", testPassword); res.StatusCode == http.StatusSeeOther {
		t.Error("l'ancien mot de passe ouvre encore le compte")
	}
	expectPage(t, visitor.get(link), http.StatusConflict, "Ce lien a déjà servi")
	expectPage(t, visitor.get("/mot-de-passe/nouveau?jeton=faux"), http.StatusNotFound, "Ce lien n'est pas valable")
	expectPage(t, visitor.get("/mot-de-passe/nouveau"), http.StatusBadRequest, "Lien incomplet")

	// A link an hour old is refused.
	answer("rh@caf69.test")
	expired := linkIn(t, e.smtp.Wait(2, 10*time.Second)[1])
	e.st.SetClock(func() time.Time { return e.clock.Now().Add(61 * time.Minute) })
	expectPage(t, visitor.get(expired), http.StatusConflict, "Ce lien a expiré le ", "Demander un nouveau lien")
	e.st.SetClock(e.clock.Now)

	// Three mails an hour per address, then the same answer and no mail; ten
	// requests an hour per client, then a refusal.
	answer("rh@caf69.test")
	for range 3 {
		answer("rh@caf69.test") // 4th to 6th requests for this address: no mail
	}
	if _, n, _ := e.st.OutboxMails(ctx, store.OutboxFilter{Kind: "password_reset"}); n != 3 {
		t.Errorf("%d courriels de réinitialisation, 3 attendus au plus par heure", n)
	}
	var res *http.Response
	for i := range 10 {
		if res = visitor.post("/mot-de-passe/oubli", url.Values{"email": {"x" + strconv.Itoa(i) + "@caf69.test"}}); res.StatusCode != http.StatusSeeOther {
			break
		}
	}
	expectPage(t, res, http.StatusTooManyRequests, "Trop de demandes depuis votre poste : réessayez dans une heure.")
	expectPage(t, visitor.post("/mot-de-passe/oubli", url.Values{"email": {"pas une adresse"}}), http.StatusUnprocessableEntity,
		"Saisissez l'adresse électronique de votre compte")
}

// failedMail queues a reminder and fails it for good; it returns its id.
func failedMail(t *testing.T, st *store.Store) int64 {
	t.Helper()
	ctx := context.Background()
	if _, err := st.EnqueueMail(ctx, store.Platform(), store.Mail{Kind: "reminder", To: []string{"rh@caf69.test"}, Subject: "Relance : tableau de recueil à rendre",
		Text: "Bonjour,\nle tableau de recueil de la campagne 2026-06 est attendu le 27/02/2026.", DedupKey: "relance-test"}); err != nil {
		t.Fatal(err)
	}
	claimed, err := st.ClaimMail(ctx, time.Now().Add(time.Second), time.Minute, 10)
	if err != nil || len(claimed) != 1 {
		t.Fatalf("%d %v", len(claimed), err)
	}
	if err := st.FailMail(ctx, claimed[0], "Refus définitif du serveur SMTP : 550 5.1.1 boîte inconnue", true); err != nil {
		t.Fatal(err)
	}
	return claimed[0].ID
}

// TestResendGoesBackOnlyToPagesOfThisSite: after resending a mail, the
// office goes back to the page it names only when it is a page of this site.
func TestResendGoesBackOnlyToPagesOfThisSite(t *testing.T) {
	t.Parallel()
	e := newMailEnv(t)
	id := strconv.FormatInt(failedMail(t, e.st), 10)
	expectRedirect(t, e.as("office").post("/courriels/"+id+"/renvoi", url.Values{"retour": {"/\t/evil.example"}}), "/courriels/"+id)
}

// TestOutboxPageAndResend: the office sees a failed mail with its French
// error, sends it again, and sees it sent; the API says the same.
func TestOutboxPageAndResend(t *testing.T) {
	t.Parallel()
	e := newMailEnv(t)
	ctx := context.Background()
	failed := failedMail(t, e.st)
	office := e.as("office")
	expectPage(t, office.get("/courriels?statut=failed&type=reminder&q=caf69"), http.StatusOK, "Relance : tableau de recueil à rendre", "Relance",
		"rh@caf69.test", "échec", "Refus définitif du serveur SMTP : 550 5.1.1 boîte inconnue", "Renvoyer")
	id := strconv.FormatInt(failed, 10)
	detail := expectPage(t, office.get("/courriels/"+id), http.StatusOK, "le tableau de recueil de la campagne 2026-06 est attendu", "<outbox-"+id+"@certibloc>")
	if strings.Contains(detail, "relance-test") {
		t.Errorf("la clé d'unicité interne du courriel s'affiche")
	}
	expectPage(t, office.get("/courriels?statut=inconnu"), http.StatusUnprocessableEntity, "État inconnu")
	expectRedirect(t, office.post("/courriels/"+id+"/renvoi", url.Values{"retour": {"/courriels?statut=failed"}}), "/courriels?statut=failed")
	e.smtp.Wait(1, 10*time.Second)
	deadline := time.Now().Add(10 * time.Second)
	for m, _ := e.st.OutboxMailByID(ctx, failed); m.Status != store.MailSent; m, _ = e.st.OutboxMailByID(ctx, failed) {
		if time.Now().After(deadline) {
			t.Fatalf("courriel renvoyé : %s", m.Status)
		}
		time.Sleep(20 * time.Millisecond)
	}
	expectPage(t, office.get("/courriels"), http.StatusOK, "Courriel n° "+id+" remis dans la file d'envoi.", "envoyé")
	if res := office.post("/courriels/"+id+"/renvoi", nil); res.StatusCode != http.StatusConflict {
		t.Errorf("renvoi d'un courriel envoyé : %d", res.StatusCode)
	}
	var list struct {
		Total int `json:"total"`
		Items []struct {
			ID       int64  `json:"id"`
			Status   string `json:"status"`
			Attempts int    `json:"attempts"`
			SentAt   string `json:"sent_at"`
		} `json:"items"`
	}
	res := e.api("GET", "/api/v1/mails?status=sent&kind=reminder", "office", "")
	if err := json.NewDecoder(res.Body).Decode(&list); err != nil || list.Total != 1 || list.Items[0].Status != "sent" || list.Items[0].Attempts != 1 || list.Items[0].SentAt == "" {
		t.Errorf("API : %+v %v", list, err)
	}
	if res := e.api("GET", "/api/v1/mails?status=perdu", "office", ""); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("API, état inconnu : %d", res.StatusCode)
	}
	if res := e.api("POST", "/api/v1/mails/"+id+"/resend", "office", ""); res.StatusCode != http.StatusConflict {
		t.Errorf("API, renvoi d'un courriel envoyé : %d", res.StatusCode)
	}
}

// TestMailDisabledKeepsMailQueued: without an SMTP server the office is told,
// and an invitation waits in the outbox.
func TestMailDisabledKeepsMailQueued(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	office := e.as("office")
	expectRedirect(t, office.post("/comptes/invitations", url.Values{"email": {"jury@test.fr"}, "role": {"jury"}}), "/comptes/invitations")
	expectPage(t, office.get("/comptes/invitations"), http.StatusOK, "L'envoi des courriels est désactivé (aucun serveur SMTP configuré)")
	expectPage(t, office.get("/courriels"), http.StatusOK, "L'envoi des courriels est désactivé", "Votre compte certibloc", "en attente")
}

// TestBrowserMailPages is the office's and the invited person's journey in
// Chromium, with axe-core on each page in the states the route walk does not
// reach: forms with errors, lists with rows, the password form of a link.
func TestBrowserMailPages(t *testing.T) {
	t.Parallel()
	e := newMailEnv(t)
	ctx := context.Background()
	if _, err := e.st.EnqueueMail(ctx, store.Platform(), store.Mail{Kind: "reminder", To: []string{"inconnu@caf69.test"}, Subject: "Relance J-7", Text: "Bonjour"}); err != nil {
		t.Fatal(err)
	}
	claimed, err := e.st.ClaimMail(ctx, time.Now().Add(time.Second), time.Minute, 1)
	if err != nil || len(claimed) != 1 {
		t.Fatal(err)
	}
	if err := e.st.FailMail(ctx, claimed[0], "Refus définitif du serveur SMTP : 550 5.1.1 boîte inconnue", true); err != nil {
		t.Fatal(err)
	}
	b := browsers.Get(t)
	tab := b.NewTab(t)
	loginInBrowser(t, e.env, tab, "office")
	tab.Navigate(e.ts.URL + "/comptes/invitations")
	tab.Click("main form button[type=submit]")
	if got := tab.Text("main"); !strings.Contains(got, "Adresse électronique invalide.") {
		t.Fatalf("erreurs attendues : %q", got)
	}
	tab.CheckA11y()
	tab.Fill("#email", "agathe.roux@caf69.test")
	tab.Fill("#name", "Agathe Roux")
	tab.Fill("#role", "employer")
	tab.Fill("#employer", "CAF69")
	tab.Click("main form button[type=submit]")
	if got := tab.Text(".flash"); !strings.Contains(got, "Compte agathe.roux@caf69.test créé") {
		t.Fatalf("confirmation attendue : %q", got)
	}
	tab.CheckA11y()
	link := linkIn(t, e.smtp.Wait(1, 10*time.Second)[0])
	tab.Navigate(e.ts.URL + "/courriels")
	tab.CheckA11y()
	tab.Navigate(e.ts.URL + "/courriels/" + strconv.FormatInt(claimed[0].ID, 10))
	tab.CheckA11y()

	person := b.NewTab(t)
	person.Navigate(e.ts.URL + link)
	person.CheckA11y()
	person.Fill("#password", "un mot de passe solide")
	person.Fill("#confirm", "un autre mot de passe")
	person.Click("main form button[type=submit]")
	if got := person.Text("main"); !strings.Contains(got, "La confirmation ne correspond pas au mot de passe.") {
		t.Fatalf("erreur attendue : %q", got)
	}
	person.CheckA11y()
	person.Fill("#password", "un mot de passe solide")
	person.Fill("#confirm", "un mot de passe solide")
	person.Click("main form button[type=submit]")
	if got := person.Text(".flash"); !strings.Contains(got, "Mot de passe enregistré") {
		t.Fatalf("confirmation attendue : %q", got)
	}
	person.Navigate(e.ts.URL + link)
	person.CheckA11y() // the used link, explained
	person.Navigate(e.ts.URL + "/mot-de-passe/oubli")
	person.Fill("#email", "agathe.roux@caf69.test")
	person.Click("main form button[type=submit]")
	if got := person.Text(".flash"); !strings.Contains(got, "un courriel vient d'y être envoyé") {
		t.Fatalf("réponse attendue : %q", got)
	}
	person.CheckA11y()
}
