package mail_test

import (
	"context"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"certibloc/internal/certif"
	"certibloc/internal/mail"
	"certibloc/internal/mail/smtptest"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

var ctx = context.Background()

// fakeClock is the worker's clock: tests move it instead of sleeping.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// rig is a store, a test SMTP server process and a worker sending to it.
type rig struct {
	st    *store.Store
	smtp  *smtptest.Server
	clock *fakeClock
	w     *mail.Worker
}

func newSender(t testing.TB, srv *smtptest.Server) *mail.Sender {
	t.Helper()
	s, err := mail.NewSender(mail.Config{Host: srv.Host(), Port: srv.Port, Security: mail.NoTLS, From: mail.DefaultFrom, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func newRig(t *testing.T, st *store.Store) *rig {
	r := &rig{st: st, smtp: smtptest.Start(t), clock: &fakeClock{now: time.Now()}}
	r.w = r.worker(t, st)
	return r
}

// worker returns a worker on st with the rig's clock (the store's too) and server.
func (r *rig) worker(t *testing.T, st *store.Store) *mail.Worker {
	st.SetClock(r.clock.Now)
	return mail.NewWorker(st, newSender(t, r.smtp), quiet(), mail.Options{Now: r.clock.Now, Batch: 3})
}

func (r *rig) flush(t *testing.T, want mail.Report) {
	t.Helper()
	got, err := r.w.Flush(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Fatalf("envoi : %+v, attendu %+v", got, want)
	}
}

func (r *rig) queue(t *testing.T, m store.Mail) {
	t.Helper()
	if queued, err := r.st.EnqueueMail(ctx, store.Platform(), m); err != nil || !queued {
		t.Fatalf("mise en file : %v %v", queued, err)
	}
}

// only returns the single outbox row.
func (r *rig) only(t *testing.T) store.OutboxMail {
	t.Helper()
	rows, _, err := r.st.OutboxMails(ctx, store.OutboxFilter{})
	if err != nil || len(rows) != 1 {
		t.Fatalf("boîte d'envoi : %d lignes, %v", len(rows), err)
	}
	m, err := r.st.OutboxMailByID(ctx, rows[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// received waits for n messages and checks that no more arrive.
func (r *rig) received(t *testing.T, n int) []smtptest.Message {
	t.Helper()
	msgs := r.smtp.Wait(n, 10*time.Second)
	if len(msgs) != n {
		t.Fatalf("%d courriels reçus, %d attendus", len(msgs), n)
	}
	return msgs
}

func simple(to string) store.Mail {
	return store.Mail{Kind: "test", To: []string{to}, Subject: "Essai", Text: "Bonjour"}
}

func TestMailIsDeliveredWithItsContent(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st)
		m, err := mail.Compose("password_reset", mail.PasswordResetData{Name: "Hélène Lefèvre", Email: "helene@caf69.fr",
			Link: "https://certibloc.example.fr/mot-de-passe/nouveau?jeton=xyz", ExpiresAt: expires}, "helene@caf69.fr", "copie@caf69.fr")
		if err != nil {
			t.Fatal(err)
		}
		m.AttachmentName, m.Attachment = "récapitulatif.csv", []byte("nom;prénom\nLefèvre;Hélène\n")
		r.queue(t, m)
		r.flush(t, mail.Report{Sent: 1})
		got, row := r.received(t, 1)[0], r.only(t)
		for name, ok := range map[string]bool{
			"objet":             got.Subject == "Réinitialisation de votre mot de passe certibloc",
			"expéditeur":        got.Header.Get("From") == `"certibloc" <noreply@certibloc.local>` && got.EnvelopeFrom == "noreply@certibloc.local",
			"destinataires":     got.Header.Get("To") == "<helene@caf69.fr>, <copie@caf69.fr>" && strings.Join(got.EnvelopeTo, ",") == "helene@caf69.fr,copie@caf69.fr",
			"Message-ID":        got.MessageID == "<outbox-"+strconv.FormatInt(row.ID, 10)+"@certibloc>",
			"langue":            got.Header.Get("Content-Language") == "fr",
			"texte en français": strings.Contains(got.Text, "Bonjour Hélène Lefèvre,\n") && strings.Contains(got.Text, "Un nouveau mot de passe a été demandé pour le compte certibloc helene@caf69.fr."),
			"lien":              strings.Contains(got.Text, "\nhttps://certibloc.example.fr/mot-de-passe/nouveau?jeton=xyz\n") && strings.Contains(got.HTML, `href="https://certibloc.example.fr/mot-de-passe/nouveau?jeton=xyz"`),
			"pied de page":      strings.Contains(got.Text, "\n-- \ncertibloc — ") && strings.Contains(got.Text, "Certificateur : UCANSS · Examens : Institut 4.10\n"),
			"HTML en français":  strings.Contains(got.HTML, ">Réinitialisation de votre mot de passe</h1>") && strings.Contains(got.HTML, "Bonjour Hélène Lefèvre,"),
			"pièce jointe":      string(got.Attachments["récapitulatif.csv"]) == "nom;prénom\nLefèvre;Hélène\n",
			"état envoyé":       row.Status == store.MailSent && row.Attempts == 1 && !row.SentAt.IsZero() && row.LastError == "",
			"lien effacé":       row.Text == store.ErasedBody && row.HTML == "",
		} {
			if !ok {
				t.Errorf("%s incorrect", name)
			}
		}
		if t.Failed() {
			t.Logf("en-têtes : %v\ntexte :\n%s", got.Header, got.Text)
		}
		r.flush(t, mail.Report{})
		r.received(t, 1)
	})
}

func TestServerDownThenUp(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st)
		r.smtp.Stop()
		r.queue(t, simple("rh@caf69.fr"))
		r.flush(t, mail.Report{Retried: 1})
		m := r.only(t)
		if m.Status != store.MailPending || m.Attempts != 1 || !strings.Contains(m.LastError, "injoignable : connexion refusée") {
			t.Fatalf("après un serveur injoignable : %s, %d essai(s), %q", m.Status, m.Attempts, m.LastError)
		}
		if want := r.clock.Now().Add(time.Minute); !m.NextAttemptAt.Equal(want.UTC().Truncate(time.Microsecond)) {
			t.Errorf("prochain essai %v, attendu %v (1 min plus tard)", m.NextAttemptAt, want)
		}
		r.flush(t, mail.Report{}) // not due yet
		r.clock.Add(time.Minute)
		r.flush(t, mail.Report{Retried: 1}) // still down: next attempt 5 minutes later
		r.smtp.Restart()
		r.clock.Add(4 * time.Minute)
		r.flush(t, mail.Report{})
		r.clock.Add(time.Minute)
		r.flush(t, mail.Report{Sent: 1})
		r.received(t, 1)
		if m := r.only(t); m.Status != store.MailSent || m.Attempts != 3 {
			t.Errorf("après le retour du serveur : %s, %d essais", m.Status, m.Attempts)
		}
		r.clock.Add(time.Hour)
		r.flush(t, mail.Report{})
		r.received(t, 1)
	})
}

func TestTemporaryRefusalIsRetried(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st)
		r.smtp.Refuse("rcpt", 451)
		r.queue(t, simple("rh@caf69.fr"))
		r.flush(t, mail.Report{Retried: 1})
		if m := r.only(t); m.Status != store.MailPending || !strings.Contains(m.LastError, "Refus temporaire du serveur SMTP : 451") {
			t.Fatalf("après un 451 : %s %q", m.Status, m.LastError)
		}
		r.clock.Add(time.Minute)
		r.flush(t, mail.Report{Retried: 1})
		r.smtp.Refuse("rcpt", 0)
		r.clock.Add(5 * time.Minute)
		r.flush(t, mail.Report{Sent: 1})
		r.received(t, 1)
		if m := r.only(t); m.Status != store.MailSent || m.Attempts != 3 || m.LastError != "" {
			t.Errorf("%s, %d essais, %q", m.Status, m.Attempts, m.LastError)
		}
	})
}

