package main

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
)

func TestFlagsMayFollowAndSurroundPositionalArguments(t *testing.T) {
	t.Parallel()
	cases := []struct {
		args       []string
		positional []string
		db         string
		dryRun     bool
	}{
		{[]string{"a.xlsx", "--db", "sqlite:x.db"}, []string{"a.xlsx"}, "sqlite:x.db", false},
		{[]string{"a.xlsx", "--dry-run", "b.xlsx", "--db=sqlite:x.db"}, []string{"a.xlsx", "b.xlsx"}, "sqlite:x.db", true},
		{[]string{"--db", "sqlite:x.db", "a.xlsx", "-dry-run"}, []string{"a.xlsx"}, "sqlite:x.db", true},
		{[]string{"a.xlsx", "--", "--db", "-"}, []string{"a.xlsx", "--db", "-"}, "sqlite:certibloc.db", false},
		{[]string{"--dry-run", "--", "--dry-run"}, []string{"--dry-run"}, "sqlite:certibloc.db", true},
		{[]string{"--db", "--", "a.xlsx"}, []string{"a.xlsx"}, "--", false}, // a value, as the flag package reads it
		{[]string{"-", "--dry-run=false"}, []string{"-"}, "sqlite:certibloc.db", false},
	}
	for _, tc := range cases {
		fs := newFlagSet("test")
		var cfg config
		cfg.bindCommon(fs)
		dryRun := fs.Bool("dry-run", false, "")
		positional, err := cfg.parse(fs, tc.args, noEnv)
		if err != nil {
			t.Errorf("%q : %v", tc.args, err)
			continue
		}
		if !slices.Equal(positional, tc.positional) || cfg.DB != tc.db || *dryRun != tc.dryRun {
			t.Errorf("%q : arguments %q, --db %q, --dry-run %v ; attendu %q, %q, %v", tc.args, positional, cfg.DB, *dryRun, tc.positional, tc.db, tc.dryRun)
		}
	}
}

func TestFlagErrorsAfterTheFileNameTheFlag(t *testing.T) {
	t.Parallel()
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"recueil", "import", "a.xlsx", "--employer"}, "l'option --employer attend une valeur"},
		{[]string{"recueil", "import", "a.xlsx", "--employer", "CAF69", "--nope"}, "option inconnue : --nope"},
		{[]string{"recueil", "import", "a.xlsx", "--dry-run=peut-être", "--employer", "CAF69"}, "valeur « peut-être » invalide pour --dry-run"},
		{[]string{"recueil", "import", "a.xlsx", "--employer", "CAF69", "--format", "xml"}, "--format : \"xml\" inconnu"},
		{[]string{"recueil", "import", "a.xlsx", "--employer", "CAF69", "b.xlsx"}, "indiquez un seul FICHIER"},
		{[]string{"calendar", "2026", "--year", "2026"}, "argument inattendu : \"2026\""},
	}
	for _, tc := range cases {
		code, _, errOut := cli(t, tc.args...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%q : code %d, attendu 2 avec %q :\n%s", tc.args, code, tc.want, errOut)
		}
	}
	if code, out, _ := cli(t, "recueil", "import", "a.xlsx", "--help"); code != 0 || !strings.Contains(out, "Utilisation : certibloc recueil import") {
		t.Errorf("--help après le fichier : code %d\n%s", code, out)
	}
}

func TestRecueilImportTakesItsFlagsAfterTheFileAndAFileNamedLikeAFlagAfterDoubleDash(t *testing.T) {
	t.Chdir(t.TempDir()) // not parallel: the working directory is the process's
	db := tempDB(t)
	if err := os.WriteFile("pas-un-tableur.xlsx", []byte("%PDF-1.4"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := cli(t, "recueil", "import", "pas-un-tableur.xlsx", "--employer", "CAF69", "--format", "json", "--db", db)
	var rep struct {
		FileRefused bool `json:"file_refused"`
	}
	if err := json.Unmarshal([]byte(out), &rep); code != 1 || err != nil || !rep.FileRefused || !strings.Contains(errOut, "Fichier illisible") {
		t.Errorf("options après le fichier : code %d, JSON %v\n%s%s", code, err, out, errOut)
	}
	if err := os.WriteFile("--format", nil, 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = cli(t, "recueil", "import", "--employer", "CAF69", "--db", db, "--", "--format")
	if code != 1 || !strings.Contains(errOut, "Le fichier est vide") {
		t.Errorf("fichier nommé --format après -- : code %d\n%s", code, errOut)
	}
}
