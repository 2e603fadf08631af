package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"

	"certibloc/internal/clock"
	"certibloc/internal/mail"
	"certibloc/internal/store"
)

// config is the configuration shared by the subcommands. Each value comes from
// its flag, else from its environment variable, else from its default.
type config struct {
	DB        string
	Today     string
	Addr      string      // serve only
	BaseURL   string      // serve only
	LogFormat string      // serve only
	LogLevel  string      // serve only
	BlobDir   string      // serve only: where evidence files are kept
	KeyFile   string      // serve only: the certificates' signing key (Ed25519), created on first start
	SignerKey string      // serve only: the minutes' signing identity (ECDSA key and certificate), created on first start
	Mail      mail.Config // serve and mail test only (mail.go)

	clock    *clock.Clock
	logLevel slog.Level
}

// envVars maps flags to the environment variables that configure them.
var envVars = []struct{ flag, env string }{
	{"db", "CERTIBLOC_DB"},
	{"today", "CERTIBLOC_TODAY"},
	{"addr", "CERTIBLOC_ADDR"},
	{"base-url", "CERTIBLOC_BASE_URL"},
	{"log-format", "CERTIBLOC_LOG_FORMAT"},
	{"log-level", "CERTIBLOC_LOG_LEVEL"},
	{"blob-dir", "CERTIBLOC_BLOB_DIR"},
	{"certificate-key", "CERTIBLOC_CERTIFICATE_KEY"},
	{"minutes-key", "CERTIBLOC_MINUTES_KEY"},
	{"smtp-host", "CERTIBLOC_SMTP_HOST"},
	{"smtp-port", "CERTIBLOC_SMTP_PORT"},
	{"smtp-security", "CERTIBLOC_SMTP_SECURITY"},
	{"smtp-user", "CERTIBLOC_SMTP_USER"},
	{"smtp-password", "CERTIBLOC_SMTP_PASSWORD"},
	{"smtp-timeout", "CERTIBLOC_SMTP_TIMEOUT"},
	{"mail-from", "CERTIBLOC_MAIL_FROM"},
}

// envOf names the environment variable of a flag, "" if none.
func envOf(name string) string {
	for _, v := range envVars {
		if v.flag == name {
			return v.env
		}
	}
	return ""
}

// bindCommon registers the flags every subcommand accepts.
func (c *config) bindCommon(fs *flag.FlagSet) {
	fs.StringVar(&c.DB, "db", "sqlite:certibloc.db", "base de données : sqlite:`CHEMIN` ou postgres://…")
	fs.StringVar(&c.Today, "today", "", "date du jour vue par les règles, `AAAA-MM-JJ` (défaut : aujourd'hui, heure de Paris)")
}

// bindKeys registers the files of the platform's signing identities (the
// web server and the demo, which signs its past juries' minutes).
func (c *config) bindKeys(fs *flag.FlagSet) {
	fs.StringVar(&c.KeyFile, "certificate-key", "", "`FICHIER` de la clé qui signe les certificats (Ed25519, PEM), créé au premier démarrage s'il manque (défaut : certibloc-certificats.key à côté du fichier SQLite)")
	fs.StringVar(&c.SignerKey, "minutes-key", "", "`FICHIER` de l'identité qui signe les procès-verbaux des jurys nationaux (clé ECDSA P-256 et certificat X.509, PEM), créé au premier démarrage s'il manque (défaut : certibloc-proces-verbaux.pem à côté de la clé des certificats)")
}

// bindServe registers the flags of the web server.
func (c *config) bindServe(fs *flag.FlagSet) {
	fs.StringVar(&c.Addr, "addr", "", "`ADRESSE` d'écoute HTTP (défaut : :8080, toutes les interfaces ; avec --demo, 127.0.0.1:8080, cette machine seule)")
	fs.StringVar(&c.BaseURL, "base-url", "", "`URL` publique, ex. https://certibloc.example.fr (défaut : déduite de --addr) ; https rend les cookies Secure")
	fs.StringVar(&c.LogFormat, "log-format", "text", "`FORMAT` des journaux : text ou json")
	fs.StringVar(&c.LogLevel, "log-level", "info", "`NIVEAU` des journaux : debug, info, warn ou error")
	c.bindKeys(fs)
	fs.StringVar(&c.BlobDir, "blob-dir", "", "`RÉPERTOIRE` des pièces déposées pour les jurys (défaut : certibloc-pieces à côté du fichier SQLite, ou du répertoire courant)")
}

