// Package accrochagetest validates accrochage flows against the CDC's
// schema with xmllint (Debian's libxml2-utils), for the tests of every
// package that writes one: the store, the command line, the office page.
// Without xmllint the test is skipped, unless CI is set (CI installs it).
package accrochagetest

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// Schema is the path of the copy of cpf-accrochage-1.1.2.xsd in the repository.
func Schema() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "testdata", "cpf-accrochage-1.1.2.xsd")
}

// Validate fails the test when xmllint refuses the flow.
func Validate(t testing.TB, flow []byte) {
	t.Helper()
	if _, err := exec.LookPath("xmllint"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("xmllint introuvable (apt-get install libxml2-utils) : obligatoire en CI")
		}
		t.Skip("xmllint introuvable (apt-get install libxml2-utils) : flux non validé contre le schéma")
	}
	file := filepath.Join(t.TempDir(), "flux.xml")
	if err := os.WriteFile(file, flow, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("xmllint", "--noout", "--schema", Schema(), file).CombinedOutput()
	if err != nil {
		t.Fatalf("xmllint refuse le flux : %v\n%s\n%s", err, out, flow)
	}
}
