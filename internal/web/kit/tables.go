package kit

import (
	"bytes"
	"strconv"
)

// scrollTables wraps every table of a rendered page in a region that scrolls
// sideways when the table is wider than the screen (a phone), so that a wide
// table never widens the page. The region is focusable, for a keyboard to
// scroll it, and named by the table's caption. Every table of every page gets
// it here, once, rather than in each template.
//
// The page comes from html/template, which escapes "<" in every value: a
// "<table" in it is a tag of a template.
func scrollTables(page []byte) []byte {
	if !bytes.Contains(page, []byte("<table")) {
		return page
	}
	var out bytes.Buffer
	out.Grow(len(page) + 512)
	for n := 1; ; n++ {
		start := tagIndex(page, "<table")
		if start < 0 {
			break
		}
		end := bytes.Index(page[start:], []byte("</table>"))
		if end < 0 {
			break
		}
		end += start + len("</table>")
		table := page[start:end]
		name := `aria-label="Tableau"`
		if c := tagIndex(table, "<caption"); c >= 0 {
			id, has := captionID(table[c:])
			if !has {
				id = "legende-tableau-" + strconv.Itoa(n)
				at := c + len("<caption")
				table = append(append(append([]byte{}, table[:at]...), ` id="`+id+`"`...), table[at:]...)
			}
			name = `aria-labelledby="` + id + `"`
		}
		out.Write(page[:start])
		out.WriteString(`<div class="table-scroll" role="region" tabindex="0" ` + name + `>`)
		out.Write(table)
		out.WriteString(`</div>`)
		page = page[end:]
	}
	out.Write(page)
	return out.Bytes()
}

// tagIndex is where the tag opens in s ("<table" followed by ">" or a space,
// not "<tablex"), -1 when it does not.
func tagIndex(s []byte, tag string) int {
	for off := 0; ; {
		i := bytes.Index(s[off:], []byte(tag))
		if i < 0 {
			return -1
		}
		i += off
		if next := i + len(tag); next < len(s) && (s[next] == '>' || s[next] == ' ' || s[next] == '\n' || s[next] == '\t') {
			return i
		}
		off = i + len(tag)
	}
}

// captionID is the id of the caption tag that s starts with, if it has one.
func captionID(s []byte) (string, bool) {
	tag, _, _ := bytes.Cut(s, []byte(">"))
	_, rest, ok := bytes.Cut(tag, []byte(` id="`))
	if !ok {
		return "", false
	}
	id, _, _ := bytes.Cut(rest, []byte(`"`))
	return string(id), true
}
