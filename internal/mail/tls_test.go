package mail_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"certibloc/internal/mail"
	"certibloc/internal/mail/smtptest"
)

// These tests send one message straight through a Sender to a testsmtp
// process speaking STARTTLS or implicit TLS, with or without AUTH PLAIN.

const (
	smtpUser     = "envois@caf69.fr"
	smtpPassword = "correct horse battery staple"
)

// sendTo sends one message to srv with the settings cfg, completed with the
// server's address, the sender address and a timeout.
func sendTo(t *testing.T, srv *smtptest.Server, cfg mail.Config) error {
	t.Helper()
	cfg.Host, cfg.Port, cfg.From, cfg.Timeout = srv.Host(), srv.Port, mail.DefaultFrom, 5*time.Second
	s, err := mail.NewSender(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s.Send(ctx, mail.Message{MessageID: "essai-tls@certibloc", To: []string{"helene@caf69.fr"}, Subject: "Essai chiffré",
		Text: "Bonjour Hélène,\nce courriel est passé par une connexion chiffrée.\n", HTML: "<p>Bonjour Hélène,</p>"})
}

// delivered waits for the single message the server accepted.
func delivered(t *testing.T, srv *smtptest.Server) smtptest.Message {
	t.Helper()
	msgs := srv.Wait(1, 10*time.Second)
	if len(msgs) != 1 {
		t.Fatalf("%d courriels reçus, 1 attendu", len(msgs))
	}
	m := msgs[0]
	if m.Subject != "Essai chiffré" || m.MessageID != "<essai-tls@certibloc>" || m.EnvelopeFrom != "noreply@certibloc.local" ||
		strings.Join(m.EnvelopeTo, ",") != "helene@caf69.fr" || m.Text != "Bonjour Hélène,\nce courriel est passé par une connexion chiffrée.\n" ||
		m.HTML != "<p>Bonjour Hélène,</p>" {
		t.Errorf("contenu altéré : objet %q, Message-ID %q, enveloppe %q → %q\ntexte %q\nHTML %q",
			m.Subject, m.MessageID, m.EnvelopeFrom, m.EnvelopeTo, m.Text, m.HTML)
	}
	return m
}

// refused checks that err is a *mail.DeliveryError whose message contains
// want, and that the server accepted nothing. Send returns only after the
// server's last answer, and the server writes a message before accepting it,
// so nothing can arrive later.
func refused(t *testing.T, srv *smtptest.Server, err error, want string) *mail.DeliveryError {
	t.Helper()
	var d *mail.DeliveryError
	if !errors.As(err, &d) {
		t.Fatalf("erreur %T %v, *mail.DeliveryError attendue", err, err)
	}
	if !strings.Contains(d.Message, want) {
		t.Errorf("message %q\nattendu : %q", d.Message, want)
	}
	if msgs := srv.Messages(); len(msgs) != 0 {
		t.Errorf("%d courriel(s) reçu(s) malgré le refus (TLS %v)", len(msgs), msgs[0].TLS)
	}
	return d
}

func TestSTARTTLSWithAuthenticationDelivers(t *testing.T) {
	t.Parallel()
	srv := smtptest.StartWith(t, smtptest.Options{Security: "starttls", User: smtpUser, Password: smtpPassword})
	err := sendTo(t, srv, mail.Config{Security: mail.StartTLS, Username: smtpUser, Password: smtpPassword, TLSConfig: srv.ClientTLS()})
	if err != nil {
		t.Fatal(err)
	}
	m := delivered(t, srv)
	if !m.TLS {
		t.Error("courriel reçu en clair malgré STARTTLS")
	}
	if m.AuthUser != smtpUser {
		t.Errorf("authentifié comme %q, %q attendu", m.AuthUser, smtpUser)
	}
}

func TestImplicitTLSDelivers(t *testing.T) {
	t.Parallel()
	srv := smtptest.StartWith(t, smtptest.Options{Security: "tls"})
	if err := sendTo(t, srv, mail.Config{Security: mail.TLS, TLSConfig: srv.ClientTLS()}); err != nil {
		t.Fatal(err)
	}
	m := delivered(t, srv)
	if !m.TLS {
		t.Error("courriel reçu en clair malgré TLS")
	}
	if m.AuthUser != "" {
		t.Errorf("authentifié comme %q sans identifiant", m.AuthUser)
	}
}

func TestWrongPasswordIsRefusedPermanently(t *testing.T) {
	t.Parallel()
	srv := smtptest.StartWith(t, smtptest.Options{Security: "starttls", User: smtpUser, Password: smtpPassword})
	err := sendTo(t, srv, mail.Config{Security: mail.StartTLS, Username: smtpUser, Password: "mauvais", TLSConfig: srv.ClientTLS()})
	d := refused(t, srv, err, "Authentification refusée par le serveur SMTP 127.0.0.1:"+strconv.Itoa(srv.Port)+" (535 ")
	if !strings.Contains(d.Message, "vérifiez l'identifiant et le mot de passe SMTP.") {
		t.Errorf("message %q : l'identifiant et le mot de passe ne sont pas mis en cause", d.Message)
	}
	if d.Code != 535 || !d.Permanent() || d.Temporary {
		t.Errorf("code %d, définitif %v, temporaire %v : 535 définitif attendu", d.Code, d.Permanent(), d.Temporary)
	}
}

// TestSTARTTLSNotOfferedSendsNothingInClear: a sender told to use STARTTLS
// does not fall back to a clear connection when the server does not offer it,
// with or without credentials (without, the plain server would accept the
// message).
func TestSTARTTLSNotOfferedSendsNothingInClear(t *testing.T) {
	t.Parallel()
	for name, cfg := range map[string]mail.Config{
		"sans identifiant": {Security: mail.StartTLS},
		"avec identifiant": {Security: mail.StartTLS, Username: smtpUser, Password: smtpPassword},
	} {
		t.Run(name, func(t *testing.T) {
			srv := smtptest.Start(t)
			err := sendTo(t, srv, cfg)
			refused(t, srv, err, "Le serveur SMTP 127.0.0.1:"+strconv.Itoa(srv.Port)+" ne propose pas STARTTLS")
		})
	}
}

// TestUntrustedCertificateIsRefused: with the system's certificates (no
// TLSConfig), the test server's self-signed certificate is refused, on both
// ways of speaking TLS.
func TestUntrustedCertificateIsRefused(t *testing.T) {
	t.Parallel()
	for _, security := range []mail.Security{mail.StartTLS, mail.TLS} {
		t.Run(string(security), func(t *testing.T) {
			srv := smtptest.StartWith(t, smtptest.Options{Security: string(security), User: smtpUser, Password: smtpPassword})
			err := sendTo(t, srv, mail.Config{Security: security, Username: smtpUser, Password: smtpPassword})
			refused(t, srv, err, "Certificat du serveur SMTP 127.0.0.1:"+strconv.Itoa(srv.Port)+" refusé")
		})
	}
}

func TestAuthenticationRequiredRefusesAnonymousSender(t *testing.T) {
	t.Parallel()
	srv := smtptest.StartWith(t, smtptest.Options{Security: "starttls", User: smtpUser, Password: smtpPassword})
	err := sendTo(t, srv, mail.Config{Security: mail.StartTLS, TLSConfig: srv.ClientTLS()})
	d := refused(t, srv, err, "Refus définitif du serveur SMTP : 530 5.7.0 Authentication required")
	if d.Code != 530 || !d.Permanent() {
		t.Errorf("code %d, définitif %v : 530 définitif attendu", d.Code, d.Permanent())
	}
}
