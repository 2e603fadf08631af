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
	"time"
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
	for _, f := range parseSources(t, fset, root) {
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
	}
	return v
}

// parseSources parses the code's Go files below root (tests and the test
// store left out).
func parseSources(t *testing.T, fset *token.FileSet, root string) []*ast.File {
	t.Helper()
	var files []*ast.File
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || strings.Contains(path, "storetest") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		files = append(files, f)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func isNamed(e ast.Expr, name string) bool { return calleeName(e) == name }

// calleeName is the name an expression ends with: "Errorf" of certif.Errorf.
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

// auditCodedWrite is a value the code writes to the journal as a code
// (string(x)): where, on which entity and field, and its value when it is a
// constant ("" when it is not).
type auditCodedWrite struct{ where, entity, field, value, expr string }

// scanAuditCodedValues finds the values the code writes to the journal by
// converting a code to text: the Before and After of the AuditEvent
// literals, the values of the maps of fields the store compares
// (evaluationFields…). A constant is resolved to its value.
func scanAuditCodedValues(t *testing.T, root string) []auditCodedWrite {
	t.Helper()
	fset := token.NewFileSet()
	files := parseSources(t, fset, root)
	consts := map[string]string{} // "certif.AttemptEvaluated" → "evaluated"
	for _, f := range files {
		for _, decl := range f.Decls {
			if g, ok := decl.(*ast.GenDecl); ok && g.Tok == token.CONST {
				for _, spec := range g.Specs {
					vs := spec.(*ast.ValueSpec)
					for i, name := range vs.Names {
						if i < len(vs.Values) {
							if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
								consts[f.Name.Name+"."+name.Name], _ = strconv.Unquote(lit.Value)
							}
						}
					}
				}
			}
		}
	}
	// fieldOf writes a field's expression with its variable parts as "1"
	// ("site" + idKey(id) + ".name" → "site1.name") or "x" (a seat).
	var fieldOf func(e ast.Expr, defs map[string]ast.Expr) string
	fieldOf = func(e ast.Expr, defs map[string]ast.Expr) string {
		switch e := e.(type) {
		case *ast.BasicLit:
			s, _ := strconv.Unquote(e.Value)
			return s
		case *ast.BinaryExpr:
			return fieldOf(e.X, defs) + fieldOf(e.Y, defs)
		case *ast.Ident:
			if d, ok := defs[e.Name]; ok {
				return fieldOf(d, defs)
			}
		case *ast.CallExpr:
			if calleeName(e.Fun) == "Sprintf" && len(e.Args) > 0 {
				return strings.ReplaceAll(fieldOf(e.Args[0], defs), "%d", "1")
			}
			if calleeName(e.Fun) == "string" {
				return "x"
			}
		}
		return "1"
	}
	conversion := func(e ast.Expr) (ast.Expr, bool) {
		c, ok := e.(*ast.CallExpr)
		if !ok || len(c.Args) != 1 || calleeName(c.Fun) != "string" {
			return nil, false
		}
		return c.Args[0], true
	}
	var out []auditCodedWrite
	add := func(f *ast.File, where, entity, field string, e ast.Expr) {
		arg, ok := conversion(e)
		if !ok {
			return
		}
		w := auditCodedWrite{where: where, entity: entity, field: field, expr: types(arg)}
		switch a := arg.(type) {
		case *ast.Ident:
			w.value = consts[f.Name.Name+"."+a.Name]
		case *ast.SelectorExpr:
			if pkg, ok := a.X.(*ast.Ident); ok {
				w.value = consts[pkg.Name+"."+a.Sel.Name]
			}
		}
		out = append(out, w)
	}
	// The entity of each function of fields, from the calls that compare them.
	fieldsEntity := map[string]string{}
	for _, f := range files {
		defs := map[string]ast.Expr{} // before := sessionFields(old)
		ast.Inspect(f, func(n ast.Node) bool {
			if as, ok := n.(*ast.AssignStmt); ok && len(as.Lhs) == len(as.Rhs) {
				for i, l := range as.Lhs {
					if id, ok := l.(*ast.Ident); ok {
						defs[id.Name] = as.Rhs[i]
					}
				}
			}
			c, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			entityArg := map[string]int{"auditChanges": 0, "auditCandidateChanges": 1}
			if i, ok := entityArg[calleeName(c.Fun)]; ok && len(c.Args) > i+3 {
				if lit, ok := c.Args[i].(*ast.BasicLit); ok {
					entity, _ := strconv.Unquote(lit.Value)
					for _, m := range c.Args[i+2 : i+4] {
						if id, ok := m.(*ast.Ident); ok {
							m = defs[id.Name]
						}
						if call, ok := m.(*ast.CallExpr); ok {
							fieldsEntity[calleeName(call.Fun)] = entity
						}
					}
				}
			}
			return true
		})
	}
	for _, f := range files {
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			defs := map[string]ast.Expr{}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				if as, ok := n.(*ast.AssignStmt); ok && as.Tok == token.DEFINE && len(as.Lhs) == len(as.Rhs) {
					for i, l := range as.Lhs {
						if id, ok := l.(*ast.Ident); ok {
							defs[id.Name] = as.Rhs[i]
						}
					}
				}
				return true
			})
			entity := fieldsEntity[fn.Name.Name]
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				if n == nil {
					return false
				}
				where := fset.Position(n.Pos()).String()
				switch n := n.(type) {
				case *ast.CompositeLit:
					if isNamed(n.Type, "AuditEvent") {
						var e, field string
						var values []ast.Expr
						for _, elt := range n.Elts {
							kv := elt.(*ast.KeyValueExpr)
							switch kv.Key.(*ast.Ident).Name {
							case "Entity":
								if lit, ok := kv.Value.(*ast.BasicLit); ok {
									e, _ = strconv.Unquote(lit.Value)
								}
							case "Field":
								field = fieldOf(kv.Value, defs)
							case "Before", "After":
								values = append(values, kv.Value)
							}
						}
						for _, v := range values {
							add(f, where, e, field, v)
						}
					} else if _, ok := n.Type.(*ast.MapType); ok && entity != "" {
						for _, elt := range n.Elts {
							if kv, ok := elt.(*ast.KeyValueExpr); ok {
								add(f, where, entity, fieldOf(kv.Key, defs), kv.Value)
							}
						}
					}
				case *ast.AssignStmt:
					for i, l := range n.Lhs {
						if ix, ok := l.(*ast.IndexExpr); ok && entity != "" && i < len(n.Rhs) {
							add(f, where, entity, fieldOf(ix.Index, defs), n.Rhs[i])
						}
					}
				}
				return true
			})
		}
	}
	return out
}

