package kit

import (
	"html/template"
	"strings"
	"testing"
)

func TestOptionsEscapeAndSelect(t *testing.T) {
	type employer struct{ Code, Name string }
	list := []employer{{"CAF75", "CAF de Paris"}, {"X\"<", "Nom & <b>"}}
	tpl := template.Must(template.New("t").Funcs(funcs).Parse(`<select>{{options . "CAF75" "Code" "Code" "Name"}}</select>`))
	var b strings.Builder
	if err := tpl.Execute(&b, list); err != nil {
		t.Fatal(err)
	}
	want := `<select><option value="CAF75" selected>CAF75 – CAF de Paris</option><option value="X&#34;&lt;">X&#34;&lt; – Nom &amp; &lt;b&gt;</option></select>`
	if b.String() != want {
		t.Errorf("options :\n%s\nattendu :\n%s", b.String(), want)
	}
	if _, err := options(list, "", "Missing"); err == nil {
		t.Error("un champ inconnu doit être une erreur")
	}
	if _, err := options([]int{1}, "", "Code"); err == nil {
		t.Error("une liste de non-structures doit être une erreur")
	}
}
