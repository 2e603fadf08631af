package main

import (
	"context"
	"flag"
	"fmt"
)

func migrateCommand(_ *flag.FlagSet, _ *config) runFunc {
	return func(ctx context.Context, a *app, cfg *config, _ []string) error {
		st, err := cfg.openStore(ctx)
		if err != nil {
			return err
		}
		defer st.Close()
		applied := st.AppliedAtOpen() // store.Open applies the pending migrations
		for _, name := range applied {
			fmt.Fprintf(a.stdout, "Migration appliquée : %s\n", name)
		}
		if len(applied) == 0 {
			fmt.Fprintf(a.stdout, "Base à jour (%s) : aucune migration à appliquer.\n", st.Dialect())
		}
		return nil
	}
}
