package main

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"certibloc/internal/mail"
	"certibloc/internal/mail/smtptest"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

func TestMailTestCommand(t *testing.T) {
	t.Parallel()
	srv := smtptest.Start(t)
	smtp := []string{"--smtp-host", srv.Host(), "--smtp-port", strconv.Itoa(srv.Port), "--smtp-security", "none"}
	code, out, errOut := cli(t, append([]string{"mail", "test", "--to", "bureau@exemple.fr"}, smtp...)...)
	if code != 0 || !strings.Contains(out, "Courriel d'essai accepté par le serveur SMTP") {
		t.Fatalf("code %d\n%s%s", code, out, errOut)
	}
	m := srv.Wait(1, 10*time.Second)[0]
	if m.Subject != "Courriel d'essai de certibloc" || m.Header.Get("To") != "<bureau@exemple.fr>" ||
		!strings.Contains(m.Text, "par le serveur SMTP 127.0.0.1:"+strconv.Itoa(srv.Port)+" (none)") || !strings.HasPrefix(m.MessageID, "<test-") {
		t.Errorf("courriel d'essai : %q %q %q\n%s", m.Subject, m.Header.Get("To"), m.MessageID, m.Text)
	}
	srv.Refuse("rcpt", 550)
	if code, _, errOut := cli(t, append([]string{"mail", "test", "--to", "bureau@exemple.fr"}, smtp...)...); code != 1 ||
		!strings.Contains(errOut, "Erreur : Refus définitif du serveur SMTP : 550") {
		t.Errorf("refus 550 : code %d, %s", code, errOut)
	}
	srv.Stop()
	if code, _, errOut := cli(t, append([]string{"mail", "test", "--to", "bureau@exemple.fr"}, smtp...)...); code != 1 ||
		!strings.Contains(errOut, "Erreur : Serveur SMTP 127.0.0.1:"+strconv.Itoa(srv.Port)+" injoignable : connexion refusée.") {
		t.Errorf("serveur arrêté : code %d, %s", code, errOut)
	}
	for name, args := range map[string][]string{
		"sans --to":                    {"mail", "test", "--smtp-host", "localhost"},
		"sans serveur":                 {"mail", "test", "--to", "a@b.fr"},
		"adresse invalide":             {"mail", "test", "--to", "pas une adresse", "--smtp-host", "localhost"},
		"sécurité inconnue":            {"mail", "test", "--to", "a@b.fr", "--smtp-host", "localhost", "--smtp-security", "ssl"},
		"identifiant sans chiffrement": {"mail", "test", "--to", "a@b.fr", "--smtp-host", "localhost", "--smtp-security", "none", "--smtp-user", "u"},
		"expéditeur invalide":          {"mail", "test", "--to", "a@b.fr", "--smtp-host", "localhost", "--mail-from", "certibloc"},
	} {
		if code, _, errOut := cli(t, args...); code != 2 || !strings.HasPrefix(errOut, "Erreur : ") {
			t.Errorf("%s : code %d, %s", name, code, errOut)
		}
	}
	if _, out, _ := cli(t, "help", "mail", "test"); !strings.Contains(out, "--smtp-password") || !strings.Contains(out, "CERTIBLOC_SMTP_PASSWORD") {
		t.Errorf("aide :\n%s", out)
	}
}

// TestServeSendsTheOutbox: serve, configured by the environment, starts the
// sender, which delivers a mail queued before the start; it stops with the
// server.
func TestServeSendsTheOutbox(t *testing.T) {
	t.Parallel()
	srv := smtptest.Start(t)
	db := tempDB(t)
	st := storetest.OpenDSN(t, db)
	if _, err := st.EnqueueMail(ctx, store.Platform(), store.Mail{Kind: "test", To: []string{"rh@exemple.fr"}, Subject: "En file avant le démarrage", Text: "x"}); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"CERTIBLOC_SMTP_HOST": srv.Host(), "CERTIBLOC_SMTP_PORT": strconv.Itoa(srv.Port), "CERTIBLOC_SMTP_SECURITY": "none",
		"CERTIBLOC_MAIL_FROM": "Institut 4.10 <examens@exemple.fr>"}
	var out, errOut syncBuffer
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	a := &app{stdout: &out, stderr: &errOut, getenv: func(k string) string { return env[k] }, onListen: func(string) {
		defer stop()
		srv.Wait(1, 10*time.Second)
	}}
	if code := a.run(runCtx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0", "--log-format", "json"}); code != 0 {
		t.Fatalf("serve : code %d\n%s", code, errOut.String())
	}
	m := srv.Messages()
	if len(m) != 1 || m[0].Subject != "En file avant le démarrage" || m[0].Header.Get("From") != `"Institut 4.10" <examens@exemple.fr>` {
		t.Errorf("courriels reçus : %+v", m)
	}
	for _, s := range []string{`"msg":"envoi des courriels activé"`, `"msg":"courriel envoyé"`, `"msg":"envoi des courriels arrêté"`} {
		if !strings.Contains(errOut.String(), s) {
			t.Errorf("%s absent du journal :\n%s", s, errOut.String())
		}
	}
}

func TestServeWithoutSMTPSaysMailIsDisabled(t *testing.T) {
	t.Parallel()
	var errOut bytes.Buffer
	a := &app{stdout: new(bytes.Buffer), stderr: &errOut, getenv: noEnv}
	runCtx, stop := context.WithCancel(ctx)
	a.onListen = func(string) { stop() }
	if code := a.run(runCtx, []string{"serve", "--db", tempDB(t), "--addr", "127.0.0.1:0"}); code != 0 {
		t.Fatalf("serve : code %d\n%s", code, errOut.String())
	}
	if !strings.Contains(errOut.String(), "envoi des courriels désactivé") {
		t.Errorf("journal :\n%s", errOut.String())
	}
}

func TestSMTPSettingsFromTheEnvironment(t *testing.T) {
	t.Parallel()
	fs := newFlagSet("serve")
	var cfg config
	cfg.bindCommon(fs)
	cfg.bindMail(fs)
	env := map[string]string{"CERTIBLOC_SMTP_HOST": "smtp.exemple.fr", "CERTIBLOC_SMTP_PORT": "465", "CERTIBLOC_SMTP_SECURITY": "tls",
		"CERTIBLOC_SMTP_USER": "certibloc", "CERTIBLOC_SMTP_PASSWORD": "secret", "CERTIBLOC_SMTP_TIMEOUT": "10s"}
	if _, err := cfg.parse(fs, []string{"--smtp-port", "2465"}, func(k string) string { return env[k] }); err != nil {
		t.Fatal(err)
	}
	want := mail.Config{Host: "smtp.exemple.fr", Port: 2465, Security: mail.TLS, Username: "certibloc", Password: "secret",
		From: mail.DefaultFrom, Timeout: 10 * time.Second}
	if cfg.Mail != want {
		t.Errorf("réglages %+v, attendu %+v", cfg.Mail, want)
	}
}
