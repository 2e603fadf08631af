package intake

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"certibloc/internal/certif"
)

// Sheet is a registration file as read: one Row per non-empty line under the
// header, and the French warnings about what was ignored.
type Sheet struct {
	Format   string // "xlsx" or "csv"
	Rows     []Row
	Warnings []string
}

// Row is one line of a registration file.
type Row struct {
	Line       int // the row number the person sees in the spreadsheet (the header is usually 1)
	Candidate  certif.Candidate
	Request    certif.RegistrationRequest
	PathStart  certif.Date   // census files: the start of the training path
	Collection CollectionRow // collection tables: the campaign and what the employer filled in
	Errors     []CellError   // cells that could not be read, and the duplicate line
	// Shifted says the line's cells are shifted (a CSV value holding the
	// separator): its values are not the columns', only that error counts.
	Shifted bool
}

// ByLine indexes the sheet's rows by their line number (the store's reports
// name lines).
func (s *Sheet) ByLine() map[int]Row {
	rows := make(map[int]Row, len(s.Rows))
	for _, row := range s.Rows {
		rows[row.Line] = row
	}
	return rows
}

// CellError is a cell that could not be read; Column is "" for a whole line.
type CellError struct {
	Column  string // French header of the column
	Message string // French, without the final full stop
}

// Text is the error as shown to people: "Ligne 4, colonne « Date de
// naissance » : date invalide (JJ/MM/AAAA attendu)."
func (e CellError) Text(line int) string {
	if e.Column == "" {
		return fmt.Sprintf("Ligne %d : %s.", line, e.Message)
	}
	return fmt.Sprintf("Ligne %d, colonne « %s » : %s.", line, e.Column, e.Message)
}

// Messages lists the row's errors as shown to people.
func (r Row) Messages() []string {
	var out []string
	for _, e := range r.Errors {
		out = append(out, e.Text(r.Line))
	}
	return out
}

// AllMessages lists every error of the row at once, as shown to people: the
// cells that could not be read, then the errors of the caller's checks
// (fields, by validation field, "" for the whole line), each naming its
// column through columnFor, but for a column already reported unreadable
// (its check only says the value is missing). A shifted row keeps its one
// error. The list is sorted by column, then message.
func (r Row) AllMessages(fields map[string]string, columnFor func(field string) string) []string {
	errs := slices.Clone(r.Errors)
	if !r.Shifted {
		unread := map[string]bool{}
		for _, e := range r.Errors {
			unread[e.Column] = e.Column != ""
		}
		for field, msg := range fields {
			col := ""
			if field != "" {
				col = columnFor(field)
			}
			if !unread[col] {
				errs = append(errs, CellError{Column: col, Message: strings.TrimRight(msg, ". ")})
			}
		}
	}
	slices.SortFunc(errs, func(a, b CellError) int {
		return cmp.Or(cmp.Compare(a.Column, b.Column), cmp.Compare(a.Message, b.Message))
	})
	out := make([]string, len(errs))
	for i, e := range errs {
		out[i] = e.Text(r.Line)
	}
	return out
}

// Key identifies the candidate of a row: folded birth name and first name,
// and birth date ("martin elodie|1990-03-15"). It matches existing
// candidates and the duplicate lines of a file.
func (r Row) Key() string {
	first := ""
	if len(r.Candidate.FirstNames) > 0 {
		first = r.Candidate.FirstNames[0]
	}
	return certif.SearchKey(r.Candidate.BirthName, first) + "|" + r.Candidate.BirthDate.String()
}
