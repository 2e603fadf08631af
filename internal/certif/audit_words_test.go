package certif

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// auditVocabulary is what the code writes to the journal: the entities,
// actions and fields of every certif.AuditEvent literal, of every call to the
// store's auditChanges, of the maps of fields it compares, and of the SQL that
// inserts journal rows directly.
type auditVocabulary struct{ entities, actions, fields map[string][]string }

func scanAuditVocabulary(t *testing.T, root string) auditVocabulary {
	t.Helper()
	v := auditVocabulary{map[string][]string{}, map[string][]string{}, map[string][]string{}}
	fset := token.NewFileSet()
	add := func(into map[string][]string, e ast.Expr, where string) bool {
		lit, ok := e.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return false
		}
		s, _ := strconv.Unquote(lit.Value)
		into[s] = append(into[s], where)
		return true
	}
	key := func(e ast.Expr, where string) {
		if b, ok := e.(*ast.BinaryExpr); ok {
			e = b.Y // a numbered prefix ("block3.", "site7.") and the field
		}
		if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			s, _ := strconv.Unquote(lit.Value)
			s = strings.TrimSuffix(strings.TrimPrefix(s, "."), "_")
			v.fields[s] = append(v.fields[s], where)
		}
	}
	mapKeys := func(e ast.Expr, where string) {
		if cl, ok := e.(*ast.CompositeLit); ok {
			for _, elt := range cl.Elts {
				if kv, ok := elt.(*ast.KeyValueExpr); ok {
					key(kv.Key, where)
				}
			}
		}
	}
	sqlWord := regexp.MustCompile(`'([a-z_]+)'`)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || strings.Contains(path, "storetest") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if n == nil {
				return false
			}
			where := fset.Position(n.Pos()).String()
			switch n := n.(type) {
			case *ast.CompositeLit:
				if !isNamed(n.Type, "AuditEvent") {
					return true
				}
				for _, elt := range n.Elts {
					kv, ok := elt.(*ast.KeyValueExpr)
					if !ok {
						continue
					}
					switch key := kv.Key.(*ast.Ident).Name; key {
					case "Entity", "Action":
						into := v.entities
						if key == "Action" {
							into = v.actions
						}
						if !add(into, kv.Value, where) && !isNamed(kv.Value, "entity") {
							t.Errorf("%s : %s d'un événement du journal non littéral, le test des libellés ne le voit pas", where, key)
						}
					case "Field", "EntityKey": // a textual key ("closed_day") reads as a field
						add(v.fields, kv.Value, where)
					}
				}
			case *ast.CallExpr:
				entityArg := map[string]int{"auditChanges": 0, "auditCandidateChanges": 1}
				if i, ok := entityArg[calleeName(n.Fun)]; ok && len(n.Args) > i+2 {
					if !add(v.entities, n.Args[i], where) && !isNamed(n.Args[i], "entity") {
						t.Errorf("%s : objet du journal non littéral, le test des libellés ne le voit pas", where)
					}
					if lit, ok := n.Args[i+1].(*ast.BasicLit); ok {
						key(lit, where)
					} else if b, ok := n.Args[i+1].(*ast.BinaryExpr); ok {
						key(b.X, where) // "exam_months_" + year
					}
					mapKeys(n.Args[i+2], where)
					mapKeys(n.Args[i+3], where)
				}
			case *ast.FuncDecl:
				name := strings.ToLower(n.Name.Name)
				if strings.HasSuffix(name, "fields") && n.Type.Results != nil && len(n.Type.Results.List) == 1 {
					if mt, ok := n.Type.Results.List[0].Type.(*ast.MapType); ok && isNamed(mt.Key, "string") {
						ast.Inspect(n.Body, func(m ast.Node) bool {
							if cl, ok := m.(*ast.CompositeLit); ok {
								if _, ok := cl.Type.(*ast.MapType); ok {
									mapKeys(cl, fset.Position(cl.Pos()).String())
								}
							}
							if as, ok := m.(*ast.AssignStmt); ok {
								for _, l := range as.Lhs {
									if ix, ok := l.(*ast.IndexExpr); ok {
										key(ix.Index, fset.Position(as.Pos()).String())
									}
								}
							}
							return true
						})
					}
				}
			case *ast.BasicLit:
				if s, _ := strconv.Unquote(n.Value); n.Kind == token.STRING && strings.Contains(s, "INSERT INTO audit_events") {
					for _, m := range sqlWord.FindAllStringSubmatch(s, -1) {
						v.actions[m[1]] = append(v.actions[m[1]], where) // entity or action: either table must name it
					}
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func isNamed(e ast.Expr, name string) bool {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name == name
	case *ast.SelectorExpr:
		return e.Sel.Name == name
	}
	return false
}

func calleeName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return e.Sel.Name
	}
	return ""
}

