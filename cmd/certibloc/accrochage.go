package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"certibloc/internal/certif"
	"certibloc/internal/store"
)

// accrochageExportCommand writes the next accrochage flow to the Caisse des
// Dépôts (docs/accrochage.md) and records it, unless --dry-run; it lists the
// certifications it cannot report, and why.
func accrochageExportCommand(fs *flag.FlagSet, cfg *config) runFunc {
	from := fs.String("from", "", "`AAAA-MM-JJ` : certifications obtenues à partir de ce jour")
	to := fs.String("to", "", "`AAAA-MM-JJ` : certifications obtenues jusqu'à ce jour")
	output := fs.String("output", "", "`FICHIER` où écrire le flux (défaut : son nom, accrochage_IDCLIENT_NUMÉRO.xml, dans le répertoire courant)")
	dry := fs.Bool("dry-run", false, "calculer et afficher sans enregistrer le flux (le fichier n'est écrit qu'avec --output)")
	fs.StringVar(&cfg.BaseURL, "base-url", "", "`URL` publique de la plateforme : chaque certification porte l'adresse de sa page de vérification comme preuve")
	return func(ctx context.Context, a *app, cfg *config, _ []string) error {
		var f store.AccrochageFilter
		var err error
		if f.From, err = optionalDate("from", *from); err != nil {
			return err
		}
		if f.To, err = optionalDate("to", *to); err != nil {
			return err
		}
		st, err := openSeeded(ctx, cfg)
		if err != nil {
			return err
		}
		defer st.Close()
		p, err := st.ExportAccrochageFlow(ctx, cliCaller(cfg.clock.Today()), f, cfg.BaseURL, *dry)
		if err != nil {
			return err
		}
		for _, line := range p.RefusalLines() {
			fmt.Fprintln(a.stdout, "Non déclarable : "+line)
		}
		if cfg.BaseURL == "" {
			fmt.Fprintln(a.stdout, "Sans --base-url, les certifications ne portent pas l'adresse de leur page de vérification.")
		}
		if p.XML == nil {
			fmt.Fprintln(a.stdout, "Aucune certification à déclarer : pas de flux.")
			return nil
		}
		file := *output
		if file == "" && !*dry {
			file = p.FileName
		}
		if file != "" {
			if err := os.WriteFile(file, p.XML, 0o600); err != nil {
				return fmt.Errorf("écriture du flux dans %s : %w", file, err)
			}
		}
		sent := certif.Count(len(p.Sent), "certification", "certifications")
		if *dry {
			fmt.Fprintf(a.stdout, "Essai (--dry-run) : rien n'est enregistré ; le flux n° %d compterait %s.\n", p.Header.Number, sent)
		} else {
			fmt.Fprintf(a.stdout, "Flux n° %d enregistré : %s, à déposer sur le portail de la Caisse des Dépôts sous le nom %s.\n", p.Header.Number, sent, p.FileName)
		}
		if file != "" {
			fmt.Fprintf(a.stdout, "Fichier écrit : %s\n", file)
		}
		return nil
	}
}

// optionalDate reads an optional AAAA-MM-JJ flag.
func optionalDate(flag, value string) (certif.Date, error) {
	if value == "" {
		return certif.Date{}, nil
	}
	d, err := certif.ParseDate(value)
	if err != nil {
		return d, usageErrorf("--%s : date invalide %q, AAAA-MM-JJ attendu", flag, value)
	}
	return d, nil
}

// accrochageAckCommand records the CDC's acknowledgement of a flow.
func accrochageAckCommand(_ *flag.FlagSet, _ *config) runFunc {
	return func(ctx context.Context, a *app, cfg *config, args []string) error {
		if len(args) != 1 {
			return usageErrorf("indiquez le FICHIER de l'accusé de traitement de la Caisse des Dépôts")
		}
		data, err := os.ReadFile(args[0])
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("fichier %s introuvable", args[0])
		} else if err != nil {
			return fmt.Errorf("lecture de %s impossible : %w", args[0], err)
		}
		st, err := openSeeded(ctx, cfg)
		if err != nil {
			return err
		}
		defer st.Close()
		res, err := st.UploadAccrochageReport(ctx, cliCaller(cfg.clock.Today()), filepath.Base(args[0]), data)
		if code := certif.ErrorCode(err); code != "" && code != certif.EInternal {
			return &certif.Error{Code: code, Message: certif.ErrorMessage(err)} // the message names the field: no field list
		} else if err != nil {
			return err
		}
		fmt.Fprintln(a.stdout, res.Message())
		return nil
	}
}
