package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// runFunc runs a command once its flags are parsed; args are the positional
// arguments (only commands that declare some receive any).
type runFunc func(ctx context.Context, a *app, cfg *config, args []string) error

// command is a subcommand: setup registers its own flags on fs (the common ones
// are already there) and returns the function that runs it.
type command struct {
	name    string // "serve", "user add"
	summary string // French, one line
	args    string // positional arguments in the synopsis, "" when none
	setup   func(fs *flag.FlagSet, cfg *config) runFunc
}

// commands is the table of subcommands, in the order help lists them.
func commands() []command {
	return []command{
		{"serve", "Lance le serveur web : interface en français et API JSON.", "", serveCommand},
		{"migrate", "Applique les migrations de la base de données.", "", migrateCommand},
		{"calendar", "Affiche les jurys paritaires nationaux d'une année et les dates limites.", "", calendarCommand},
		{"demo", "Charge les données de démonstration : petite (--scale small) ou à l'échelle nationale (--scale national).", "", demoCommand},
		{"user add", "Crée un compte (mot de passe généré si aucun n'est fourni).", "", userAddCommand},
		{"token create", "Crée un jeton d'accès à l'API JSON pour un compte.", "", tokenCreateCommand},
		{"token revoke", "Révoque un jeton d'accès à l'API JSON.", "", tokenRevokeCommand},
		{"recueil lancer", "Lance une campagne de recueil : envoie leur tableau aux employeurs concernés.", "", recueilLaunchCommand},
		{"recueil export", "Écrit le tableau de recueil d'un employeur pour une campagne (XLSX).", "", recueilExportCommand},
		{"recueil import", "Importe le tableau de recueil rempli d'un employeur, tout ou rien (compte rendu texte ou JSON).", "FICHIER", recueilImportCommand},
		{"recueil rappels", "Met en file les relances J-30, J-7 et J-1 des tableaux de recueil non retournés (une fois chacune).", "", recueilRemindersCommand},
		{"plan generate", "Écrit une instance de planification synthétique (JSON) : à l'échelle nationale (--scale national) ou petite (--scale small).", "", planGenerateCommand},
		{"plan check", "Vérifie un plan de jurys professionnels au regard de son instance : une violation par ligne.", "INSTANCE PLAN", planCheckCommand},
		{"plan", "Planifie les jurys professionnels d'une instance JSON (--instance), ou d'une période depuis la base (--from, --to) : plan JSON ou résumé texte.", "", planCommand},
		{"verify", "Vérifie hors ligne un certificat (PDF), la charge utile de son code QR ou son attestation Open Badges, avec la clé publique.", "FICHIER|CHARGE|--code CODE", verifyCommand},
		{"accrochage export", "Écrit le flux d'accrochage des certifications obtenues à déclarer à la Caisse des Dépôts (XML) et l'enregistre, sauf --dry-run.", "", accrochageExportCommand},
		{"accrochage ack", "Enregistre l'accusé de traitement d'un flux d'accrochage reçu de la Caisse des Dépôts.", "FICHIER", accrochageAckCommand},
		{"mail test", "Envoie tout de suite un courriel d'essai par le serveur SMTP configuré, sans passer par la file d'attente.", "", mailTestCommand},
		{"version", "Affiche la version de certibloc.", "", versionCommand},
		{"help", "Affiche l'aide générale, ou celle d'une commande.", "[COMMANDE]", helpCommand},
	}
}

// newFlagSet returns a silent flag set: run prints errors and help in French.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// overview prints the general help.
func (a *app) overview(w io.Writer) {
	fmt.Fprintln(w, "certibloc : plateforme de certification des CQP de la Sécurité sociale par blocs de compétences.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Utilisation : certibloc COMMANDE [options]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commandes :")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-14s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Options communes à toutes les commandes :")
	fs := newFlagSet("")
	new(config).bindCommon(fs)
	printFlags(w, fs)
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Une option l'emporte sur sa variable d'environnement, qui l'emporte sur la valeur par défaut.")
	fmt.Fprintln(w, "Lancez « certibloc help COMMANDE » pour le détail d'une commande.")
}

// usage prints the help of one command.
func (a *app) usage(w io.Writer, c command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "Utilisation : %s\n\n%s\n\nOptions :\n", strings.TrimSpace("certibloc "+c.name+" [options] "+c.args), c.summary)
	printFlags(w, fs)
}

// printFlags lists the flags of fs with their value name, default and
// environment variable.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		fmt.Fprintf(w, "  --%s\n        %s", strings.TrimSpace(f.Name+" "+frenchType(name)), usage)
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			fmt.Fprintf(w, " (défaut : %s)", f.DefValue)
		}
		if env := envOf(f.Name); env != "" {
			fmt.Fprintf(w, " [variable %s]", env)
		}
		fmt.Fprintln(w)
	})
}

// frenchType names the value of a flag whose usage gives no name.
func frenchType(name string) string {
	switch name {
	case "string":
		return "TEXTE"
	case "int":
		return "NOMBRE"
	}
	return name
}

// helpCommand prints the general help, or the help of the named command.
func helpCommand(_ *flag.FlagSet, _ *config) runFunc {
	return func(_ context.Context, a *app, _ *config, args []string) error {
		if len(args) == 0 {
			a.overview(a.stdout)
			return nil
		}
		c, rest, err := lookup(args)
		if err != nil || len(rest) > 0 {
			return usageErrorf("aucune commande « %s »", strings.Join(args, " "))
		}
		fs := newFlagSet(c.name)
		var cfg config
		cfg.bindCommon(fs)
		c.setup(fs, &cfg)
		a.usage(a.stdout, c, fs)
		return nil
	}
}

var flagErrors = []struct {
	re     *regexp.Regexp
	french string
}{
	{regexp.MustCompile(`^flag provided but not defined: -+(.*)$`), "option inconnue : --%s"},
	{regexp.MustCompile(`^flag needs an argument: -+(.*)$`), "l'option --%s attend une valeur"},
	{regexp.MustCompile(`^invalid (?:boolean )?value "(.*)" for (?:flag )?-+([^:]*): .*$`), "valeur « %s » invalide pour --%s"},
	{regexp.MustCompile(`^bad flag syntax: (.*)$`), "option mal formée : %s"},
}

// frenchFlagError turns an error of the flag package into a French usage error.
func frenchFlagError(err error) error {
	for _, fe := range flagErrors {
		if m := fe.re.FindStringSubmatch(err.Error()); m != nil {
			args := make([]any, len(m)-1)
			for i, s := range m[1:] {
				args[i] = s
			}
			return usageErrorf(fe.french, args...)
		}
	}
	return usageErrorf("ligne de commande invalide : %v", err)
}
