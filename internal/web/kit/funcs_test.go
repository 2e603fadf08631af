package kit

import (
	"html/template"
	"strings"
	"testing"
)

// TestBlockLabelFuncNamesABlockWithoutPlaceholder: templates name a block
// with the one helper: its title when known, its number alone otherwise.
func TestBlockLabelFuncNamesABlockWithoutPlaceholder(t *testing.T) {
	tpl := template.Must(template.New("t").Funcs(funcs).Parse(`{{range .}}[{{blockLabel .N .T}}]{{end}}`))
	var b strings.Builder
	if err := tpl.Execute(&b, []struct {
		N int
		T string
	}{{2, ""}, {3, "Accueillir et orienter le public"}}); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), "[Bloc 2][Bloc 3 – Accueillir et orienter le public]"; got != want {
		t.Errorf("%q, attendu %q", got, want)
	}
}
