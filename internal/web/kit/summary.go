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
// and lists only the messages no field shows.

func (p *Page) showsBeside(name string) {
	if p.beside != nil && p.Fields[name] != "" {
		p.beside[name] = true
	}
}

// summaryItem is a line of the error summary: a link to a field (named by
// its label when the page shows its message next to it), or a message.
type summaryItem struct{ Name, Text string }

// SummaryFields are the lines of the error summary: a link to each field
// whose message the page shows next to it, named by its label; the messages
// no field shows; never the heading again, never a message twice.
func (p *Page) SummaryFields() []summaryItem {
	var out []summaryItem
	for _, name := range slices.Sorted(maps.Keys(p.Fields)) {
		switch msg := p.Fields[name]; {
		case p.beside[name]:
			if label := p.labels[name]; label != "" {
				out = append(out, summaryItem{name, label})
			}
		case msg != p.ErrorHeading():
			out = append(out, summaryItem{name, msg})
		}
	}
	return out
}

var formLabel = regexp.MustCompile(`(?s)<label[^>]*\bfor="([^"]+)"[^>]*>(.*?)</label>|<fieldset[^>]*\bid="([^"]+)"[^>]*>\s*<legend[^>]*>(.*?)</legend>`)

// learnLabels reads the labels of a rendered form: <label for="id">, and the
// legend of a <fieldset id="…">.
func (p *Page) learnLabels(page []byte) {
	p.labels = map[string]string{}
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
