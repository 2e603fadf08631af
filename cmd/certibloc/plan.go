package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"certibloc/internal/certif"
	"certibloc/internal/juries"
	"certibloc/internal/planner"
)

// planCommand plans the professional juries of an instance file
// (docs/planner.md), or of a window of days from the database: the same
// planner, the drafts saved as the office's "Planifier" page saves them
// (unless --dry-run).
func planCommand(fs *flag.FlagSet, _ *config) runFunc {
	instance := fs.String("instance", "", "`FICHIER` JSON de l'instance à planifier (format de docs/planner.md)")
	from := fs.String("from", "", "`AAAA-MM-JJ` : premier jour de la période à planifier depuis la base de données")
	to := fs.String("to", "", "`AAAA-MM-JJ` : dernier jour de la période")
	dry := fs.Bool("dry-run", false, "avec --from et --to : calculer et afficher sans enregistrer les brouillons")
	export := fs.String("export-instance", "", "avec --from et --to : écrire aussi dans `FICHIER` l'instance lue de la base (format de docs/planner.md)")
	format := fs.String("format", "text", "format de sortie : text (résumé) ou json (le plan)")
	return func(ctx context.Context, a *app, cfg *config, _ []string) error {
		if *format != "text" && *format != "json" {
			return usageErrorf("--format : %q inconnu, choisissez text ou json", *format)
		}
		switch {
		case *instance != "" && (*from != "" || *to != ""):
			return usageErrorf("--instance ou --from/--to : l'un ou l'autre")
		case *instance == "" && (*from == "" || *to == ""):
			return usageErrorf("indiquez --instance FICHIER, ou --from AAAA-MM-JJ et --to AAAA-MM-JJ pour planifier depuis la base de données")
		case *instance == "":
			return planWindow(ctx, a, cfg, windowOptions{*from, *to, *dry, *format, *export})
		}
		inst, err := readPlannerFile(*instance, planner.DecodeInstance)
		if err != nil {
			return err
		}
		p := planner.Solve(inst)
		if *format == "json" {
			enc := json.NewEncoder(a.stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(p)
		}
		printPlan(a.stdout, inst, p)
		return nil
	}
}

// windowOptions are the flags of `plan --from --to`.
type windowOptions struct {
	from, to       string
	dry            bool
	format, export string
}

// planWindow plans a window of days from the database.
func planWindow(ctx context.Context, a *app, cfg *config, o windowOptions) error {
	from, err := certif.ParseDate(o.from)
	if err != nil {
		return usageErrorf("--from : date invalide %q, AAAA-MM-JJ attendu", o.from)
	}
	to, err := certif.ParseDate(o.to)
	if err != nil {
		return usageErrorf("--to : date invalide %q, AAAA-MM-JJ attendu", o.to)
	}
	dry, format := o.dry, o.format
	st, err := openSeeded(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	today := cfg.clock.Today()
	var planned juries.Planned
	if dry {
		planned, err = juries.Compute(ctx, st, from, to, today)
	} else {
		_, planned, err = juries.Plan(ctx, st, cliCaller(today), from, to, today)
	}
	if err != nil {
		return err
	}
	if o.export != "" {
		data, err := json.MarshalIndent(planned.Built.Instance, "", "  ")
		if err == nil {
			err = os.WriteFile(o.export, data, 0o600)
		}
		if err != nil {
			return fmt.Errorf("écriture de l'instance dans %s : %w", o.export, err)
		}
	}
	if format == "json" {
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(planned.Plan)
	}
	for _, w := range planned.Built.Warnings {
		fmt.Fprintln(a.stdout, w)
	}
	for _, u := range planned.Built.Ineligible {
		fmt.Fprintf(a.stdout, "Non présentable : tentative %d : %s\n", u.AttemptID, u.Reason)
	}
	printPlan(a.stdout, planned.Built.Instance, planned.Plan)
	if !dry {
		fmt.Fprintf(a.stdout, "Brouillons enregistrés du %s au %s : à revoir sur la page « Planifier ».\n", from.French(), to.French())
	}
	return nil
}

// planCheckCommand checks a plan file against an instance file.
func planCheckCommand(_ *flag.FlagSet, _ *config) runFunc {
	return func(_ context.Context, a *app, _ *config, args []string) error {
		if len(args) != 2 {
			return usageErrorf("indiquez deux fichiers : l'INSTANCE puis le PLAN")
		}
		inst, err := readPlannerFile(args[0], planner.DecodeInstance)
		if err != nil {
			return err
		}
		p, err := readPlannerFile(args[1], planner.DecodePlan)
		if err != nil {
			return err
		}
		violations := planner.Check(inst, p)
		for _, v := range violations {
			fmt.Fprintln(a.stdout, v.Message)
		}
		if len(violations) > 0 {
			return fmt.Errorf("le plan enfreint les contraintes : %s", certif.Count(len(violations), "violation", "violations"))
		}
		fmt.Fprintln(a.stdout, "Aucune violation : le plan respecte toutes les contraintes.")
		return nil
	}
}

// readPlannerFile reads and decodes a file, naming it in the error.
func readPlannerFile[T any](path string, decode func([]byte) (T, error)) (T, error) {
	var zero T
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return zero, fmt.Errorf("fichier %s introuvable", path)
	} else if err != nil {
		return zero, fmt.Errorf("lecture de %s impossible : %w", path, err)
	}
	v, err := decode(data)
	if err != nil {
		return zero, fmt.Errorf("fichier %s : %w", path, err)
	}
	return v, nil
}

// printPlan prints a French summary of a plan: the sessions by date, the
// unplaced attempts with their reasons, then the totals.
func printPlan(w io.Writer, inst planner.Instance, p planner.Plan) {
	for _, s := range p.Sessions {
		place := "à distance"
		if s.Mode == planner.ModeInPerson {
			place = "en présentiel chez " + s.Employer
		}
		fmt.Fprintf(w, "%s  %s %s  CQP %s, %s ; jury : %s (certificateur), %s (expert), %s (branche)\n",
			s.ID, frenchDate(s.Date), frenchHalf(s.Half), s.Qualification, place, s.Members.Certifier, s.Members.Expert, s.Members.Branch)
		slots := make([]string, len(s.Slots))
		for i, sl := range s.Slots {
			slots[i] = sl.Start + " " + sl.Attempt
		}
		fmt.Fprintf(w, "    %s\n", strings.Join(slots, ", "))
	}
	if len(p.Unplaced) > 0 {
		fmt.Fprintf(w, "\nNon placées (%d) :\n", len(p.Unplaced))
		for _, u := range p.Unplaced {
			fmt.Fprintf(w, "  %s : %s\n", u.Attempt, u.Reason)
		}
	}
	placed := len(inst.Attempts) - len(p.Unplaced)
	fmt.Fprintf(w, "\nPlacées : %d/%s ; %s (borne inférieure : %d).\n", placed, certif.Count(len(inst.Attempts), "tentative", "tentatives"),
		certif.Count(len(p.Sessions), "séance", "séances"), planner.LowerBoundSessions(inst))
}

// frenchDate displays an ISO date as JJ/MM/AAAA (as is when unreadable).
func frenchDate(iso string) string {
	d, err := certif.ParseDate(iso)
	if err != nil {
		return iso
	}
	return d.French()
}

func frenchHalf(half string) string {
	if half == planner.HalfPM {
		return "après-midi"
	}
	return "matin"
}