// TestEveryJournalCodeHasItsFrenchLabel: every entity, action and field the
// code writes to the journal is named in French (a new action without its
// label fails here, not on the journal page).
func TestEveryJournalCodeHasItsFrenchLabel(t *testing.T) {
	v := scanAuditVocabulary(t, "..")
	if len(v.entities) < 20 || len(v.actions) < 20 || len(v.fields) < 50 {
		t.Fatalf("le relevé du journal est trop court (%d objets, %d actions, %d champs) : le test ne lit plus le code",
			len(v.entities), len(v.actions), len(v.fields))
	}
	for _, code := range slices.Sorted(maps.Keys(v.entities)) {
		if _, ok := auditEntityLabels[code]; !ok {
			t.Errorf("objet du journal %q sans libellé français (%s)", code, v.entities[code][0])
		}
	}
	for _, code := range slices.Sorted(maps.Keys(v.actions)) {
		_, entity := auditEntityLabels[code] // the SQL's words: an entity or an action
		if _, ok := auditActionLabels[code]; !ok && !entity {
			t.Errorf("action du journal %q sans libellé français (%s)", code, v.actions[code][0])
		}
	}
	for _, code := range slices.Sorted(maps.Keys(v.fields)) {
		if _, ok := auditFieldLabels[code]; !ok {
			t.Errorf("champ du journal %q sans libellé français (%s)", code, v.fields[code][0])
		}
	}
}

func TestAuditLabels(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{AuditEntityLabel("registration"), "Inscription"},
		{AuditEntityLabel("candidate"), "Candidat"},
		{AuditActionLabel("health_read"), "Consultation des données de santé"},
		{AuditActionLabel("return"), "Retour du tableau"},
		{AuditFieldLabel("birth_name"), "nom de naissance"},
		{AuditFieldLabel("block3.period"), "bloc 3, période de certification"},
		{AuditFieldLabel("site12.reception_hours"), "site 12, horaires d'accueil"},
		{AuditFieldLabel("2026-12-24"), "24/12/2026"},
		{AuditFieldLabel("criterion.7"), "critère 7"},
		{AuditFieldLabel("criterion.7.comment"), "critère 7, commentaire"},
		{AuditFieldLabel("update"), "modification"},
		{AuditFieldLabel("exam_months_2027"), "mois d'examen 2027"},
		{AuditValue("2026-04-01"), "01/04/2026"},
		{AuditValue("true"), "oui"},
		{AuditValue("false"), "non"},
		{AuditValue("CAF-069"), "CAF-069"},
		{AuditValue("national_fund"), RoleNationalFund.Label()},
		{AuditValue("convened"), "Convoquée"},
		{AuditValue("10:00–13:00"), "10 h–13 h"},
		{AuditValue("14:05"), "14 h 05"},
		{AuditValue("17/12/2026 10:00–13:00"), "17/12/2026 10 h–13 h"},
		{AuditValue(string(JuryExpert) + ", " + string(JuryBranchRep)), JuryExpert.Label() + ", " + JuryBranchRep.Label()},
	} {
		if c.got != c.want {
			t.Errorf("%q, attendu %q", c.got, c.want)
		}
	}
}
