package intake

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// WriteCSV writes a list as French Excel opens it: UTF-8 with BOM, ";"
// separators, CRLF, quotes where needed. A cell starting with =, +, -, @, a
// tab or a carriage return gets a leading apostrophe, so that no spreadsheet
// runs it as a formula (CSV injection).
func WriteCSV(headers []string, rows [][]string) []byte {
	var buf bytes.Buffer
	buf.Write(utf8BOM)
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	w.UseCRLF = true
	for _, rec := range append([][]string{headers}, rows...) {
		out := make([]string, len(rec))
		for i, v := range rec {
			out[i] = defuse(v)
		}
		_ = w.Write(out) // writing to a bytes.Buffer cannot fail
	}
	w.Flush()
	return buf.Bytes()
}

// defuse neutralises a cell a spreadsheet would read as a formula.
func defuse(v string) string {
	if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
		return "'" + v
	}
	return v
}

// WriteXLSX writes a list as a workbook of one sheet: a bold frozen header
// with filters, column widths fitted to the content, every cell a string (so
// nothing is a formula). The sheet is streamed: long lists stay cheap.
func WriteXLSX(sheetName string, headers []string, rows [][]string) ([]byte, error) {
	cells := make([][]any, len(rows))
	for i, row := range rows {
		cells[i] = make([]any, len(row))
		for j, v := range row {
			cells[i][j] = v
		}
	}
	return WriteXLSXSheets([]ExportSheet{{Name: sheetName, Headers: headers, Rows: cells}})
}

// ExportSheet is one table of an exported workbook. A cell is a string (never read as a
// formula), a number, or nil (empty).
type ExportSheet struct {
	Name    string
	Headers []string
	Rows    [][]any
}

// WriteXLSXSheets writes tables as a workbook of one sheet each, in order,
// each as WriteXLSX writes its one (sheet names made safe and unique).
func WriteXLSXSheets(sheets []ExportSheet) ([]byte, error) {
	if len(sheets) == 0 {
		return nil, fmt.Errorf("classeur sans feuille")
	}
	names := make([]string, len(sheets))
	seen := map[string]bool{}
	for i, sh := range sheets {
		name := safeSheetName(sh.Name)
		for n := 2; seen[strings.ToLower(name)]; n++ {
			name = safeSheetName(fmt.Sprintf("%.27s (%d)", safeSheetName(sh.Name), n))
		}
		seen[strings.ToLower(name)], names[i] = true, name
	}
	f, err := newWorkbook(names[0])
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s := styler{f: f}
	bold := s.style(headerStyle(fillOptional))
	if s.err != nil {
		return nil, s.err
	}
	for i, sh := range sheets {
		if i > 0 {
			if _, err := f.NewSheet(names[i]); err != nil {
				return nil, err
			}
		}
		table := "Liste"
		if i > 0 {
			table = fmt.Sprintf("Liste%d", i+1)
		}
		if err := writeSheet(f, names[i], table, bold, sh); err != nil {
			return nil, err
		}
	}
	return workbookBytes(f)
}

// writeSheet streams one table into the sheet name.
func writeSheet(f *excelize.File, name, table string, bold int, sh ExportSheet) error {
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	for i, w := range columnWidths(sh.Headers, sh.Rows) {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(frozenHeader()); err != nil {
		return err
	}
	headers := tableHeaders(sh.Headers)
	cells := make([]any, len(headers))
	for i, h := range headers {
		cells[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", cells); err != nil {
		return err
	}
	for i, row := range sh.Rows {
		if err := sw.SetRow(cellName(0, i+2), row); err != nil {
			return err
		}
	}
	if len(headers) > 0 {
		// A table gives the header its filter buttons.
		ref := "A1:" + cellName(len(headers)-1, len(sh.Rows)+1)
		if err := sw.AddTable(&excelize.Table{Range: ref, Name: table, StyleName: "TableStyleLight1"}); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// tableHeaders makes the headers unique and non-empty, as a table requires.
func tableHeaders(headers []string) []string {
	out := make([]string, len(headers))
	seen := map[string]bool{}
	for i, h := range headers {
		h = oneLine(h)
		if h == "" {
			h = fmt.Sprintf("Colonne %d", i+1)
		}
		for n := 2; seen[strings.ToLower(h)]; n++ {
			h = fmt.Sprintf("%s (%d)", strings.TrimSuffix(h, fmt.Sprintf(" (%d)", n-1)), n)
		}
		seen[strings.ToLower(h)] = true
		out[i] = h
	}
	return out
}

// columnWidths fits each column to its longest value among the first
// thousand rows, within bounds.
func columnWidths(headers []string, rows [][]any) []float64 {
	widths := make([]float64, len(headers))
	fit := func(i int, v any) {
		if i < len(widths) && v != nil {
			widths[i] = max(widths[i], float64(utf8.RuneCountInString(fmt.Sprint(v))+2))
		}
	}
	for i, h := range headers {
		fit(i, h)
	}
	for _, row := range rows[:min(len(rows), 1000)] {
		for i, v := range row {
			fit(i, v)
		}
	}
	for i := range widths {
		widths[i] = min(max(widths[i], 8), 60)
	}
	return widths
}

// safeSheetName makes a sheet name spreadsheets accept: no : \ / ? * [ ],
// 31 characters at most, not empty.
func safeSheetName(name string) string {
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return ' '
		}
		return r
	}, name)
	name = strings.Trim(oneLine(name), "'")
	if r := []rune(name); len(r) > 31 {
		name = strings.TrimSpace(string(r[:31]))
	}
	if name == "" {
		return "Export"
	}
	return name
}
