package intake

import (
	"bytes"
	"path/filepath"
	"strings"
)

var (
	zipMagic = []byte("PK\x03\x04")                       // an XLSX workbook is a zip archive
	oleMagic = []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") // .xls, or an encrypted .xlsx
)

// ReadRegistrations reads an employer's registration file: an XLSX workbook
// (recognised by its content, whatever its name) or a CSV file as French
// Excel writes it (UTF-8 with or without BOM, or Windows-1252; ";" or ","
// separators). The file is refused with a French *certif.Error when it is
// unreadable, empty, too large, lacks a required column or holds a formula;
// the errors of single cells are reported in the rows.
func ReadRegistrations(filename string, data []byte) (*Sheet, error) {
	return readFile(filename, data, registrationLayout)
}

// readFile reads a file of layout l, in XLSX or CSV, within the limits.
func readFile(filename string, data []byte, l *layout) (*Sheet, error) {
	switch {
	case len(bytes.TrimSpace(bytes.TrimPrefix(data, utf8BOM))) == 0:
		return nil, errEmpty()
	case len(data) > MaxBytes:
		return nil, errTooBig(len(data))
	case bytes.HasPrefix(data, zipMagic):
		return readXLSX(data, l)
	case bytes.HasPrefix(data, oleMagic):
		return nil, errOldExcel()
	}
	switch strings.ToLower(filepath.Ext(filename)) {
	case ".xlsx", ".xlsm", ".xls", ".ods", ".zip":
		return nil, errUnreadable()
	}
	return readCSV(data, l)
}
