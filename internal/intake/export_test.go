package intake

import (
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

var (
	exportHeaders = []string{"Nom", "Prénom", "Remarque"}
	exportRows    = [][]string{
		{"MARTIN", "Élodie", "=HYPERLINK(\"http://x\";\"clic\")"},
		{"D'ARCY", "Anne-Sophie", "+33 6 12"},
		{"ANDRÉ", "Paul", "-2"},
		{"LÉA", "", "@SUM(A1)"},
		{"O\"NEIL", "Zoé", "a;b\r\nc"},
	}
)

func TestWriteCSVForFrenchExcelWithoutInjection(t *testing.T) {
	t.Parallel()
	want := "\uFEFFNom;Prénom;Remarque\r\n" +
		"MARTIN;Élodie;\"'=HYPERLINK(\"\"http://x\"\";\"\"clic\"\")\"\r\n" +
		"D'ARCY;Anne-Sophie;'+33 6 12\r\n" +
		"ANDRÉ;Paul;'-2\r\n" +
		"LÉA;;'@SUM(A1)\r\n" +
		"\"O\"\"NEIL\";Zoé;\"a;b\r\nc\"\r\n"
	if got := string(WriteCSV(exportHeaders, exportRows)); got != want {
		t.Errorf("CSV :\n%q\nattendu :\n%q", got, want)
	}
}

func TestWriteXLSXReadsBackTheSameStrings(t *testing.T) {
	t.Parallel()
	data, err := WriteXLSX("Candidats : liste [juin]", exportHeaders, exportRows)
	if err != nil {
		t.Fatal(err)
	}
	f := openWorkbook(t, data)
	sheet := f.GetSheetName(0)
	if sheet != "Candidats liste juin" {
		t.Errorf("feuille %q", sheet)
	}
	rows, err := f.GetRows(sheet)
	must(t, err)
	want := append([][]string{exportHeaders}, exportRows...)
	if !slices.EqualFunc(rows, want, slices.Equal) {
		t.Errorf("relu :\n%q\nattendu :\n%q", rows, want)
	}
	for r := range len(want) {
		for c := range len(exportHeaders) {
			if formula, _ := f.GetCellFormula(sheet, cellName(c, r+1)); formula != "" {
				t.Errorf("la cellule %s est une formule : %q", cellName(c, r+1), formula)
			}
		}
	}
	panes, err := f.GetPanes(sheet)
	must(t, err)
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("ligne des titres non figée : %+v", panes)
	}
	tables, err := f.GetTables(sheet)
	must(t, err)
	if len(tables) != 1 || tables[0].Range != "A1:C6" {
		t.Errorf("filtres : tableaux %+v, attendu un tableau A1:C6", tables)
	}
	width, err := f.GetColWidth(sheet, "C")
	must(t, err)
	if width < 20 || width > 60 {
		t.Errorf("largeur de la colonne C : %v", width)
	}
}

func TestWriteXLSXOfAnEmptyListAndOddHeaders(t *testing.T) {
	t.Parallel()
	data, err := WriteXLSX("", []string{"Nom", "", "nom"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	f := openWorkbook(t, data)
	rows, err := f.GetRows("Export")
	must(t, err)
	if len(rows) != 1 || strings.Join(rows[0], "|") != "Nom|Colonne 2|nom (2)" {
		t.Errorf("relu %q", rows)
	}
}

func TestWriteXLSXSheetsOneTablePerSheetNumbersKept(t *testing.T) {
	t.Parallel()
	data, err := WriteXLSXSheets([]ExportSheet{
		{Name: "Par CQP", Headers: []string{"CQP", "Validés", "Taux"}, Rows: [][]any{{"COS", 12, 82.5}, {"=GC", 3, nil}}},
		{Name: "Par CQP", Headers: []string{"Année", "Inscrits"}, Rows: [][]any{{2026, 40}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	f := openWorkbook(t, data)
	if names := f.GetSheetList(); !slices.Equal(names, []string{"Par CQP", "Par CQP (2)"}) {
		t.Fatalf("feuilles : %v", names)
	}
	if v, _ := f.GetCellValue("Par CQP", "B2"); v != "12" {
		t.Errorf("B2 = %q", v)
	}
	if v, _ := f.GetCellValue("Par CQP", "C2", excelize.Options{RawCellValue: true}); v != "82.5" {
		t.Errorf("C2 = %q", v)
	}
	if typ, _ := f.GetCellType("Par CQP", "A2"); typ == excelize.CellTypeNumber {
		t.Errorf("A2 lu comme un nombre")
	}
	if formula, _ := f.GetCellFormula("Par CQP", "A3"); formula != "" {
		t.Errorf("une formule : %q", formula)
	}
	if v, _ := f.GetCellValue("Par CQP (2)", "B2"); v != "40" {
		t.Errorf("seconde feuille B2 = %q", v)
	}
}