// parse reads the flags of args into fs, completes the flags left unset from
// the environment, checks the values and returns the positional arguments.
// Flags may come before, between and after the positional arguments; "--"
// ends the flags.
func (c *config) parse(fs *flag.FlagSet, args []string, getenv func(string) string) ([]string, error) {
	flags, positional := splitArgs(fs, args)
	if err := fs.Parse(flags); err == flag.ErrHelp {
		return nil, err
	} else if err != nil {
		return nil, frenchFlagError(err)
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	for _, v := range envVars {
		value := getenv(v.env)
		if set[v.flag] || value == "" || fs.Lookup(v.flag) == nil {
			continue
		}
		if err := fs.Set(v.flag, value); err != nil {
			return nil, usageErrorf("variable %s invalide : %v", v.env, err)
		}
	}
	return positional, c.check(fs)
}

// splitArgs separates the flags of args (each with its value when the value is
// the next argument) from the positional arguments, wherever they stand. It
// reads args as the flag package does (a flag's value may start with a dash;
// "-" alone is positional) but goes on after a positional argument; after "--"
// everything is positional.
func splitArgs(fs *flag.FlagSet, args []string) (flags, positional []string) {
	for i := 0; i < len(args); i++ {
		arg := args[i]
		switch {
		case arg == "--":
			return flags, append(positional, args[i+1:]...)
		case len(arg) < 2 || arg[0] != '-':
			positional = append(positional, arg)
			continue
		}
		flags = append(flags, arg)
		name, _, hasValue := strings.Cut(strings.TrimPrefix(arg[1:], "-"), "=")
		if !hasValue && takesValue(fs, name) && i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	return flags, positional
}

// takesValue reports whether the flag named name reads the next argument as
// its value (any flag of fs but a boolean one).
func takesValue(fs *flag.FlagSet, name string) bool {
	f := fs.Lookup(name)
	if f == nil {
		return false
	}
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return !ok || !b.IsBoolFlag()
}

// check validates the values and prepares the clock.
func (c *config) check(fs *flag.FlagSet) error {
	var err error
	if c.clock, err = clock.New(c.Today); err != nil {
		return usageErrorf("%v", err)
	}
	if fs.Lookup("log-format") != nil && c.LogFormat != "text" && c.LogFormat != "json" {
		return usageErrorf("--log-format : %q inconnu, choisissez text ou json", c.LogFormat)
	}
	if fs.Lookup("log-level") != nil {
		if err := c.logLevel.UnmarshalText([]byte(c.LogLevel)); err != nil {
			return usageErrorf("--log-level : %q inconnu, choisissez debug, info, warn ou error", c.LogLevel)
		}
	}
	if c.BaseURL != "" && !strings.HasPrefix(c.BaseURL, "http://") && !strings.HasPrefix(c.BaseURL, "https://") {
		return usageErrorf("--base-url : %q doit commencer par http:// ou https://", c.BaseURL)
	}
	c.BaseURL = strings.TrimSuffix(c.BaseURL, "/")
	return c.checkMail(fs)
}

// usageError is a mistake on the command line (exit status 2).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// keyFile is the certificates' signing key: --certificate-key, else
// certibloc-certificats.key beside the SQLite file (the working directory for
// PostgreSQL).
func (c *config) keyFile() string {
	if c.KeyFile != "" {
		return c.KeyFile
	}
	return filepath.Join(filepath.Dir(c.blobDir()), "certibloc-certificats.key")
}

// minutesKeyFile is the minutes' signing identity: --minutes-key, else
// certibloc-proces-verbaux.pem beside the certificates' key.
func (c *config) minutesKeyFile() string {
	if c.SignerKey != "" {
		return c.SignerKey
	}
	return filepath.Join(filepath.Dir(c.keyFile()), "certibloc-proces-verbaux.pem")
}

// blobDir is where evidence files are kept: --blob-dir, else a directory
// certibloc-pieces beside the SQLite file (in the working directory for
// PostgreSQL). Never under anything the web server serves.
func (c *config) blobDir() string {
	if c.BlobDir != "" {
		return c.BlobDir
	}
	if path, ok := strings.CutPrefix(c.DB, "sqlite:"); ok {
		path, _, _ = strings.Cut(path, "?")
		return filepath.Join(filepath.Dir(path), "certibloc-pieces")
	}
	return "certibloc-pieces"
}

// openStore opens the database of --db (applying its migrations), its
// timestamps following the command's clock: with --today, every timestamp
// the rules or the demo write falls on that day.
func (c *config) openStore(ctx context.Context) (*store.Store, error) {
	st, err := store.Open(ctx, c.DB)
	if err != nil {
		return nil, err
	}
	st.SetClock(c.clock.Now)
	return st, nil
}