// types writes an expression as the source does, for the messages.
func types(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		return types(e.X) + "." + e.Sel.Name
	case *ast.CallExpr:
		return types(e.Fun) + "()"
	}
	return "…"
}

var snakeOrCode = regexp.MustCompile(`^[a-z_]+$`)

// TestEveryJournalValueHasItsFrenchLabel: every code the code writes to the
// journal as a value (an attempt's status, a decision, a proposal, a
// presence, a criterion's answer…) reads in French on the journal: a
// constant by its label for that field, a variable code through the table
// of its field (auditCodedValues), and every code of those tables has a
// French label (a status added to AttemptStatuses without one fails here).
func TestEveryJournalValueHasItsFrenchLabel(t *testing.T) {
	writes := scanAuditCodedValues(t, "..")
	if len(writes) < 20 {
		t.Fatalf("le relevé des valeurs codées du journal est trop court (%d) : le test ne lit plus le code", len(writes))
	}
	for _, w := range writes {
		key := w.entity + "." + auditFieldBase(w.field)
		if w.value != "" {
			if got := AuditValueOf(w.entity, w.field, w.value); got == w.value || snakeOrCode.MatchString(got) {
				t.Errorf("%s : la valeur %q (%s) du champ %q de %q s'affiche %q au journal, sans libellé français", w.where, w.value, w.expr, w.field, w.entity, got)
			}
			continue
		}
		if _, ok := auditCodedValues[key]; !ok {
			t.Errorf("%s : le journal reçoit un code (%s) dans le champ %q de %q, sans table de libellés (auditCodedValues[%q])", w.where, w.expr, w.field, w.entity, key)
		}
	}
	for _, key := range slices.Sorted(maps.Keys(auditCodedValues)) {
		for _, code := range slices.Sorted(maps.Keys(auditCodedValues[key])) {
			if label := auditCodedValues[key][code]; label == "" || label == code || snakeOrCode.MatchString(label) {
				t.Errorf("%s : le code %q s'affiche %q au journal", key, code, label)
			}
		}
	}
}