func TestPermanentRefusalFailsAfterThreeAnswers(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st)
		r.smtp.Refuse("data", 550)
		r.queue(t, simple("inconnu@caf69.fr"))
		r.flush(t, mail.Report{Retried: 1})
		r.clock.Add(time.Minute)
		r.flush(t, mail.Report{Retried: 1})
		r.clock.Add(5 * time.Minute)
		r.flush(t, mail.Report{Failed: 1})
		m := r.only(t)
		if m.Status != store.MailFailed || m.Attempts != 3 || m.PermanentErrors != 3 || !strings.Contains(m.LastError, "Refus définitif du serveur SMTP : 550") {
			t.Fatalf("après trois 550 : %s, %d essais, %d refus, %q", m.Status, m.Attempts, m.PermanentErrors, m.LastError)
		}
		if m.Status.Label() != "échec" {
			t.Errorf("libellé %q", m.Status.Label())
		}
		r.clock.Add(24 * time.Hour)
		r.flush(t, mail.Report{}) // a failed mail stays failed
		if n := len(r.smtp.Messages()); n != 0 {
			t.Fatalf("%d courriels reçus malgré les refus", n)
		}
		// The office sends it again once the address is fixed on the server side.
		office := store.Caller{Actor: store.Actor{Email: "office@test.fr"}, Role: certif.RoleOffice, Scope: store.All}
		if err := st.ResendMail(ctx, office, m.ID); err != nil {
			t.Fatal(err)
		}
		if err := st.ResendMail(ctx, office, m.ID); certif.ErrorCode(err) != certif.EConflict {
			t.Errorf("renvoi d'un courriel en attente : %v", err)
		}
		r.smtp.Refuse("data", 0)
		r.flush(t, mail.Report{Sent: 1})
		r.received(t, 1)
	})
}

