package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"certibloc/internal/certif"
	"certibloc/internal/demo"
)

func demoCommand(fs *flag.FlagSet, cfg *config) runFunc {
	cfg.bindKeys(fs)
	scale := fs.String("scale", "small", "`TAILLE` des données : small (une vingtaine d'employeurs, comptes de démonstration) "+
		"ou national (environ 300 employeurs, 60 000 candidats et 150 000 tentatives de blocs sur 10 ans)")
	fraction := fs.Float64("fraction", 1, "`PART` de l'échelle nationale à charger, entre 0 et 1 (essais rapides : 0.01)")
	reset := fs.Bool("reset", false, "efface d'abord la base de démonstration (refusé si elle contient d'autres comptes) : les données sont reconstruites autour de la date du jour (--today)")
	return func(ctx context.Context, a *app, cfg *config, _ []string) error {
		if *scale != "small" && *scale != "national" {
			return usageErrorf("--scale : %q inconnu, choisissez small ou national", *scale)
		}
		if *fraction <= 0 || *fraction > 1 {
			return usageErrorf("--fraction : %g hors de ]0, 1]", *fraction)
		}
		st, err := cfg.openStore(ctx)
		if err != nil {
			return err
		}
		defer st.Close()
		if *reset {
			if err := st.WipeDemo(ctx, demo.Domain); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "Base de démonstration effacée : reconstruction autour du %s.\n", cfg.clock.Today().French())
		}
		if *scale == "small" {
			_, signer, err := platformKeys(cfg, st, newLogger(a.stderr, cfg))
			if err != nil {
				return err
			}
			res, err := demo.LoadWith(ctx, st, cfg.clock.Today(), demo.Options{Minutes: signer, History: true})
			if err != nil {
				return err
			}
			printLogins(a.stdout, res)
			return nil
		}
		today := cfg.clock.Today()
		fmt.Fprintf(a.stdout, "Chargement des données nationales de démonstration (%s, date du jour %s) :\n", st.Dialect(), today.French())
		res, err := demo.LoadNational(ctx, st, today, demo.NationalOptions{Fraction: *fraction, Progress: indent{a.stdout}})
		if err != nil {
			return err
		}
		printNational(a.stdout, res)
		return nil
	}
}

// indent prefixes each progress line with two spaces.
type indent struct{ w io.Writer }

func (i indent) Write(p []byte) (int, error) {
	if _, err := i.w.Write(append([]byte("  "), p...)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// printNational prints the summary of a national load in French.
func printNational(w io.Writer, res demo.NationalResult) {
	fmt.Fprintf(w, "\nDonnées nationales chargées, années %d à %d :\n", res.FirstYear, res.LastYear)
	line := func(label string, n int, note string) {
		fmt.Fprintf(w, "  %-36s %9s  %s\n", label, thousandsFR(n), note)
	}
	line("employeurs", res.Employers, fmt.Sprintf("(%s créés)", thousandsFR(res.EmployersCreated)))
	line("candidats", res.Candidates, "")
	line("inscriptions", res.Registrations, fmt.Sprintf("(%s supprimées avant le jury)", thousandsFR(res.Deleted)))
	line("tentatives de blocs", res.Attempts, "")
	fmt.Fprintln(w, "\nTentatives de blocs par statut :")
	for _, s := range certif.AttemptStatuses {
		if n := res.Statuses[s]; n > 0 {
			line(s.Label(), n, percent(n, res.Attempts))
		}
	}
	fmt.Fprintln(w, "\nInscriptions par CQP :")
	codes := make([]string, 0, len(res.Qualifications))
	for c := range res.Qualifications {
		codes = append(codes, c)
	}
	slices.SortFunc(codes, func(a, b string) int {
		return cmp.Or(res.Qualifications[b]-res.Qualifications[a], strings.Compare(a, b))
	})
	for _, c := range codes {
		line(c, res.Qualifications[c], percent(res.Qualifications[c], res.Registrations))
	}
	fmt.Fprintln(w, "\nLes comptes de démonstration viennent avec « certibloc demo » (--scale small) ou « certibloc serve --demo ».")
}

// thousandsFR writes n with a space between thousands: 60 000.
func thousandsFR(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + " " + s[i:]
	}
	return s
}

// percent is n out of total, in French: 74,6 %.
func percent(n, total int) string {
	if total == 0 {
		return ""
	}
	return strings.Replace(fmt.Sprintf("%.1f %%", 100*float64(n)/float64(total)), ".", ",", 1)
}
