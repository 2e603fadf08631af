package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"certibloc/internal/calendar"
	"certibloc/internal/campaign"
	"certibloc/internal/certif"
	"certibloc/internal/intake"
	"certibloc/internal/seed"
	"certibloc/internal/store"
)

// cliCaller is who writes for the collection commands, on the day of the
// command: the office, under the name the audit trail shows for it.
func cliCaller(today certif.Date) store.Caller {
	return store.Caller{Actor: store.Actor{Email: "ligne de commande (équipe des examens)"}, Role: certif.RoleOffice, Scope: store.All, Today: today}
}

// openSeeded opens the store and loads the shipped calendar on first start.
func openSeeded(ctx context.Context, cfg *config) (*store.Store, error) {
	st, err := cfg.openStore(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := seed.Load(ctx, st); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// campaignFlag reads --campaign (YYYY-MM) and finds the campaign.
func campaignFlag(ctx context.Context, st *store.Store, value string) (calendar.CollectionCampaign, error) {
	name, err := certif.ParseMonth(value)
	if err != nil {
		return calendar.CollectionCampaign{}, usageErrorf("--campaign : %v", err)
	}
	return st.Campaign(ctx, name)
}

func recueilLaunchCommand(fs *flag.FlagSet, cfg *config) runFunc {
	name := fs.String("campaign", "", "`AAAA-MM` : la campagne, nommée par son premier mois d'examen (obligatoire)")
	fs.StringVar(&cfg.BaseURL, "base-url", "", "`URL` publique de la plateforme, pour le lien des courriels")
	return func(ctx context.Context, a *app, cfg *config, _ []string) error {
		if err := required(fs, "campaign"); err != nil {
			return err
		}
		st, err := openSeeded(ctx, cfg)
		if err != nil {
			return err
		}
		defer st.Close()
		cp, err := campaignFlag(ctx, st, *name)
		if err != nil {
			return err
		}
		rep, err := campaign.Launch(ctx, st, cliCaller(cfg.clock.Today()), cp, cfg.BaseURL)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "Campagne %s (date limite %s) : tableau envoyé à %s%s.\n", certif.OfMonth(cp.Name), cp.Deadline.French(), certif.Count(len(rep.Sent), "employeur", "employeurs"), codes(rep.Sent))
		if len(rep.Already) > 0 {
			fmt.Fprintf(a.stdout, "Déjà envoyé avant : %s.\n", strings.Join(rep.Already, ", "))
		}
		if len(rep.NoAddress) > 0 {
			fmt.Fprintf(a.stdout, "Sans adresse RH, donc sans courriel : %s.\n", strings.Join(rep.NoAddress, ", "))
		}
		return nil
	}
}

func codes(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return " (" + strings.Join(list, ", ") + ")"
}

func recueilExportCommand(fs *flag.FlagSet, _ *config) runFunc {
	name := fs.String("campaign", "", "`AAAA-MM` : la campagne, nommée par son premier mois d'examen (obligatoire)")
	employer := fs.String("employer", "", "`CODE` de l'employeur (obligatoire)")
	out := fs.String("out", "", "`FICHIER` .xlsx à écrire (obligatoire)")
	return func(ctx context.Context, a *app, cfg *config, _ []string) error {
		if err := required(fs, "campaign", "employer", "out"); err != nil {
			return err
		}
		st, err := openSeeded(ctx, cfg)
		if err != nil {
			return err
		}
		defer st.Close()
		cp, err := campaignFlag(ctx, st, *name)
		if err != nil {
			return err
		}
		e, err := st.EmployerByCode(ctx, *employer)
		if err != nil {
			return err
		}
		tables, err := campaign.Tables(ctx, st, cp, e.Code)
		if err != nil {
			return err
		}
		if len(tables) == 0 {
			return certif.Errorf(certif.ENotFound, "Aucune inscription de %s n'est concernée par la campagne %s (CQP GC et COS, hors redoublants) : pas de tableau.", e.Code, certif.OfMonth(cp.Name))
		}
		content, err := intake.CollectionTableXLSX(tables[0].Table)
		if err != nil {
			return err
		}
		if err := os.WriteFile(*out, content, 0o644); err != nil {
			return fmt.Errorf("écriture de %s impossible : %w", *out, err)
		}
		fmt.Fprintf(a.stdout, "Tableau de recueil %s de %s écrit dans %s : %s, à retourner au plus tard le %s.\n",
			cp.Name, e.Code, *out, certif.Count(len(tables[0].Table.Lines), "inscription", "inscriptions"), cp.Deadline.French())
		return nil
	}
}

func recueilImportCommand(fs *flag.FlagSet, _ *config) runFunc {
	employer := fs.String("employer", "", "`CODE` de l'employeur dont c'est le tableau (obligatoire)")
	name := fs.String("campaign", "", "`AAAA-MM` : la campagne (défaut : celle que nomme le tableau)")
	format := fs.String("format", "text", "format du compte rendu : text ou json")
	dryRun := fs.Bool("dry-run", false, "vérifie le tableau et montre ce qui changerait, sans rien enregistrer")
	return func(ctx context.Context, a *app, cfg *config, args []string) error {
		if err := required(fs, "employer"); err != nil {
			return err
		}
		if len(args) != 1 {
			return usageErrorf("indiquez un seul FICHIER, le tableau de recueil rempli")
		}
		if *format != "text" && *format != "json" {
			return usageErrorf("--format : %q inconnu, choisissez text ou json", *format)
		}
		data, err := os.ReadFile(args[0])
		if err != nil {
			return fmt.Errorf("lecture de %s impossible : %w", args[0], err)
		}
		st, err := openSeeded(ctx, cfg)
		if err != nil {
			return err
		}
		defer st.Close()
		var cp *calendar.CollectionCampaign
		if *name != "" {
			c, err := campaignFlag(ctx, st, *name)
			if err != nil {
				return err
			}
			cp = &c
		}
		rep, err := campaign.Return(ctx, st, cliCaller(cfg.clock.Today()), cp, strings.ToUpper(*employer), filepath.Base(args[0]), data, !*dryRun, 0)
		if err != nil && !rep.FileRefused {
			return err
		}
		if *format == "json" {
			enc := json.NewEncoder(a.stdout)
			enc.SetIndent("", "  ")
			if jerr := enc.Encode(rep); jerr != nil {
				return jerr
			}
		} else {
			printReturn(a.stdout, rep, *dryRun)
		}
		return err
	}
}

// printReturn prints the report of a returned table in French.
func printReturn(w io.Writer, rep campaign.Report, dryRun bool) {
	switch {
	case rep.FileRefused && len(rep.Lines) == 0:
		return // the error says why
	case rep.FileRefused:
		fmt.Fprintf(w, "Tableau %s refusé : %s en erreur, rien n'a été enregistré.\n", rep.Filename, certif.Count(rep.Refused, "ligne", "lignes"))
	case dryRun:
		fmt.Fprintf(w, "Aperçu du tableau de recueil %s de %s : %s, %s à modifier. Rien n'est enregistré.\n",
			rep.Campaign, rep.Employer, certif.Count(rep.Accepted, "ligne acceptée", "lignes acceptées"), certif.Count(rep.Changed, "inscription", "inscriptions"))
	default:
		fmt.Fprintf(w, "Tableau de recueil %s de %s enregistré, retour du %s : %s, %s.\n",
			rep.Campaign, rep.Employer, rep.ReturnedOn.French(), certif.Count(rep.Accepted, "ligne", "lignes"), certif.Count(rep.Changed, "inscription modifiée", "inscriptions modifiées"))
	}
	if rep.Late && !rep.FileRefused {
		fmt.Fprintln(w, "Retour après la date limite : les candidats de l'employeur pour cette campagne sont « jury non organisable » jusqu'à la levée du blocage.")
	}
	for _, l := range rep.Lines {
		for _, e := range l.Errors {
			fmt.Fprintf(w, "  %s\n", e)
		}
		for _, c := range l.Changes {
			if len(l.Errors) == 0 {
				fmt.Fprintf(w, "  Ligne %d, inscription n° %d (%s) : %s.\n", l.Line, l.RegistrationID, l.Candidate, c)
			}
		}
	}
	for _, m := range append(rep.Warnings, rep.Missing...) {
		fmt.Fprintf(w, "  %s\n", m)
	}
}

func recueilRemindersCommand(fs *flag.FlagSet, cfg *config) runFunc {
	fs.StringVar(&cfg.BaseURL, "base-url", "", "`URL` publique de la plateforme, pour le lien des courriels")
	return func(ctx context.Context, a *app, cfg *config, _ []string) error {
		st, err := openSeeded(ctx, cfg)
		if err != nil {
			return err
		}
		defer st.Close()
		n, err := campaign.SendReminders(ctx, st, cfg.clock.Today(), cfg.BaseURL)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "Relances des tableaux de recueil au %s : %s mis en file d'envoi.\n", cfg.clock.Today().French(), certif.Count(n, "courriel", "courriels"))
		return nil
	}
}
