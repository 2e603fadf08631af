package intake

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// table turns the lines of a file, given in order, into a Sheet: the first
// non-empty line is the header, each non-empty line after it a Row.
type table struct {
	sheet  Sheet
	parser parser
	layout *layout
	header int      // line of the header, 0 until it is found
	titles int      // number of cells of the header
	cols   []mapped // the known columns of the file, in the template's order
	seen   map[string]int
	// strict refuses a line with a value beyond the header's last title: in
	// a CSV file, a cell holds the separator without quotes, and the cells
	// after it are shifted.
	strict bool
}

// mapped is a known column and its index in the file's lines.
type mapped struct {
	index int
	col   *column
}

func newTable(format string, p parser, l *layout) *table {
	return &table{sheet: Sheet{Format: format}, parser: p, layout: l, seen: map[string]int{}, strict: format == "csv"}
}

// add reads one line of the file; cells may end with empty cells.
func (t *table) add(line int, cells []string) error {
	n := width(cells)
	if n == 0 {
		return nil
	}
	if n > MaxColumns {
		return errTooWide(line, n-1)
	}
	for i, c := range cells {
		if len(c) > maxCellChars && utf8.RuneCountInString(c) > maxCellChars {
			return errCellTooLong(line, i, utf8.RuneCountInString(c))
		}
	}
	if t.header == 0 {
		t.header, t.titles = line, n
		return t.readHeader(cells)
	}
	if len(t.sheet.Rows) == MaxRows {
		return errTooManyRows()
	}
	t.sheet.Rows = append(t.sheet.Rows, t.readRow(line, cells))
	return nil
}

// finish returns the sheet once every line was added.
func (t *table) finish() (*Sheet, error) {
	if t.header == 0 {
		return nil, errEmpty()
	}
	return &t.sheet, nil
}

// width is the number of cells up to the last non-empty one.
func width(cells []string) int {
	n := len(cells)
	for n > 0 && strings.TrimSpace(cells[n-1]) == "" {
		n--
	}
	return n
}

// readHeader maps the header's cells to the known columns; unknown headers are
// ignored with a warning, a missing required column refuses the file.
func (t *table) readHeader(cells []string) error {
	at := map[*column]int{}
	for i, h := range cells {
		if strings.TrimSpace(h) == "" {
			continue
		}
		c := t.layout.lookup(h)
		if c == nil {
			t.sheet.Warnings = append(t.sheet.Warnings, fmt.Sprintf("Colonne « %s » ignorée : elle ne fait pas partie du modèle.", oneLine(h)))
			continue
		}
		if first, dup := at[c]; dup {
			return errDuplicateColumn(c.label, first, i)
		}
		at[c] = i
	}
	var missing []string
	for i := range t.layout.columns {
		c := &t.layout.columns[i]
		if index, ok := at[c]; ok {
			t.cols = append(t.cols, mapped{index, c})
		} else if c.required {
			missing = append(missing, c.label)
		}
	}
	if len(missing) > 0 {
		return errMissingColumns(missing)
	}
	return nil
}

// readRow reads a data line and flags it when it repeats an earlier line's
// candidate and CQP (for the same employer, in a file naming employers).
func (t *table) readRow(line int, cells []string) Row {
	r := Row{Line: line}
	for _, m := range t.cols {
		v := ""
		if m.index < len(cells) {
			v = cells[m.index]
		}
		if msg := m.col.set(t.parser, &r, v); msg != "" {
			r.Errors = append(r.Errors, CellError{Column: m.col.label, Message: msg})
		}
	}
	if n := width(cells); t.strict && n > t.titles {
		r.Shifted = true
		r.Errors = []CellError{{Message: fmt.Sprintf("la ligne a %d cellules pour %d titres de colonnes : une valeur contient sans doute le séparateur, entourez-la de guillemets (\"1;3\")", n, t.titles)}}
		return r
	}
	if r.Candidate.BirthName == "" || r.Candidate.BirthDate.IsZero() {
		return r
	}
	key := r.Candidate.EmployerCode + "|" + r.Key() + "|" + r.Request.Qualification
	if first, dup := t.seen[key]; dup {
		r.Errors = append(r.Errors, CellError{Message: fmt.Sprintf("même candidat et même CQP que la ligne %d", first)})
	} else {
		t.seen[key] = line
	}
	return r
}

// lines lists the header's line and the rows' lines.
func (t *table) lines() []int {
	out := []int{t.header}
	for _, r := range t.sheet.Rows {
		out = append(out, r.Line)
	}
	return out
}
