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

// separators are the ones French Excel writes: ";" first, it wins a tie; a
// tab in its "Texte Unicode" and "Texte (séparateur : tabulation)".
var separators = []rune{';', ',', '\t'}

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
// UTF-16 or Windows-1252 when it is in one of them. A file holding control
// characters is not text; a file that is not valid UTF-8 and cannot be
// Windows-1252 is refused, naming its first line in another encoding.
func decodeText(data []byte) (string, error) {
	if enc, body, ok := utf16Text(data); ok {
		decoded, err := enc.NewDecoder().Bytes(body)
		if err != nil || len(body)%2 != 0 {
			return "", errOddUTF16()
		}
		data = decoded
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	for i, b := range data {
		if b < 0x20 && b != '\t' && b != '\n' && b != '\r' {
			return "", errBinary(lineAt(data, i))
		}
	}
	if !utf8.Valid(data) {
		if line := notWindows1252(data); line > 0 {
			return "", errEncoding(line)
		}
		var err error
		if data, err = charmap.Windows1252.NewDecoder().Bytes(data); err != nil {
			return "", errEncoding(1)
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