func TestTemporaryFailuresGiveUpAfterThreeDays(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st)
		r.smtp.Stop()
		r.queue(t, simple("rh@caf69.fr"))
		r.flush(t, mail.Report{Retried: 1})
		r.clock.Add(72 * time.Hour)
		r.flush(t, mail.Report{Failed: 1})
		if m := r.only(t); m.Status != store.MailFailed || !strings.Contains(m.LastError, "Abandon après 3 jours d'essais.") {
			t.Errorf("%s %q", m.Status, m.LastError)
		}
	})
}

// TestTwoWorkersNeverSendTheSameMail runs two workers, each on its own
// connection pool like two processes, on one outbox: every mail arrives once.
func TestTwoWorkersNeverSendTheSameMail(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects(t) {
		t.Run(d, func(t *testing.T) {
			dsn := storetest.DSN(t, d)
			first, second := storetest.OpenDSN(t, dsn), storetest.OpenDSN(t, dsn)
			r := newRig(t, first)
			const n = 24
			for i := range n {
				r.queue(t, simple("rh"+strconv.Itoa(i)+"@caf69.fr"))
			}
			workers := []*mail.Worker{r.w, r.worker(t, second)}
			reports := make([]mail.Report, len(workers))
			var wg sync.WaitGroup
			for i, w := range workers {
				wg.Go(func() {
					rep, err := w.Flush(ctx)
					if err != nil {
						t.Error(err)
					}
					reports[i] = rep
				})
			}
			wg.Wait()
			msgs := r.received(t, n)
			seen := map[string]bool{}
			for _, m := range msgs {
				if seen[m.MessageID] {
					t.Errorf("%s reçu deux fois", m.MessageID)
				}
				seen[m.MessageID] = true
			}
			if reports[0].Sent+reports[1].Sent != n {
				t.Errorf("envois : %+v", reports)
			}
			t.Logf("répartition entre les deux envois : %d et %d", reports[0].Sent, reports[1].Sent)
			counts, err := first.MailCounts(ctx)
			if err != nil || counts[store.MailSent] != n {
				t.Errorf("états : %v %v", counts, err)
			}
		})
	}
}

// TestExpiredLeaseIsTakenOver: a sender that claimed a mail and died leaves it
// "sending"; once its lease runs out another sender delivers it, and the dead
// sender's late outcome is ignored.
func TestExpiredLeaseIsTakenOver(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st)
		r.queue(t, simple("rh@caf69.fr"))
		claimed, err := st.ClaimMail(ctx, r.clock.Now(), 2*time.Minute, 10)
		if err != nil || len(claimed) != 1 {
			t.Fatalf("réservation : %d %v", len(claimed), err)
		}
		if m := r.only(t); m.Status != store.MailSending || m.Status.Label() != "en cours" {
			t.Fatalf("réservé : %s", m.Status)
		}
		r.flush(t, mail.Report{}) // held by the other sender
		r.clock.Add(2 * time.Minute)
		r.flush(t, mail.Report{Sent: 1})
		r.received(t, 1)
		if err := st.MarkMailSent(ctx, claimed[0], r.clock.Now(), false); err != store.ErrLeaseLost {
			t.Errorf("résultat d'un envoi dont le bail a expiré : %v", err)
		}
		if m := r.only(t); m.Status != store.MailSent || m.Attempts != 2 {
			t.Errorf("%s, %d essais", m.Status, m.Attempts)
		}
	})
}

