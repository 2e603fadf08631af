package certif

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// domainCore lists the pure packages, as directories beside this one, with
// their import paths: they may import one another, nothing else of certibloc.
var domainCore = map[string]string{
	".":             "certibloc/internal/certif",
	"../census":     "certibloc/internal/census",
	"../calendar":   "certibloc/internal/calendar",
	"../planner":    "certibloc/internal/planner",
	"../accrochage": "certibloc/internal/accrochage",
	"../communes":   "certibloc/internal/communes",
}

// forbiddenImport says why a domain package may not import path, or "".
func forbiddenImport(path string) string {
	switch {
	case strings.HasPrefix(path, "database/"):
		return "base de données"
	case path == "net/http" || strings.HasPrefix(path, "net/http/"):
		return "HTTP"
	case path == "certibloc/internal/clock":
		return "horloge"
	case strings.HasPrefix(path, "certibloc/"):
		for _, core := range domainCore {
			if path == core {
				return ""
			}
		}
		return "hors du cœur du domaine (il amène une base, HTTP ou l'horloge)"
	}
	return ""
}

// clockCalls are the functions of package time that read the clock.
var clockCalls = map[string]bool{"Now": true, "Since": true, "Until": true}

// TestDomainCoreImportsNoDatabaseHTTPOrClock: certif, census and calendar
// are plain rules over plain values. Their non-test files import no
// database/sql, no net/http, no internal/clock, no certibloc package outside
// the three (which would bring one of those), and never read the clock
// (time.Now, time.Since, time.Until): today comes in as a value.
func TestDomainCoreImportsNoDatabaseHTTPOrClock(t *testing.T) {
	for dir := range domainCore {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s : aucun fichier Go (%v)", dir, err)
		}
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			timeName := ""
			for _, imp := range f.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				if why := forbiddenImport(path); why != "" {
					t.Errorf("%s importe %s : %s", name, path, why)
				}
				if path == "time" {
					timeName = "time"
					if imp.Name != nil {
						timeName = imp.Name.Name
					}
				}
			}
			ast.Inspect(f, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectorExpr)
				if !ok || timeName == "" {
					return true
				}
				if x, ok := sel.X.(*ast.Ident); ok && x.Name == timeName && clockCalls[sel.Sel.Name] {
					t.Errorf("%s lit l'horloge : time.%s", name, sel.Sel.Name)
				}
				return true
			})
		}
	}
}
