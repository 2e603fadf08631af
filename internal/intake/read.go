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
// Excel writes it (UTF-8 with or without BOM, Windows-1252 or UTF-16; ";",
// "," or tab separators). The file is refused with a French *certif.Error
// saying what is wrong when it is unreadable (another kind of file, a damaged
// workbook, an unknown encoding), empty, too large (as uploaded or once
// unzipped), lacks a required column or holds a formula; the errors of single
// cells are reported in the rows.
func ReadRegistrations(filename string, data []byte) (*Sheet, error) {
	return readFile(filename, data, registrationLayout)
}

// readFile reads a file of layout l, in XLSX or CSV, within the limits. Every
// reader of the package goes through it.
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
	if kind := fileKind(data); kind != "" {
		return nil, errNotATable(kind)
	}
	switch ext := strings.ToLower(filepath.Ext(filename)); ext {
	case ".xlsx", ".xlsm", ".xls", ".ods", ".zip":
		if _, err := decodeText(data); err != nil {
			return nil, err
		}
		return nil, errMisnamed(filepath.Base(filename), ext)
	}
	return readCSV(data, l)
}

// fileKinds are the files people upload instead of a table, by their first
// bytes.
var fileKinds = []struct{ magic, kind string }{
	{"%PDF-", "un document PDF"},
	{"\x89PNG", "une image PNG"},
	{"\xFF\xD8\xFF", "une image JPEG"},
	{"GIF8", "une image GIF"},
	{"{\\rtf", "un document RTF"},
	{"\x1F\x8B", "une archive gzip"},
	{"Rar!", "une archive RAR"},
	{"7z\xBC\xAF", "une archive 7-Zip"},
	{"<?xml", "un fichier XML"},
	{"<!doctype html", "une page web (HTML)"},
	{"<html", "une page web (HTML)"},
}

// fileKind names the kind of a file that is not a table, "" when it may be one.
func fileKind(data []byte) string {
	start := bytes.TrimLeft(bytes.TrimPrefix(data, utf8BOM), " \t\r\n")
	for _, k := range fileKinds {
		if len(start) >= len(k.magic) && strings.EqualFold(string(start[:len(k.magic)]), k.magic) {
			return k.kind
		}
	}
	return ""
}
