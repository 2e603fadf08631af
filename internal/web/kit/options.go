package kit

import (
	"fmt"
	"html/template"
	"reflect"
	"strings"
)

// options renders the <option> elements of a select over list, a slice of
// structs: each option's value is the string field value, its label the
// label fields joined by " – ", and the one whose value is selected is
// selected: {{options .Employers $f.Employer "Code" "Code" "Name"}}. Written
// in Go, not as a range in the template: the select of the 300 employers is
// on every list page of the office, and the template engine calls a function
// per option by reflection.
func options(list any, selected, value string, labels ...string) (template.HTML, error) {
	v := reflect.ValueOf(list)
	if v.Kind() != reflect.Slice || v.Type().Elem().Kind() != reflect.Struct {
		return "", fmt.Errorf("options : %T n'est pas une liste de structures", list)
	}
	t := v.Type().Elem()
	index := func(name string) ([]int, error) {
		f, ok := t.FieldByName(name)
		if !ok || f.Type.Kind() != reflect.String {
			return nil, fmt.Errorf("options : %s n'a pas de champ texte %s", t, name)
		}
		return f.Index, nil
	}
	vi, err := index(value)
	if err != nil {
		return "", err
	}
	var li [][]int
	for _, l := range labels {
		i, err := index(l)
		if err != nil {
			return "", err
		}
		li = append(li, i)
	}
	var b strings.Builder
	for i := range v.Len() {
		e := v.Index(i)
		val := e.FieldByIndex(vi).String()
		b.WriteString(`<option value="`)
		b.WriteString(template.HTMLEscapeString(val))
		b.WriteByte('"')
		if val == selected {
			b.WriteString(" selected")
		}
		b.WriteByte('>')
		for j, idx := range li {
			if j > 0 {
				b.WriteString(" – ")
			}
			b.WriteString(template.HTMLEscapeString(e.FieldByIndex(idx).String()))
		}
		b.WriteString("</option>")
	}
	return template.HTML(b.String()), nil
}
