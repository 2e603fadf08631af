package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// readmeAPIExamples returns the shell blocks of the README's "JSON API" and
// "Register a candidate" sections, but for "A generated client" (its own test
// in internal/web runs it).
func readmeAPIExamples(t *testing.T) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(raw)
	between := func(from, to string) string {
		_, after, ok := strings.Cut(text, from)
		section, _, found := strings.Cut(after, to)
		if !ok || !found {
			t.Fatalf("README : pas de %q suivi de %q", from, to)
		}
		return section
	}
	sections := between("\n## JSON API\n", "\n### A generated client\n") + between("\n## Register a candidate\n", "\n## Packages\n")
	var script strings.Builder
	for _, m := range regexp.MustCompile("(?s)```sh\n(.*?)```").FindAllStringSubmatch(sections, -1) {
		script.WriteString(m[1])
	}
	return script.String()
}

var tokenCommand = regexp.MustCompile(`\$\(go run \./cmd/certibloc token create --email (\S+)\)`)

// TestREADMEAPIExamplesRunOnAFreshDemo runs the README's API examples, as
// printed, on a fresh `serve --demo`: only the address differs, and the
// tokens, made by `token create` in-process before the examples run. Each
// "# → " line says what the command before printed ("…" for what varies), and
// no command answers an error the README does not show.
func TestREADMEAPIExamplesRunOnAFreshDemo(t *testing.T) {
	t.Parallel()
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("pas de bash")
	}
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("pas de curl")
	}
	script := readmeAPIExamples(t)
	db, dir := tempDB(t), t.TempDir()
	today := "2026-12-02" // the README's dates (a period of June 2027) are for a demo of this day
	var out, errOut syncBuffer
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	a := &app{stdout: new(syncBuffer), stderr: &errOut, getenv: noEnv, onListen: func(addr string) {
		defer stop()
		run := tokenCommand.ReplaceAllStringFunc(script, func(cmd string) string {
			email := tokenCommand.FindStringSubmatch(cmd)[1]
			code, token, stderr := cli(t, "token", "create", "--email", email, "--db", db, "--today", today)
			if code != 0 {
				t.Errorf("token create --email %s : %s", email, stderr)
			}
			return strings.TrimSpace(token)
		})
		cmd := exec.Command(bash, "-c", "set -euo pipefail\n"+strings.ReplaceAll(run, "http://localhost:8080", "http://"+addr))
		cmd.Dir, cmd.Stdout, cmd.Stderr = dir, &out, &errOut
		if err := cmd.Run(); err != nil {
			t.Errorf("exemples du README : %v", err)
		}
	}}
	if code := a.run(runCtx, []string{"serve", "--demo", "--db", db, "--addr", "127.0.0.1:0", "--today", today}); code != 0 {
		t.Fatalf("serve --demo : code %d\n%s", code, errOut.String())
	}
	if t.Failed() {
		t.Fatalf("fin de la sortie :\n%s\n%s", tail(out.String()), tail(errOut.String()))
	}
	lines := strings.Split(out.String(), "\n")
	errorsShown := 0
	for _, want := range regexp.MustCompile(`(?m)^# → (.*)$`).FindAllStringSubmatch(script, -1) {
		var pattern []string
		for _, part := range strings.Split(want[1], "…") {
			pattern = append(pattern, regexp.QuoteMeta(part))
		}
		re := regexp.MustCompile("^" + strings.Join(pattern, ".*") + "$")
		if !matchesALine(re, lines) {
			t.Errorf("aucune réponse ne ressemble à ce que le README affiche :\n%s", want[1])
		}
		if strings.HasPrefix(want[1], `{"error":`) {
			errorsShown++
		}
	}
	if n := strings.Count(out.String(), `{"error":`); n != errorsShown {
		t.Errorf("%d erreurs répondues, %d montrées par le README :\n%s", n, errorsShown, tail(out.String()))
	}
}

func matchesALine(re *regexp.Regexp, lines []string) bool {
	for _, l := range lines {
		if re.MatchString(strings.TrimSuffix(l, "\r")) { // headers end in CRLF
			return true
		}
	}
	return false
}

// tail is the end of a long output (the OpenAPI document is one of the answers).
func tail(s string) string {
	if len(s) > 3000 {
		return "…" + s[len(s)-3000:]
	}
	return s
}
