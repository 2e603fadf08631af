package intake

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"certibloc/internal/certif"
)

var censusHeaders = censusLayout.labels()

func censusLine(replace map[string]string) []string {
	cells := map[string]string{
		"Code employeur": "cpam33", "Nom de naissance": "Petit", "Prénom": "Marc", "Sexe": "M", "Date de naissance": "30/09/1985",
		"Code INSEE de la commune de naissance": "33063", "CQP": "dam", "Début du parcours": "05/01/2026", "Fin du parcours": "30/10/2026",
	}
	out := make([]string, len(censusHeaders))
	for i, h := range censusHeaders {
		v, ok := replace[h]
		if !ok {
			v = cells[h]
		}
		out[i] = v
	}
	return out
}

func TestR4_ReadCensusCSV(t *testing.T) {
	t.Parallel()
	file := csvFile(";", censusHeaders,
		censusLine(nil),
		censusLine(map[string]string{"Code employeur": "CPAM75", "Blocs": "1 et 3", "Contrat": "contrat pro"}),
		censusLine(map[string]string{"Code employeur": "CPAM75", "Fin du parcours": "31/13/2026"}),
		censusLine(map[string]string{"Code employeur": "CPAM75", "Début du parcours": "hier"}),
	)
	s, err := ReadCensus("recensement.csv", []byte(file))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Rows) != 4 {
		t.Fatalf("%d lignes", len(s.Rows))
	}
	r := s.Rows[0]
	if r.Candidate.EmployerCode != "CPAM33" || r.Request.Qualification != "DAM" || r.PathStart.String() != "2026-01-05" ||
		r.Request.CertifiableFrom.String() != "2026-10-30" || len(r.Request.Blocks) != 0 || r.Request.Contract != "" || len(r.Errors) != 0 {
		t.Errorf("ligne 2 : %+v", r)
	}
	if r := s.Rows[1]; len(r.Errors) != 0 || r.Request.Contract != certif.ContractPro || len(r.Request.Blocks) != 2 {
		t.Errorf("même stagiaire chez un autre employeur, parcours partiel : %+v", r)
	}
	if msgs := s.Rows[2].Messages(); len(msgs) != 2 || msgs[0] != "Ligne 4, colonne « Fin du parcours » : date invalide (JJ/MM/AAAA attendu)." ||
		!strings.Contains(msgs[1], "même candidat et même CQP que la ligne 3") {
		t.Errorf("ligne 4 : %q", msgs)
	}
	if msgs := s.Rows[3].Messages(); len(msgs) == 0 || !strings.Contains(msgs[0], "colonne « Début du parcours »") {
		t.Errorf("ligne 5 : %q", msgs)
	}
	if got := CensusColumnForField("certifiable_from"); got != "Fin du parcours" {
		t.Errorf("colonne de certifiable_from : %q", got)
	}
	if got := ColumnForField("certifiable_from"); got != "Certifiable à partir du" {
		t.Errorf("le fichier d'inscriptions garde ses colonnes : %q", got)
	}
}

func TestR4_ReadCensusXLSXAndRefusals(t *testing.T) {
	t.Parallel()
	data := workbook(t, "Recensement", func(f *excelize.File) {
		must(t, f.SetSheetRow("Recensement", "A1", &censusHeaders))
		line := censusLine(map[string]string{"Début du parcours": "", "Fin du parcours": ""})
		must(t, f.SetSheetRow("Recensement", "A2", &line))
		start, _ := excelize.CoordinatesToCellName(indexOf(censusHeaders, "Début du parcours")+1, 2)
		end, _ := excelize.CoordinatesToCellName(indexOf(censusHeaders, "Fin du parcours")+1, 2)
		must(t, f.SetCellValue("Recensement", start, 46027), f.SetCellValue("Recensement", end, 46325)) // serial dates
		_, err := f.NewSheet("Notes")
		must(t, err)
	})
	s, err := ReadCensus("recensement.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Rows) != 1 || s.Format != "xlsx" || len(s.Warnings) != 0 || s.Rows[0].PathStart.String() != "2026-01-05" || s.Rows[0].Request.CertifiableFrom.String() != "2026-10-30" {
		t.Errorf("classeur : %+v", s)
	}
	for name, file := range map[string][]byte{
		"registration file": []byte(csvFile(";", labels(), cellsFor(labels(), nil))),
		"not a workbook":    []byte("PK\x03\x04 pas un zip"),
		"empty":             nil,
	} {
		_, err := ReadCensus(name+".csv", file)
		var e *certif.Error
		if !errors.As(err, &e) {
			t.Errorf("%s : %v", name, err)
		}
	}
	_, err = ReadCensus("inscriptions.csv", []byte(csvFile(";", labels(), cellsFor(labels(), nil))))
	if msg := certif.ErrorMessage(err); !strings.Contains(msg, "« Code employeur »") || !strings.Contains(msg, "« Début du parcours »") {
		t.Errorf("colonnes absentes : %q", msg)
	}
}

