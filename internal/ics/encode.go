package ics

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	ical "github.com/arran4/golang-ical"
)

// maxLine is the longest content line, in octets without the CRLF (RFC 5545
// section 3.1).
const maxLine = 75

// encode writes the calendar: its properties, then its components.
func encode(b *bytes.Buffer, cal *ical.Calendar) {
	b.WriteString("BEGIN:VCALENDAR\r\n")
	for _, p := range cal.CalendarProperties {
		property(b, p.BaseProperty)
	}
	for _, c := range cal.Components {
		component(b, c)
	}
	b.WriteString("END:VCALENDAR\r\n")
}

func component(b *bytes.Buffer, c ical.Component) {
	var name string
	switch c.(type) {
	case *ical.VEvent:
		name = "VEVENT"
	case *ical.VTimezone:
		name = "VTIMEZONE"
	case *ical.Standard:
		name = "STANDARD"
	case *ical.Daylight:
		name = "DAYLIGHT"
	default:
		panic(fmt.Sprintf("ics: unexpected component %T", c))
	}
	b.WriteString("BEGIN:" + name + "\r\n")
	for _, p := range c.UnknownPropertiesIANAProperties() {
		property(b, p.BaseProperty)
	}
	for _, sub := range c.SubComponents() {
		component(b, sub)
	}
	b.WriteString("END:" + name + "\r\n")
}

// property writes one content line: name, parameters in the order of their
// names, value; TEXT values escaped.
func property(b *bytes.Buffer, p ical.BaseProperty) {
	var line strings.Builder
	line.WriteString(p.IANAToken)
	keys := make([]string, 0, len(p.ICalParameters))
	for k := range p.ICalParameters {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		line.WriteString(";" + k + "=")
		for i, v := range p.ICalParameters[k] {
			if i > 0 {
				line.WriteByte(',')
			}
			line.WriteString(paramValue(v))
		}
	}
	line.WriteByte(':')
	if p.GetValueType() == ical.ValueDataTypeText {
		line.WriteString(text(p.Value))
	} else {
		line.WriteString(dropControls(p.Value))
	}
	fold(b, line.String())
}

// paramValue is v as a parameter value: DQUOTEd when it holds ",", ";" or
// ":". A parameter value has no escape (RFC 5545 section 3.2), so a DQUOTE
// becomes an apostrophe and controls are dropped.
func paramValue(v string) string {
	v = strings.ReplaceAll(dropControls(v), `"`, "'")
	if strings.ContainsAny(v, ",;:") {
		return `"` + v + `"`
	}
	return v
}

// text escapes a TEXT value (RFC 5545 section 3.3.11): backslash, ";", ","
// and line breaks (CRLF, CR or LF, each one "\n"); other controls but the
// tab are dropped.
var textEscaper = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\r", `\n`, "\n", `\n`)

func text(v string) string { return dropControls(textEscaper.Replace(v)) }

// dropControls removes the control characters but the tab, and replaces
// invalid UTF-8 by U+FFFD.
func dropControls(v string) string {
	return strings.Map(func(r rune) rune {
		if (r < ' ' && r != '\t') || r == 0x7f {
			return -1
		}
		return r
	}, strings.ToValidUTF8(v, "\uFFFD"))
}

// fold writes line as lines of at most maxLine octets, each continuation
// starting with a space, never inside a UTF-8 sequence, with CRLF ends.
func fold(b *bytes.Buffer, line string) {
	limit := maxLine
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		b.WriteString(line[:cut] + "\r\n ")
		line = line[cut:]
		limit = maxLine - 1 // the leading space counts
	}
	b.WriteString(line + "\r\n")
}
