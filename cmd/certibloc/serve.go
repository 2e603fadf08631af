package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"text/tabwriter"
	"time"

	"certibloc/internal/auth"
	"certibloc/internal/blob"
	"certibloc/internal/demo"
	"certibloc/internal/seed"
	"certibloc/internal/web"
)

// shutdownTimeout is how long requests in progress may take to finish once a
// stop is requested.
const shutdownTimeout = 10 * time.Second

func serveCommand(fs *flag.FlagSet, cfg *config) runFunc {
	cfg.bindServe(fs)
	cfg.bindMail(fs)
	withDemo := fs.Bool("demo", false, "charge les données de démonstration (une seule fois) et affiche les comptes de démonstration")
	return func(ctx context.Context, a *app, cfg *config, _ []string) error {
		logger := newLogger(a.stderr, cfg)
		st, err := cfg.openStore(ctx)
		if err != nil {
			return err
		}
		defer st.Close()
		logger.Info("base de données ouverte", "dialect", st.Dialect())
		if loaded, err := seed.Load(ctx, st); err != nil {
			return err
		} else if loaded {
			logger.Info("référentiel et calendrier 2026 chargés")
		}
		key, signer, err := platformKeys(cfg, st, logger)
		if err != nil {
			return err
		}
		addr := listenAddress(cfg.Addr, *withDemo)
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			return fmt.Errorf("écoute sur %s impossible : %w", addr, err)
		}
		defer ln.Close()
		baseURL := cfg.BaseURL
		if baseURL == "" {
			baseURL = "http://" + publicHost(ln.Addr())
		}
		var logins *demo.Result
		if *withDemo { // its mails, certificates and flows link to this server
			res, err := demo.LoadWith(ctx, st, cfg.clock.Today(), demo.Options{Minutes: signer, History: true, BaseURL: baseURL})
			if err != nil {
				return err
			}
			logins = &res
		}
		mailer, stopMail, err := startMail(cfg, st, logger)
		if err != nil {
			return err
		}
		defer stopMail()
		defer startChores(ctx, st, cfg, baseURL, logger)() // R5 reminders, purge of uploaded files
		authSvc := auth.New(st, auth.DefaultPolicy)
		defer startUsageFlush(ctx, authSvc, logger)() // last use of tokens and sessions, written off the requests
		blobs, err := blob.NewDir(cfg.blobDir())
		if err != nil {
			return err
		}
		srv, err := web.New(web.Config{Store: st, Auth: authSvc, Clock: cfg.clock,
			Logger: logger, BaseURL: baseURL, Version: releaseVersion(version), Mail: mailer, MailFrom: cfg.Mail.From, Blobs: blobs, CertificateKey: key, MinutesSigner: signer})
		if err != nil {
			return err
		}
		if logins != nil {
			printLogins(a.stdout, *logins)
		}
		fmt.Fprintf(a.stdout, "certibloc est disponible sur %s (Ctrl+C pour arrêter).\n", baseURL)
		if cfg.Addr == "" && *withDemo {
			fmt.Fprintln(a.stdout, "Données de démonstration, mot de passe publié : certibloc n'écoute que sur cette machine (127.0.0.1). Pour l'ouvrir au réseau, donnez l'adresse, par exemple --addr :8080.")
		}
		if cfg.clock.IsFixed() {
			fmt.Fprintf(a.stdout, "Date du jour fixée au %s.\n", cfg.clock.Today().French())
		}
		hs := &http.Server{
			Handler:           srv.Handler(),
			ReadHeaderTimeout: 10 * time.Second,
			ReadTimeout:       30 * time.Second,
			WriteTimeout:      60 * time.Second,
			IdleTimeout:       2 * time.Minute,
			MaxHeaderBytes:    64 << 10,
			ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
		}
		return serveUntilStopped(ctx, a, hs, ln, logger, srv.Shutdown)
	}
}

// listenAddress is where serve listens: the address given (flag or
// environment), else all interfaces on port 8080 — but the demo, whose
// password is published, listens on the loopback only unless told otherwise.
func listenAddress(given string, withDemo bool) string {
	switch {
	case given != "":
		return given
	case withDemo:
		return "127.0.0.1:8080"
	}
	return ":8080"
}

// serveUntilStopped serves until SIGINT, SIGTERM or the end of ctx, then lets
// the requests in progress, and the background work they started (drain),
// finish for at most shutdownTimeout.
func serveUntilStopped(ctx context.Context, a *app, hs *http.Server, ln net.Listener, logger *slog.Logger, drain func(context.Context) error) error {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	logger.Info("serveur démarré", "addr", ln.Addr().String())
	if a.onListen != nil {
		a.onListen(ln.Addr().String())
	}
	select {
	case err := <-errc:
		return fmt.Errorf("serveur HTTP arrêté : %w", err)
	case <-ctx.Done():
	}
	logger.Info("arrêt demandé : fin des requêtes en cours", "timeout", shutdownTimeout.String())
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("arrêt du serveur : %w", err)
	}
	if err := drain(sctx); err != nil {
		logger.Warn("arrêt du serveur", "error", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	logger.Info("serveur arrêté")
	return nil
}

// newLogger returns the slog logger of the server: text or JSON, on w.
func newLogger(w io.Writer, cfg *config) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.logLevel}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// publicHost is the host:port at which a local listener is reached: localhost
// when it listens on every interface.
func publicHost(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return addr.String()
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

// printLogins prints the demo accounts as a French table.
func printLogins(w io.Writer, res demo.Result) {
	if res.Created {
		fmt.Fprintln(w, "Données de démonstration chargées.")
	} else {
		fmt.Fprintln(w, "Données de démonstration déjà présentes : rien n'a été modifié.")
	}
	fmt.Fprintf(w, "Comptes de démonstration (mot de passe commun : %s) :\n\n", demo.Password)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Rôle\tAdresse\tMot de passe\tLibellé")
	for _, l := range res.Logins {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", l.Role.Label(), l.Email, demo.Password, l.Label)
	}
	tw.Flush()
	fmt.Fprintln(w)
}
