package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"certibloc/internal/campaign/campaigntest"
	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

func TestR5_RecueilLaunchExportImport(t *testing.T) {
	t.Parallel()
	eachDB(t, testRecueilLaunchExportImport)
}

func testRecueilLaunchExportImport(t *testing.T, db string) {
	f := campaigntest.New(t, storetest.OpenDSN(t, db))
	code, out, errOut := cli(t, "recueil", "lancer", "--campaign", "2026-06", "--db", db, "--today", "2026-01-20")
	if code != 0 || !strings.Contains(out, "tableau envoyé à 2 employeurs (CAF69, URSSAF-RA)") {
		t.Fatalf("lancement : %d %s %s", code, out, errOut)
	}
	dir := t.TempDir()
	table := filepath.Join(dir, "recueil.xlsx")
	code, out, errOut = cli(t, "recueil", "export", "--campaign", "2026-06", "--employer", "caf69", "--out", table, "--db", db)
	if code != 0 || !strings.Contains(out, "2 inscriptions, à retourner au plus tard le 27/02/2026") {
		t.Fatalf("export : %d %s %s", code, out, errOut)
	}
	data, err := os.ReadFile(table)
	if err != nil {
		t.Fatal(err)
	}
	martin := campaigntest.LineOf(t, data, f.Regs["MARTIN"])
	filled := filepath.Join(dir, "rempli.xlsx")
	if err := os.WriteFile(filled, campaigntest.FillTable(t, data, map[int]map[string]any{martin: {"Blocs à évaluer": "3"}}), 0o600); err != nil {
		t.Fatal(err)
	}
	type report struct {
		Campaign    string `json:"campaign"`
		Accepted    int    `json:"accepted"`
		Changed     int    `json:"changed"`
		Refused     int    `json:"refused"`
		FileRefused bool   `json:"file_refused"`
		Late        bool   `json:"late"`
		Rows        []struct {
			Line    int      `json:"line"`
			Changes []string `json:"changes"`
			Errors  []string `json:"errors"`
		} `json:"rows"`
	}
	importJSON := func(args ...string) (int, report, string) {
		t.Helper()
		code, out, errOut := cli(t, append([]string{"recueil", "import", "--employer", "CAF69", "--format", "json", "--db", db, "--today", "2026-02-20"}, args...)...)
		var r report
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatalf("JSON illisible : %v\n%s\n%s", err, out, errOut)
		}
		return code, r, errOut
	}
	code, rep, errOut := importJSON("--dry-run", filled)
	if code != 0 || rep.Campaign != "2026-06" || rep.Accepted != 2 || rep.Changed != 1 || rep.Rows[1].Changes[0] != "Bloc 1 retiré : inscrit pour la campagne mais non évalué (inscription du bloc retirée)" {
		t.Errorf("aperçu : %d %+v %s", code, rep, errOut)
	}
	if reg, _ := f.St.Registration(ctx, f.Regs["MARTIN"], store.All); reg.Attempts[0].Status != certif.AttemptRegistered {
		t.Error("--dry-run a modifié l'inscription")
	}
	if code, rep, errOut = importJSON(filled); code != 0 || rep.Accepted != 2 || rep.Late {
		t.Errorf("import : %d %+v %s", code, rep, errOut)
	}
	if reg, _ := f.St.Registration(ctx, f.Regs["MARTIN"], store.All); reg.Attempts[0].Status != certif.AttemptWithdrawn {
		t.Errorf("bloc 1 non retiré : %+v", reg.Attempts)
	}
	broken := filepath.Join(dir, "faux.xlsx")
	if err := os.WriteFile(broken, campaigntest.FillTable(t, data, map[int]map[string]any{martin: {"Blocs à évaluer": "7"}}), 0o600); err != nil {
		t.Fatal(err)
	}
	code, rep, errOut = importJSON(broken)
	if code != 1 || !rep.FileRefused || rep.Refused != 1 || len(rep.Rows[1].Errors) != 1 ||
		!strings.HasPrefix(rep.Rows[1].Errors[0], "Ligne 3, colonne « Blocs à évaluer » : le bloc 7 n'est pas inscrit") ||
		!strings.Contains(errOut, "Erreur : Tableau refusé : 1 ligne en erreur.") {
		t.Errorf("tableau refusé : %d %+v %s", code, rep, errOut)
	}
	code, out, errOut = cli(t, "recueil", "import", "--employer", "CAF69", "--db", db, "--today", "2026-02-20", filepath.Join(dir, "absent.xlsx"))
	if code != 1 || !strings.Contains(errOut, "lecture de") {
		t.Errorf("fichier absent : %d %s %s", code, out, errOut)
	}
	notAWorkbook := filepath.Join(dir, "pas-un-tableur.xlsx")
	if err := os.WriteFile(notAWorkbook, []byte("%PDF-1.4"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut = cli(t, "recueil", "import", "--employer", "CAF69", "--db", db, notAWorkbook); code != 1 || !strings.Contains(errOut, "Fichier illisible") {
		t.Errorf("fichier illisible : %d %s", code, errOut)
	}
}

func TestR5_RecueilRappelsSendsEachReminderOnce(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, db string) {
		campaigntest.New(t, storetest.OpenDSN(t, db))
		if code, _, errOut := cli(t, "recueil", "lancer", "--campaign", "2026-06", "--db", db, "--today", "2026-01-20"); code != 0 {
			t.Fatal(errOut)
		}
		for i, want := range []string{"2 courriels", "0 courriel "} {
			code, out, errOut := cli(t, "recueil", "rappels", "--db", db, "--today", "2026-01-28")
			if code != 0 || !strings.Contains(out, "Relances des tableaux de recueil au 28/01/2026 : "+want) {
				t.Errorf("passage %d : %d %s %s", i+1, code, out, errOut)
			}
		}
	})
}

func TestRecueilCommandLineErrors(t *testing.T) {
	t.Parallel()
	db := tempDB(t)
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"recueil", "export", "--campaign", "2026-06", "--out", "x.xlsx"}, 2, "l'option --employer est obligatoire"},
		{[]string{"recueil", "export", "--campaign", "juin", "--employer", "CAF69", "--out", "x.xlsx"}, 2, "--campaign : mois invalide"},
		{[]string{"recueil", "export", "--campaign", "2026-02", "--employer", "CAF69", "--out", "x.xlsx"}, 1, "Campagne de recueil 2026-02 introuvable."},
		{[]string{"recueil", "import", "--employer", "CAF69"}, 2, "indiquez un seul FICHIER"},
		{[]string{"recueil", "import", "--employer", "CAF69", "--format", "xml", "a.xlsx"}, 2, "--format : \"xml\" inconnu"},
		{[]string{"recueil"}, 2, "essayez recueil lancer, recueil export, recueil import, recueil rappels"},
	}
	for _, c := range cases {
		words := min(2, len(c.args))
		args := append(append(append([]string{}, c.args[:words]...), "--db", db), c.args[words:]...)
		code, _, errOut := cli(t, args...)
		if code != c.code || !strings.Contains(errOut, c.want) {
			t.Errorf("%v : %d %q, attendu %d %q", c.args, code, errOut, c.code, c.want)
		}
	}
}
