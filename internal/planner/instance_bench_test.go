package planner

import (
	"os"
	"testing"
)

// instanceEnv names a planning instance exported from a database
// (certibloc plan --export-instance) that BenchmarkPlanInstance plans.
const instanceEnv = "CERTIBLOC_PLANNER_INSTANCE"

// fileInstance reads the instance named by instanceEnv, or skips.
func fileInstance(tb testing.TB) Instance {
	tb.Helper()
	path := os.Getenv(instanceEnv)
	if path == "" {
		tb.Skip(instanceEnv + " : aucune instance exportée (certibloc plan --export-instance)")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	inst, err := DecodeInstance(data)
	if err != nil {
		tb.Fatal(err)
	}
	return inst
}

// BenchmarkPlanInstance plans the instance exported from a database:
// CERTIBLOC_PLANNER_INSTANCE=/tmp/planner-national-db.json.
func BenchmarkPlanInstance(b *testing.B) {
	inst := fileInstance(b)
	var p Plan
	for b.Loop() {
		p = Solve(inst)
	}
	if v := Check(inst, p); len(v) > 0 {
		b.Fatalf("%d violations, dont %s", len(v), v[0].Message)
	}
	figures(b, inst, p).report(b)
}

func BenchmarkBaselineInstance(b *testing.B) {
	inst := fileInstance(b)
	var p Plan
	for b.Loop() {
		p = Baseline(inst)
	}
	figures(b, inst, p).report(b)
}
