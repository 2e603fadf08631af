package web_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestOpenAPILint runs Redocly's linter (package.json) on the document with
// testdata/redocly.yaml: every warning is an error, and the test fails on
// any. It checks first that the linter sees a missing operationId. Without
// node or node_modules/@redocly/cli ("npm ci" at the root) it is skipped, or
// fails when $CI is set.
func TestOpenAPILint(t *testing.T) {
	t.Parallel()
	node, cli := nodeTool(t, filepath.Join("@redocly", "cli", "bin", "cli.js"))
	e := newEnv(t)
	raw, _ := fetchOpenAPI(t, e)
	var broken map[string]any
	if err := json.Unmarshal(raw, &broken); err != nil {
		t.Fatal(err)
	}
	delete(broken["paths"].(map[string]any)["/api/v1/certificates"].(map[string]any)["get"].(map[string]any), "operationId")
	withoutID, _ := json.Marshal(broken)
	if got := redoclyLint(t, node, cli, withoutID); len(got) != 1 || got[0].RuleID != "operation-operationId" {
		t.Fatalf("sans operationId, le linter trouve %+v", got)
	}
	for _, p := range redoclyLint(t, node, cli, raw) {
		at := ""
		if len(p.Location) > 0 {
			at = p.Location[0].Pointer
		}
		t.Errorf("%s %s : %s (%s)", p.Severity, p.RuleID, p.Message, at)
	}
}

type redoclyProblem struct {
	RuleID   string `json:"ruleId"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Location []struct {
		Pointer string `json:"pointer"`
	} `json:"location"`
}

// redoclyLint lints a document offline and returns its problems.
func redoclyLint(t *testing.T, node, cli string, doc []byte) []redoclyProblem {
	t.Helper()
	file := filepath.Join(t.TempDir(), "openapi.json")
	if err := os.WriteFile(file, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	config, err := filepath.Abs(filepath.Join("testdata", "redocly.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, cli, "lint", "--config", config, "--format", "json", file)
	cmd.Env = append(os.Environ(), "REDOCLY_TELEMETRY=off", "REDOCLY_SUPPRESS_UPDATE_NOTICE=true")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output() // exits 1 when it finds a problem: its report says which
	var report struct {
		Totals struct {
			Errors, Warnings int
		} `json:"totals"`
		Problems []redoclyProblem `json:"problems"`
	}
	if jerr := json.Unmarshal(out, &report); jerr != nil {
		t.Fatalf("redocly lint : %v %v\n%s\n%s", err, jerr, out, stderr.String())
	}
	if n := report.Totals.Errors + report.Totals.Warnings; n != len(report.Problems) {
		t.Fatalf("redocly lint : %d problèmes comptés, %d décrits", n, len(report.Problems))
	}
	return report.Problems
}

// nodeTool returns node and the path of a file of node_modules, found in the
// current directory or a parent up to the module root. Without them the test
// is skipped, or fails when $CI is set.
func nodeTool(t *testing.T, rel string) (node, file string) {
	t.Helper()
	fail := t.Skipf
	if os.Getenv("CI") != "" {
		fail = t.Fatalf
	}
	node, err := exec.LookPath("node")
	if err != nil {
		fail("pas de node dans le PATH : installez Node.js, puis `npm ci` à la racine du dépôt")
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		file = filepath.Join(dir, "node_modules", rel)
		if _, err := os.Stat(file); err == nil {
			return node, file
		}
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil || filepath.Dir(dir) == dir {
			fail("pas de node_modules/%s jusqu'à la racine %s : lancez `npm ci` à la racine", rel, dir)
			return "", ""
		}
		dir = filepath.Dir(dir)
	}
}
