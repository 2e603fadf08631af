// Package pdftest reads back, in tests, the PDF files certibloc writes, with
// poppler's tools (poppler-utils): their text (pdftotext) and their
// signatures (pdfsig). Without the tools a test is skipped, except in CI
// (CI set), where it fails: CI installs them.
package pdftest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Tool returns the path of a poppler tool, skipping the test without it
// (failing in CI, where nothing is skipped).
func Tool(t testing.TB, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s manque (apt-get install poppler-utils)", name)
		}
		t.Skipf("%s manque (apt-get install poppler-utils) : test sauté", name)
	}
	return path
}

// Write puts data in a file of the test's temporary directory and returns its path.
func Write(t testing.TB, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// Text is the text of the PDF at path (pdftotext -raw), its runs of blanks
// and line breaks made single spaces.
func Text(t testing.TB, path string) string {
	t.Helper()
	out, err := exec.Command(Tool(t, "pdftotext"), "-raw", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s : %v", path, err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// Signatures is what pdfsig reports on the PDF at path, without checking
// the signer's certificate against a trust store (-nocert): whether each
// signature is valid, its signer, its reason. pdfsig's exit status is not
// an error here: the report says what holds.
func Signatures(t testing.TB, path string) string {
	t.Helper()
	out, _ := exec.Command(Tool(t, "pdfsig"), "-nocert", path).CombinedOutput()
	return string(out)
}