func TestDedupKeyQueuesOnce(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st)
		m := simple("rh@caf69.fr")
		m.DedupKey = "relance:2026-06:CAF69:J-7"
		r.queue(t, m)
		if queued, err := st.EnqueueMail(ctx, store.Platform(), m); err != nil || queued {
			t.Fatalf("seconde mise en file avec la même clé : %v %v", queued, err)
		}
		r.flush(t, mail.Report{Sent: 1})
		if queued, _ := st.EnqueueMail(ctx, store.Platform(), m); queued {
			t.Error("une clé déjà envoyée ne doit pas être remise en file")
		}
		r.flush(t, mail.Report{})
		r.received(t, 1)
	})
}

// TestNotifyWakesTheLoop: the loop waits an hour between looks, yet a mail
// queued and notified goes at once; the loop stops with its context.
func TestNotifyWakesTheLoop(t *testing.T) {
	t.Parallel()
	st := storetest.Open(t, "sqlite")
	srv := smtptest.Start(t)
	w := mail.NewWorker(st, newSender(t, srv), quiet(), mail.Options{Interval: time.Hour})
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { w.Run(runCtx); close(done) }()
	if _, err := st.EnqueueMail(ctx, store.Platform(), simple("rh@caf69.fr")); err != nil {
		t.Fatal(err)
	}
	w.Notify()
	srv.Wait(1, 10*time.Second)
	stop()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("la boucle d'envoi ne s'arrête pas")
	}
	var disabled *mail.Worker
	disabled.Notify() // mail disabled: no effect, no panic
	if disabled.Enabled() || !w.Enabled() {
		t.Error("Enabled")
	}
}

// stopAfterFirst is a Deliverer that accepts one message, then the worker is
// asked to stop.
type stopAfterFirst struct {
	stop func()
	sent []string
}

func (s *stopAfterFirst) Send(_ context.Context, m mail.Message) error {
	s.sent = append(s.sent, m.MessageID)
	s.stop()
	return nil
}

// TestStoppingGivesClaimedMailsBack: a worker asked to stop finishes the mail
// in progress and gives back the others of its batch, due at once and with
// no attempt counted, instead of leaving them reserved until the lease ends.
func TestStoppingGivesClaimedMailsBack(t *testing.T) {
	t.Parallel()
	st := storetest.Open(t, "sqlite")
	for i := range 3 {
		if _, err := st.EnqueueMail(ctx, store.Platform(), simple("rh"+strconv.Itoa(i)+"@caf69.fr")); err != nil {
			t.Fatal(err)
		}
	}
	runCtx, stop := context.WithCancel(ctx)
	d := &stopAfterFirst{stop: stop}
	rep, err := mail.NewWorker(st, d, quiet(), mail.Options{Now: func() time.Time { return time.Now().Add(time.Second) }}).Flush(runCtx)
	if err != nil || rep != (mail.Report{Sent: 1, Released: 2}) || len(d.sent) != 1 {
		t.Fatalf("arrêt : %+v %v %v", rep, d.sent, err)
	}
	counts, _ := st.MailCounts(ctx)
	if counts[store.MailSent] != 1 || counts[store.MailPending] != 2 {
		t.Errorf("états : %v", counts)
	}
	rows, _, _ := st.OutboxMails(ctx, store.OutboxFilter{Status: store.MailPending})
	for _, m := range rows {
		if m.Attempts != 0 || m.NextAttemptAt.After(time.Now().Add(2*time.Second)) {
			t.Errorf("courriel rendu : %d essais, dû le %v", m.Attempts, m.NextAttemptAt)
		}
	}
}