func TestAuditValuesOfTheirField(t *testing.T) {
	for _, c := range []struct{ entity, field, value, want string }{
		{"block_attempt", "status", string(AttemptRegistered), AttemptRegistered.Label()},
		{"block_attempt", "status", string(AttemptNotValidated), AttemptNotValidated.Label()},
		{"national_decision", "decision", string(DecisionAbsent), DecisionAbsent.Label()},
		{"evaluation", "proposal", string(ProposalAbsent), ProposalAbsent.Label()},
		{"evaluation", "proposal", string(ProposalFavourable), ProposalFavourable.Label()},
		{"evaluation", "presence", string(PresencePresent), PresencePresent.Label("")},
		{"evaluation", "criterion.36", string(Acquired), Acquired.Label()},
		{"evaluation", "status", string(EvaluationFinal), "Confirmée"},
		{"evaluation", "status", string(EvaluationDraft), "En cours"},
		{"jury_session", "status", string(SessionDraft), SessionDraft.Label()},
		{"qualification", "block2.modalities", "oral,evidence_file", ModalityOral.Label() + ", " + ModalityEvidence.Label()},
		{"campaign", "", "2026-01,2026-02 → 30/09/2025", "janvier 2026, février 2026 ; date limite : 30/09/2025"},
		{"campaign", "exam_months", "2026-01,2026-02", "janvier 2026, février 2026"},
		{"registration", "exam_period", "2026-09", "septembre 2026"},
		{"mail", "", "failed", "échec"},
		{"candidate", "birth_name", "absent", "absent"}, // a name stays what it is
	} {
		if got := AuditValueOf(c.entity, c.field, c.value); got != c.want {
			t.Errorf("%s %s %q : %q, attendu %q", c.entity, c.field, c.value, got, c.want)
		}
	}
	for _, c := range []struct{ got, want string }{
		{AuditFieldLabel("confirmation.branch_rep"), "confirmation, " + strings.ToLower(JuryBranchRep.Label()[:1]) + JuryBranchRep.Label()[1:]},
		{AuditFieldLabel("member.expert"), "membre du jury, expert métier"},
		{AuditFieldLabelOf("national_jury", "minutes"), "procès-verbal"},
		{AuditFieldLabelOf("qualification", "block2.minutes"), "bloc 2, durée (minutes)"},
		{auditKeyLabel("collection", "2027-06/CAF67"), "CAF67, campagne de juin 2027"},
		{auditKeyLabel("campaign", "2026-11"), "novembre 2026"},
	} {
		if c.got != c.want {
			t.Errorf("%q, attendu %q", c.got, c.want)
		}
	}
	stamp := func(t time.Time) string { return "le " + t.UTC().Format("02/01/2006") }
	l := ReadAudit(AuditEvent{Entity: "employer", EntityKey: "CAF31", Action: "create", Field: "site5.reception_hours", After: "9:00"}, stamp)
	if l.Subject != "Employeur CAF31" || l.Action != "Création" || l.Field != "site 5, horaires d'accueil" {
		t.Errorf("ReadAudit : %+v", l)
	}
	if l := ReadAudit(AuditEvent{Entity: "user", Action: "invite", Field: "expires", After: "2026-12-10T13:05:00Z"}, stamp); l.After != "le 10/12/2026" {
		t.Errorf("un horodatage du journal écrit par stamp : %+v", l)
	}
}
