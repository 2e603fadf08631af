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
	f, err := newWorkbook(SheetName)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if _, err := f.NewSheet(instructionsSheet); err != nil {
		return nil, err
	}
	if err := errors.Join(writeRegistrationSheet(f), writeInstructions(f)); err != nil {
		return nil, err
	}
	f.SetActiveSheet(0)
	return workbookBytes(f)
}

// RegistrationTemplateCSV returns the header line of the registration file,
// as French Excel reads it (UTF-8 with BOM, ";").
func RegistrationTemplateCSV() []byte { return WriteCSV(labels(), nil) }

// writeRegistrationSheet writes the sheet the employer fills.
func writeRegistrationSheet(f *excelize.File) error {
	s := styler{f: f}
	required := s.style(headerStyle(fillRequired))
	optional := s.style(headerStyle(fillOptional))
	asText := s.style(&excelize.Style{NumFmt: 49}) // "@": codes keep their leading zeros
	asDate := s.style(&excelize.Style{CustomNumFmt: new("dd/mm/yyyy")})
	if s.err != nil {
		return s.err
	}
	header := labels()
	errs := []error{
		f.SetSheetRow(SheetName, "A1", &header),
		f.SetRowHeight(SheetName, 1, 32),
		f.SetPanes(SheetName, frozenHeader()),
	}
	for i, c := range columns {
		col := columnName(i)
		format, style := asText, required
		if c.kind == kindDate {
			format = asDate
		}
		if !c.required {
			style = optional
		}
		errs = append(errs,
			f.SetColWidth(SheetName, col, col, c.width),
			f.SetColStyle(SheetName, col, format),
			f.SetCellStyle(SheetName, col+"1", col+"1", style),
		)
		if c.kind == kindChoice {
			errs = append(errs, addDropDown(f, col, c.choices))
		}
	}
	return errors.Join(errs...)
}

// addDropDown offers the choices in every data cell of a column.
func addDropDown(f *excelize.File, col string, choices []string) error {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("%s2:%s%d", col, col, MaxRows+1)
	if err := dv.SetDropList(choices); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "Valeur non prévue", "Choisissez dans la liste : "+strings.Join(choices, ", ")+".")
	return f.AddDataValidation(SheetName, dv)
}
