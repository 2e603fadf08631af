package main

import (
	"context"
	"encoding/json"
	"flag"

	"certibloc/internal/planner"
)

// planScales are the sizes of planner.Generate that --scale names.
var planScales = map[string]planner.Size{"national": planner.National, "small": planner.Small}

// planGenerateCommand writes a synthetic instance (planner.Generate) to
// standard output, in the JSON format of docs/planner.md.
func planGenerateCommand(fs *flag.FlagSet, _ *config) runFunc {
	seed := fs.Int64("seed", 1, "`GRAINE` du tirage : la même graine donne la même instance")
	scale := fs.String("scale", "national", "taille de l'instance : national (≈ 6 200 tentatives, 300 employeurs, 400 membres) ou small")
	return func(_ context.Context, a *app, _ *config, _ []string) error {
		size, ok := planScales[*scale]
		if !ok {
			return usageErrorf("--scale : %q inconnu, choisissez national ou small", *scale)
		}
		return json.NewEncoder(a.stdout).Encode(planner.Generate(*seed, size))
	}
}
