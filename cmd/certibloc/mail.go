package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"log/slog"
	"time"

	"certibloc/internal/certif"
	"certibloc/internal/mail"
	"certibloc/internal/store"
)

// bindMail registers the SMTP settings (serve, mail test).
func (c *config) bindMail(fs *flag.FlagSet) {
	fs.StringVar(&c.Mail.Host, "smtp-host", "", "`HÔTE` du serveur SMTP ; vide : aucun courriel n'est envoyé, ils restent en file d'attente (visibles dans « Courriels »)")
	fs.IntVar(&c.Mail.Port, "smtp-port", 587, "`PORT` du serveur SMTP (587 avec starttls, 465 avec tls)")
	fs.StringVar((*string)(&c.Mail.Security), "smtp-security", string(mail.StartTLS), "`SÉCURITÉ` de la connexion SMTP : starttls, tls ou none (relais local seulement)")
	fs.StringVar(&c.Mail.Username, "smtp-user", "", "`IDENTIFIANT` SMTP (vide : pas d'authentification)")
	fs.StringVar(&c.Mail.Password, "smtp-password", "", "`MOT_DE_PASSE` SMTP ; préférez la variable, une option se voit dans la liste des processus")
	fs.DurationVar(&c.Mail.Timeout, "smtp-timeout", 30*time.Second, "`DÉLAI` de connexion et de chaque commande SMTP, ex. 30s")
	fs.StringVar(&c.Mail.From, "mail-from", mail.DefaultFrom, "`EXPÉDITEUR` des courriels, « Nom <adresse> »")
}

// checkMail validates the SMTP settings of the commands that have them.
func (c *config) checkMail(fs *flag.FlagSet) error {
	if fs.Lookup("smtp-host") == nil {
		return nil
	}
	if err := c.Mail.Check(); err != nil {
		return usageErrorf("%v", err)
	}
	return nil
}

// startMail starts the background sender when an SMTP host is configured
// (nil worker otherwise: mails wait in the outbox). stop ends it, letting the
// mail in progress finish.
func startMail(cfg *config, st *store.Store, logger *slog.Logger) (w *mail.Worker, stop func(), err error) {
	if err := mail.Check(); err != nil {
		return nil, nil, err
	}
	if !cfg.Mail.Enabled() {
		logger.Warn("envoi des courriels désactivé : aucun serveur SMTP (--smtp-host), les courriels restent en file d'attente")
		return nil, func() {}, nil
	}
	sender, err := mail.NewSender(cfg.Mail)
	if err != nil {
		return nil, nil, err
	}
	w = mail.NewWorker(st, sender, logger, mail.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		w.Run(ctx)
	}()
	logger.Info("envoi des courriels activé", "smtp", cfg.Mail.String(), "from", cfg.Mail.From)
	return w, func() { cancel(); <-done }, nil
}

// mailTestCommand sends a test mail at once through the configured SMTP
// server (not through the outbox) and says whether the server accepted it.
func mailTestCommand(fs *flag.FlagSet, cfg *config) runFunc {
	cfg.bindMail(fs)
	to := fs.String("to", "", "`ADRESSE` qui reçoit le courriel d'essai (obligatoire)")
	return func(ctx context.Context, a *app, cfg *config, _ []string) error {
		if err := required(fs, "to", "smtp-host"); err != nil {
			return err
		}
		if !certif.ValidEmail(store.NormalizeEmail(*to)) {
			return usageErrorf("--to : adresse électronique invalide : %q", *to)
		}
		sender, err := mail.NewSender(cfg.Mail)
		if err != nil {
			return err
		}
		now := time.Now()
		subject, text, html, err := mail.Render("test", mail.TestData{SentAt: now, Server: cfg.Mail.String()})
		if err != nil {
			return err
		}
		b := make([]byte, 6)
		_, _ = rand.Read(b)
		id := "test-" + now.UTC().Format("20060102T150405") + "-" + hex.EncodeToString(b) + "@certibloc"
		fmt.Fprintf(a.stdout, "Envoi d'un courriel d'essai à %s par %s…\n", *to, cfg.Mail)
		if err := sender.Send(ctx, mail.Message{MessageID: id, To: []string{*to}, Subject: subject, Text: text, HTML: html}); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "Courriel d'essai accepté par le serveur SMTP (Message-ID <%s>).\n", id)
		return nil
	}
}
