package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"

	"certibloc/internal/calendar"
	"certibloc/internal/certif"
	"certibloc/internal/seed"
)

// juryRow is a national jury as `calendar --format json` prints it.
type juryRow struct {
	Date   certif.Date `json:"date"`
	Cutoff certif.Date `json:"cutoff"`
	Start  string      `json:"start"`
	End    string      `json:"end"`
}

// juryRows lists the national juries of a year with their cutoffs (R9).
func juryRows(cal *calendar.Calendar, year int) []juryRow {
	rows := []juryRow{}
	for _, j := range cal.JuriesWithCutoffs(year) {
		rows = append(rows, juryRow{Date: j.Date, Cutoff: j.Cutoff, Start: j.Start, End: j.End})
	}
	return rows
}

func calendarCommand(fs *flag.FlagSet, _ *config) runFunc {
	year := fs.Int("year", 0, "`ANNÉE` des jurys (défaut : année de la date du jour)")
	format := fs.String("format", "text", "format de sortie : text (tableau) ou json")
	return func(ctx context.Context, a *app, cfg *config, _ []string) error {
		if *format != "text" && *format != "json" {
			return usageErrorf("--format : %q inconnu, choisissez text ou json", *format)
		}
		if *year == 0 {
			*year = cfg.clock.Today().Year()
		}
		cal, err := seededCalendar(ctx, cfg)
		if err != nil {
			return err
		}
		if *format == "json" {
			enc := json.NewEncoder(a.stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(juryRows(cal, *year))
		}
		printCalendar(a.stdout, cal, *year)
		return nil
	}
}

// seededCalendar opens the store, loads the shipped calendar on first start and
// returns the calendar engine.
func seededCalendar(ctx context.Context, cfg *config) (*calendar.Calendar, error) {
	st, err := cfg.openStore(ctx)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	if _, err := seed.Load(ctx, st); err != nil {
		return nil, err
	}
	return st.Calendar(ctx)
}

// printCalendar prints the national juries of a year and the collection
// deadlines of its campaigns as French tables.
func printCalendar(w io.Writer, cal *calendar.Calendar, year int) {
	juries := cal.JuriesWithCutoffs(year)
	if len(juries) == 0 {
		fmt.Fprintf(w, "Aucun jury paritaire national n'est enregistré pour %d.\n", year)
	} else {
		fmt.Fprintf(w, "Jurys paritaires nationaux %d\n\n", year)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "Jour\tDate\tHoraire\tDate limite des jurys professionnels")
		for _, j := range juries {
			cutoff := j.Cutoff
			fmt.Fprintf(tw, "%s\t%s\t%s–%s\t%s %s", certif.FrenchWeekday(j.Date.Weekday()), j.Date.French(), j.Start, j.End,
				certif.FrenchWeekday(cutoff.Weekday()), cutoff.French())
			if j.Overridden() {
				fmt.Fprintf(tw, " (modifiée : %s)", j.OverrideReason)
			}
			fmt.Fprintln(tw)
		}
		tw.Flush()
		fmt.Fprintln(w, "\nUn jury national statue sur les jurys professionnels tenus au plus tard à sa date limite.")
	}
	campaigns := cal.Campaigns(year)
	if len(campaigns) == 0 {
		return
	}
	fmt.Fprintf(w, "\nRetour des tableaux de recueil, campagnes %d\n\n", year)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Mois d'examen\tDate limite de retour")
	for _, cp := range campaigns {
		fmt.Fprintf(tw, "%s\t%s %s\n", monthSpan(cp.ExamMonths), certif.FrenchWeekday(cp.Deadline.Weekday()), cp.Deadline.French())
	}
	tw.Flush()
}

// monthSpan names a run of exam months: "mars à mai 2026".
func monthSpan(months []certif.Month) string {
	switch {
	case len(months) == 0:
		return ""
	case len(months) == 1:
		return months[0].French()
	}
	first, last := months[0], months[len(months)-1]
	if first.Year == last.Year {
		return certif.FrenchMonthName(first.Month) + " à " + last.French()
	}
	return first.French() + " à " + last.French()
}
