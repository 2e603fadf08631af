package browsertest

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// axeRel is where "npm ci" puts the axe-core script, relative to the root of
// the module.
var axeRel = filepath.Join("node_modules", "axe-core", "axe.min.js")

// requirements returns the paths of Chromium and of the axe-core script. When
// one is missing it skips the test, or fails it when $CI is set.
func requirements(t testing.TB) (chromium, axe string) {
	t.Helper()
	var missing []string
	chromium, err := findChromium()
	if err != nil {
		missing = append(missing, err.Error()+
			"; install it with `apt-get install chromium` or set CERTIBLOC_CHROMIUM to its path")
	}
	axe, err = findAxe()
	if err != nil {
		missing = append(missing, err.Error()+
			"; install it with `npm ci` at the root of the repository or set CERTIBLOC_AXE to axe.min.js")
	}
	if len(missing) == 0 {
		return chromium, axe
	}
	msg := "browsertest: " + strings.Join(missing, "\nbrowsertest: ")
	if os.Getenv("CI") != "" {
		t.Fatalf("%s", msg)
	}
	t.Skipf("%s", msg)
	return "", ""
}

// findChromium looks in $CERTIBLOC_CHROMIUM, then /usr/bin/chromium, then the
// PATH.
func findChromium() (string, error) {
	if p := os.Getenv("CERTIBLOC_CHROMIUM"); p != "" {
		if _, err := exec.LookPath(p); err != nil {
			return "", fmt.Errorf("$CERTIBLOC_CHROMIUM (%s) is not an executable: %v", p, err)
		}
		return p, nil
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no Chromium found (looked for /usr/bin/chromium, chromium, chromium-browser and google-chrome in PATH)")
}

// findAxe looks in $CERTIBLOC_AXE, then for node_modules/axe-core/axe.min.js
// in the current directory and its parents, up to the root of the module.
func findAxe() (string, error) {
	if p := os.Getenv("CERTIBLOC_AXE"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("$CERTIBLOC_AXE: %v", err)
		}
		return p, nil
	}
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		p := filepath.Join(dir, axeRel)
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return "", fmt.Errorf("no axe-core found (no %s up to the module root %s)", axeRel, dir)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no axe-core found (no %s and no go.mod above the current directory)", axeRel)
		}
		dir = parent
	}
}
