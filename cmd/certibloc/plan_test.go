package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"certibloc/internal/planner"
)

const exampleInstance = "../../internal/planner/testdata/planner-example.json"

func TestPlanInstanceJSONIsAPlanCheckAccepts(t *testing.T) {
	t.Parallel()
	code, out, errOut := cli(t, "plan", "--instance", exampleInstance, "--format", "json")
	if code != 0 {
		t.Fatalf("code %d : %s", code, errOut)
	}
	var p planner.Plan
	if err := json.Unmarshal([]byte(out), &p); err != nil || len(p.Sessions) == 0 {
		t.Fatalf("plan illisible (%v) : %.200s", err, out)
	}
	path := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(path, []byte(out), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = cli(t, "plan", "check", exampleInstance, path)
	if code != 0 || strings.TrimSpace(out) != "Aucune violation : le plan respecte toutes les contraintes." {
		t.Errorf("code %d, sortie %q, erreurs %q", code, out, errOut)
	}
}

func TestPlanInstanceTextSummarisesInFrench(t *testing.T) {
	t.Parallel()
	code, out, errOut := cli(t, "plan", "--instance", exampleInstance)
	if code != 0 {
		t.Fatalf("code %d : %s", code, errOut)
	}
	for _, want := range []string{"S1  ", "jury : ", "(certificateur)", "Placées : 162/162 tentatives ;", "(borne inférieure : 53)"} {
		if !strings.Contains(out, want) {
			t.Errorf("le résumé ne contient pas %q :\n%.500s", want, out)
		}
	}
}

func TestPlanCheckReportsEachViolationAndFails(t *testing.T) {
	t.Parallel()
	_, out, _ := cli(t, "plan", "--instance", exampleInstance, "--format", "json")
	var p planner.Plan
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatal(err)
	}
	p.Sessions[0].Date = "2026-01-10" // a Saturday
	data, _ := json.Marshal(p)
	path := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := cli(t, "plan", "check", exampleInstance, path)
	if code != 1 || !strings.Contains(out, "La séance S1 se tient le samedi 10/01/2026, qui n'est pas un jour ouvré.") || !strings.Contains(errOut, "le plan enfreint les contraintes") {
		t.Errorf("code %d, sortie %q, erreurs %q", code, out, errOut)
	}
}

func TestPlanCommandErrorsAreFrenchAndNameTheFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"year": 2026, "couleur": "bleu"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"plan"}, 2, "ou --from AAAA-MM-JJ et --to AAAA-MM-JJ"},
		{[]string{"plan", "--from", "2027-01-04", "--to", "demain"}, 2, "--to : date invalide"},
		{[]string{"plan", "--instance", exampleInstance, "--format", "xml"}, 2, "--format"},
		{[]string{"plan", "--instance", filepath.Join(dir, "absent.json")}, 1, "absent.json introuvable"},
		{[]string{"plan", "--instance", bad}, 1, "bad.json : champ inconnu \"couleur\""},
		{[]string{"plan", "check", exampleInstance}, 2, "l'INSTANCE puis le PLAN"},
		{[]string{"plan", "check", exampleInstance, bad}, 1, "bad.json : champ inconnu \"year\""},
		{[]string{"plan", "generate", "--scale", "regional"}, 2, "--scale : \"regional\" inconnu, choisissez national ou small"},
		{[]string{"plan", "generate", "--seed", "un"}, 2, "--seed"},
	}
	for _, tc := range cases {
		code, _, errOut := cli(t, tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v : code %d, erreurs %q, attendu %d et %q", tc.args, code, errOut, tc.code, tc.want)
		}
	}
}

func TestPlanGenerateWritesAnInstanceThatDecodesAndIsTheSameForASeed(t *testing.T) {
	t.Parallel()
	code, out, errOut := cli(t, "plan", "generate", "--seed", "7", "--scale", "small")
	if code != 0 {
		t.Fatalf("code %d : %s", code, errOut)
	}
	inst, err := planner.DecodeInstance([]byte(out))
	if err != nil || len(inst.Attempts) == 0 || len(inst.Members) == 0 {
		t.Fatalf("instance illisible ou vide (%v) : %.200s", err, out)
	}
	if _, again, _ := cli(t, "plan", "generate", "--seed", "7", "--scale", "small"); again != out {
		t.Error("deux instances de la même graine diffèrent")
	}
	if _, other, _ := cli(t, "plan", "generate", "--seed", "8", "--scale", "small"); other == out {
		t.Error("deux graines différentes donnent la même instance")
	}
	path := filepath.Join(t.TempDir(), "instance.json")
	if err := os.WriteFile(path, []byte(out), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, summary, errOut := cli(t, "plan", "--instance", path); code != 0 || !strings.Contains(summary, "Placées : ") {
		t.Errorf("plan de l'instance générée : code %d, erreurs %q", code, errOut)
	}
}

func TestPlanGenerateNationalByDefault(t *testing.T) {
	t.Parallel()
	code, out, errOut := cli(t, "plan", "generate")
	if code != 0 {
		t.Fatalf("code %d : %s", code, errOut)
	}
	inst, err := planner.DecodeInstance([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(inst.Attempts); n < 6000 || n > 6600 || len(inst.Employers) != 300 || len(inst.Members) != 400 {
		t.Errorf("%d tentatives, %d employeurs, %d membres", n, len(inst.Employers), len(inst.Members))
	}
}

// TestPlanWindowFromTheDatabase: `plan --from --to` plans the demo's
// candidates with the same planner: --dry-run writes nothing, without it the
// drafts are saved and a second run replaces them.
func TestPlanWindowFromTheDatabase(t *testing.T) {
	t.Parallel()
	db := "sqlite:" + filepath.Join(t.TempDir(), "demo.db")
	if code, _, errOut := cli(t, "demo", "--db", db, "--today", "2026-03-02"); code != 0 {
		t.Fatalf("demo : %s", errOut)
	}
	code, out, errOut := cli(t, "plan", "--db", db, "--today", "2026-03-02", "--from", "2026-05-04", "--to", "2026-05-29", "--dry-run", "--format", "json")
	if code != 0 {
		t.Fatalf("code %d : %s", code, errOut)
	}
	var p planner.Plan
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatalf("plan illisible (%v) : %.300s", err, out)
	}
	code, out, errOut = cli(t, "plan", "--db", db, "--today", "2026-03-02", "--from", "2026-05-04", "--to", "2026-05-29")
	if code != 0 || !strings.Contains(out, "Brouillons enregistrés du 04/05/2026 au 29/05/2026") || !strings.Contains(out, "Placées : ") {
		t.Errorf("code %d, sortie %q, erreurs %q", code, out, errOut)
	}
	if code, _, errOut = cli(t, "plan", "--db", db, "--today", "2026-03-02", "--from", "2026-03-01", "--to", "2026-03-31"); code == 0 || !strings.Contains(errOut, "au plus tôt demain") {
		t.Errorf("une période commencée : code %d, %q", code, errOut)
	}
}
