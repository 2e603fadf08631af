package intake

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"certibloc/internal/officetest"
)

func openWorkbook(t *testing.T, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestTemplateReadsBackEmpty(t *testing.T) {
	t.Parallel()
	xlsx, err := RegistrationTemplateXLSX()
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"modele.xlsx": xlsx, "modele.csv": RegistrationTemplateCSV()} {
		s := read(t, name, data)
		if len(s.Rows) != 0 || len(s.Warnings) != 0 {
			t.Errorf("%s relu : %d lignes, avertissements %q ; attendu 0 ligne, aucun avertissement", name, len(s.Rows), s.Warnings)
		}
	}
}

func TestTemplateCSVIsTheHeaderLineForFrenchExcel(t *testing.T) {
	t.Parallel()
	want := "\uFEFF" + strings.Join(labels(), ";") + "\r\n"
	if got := string(RegistrationTemplateCSV()); got != want {
		t.Errorf("modèle CSV %q, attendu %q", got, want)
	}
}

func TestTemplateWorkbookGuidesTheEmployer(t *testing.T) {
	t.Parallel()
	data, err := RegistrationTemplateXLSX()
	if err != nil {
		t.Fatal(err)
	}
	f := openWorkbook(t, data)
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Inscriptions", "Instructions"}) {
		t.Fatalf("feuilles %q", got)
	}
	header, err := f.GetRows("Inscriptions")
	must(t, err)
	if len(header) != 1 || !slices.Equal(header[0], labels()) {
		t.Errorf("feuille Inscriptions : %q, attendu la seule ligne des titres", header)
	}
	panes, err := f.GetPanes("Inscriptions")
	must(t, err)
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("ligne des titres non figée : %+v", panes)
	}
	styleID, err := f.GetCellStyle("Inscriptions", "A1")
	must(t, err)
	style, err := f.GetStyle(styleID)
	must(t, err)
	if style.Font == nil || !style.Font.Bold {
		t.Error("titres non gras")
	}
	dvs, err := f.GetDataValidations("Inscriptions")
	must(t, err)
	lists := map[string]string{}
	for _, dv := range dvs {
		lists[dv.Sqref] = dv.Formula1
	}
	for cell, want := range map[string]string{"F": `"F,M"`, "M": `"complet,partiel"`, "P": `"CDI,CDD,Contrat de professionnalisation"`, "R": `"oui,non"`, "T": `"oui,non"`} {
		sqref := cell + "2:" + cell + "5001"
		if lists[sqref] != want {
			t.Errorf("liste déroulante %s : %q, attendu %q", sqref, lists[sqref], want)
		}
	}
	rows, err := f.GetRows("Instructions")
	must(t, err)
	var text strings.Builder
	for _, r := range rows {
		text.WriteString(strings.Join(r, " ") + "\n")
	}
	for _, want := range []string{"mono-bloc", "jamais présentés de nouveau", "au moins 3 mois avant la période", "données de santé", "Exemple de ligne remplie", "15/03/1990"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("les instructions ne disent pas %q", want)
		}
	}
}

func TestTemplateFilledReadsBack(t *testing.T) {
	t.Parallel()
	checkFilledTemplate(t, read(t, "rempli.xlsx", filledTemplate(t)))
}

// TestTemplateFilledAndSavedByLibreOfficeReadsBack: the template filled, then
// opened and saved in LibreOffice, reads back the same rows, and keeps its
// drop-down lists.
func TestTemplateFilledAndSavedByLibreOfficeReadsBack(t *testing.T) {
	t.Parallel()
	saved := officetest.ResaveXLSX(t, filledTemplate(t))
	checkFilledTemplate(t, read(t, "libreoffice.xlsx", saved))
	if dvs, err := openWorkbook(t, saved).GetDataValidations(SheetName); err != nil || len(dvs) == 0 {
		t.Errorf("listes déroulantes perdues par LibreOffice : %v", err)
	}
}

// filledTemplate is the template with two lines filled, a date typed as a date.
func filledTemplate(t *testing.T) []byte {
	data, err := RegistrationTemplateXLSX()
	if err != nil {
		t.Fatal(err)
	}
	f := openWorkbook(t, data)
	for line, replace := range map[int]map[string]any{
		2: {},
		3: {"Prénom": "Paul", "Sexe": "M", "Date de naissance": time.Date(1985, 11, 2, 0, 0, 0, 0, time.UTC), "Parcours": "complet", "Blocs": "", "Contrat": "Contrat de professionnalisation", "Période imposée": "2026-09"},
	} {
		for i, label := range labels() {
			v, ok := replace[label]
			if !ok {
				v = martinCells[label]
			}
			must(t, f.SetCellValue("Inscriptions", cellName(i, line), v))
		}
	}
	buf, err := f.WriteToBuffer()
	must(t, err)
	return buf.Bytes()
}

func checkFilledTemplate(t *testing.T, s *Sheet) {
	t.Helper()
	if len(s.Rows) != 2 {
		t.Fatalf("%d lignes relues, 2 attendues", len(s.Rows))
	}
	sameRow(t, s.Rows[0], martin(2))
	paul := martin(3)
	paul.Candidate.FirstNames[0], paul.Candidate.Sex, paul.Candidate.BirthDate = "Paul", "M", s.Rows[1].Candidate.BirthDate
	paul.Request.Path, paul.Request.Blocks, paul.Request.Contract = "complete", nil, "pro"
	paul.Request.ExamPeriod = s.Rows[1].Request.ExamPeriod
	sameRow(t, s.Rows[1], paul)
	if d, m := s.Rows[1].Candidate.BirthDate.String(), s.Rows[1].Request.ExamPeriod.String(); d != "1985-11-02" || m != "2026-09" {
		t.Errorf("date de naissance %s, période %s ; attendu 1985-11-02 et 2026-09", d, m)
	}
}
