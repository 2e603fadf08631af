package kit

import (
	"certibloc/internal/certif"
	"html"
	"maps"
	"regexp"
	"slices"
	"strings"
)

// The error summary at the top of a refused form: each message is shown
// once, next to its field; the summary links to those fields by their labels
// and lists the messages no field shows: linked to their field when the page
// has it, as text when it has not (a hidden or absent field, the error page).

func (p *Page) showsBeside(name string) {
	if p.beside != nil && p.Fields[name] != "" {
		p.beside[name] = true
	}
}

// summaryItem is a line of the error summary: a link to a field (named by
// its label when the page shows its message next to it), or a message (Name
// "", no field of the page to link to).
type summaryItem struct{ Name, Text string }

// SummaryFields are the lines of the error summary: a link to each field
// whose message the page shows next to it, named by its label; the messages
// no field shows, linked to their field when the page has one; never the
// heading again, never a message twice.
func (p *Page) SummaryFields() []summaryItem {
	heading := p.ErrorHeading()
	said := map[string]bool{heading: true}
	for name := range p.beside {
		said[p.Fields[name]] = true
	}
	var out []summaryItem
	for _, name := range slices.Sorted(maps.Keys(p.Fields)) {
		switch msg := p.Fields[name]; {
		case p.beside[name]:
			if label := p.labels[name]; label != "" {
				out = append(out, summaryItem{name, label})
			}
		case said[msg]:
		case p.onPage[name]:
			said[msg] = true
			out = append(out, summaryItem{name, msg})
		default:
			said[msg] = true
			out = append(out, summaryItem{"", msg})
		}
	}
	return out
}

var (
	formLabel = regexp.MustCompile(`(?s)<label[^>]*\bfor="([^"]+)"[^>]*>(.*?)</label>|<fieldset[^>]*\bid="([^"]+)"[^>]*>\s*<legend[^>]*>(.*?)</legend>`)
	formField = regexp.MustCompile(`<(?:input|select|textarea|fieldset)\b[^>]*>`)
	idAttr    = regexp.MustCompile(`\sid="([^"]+)"`)
	hidden    = regexp.MustCompile(`\stype="hidden"|\shidden(?:[\s>=]|$)`)
)

// learnForm reads a rendered form: its labels (<label for="id">, and the
// legend of a <fieldset id="…">) and the ids of its fields, hidden ones left out.
func (p *Page) learnForm(page []byte) {
	p.labels, p.onPage = map[string]string{}, map[string]bool{}
	for _, m := range formLabel.FindAllSubmatch(page, -1) {
		id, label := m[1], m[2]
		if len(id) == 0 {
			id, label = m[3], m[4]
		}
		if _, ok := p.labels[string(id)]; !ok {
			text := strings.Join(strings.Fields(html.UnescapeString(anyTag.ReplaceAllString(string(label), ""))), " ")
			p.labels[string(id)] = strings.TrimRight(text, " *:")
		}
	}
	for _, tag := range formField.FindAll(page, -1) {
		if id := idAttr.FindSubmatch(tag); id != nil && !hidden.Match(tag) {
			p.onPage[string(id[1])] = true
		}
	}
}

var anyTag = regexp.MustCompile(`<[^>]*>`)

// ErrorHeading is the summary's heading: the error's message, unless the
// page shows it next to a field already; then a sentence that says where to
// look ("corrigez ce qui est signalé sous les champs"), each message once.
func (p *Page) ErrorHeading() string {
	for name, msg := range p.Fields {
		if p.beside[name] {
			if msg == p.Error {
				return "La demande n'a pas été enregistrée : " + certif.Noun(len(p.Fields), "corrigez ce qui est signalé sous le champ concerné.", "corrigez ce qui est signalé sous les champs concernés.")
			}
		}
	}
	return p.Error
}
