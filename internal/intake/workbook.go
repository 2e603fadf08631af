package intake

import (
	"github.com/xuri/excelize/v2"
)

// styler creates the styles of a workbook and keeps the first error, so that
// a sheet's styles are declared one per line and checked once.
type styler struct {
	f   *excelize.File
	err error
}

func (s *styler) style(st *excelize.Style) int {
	if s.err != nil {
		return 0
	}
	id, err := s.f.NewStyle(st)
	s.err = err
	return id
}

// headerStyle is the style of a header cell: bold on a coloured background.
func headerStyle(fill string) *excelize.Style {
	return &excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fill}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
		Border:    []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}},
	}
}

// frozenHeader keeps the first row in view while scrolling.
func frozenHeader() *excelize.Panes {
	return &excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	}
}

// workbookBytes renders a workbook.
func workbookBytes(f *excelize.File) ([]byte, error) {
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// newWorkbook returns a workbook whose single sheet is named name.
func newWorkbook(name string) (*excelize.File, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName(f.GetSheetName(0), name); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}