func TestR4_CensusTemplateAndHelp(t *testing.T) {
	t.Parallel()
	tpl := string(CensusTemplateCSV())
	if !strings.HasPrefix(tpl, "\uFEFFCode employeur;Nom de naissance;") || !strings.Contains(tpl, ";Début du parcours;Fin du parcours;Blocs;Contrat\r\n") {
		t.Errorf("modèle : %q", tpl)
	}
	s, err := ReadCensus("modele.csv", append(CensusTemplateCSV(), []byte(strings.Join(censusLine(nil), ";")+"\r\n")...))
	if err != nil || len(s.Rows) != 1 || len(s.Rows[0].Errors) != 0 {
		t.Fatalf("le modèle rempli se relit : %v %+v", err, s)
	}
	help := CensusColumns()
	if len(help) != len(censusHeaders) || !help[0].Required || help[len(help)-1].Required || !strings.Contains(help[len(help)-1].Help, "CDI par défaut") {
		t.Errorf("aide des colonnes : %+v", help)
	}
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// TestR4_CensusWorkbookTemplateFilledReadsBack: the census template in Excel
// format has its sheet, frozen header, date columns and instructions; filled
// (a date typed as a date), it reads back.
func TestR4_CensusWorkbookTemplateFilledReadsBack(t *testing.T) {
	t.Parallel()
	data, err := CensusTemplateXLSX()
	if err != nil {
		t.Fatal(err)
	}
	f := openWorkbook(t, data)
	if got := f.GetSheetList(); !slices.Equal(got, []string{CensusSheetName, "Instructions"}) {
		t.Fatalf("feuilles %q", got)
	}
	rows, err := f.GetRows(CensusSheetName)
	must(t, err)
	if len(rows) != 1 || !slices.Equal(rows[0], censusHeaders) {
		t.Fatalf("titres %q", rows)
	}
	guide, err := f.GetRows("Instructions")
	must(t, err)
	if len(guide) < len(censusHeaders) || !strings.Contains(guide[0][0], "Recensement") {
		t.Errorf("instructions : %q", guide[:1])
	}
	for i, v := range censusLine(map[string]string{"Fin du parcours": ""}) {
		must(t, f.SetCellValue(CensusSheetName, cellName(i, 2), v))
	}
	must(t, f.SetCellValue(CensusSheetName, cellName(indexOf(censusHeaders, "Fin du parcours"), 2), time.Date(2026, 10, 30, 0, 0, 0, 0, time.UTC)))
	buf, err := f.WriteToBuffer()
	must(t, err)
	s, err := ReadCensus("recensement.xlsx", buf.Bytes())
	if err != nil || len(s.Rows) != 1 || len(s.Rows[0].Errors) != 0 {
		t.Fatalf("modèle Excel rempli : %v %+v", err, s)
	}
	if r := s.Rows[0]; r.Candidate.EmployerCode != "CPAM33" || r.Request.CertifiableFrom.String() != "2026-10-30" || r.PathStart.String() != "2026-01-05" {
		t.Errorf("ligne relue : %+v", r)
	}
}
