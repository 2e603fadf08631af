package intake

import (
	"errors"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Colours of the template's headers.
const (
	fillRequired = "FCE4D6" // light orange: a required column
	fillOptional = "EDEDED" // light grey
)

// RegistrationTemplateXLSX returns the registration template: a sheet
// "Inscriptions" with the header row only (frozen, required columns in
// orange, drop-down lists, dates and codes formatted), and a sheet
// "Instructions" explaining each column, the rules, and an example line.
func RegistrationTemplateXLSX() ([]byte, error) {
	return templateWorkbook(registrationLayout, instructions)
}

// CensusTemplateXLSX returns the template of the census file (R4), built like
// the registration template: a sheet "Recensement" with the header row only,
// and a sheet "Instructions".
func CensusTemplateXLSX() ([]byte, error) {
	return templateWorkbook(censusLayout, censusInstructions)
}

// templateWorkbook writes a template: the layout's sheet with its header row
// only, and an instructions sheet (guide paragraphs, the columns, an example).
func templateWorkbook(l *layout, guide []string) ([]byte, error) {
	f, err := newWorkbook(l.sheet)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if _, err := f.NewSheet(instructionsSheet); err != nil {
		return nil, err
	}
	if err := errors.Join(writeInputSheet(f, l), writeGuide(f, guide, l.columns, l.sheet)); err != nil {
		return nil, err
	}
	f.SetActiveSheet(0)
	return workbookBytes(f)
}

// RegistrationTemplateCSV returns the header line of the registration file,
// as French Excel reads it (UTF-8 with BOM, ";").
func RegistrationTemplateCSV() []byte { return WriteCSV(labels(), nil) }

// writeInputSheet writes the sheet people fill: the header row of the layout
// (frozen, required columns in orange), each column formatted (text, or
// date), drop-down lists for the columns of choices.
func writeInputSheet(f *excelize.File, l *layout) error {
	sheet := l.sheet
	s := styler{f: f}
	required := s.style(headerStyle(fillRequired))
	optional := s.style(headerStyle(fillOptional))
	asText := s.style(&excelize.Style{NumFmt: 49}) // "@": codes keep their leading zeros
	asDate := s.style(&excelize.Style{CustomNumFmt: new("dd/mm/yyyy")})
	if s.err != nil {
		return s.err
	}
	header := l.labels()
	errs := []error{
		f.SetSheetRow(sheet, "A1", &header),
		f.SetRowHeight(sheet, 1, 32),
		f.SetPanes(sheet, frozenHeader()),
	}
	for i, c := range l.columns {
		col := columnName(i)
		format, style := asText, required
		if c.kind == kindDate {
			format = asDate
		}
		if !c.required {
			style = optional
		}
		errs = append(errs,
			f.SetColWidth(sheet, col, col, c.width),
			f.SetColStyle(sheet, col, format),
			f.SetCellStyle(sheet, col+"1", col+"1", style),
		)
		if c.kind == kindChoice {
			errs = append(errs, addDropDown(f, sheet, col, c.choices))
		}
	}
	return errors.Join(errs...)
}

// addDropDown offers the choices in every data cell of a column.
func addDropDown(f *excelize.File, sheet, col string, choices []string) error {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("%s2:%s%d", col, col, MaxRows+1)
	if err := dv.SetDropList(choices); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "Valeur non prévue", "Choisissez dans la liste : "+strings.Join(choices, ", ")+".")
	return f.AddDataValidation(sheet, dv)
}
