package intake

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/xuri/excelize/v2"
)

// maxUnzipped bounds what a workbook may take once unzipped: a 5 MiB archive
// could otherwise expand to gigabytes.
const maxUnzipped = 64 << 20

// readXLSX reads a workbook of layout l. Its sheet is streamed and abandoned
// as soon as it proves too long or too wide; the whole sheet is loaded only
// once it is known to be small, to look for formulas.
func readXLSX(data []byte, l *layout) (*Sheet, error) {
	if err := checkArchive(data); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		RawCellValue: true, UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxUnzipped,
	})
	if err != nil {
		return nil, errDamaged()
	}
	defer f.Close()
	name, warning := pickSheet(f.GetSheetList(), l.sheet)
	if name == "" {
		return nil, errDamaged()
	}
	t, err := streamSheet(f, name, l)
	if err != nil {
		return nil, err
	}
	sheet, err := t.finish()
	if err != nil {
		return nil, err
	}
	if err := checkFormulas(f, name, t); err != nil {
		return nil, err
	}
	if warning != "" {
		sheet.Warnings = append([]string{warning}, sheet.Warnings...)
	}
	return sheet, nil
}

// pickSheet chooses the sheet named want (Inscriptions for a registration
// file), else the first one, and says so when the workbook has other sheets.
func pickSheet(names []string, want string) (string, string) {
	for _, n := range names {
		if fold(n) == fold(want) {
			return n, ""
		}
	}
	switch len(names) {
	case 0:
		return "", ""
	case 1:
		return names[0], ""
	}
	return names[0], fmt.Sprintf("Le classeur n'a pas de feuille « %s » : sa première feuille, « %s », a été lue.", want, names[0])
}

// streamSheet reads the sheet row by row into a table.
func streamSheet(f *excelize.File, name string, l *layout) (*table, error) {
	props, err := f.GetWorkbookProps()
	if err != nil {
		return nil, errDamaged()
	}
	rows, err := f.Rows(name)
	if err != nil {
		return nil, errDamaged()
	}
	defer rows.Close()
	t := newTable("xlsx", parser{serialDates: true, date1904: props.Date1904 != nil && *props.Date1904}, l)
	line := 0
	for rows.Next() {
		line++ // Next also stops on each missing (empty) row, without reading anything
		cells, err := rows.Columns()
		if err != nil {
			return nil, errDamaged()
		}
		if line > maxLines && width(cells) > 0 {
			return nil, errTooLong(line)
		}
		if err := t.add(line, cells); err != nil {
			return nil, err
		}
	}
	if err := rows.Error(); errors.Is(err, excelize.ErrMaxRows) {
		return nil, errTooLong(excelize.TotalRows)
	} else if err != nil {
		return nil, errDamaged()
	}
	return t, nil
}

// checkFormulas refuses a formula in a column that is read: the value the
// person sees may not be the one stored.
func checkFormulas(f *excelize.File, name string, t *table) error {
	if !mayHoldFormulas(f) {
		return nil
	}
	for _, line := range t.lines() {
		for _, m := range t.cols {
			cell, err := excelize.CoordinatesToCellName(m.index+1, line)
			if err != nil {
				return errDamaged()
			}
			formula, err := f.GetCellFormula(name, cell)
			if err != nil {
				return errDamaged()
			}
			if formula != "" {
				return errFormula(line, m.col.label)
			}
		}
	}
	return nil
}

// formulaTag is the start of a formula element in a worksheet's XML.
var formulaTag = regexp.MustCompile(`<(?:\w+:)?f[\s/>]`)

// mayHoldFormulas scans the raw XML of the worksheets for a formula, which
// spares loading the sheet cell by cell in the usual case. Every part is in
// f.Pkg: UnzipXMLSizeLimit keeps the largest ones from going to temporary
// files.
func mayHoldFormulas(f *excelize.File) bool {
	found := false
	f.Pkg.Range(func(k, v any) bool {
		name, _ := k.(string)
		xml, _ := v.([]byte)
		found = strings.HasPrefix(strings.ToLower(name), "xl/worksheets/") && formulaTag.Match(xml)
		return !found
	})
	return found
}
