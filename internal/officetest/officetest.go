// Package officetest re-saves workbooks with LibreOffice (headless), so that
// tests can check that a file written by another spreadsheet program than
// certibloc's own writer imports as it should: an employer fills its tables
// in Excel or LibreOffice, not in excelize.
//
// Without LibreOffice on the machine the tests that need it are skipped,
// except in CI (CI set), where .ci/run installs it and its absence fails them.
package officetest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// program finds LibreOffice's command.
func program(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("LibreOffice (soffice) est introuvable : en CI, .ci/run doit l'installer (paquet libreoffice-calc-nogui)")
	}
	t.Skip("LibreOffice (soffice) n'est pas installé : test sauté")
	return ""
}

// ResaveXLSX opens an XLSX workbook in LibreOffice Calc and saves it again as
// XLSX, as someone who opens the file in LibreOffice and saves it does: the
// result is written entirely by LibreOffice (its own styles, shared strings,
// number formats and validations).
func ResaveXLSX(t testing.TB, data []byte) []byte {
	t.Helper()
	soffice := program(t)
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	for _, d := range []string{in, out} {
		if err := os.Mkdir(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(in, "classeur.xlsx"), data, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "--headless", "--norestore", "--nolockcheck", "--nodefault",
		"-env:UserInstallation=file://"+filepath.Join(dir, "profil"),
		"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, filepath.Join(in, "classeur.xlsx"))
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("LibreOffice : %v\n%s", err, msg)
	}
	saved, err := os.ReadFile(filepath.Join(out, "classeur.xlsx"))
	if err != nil {
		t.Fatalf("LibreOffice n'a pas écrit le classeur : %v", err)
	}
	return saved
}
