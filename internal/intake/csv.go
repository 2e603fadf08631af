package intake

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

var utf8BOM = []byte("\xEF\xBB\xBF")

// separators are the ones French Excel writes: ";" first, it wins a tie.
var separators = []rune{';', ','}

// readCSV reads a file of layout l in CSV.
func readCSV(data []byte, l *layout) (*Sheet, error) {
	text, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	sep, text := declaredSeparator(text)
	if sep == 0 {
		sep = sniffSeparator(text, l)
	}
	r := newCSVReader(text, sep)
	t := newTable("csv", parser{}, l)
	embedded := 0 // line breaks inside the quoted cells read so far
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			return nil, errBadCSV(perr.StartLine - embedded)
		} else if err != nil {
			return nil, errUnreadable()
		}
		// The spreadsheet shows a record on one row, even when a quoted
		// cell holds line breaks: its row is its text line minus those.
		start, _ := r.FieldPos(0)
		line := start - embedded
		for _, cell := range rec {
			embedded += strings.Count(cell, "\n")
		}
		if err := t.add(line, rec); err != nil {
			return nil, err
		}
	}
	return t.finish()
}

func newCSVReader(text string, sep rune) *csv.Reader {
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = sep
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	return r
}

// decodeText returns the file as UTF-8 text: without its BOM, decoded from
// Windows-1252 when it is not valid UTF-8. A file holding control characters
// is not text.
func decodeText(data []byte) (string, error) {
	data = bytes.TrimPrefix(data, utf8BOM)
	for _, b := range data {
		if b < 0x20 && b != '\t' && b != '\n' && b != '\r' {
			return "", errUnreadable()
		}
	}
	if !utf8.Valid(data) {
		var err error
		if data, err = charmap.Windows1252.NewDecoder().Bytes(data); err != nil {
			return "", errUnreadable()
		}
	}
	text := string(data)
	if !strings.Contains(text, "\n") { // old Mac line ends
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	return text, nil
}

// declaredSeparator reads the "sep=;" line Excel may write first and does not
// show as a row: it returns the separator and the text after that line, or 0
// and the whole text.
func declaredSeparator(text string) (rune, string) {
	first, rest, _ := strings.Cut(text, "\n")
	first = strings.TrimSpace(first)
	if len(first) != 5 || !strings.EqualFold(first[:4], "sep=") {
		return 0, text
	}
	return rune(first[4]), rest
}

// sniffSeparator returns the separator that splits the header line into the
// most known columns.
func sniffSeparator(text string, l *layout) rune {
	best, bestCount := separators[0], -1
	for _, sep := range separators {
		if n := knownColumns(headerCells(text, sep), l); n > bestCount {
			best, bestCount = sep, n
		}
	}
	return best
}

// headerCells returns the first non-empty record read with sep.
func headerCells(text string, sep rune) []string {
	r := newCSVReader(text, sep)
	for {
		rec, err := r.Read()
		if err != nil {
			return nil
		}
		if width(rec) > 0 {
			return rec
		}
	}
}

func knownColumns(cells []string, l *layout) int {
	n := 0
	for _, c := range cells {
		if l.lookup(c) != nil {
			n++
		}
	}
	return n
}
