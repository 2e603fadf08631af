package intake

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"certibloc/internal/certif"
)

// read reads a file that must be accepted.
func read(t *testing.T, filename string, data []byte) *Sheet {
	t.Helper()
	s, err := ReadRegistrations(filename, data)
	if err != nil {
		t.Fatalf("le fichier %s devait être lu, refus : %v", filename, err)
	}
	return s
}

// refusal reads a file that must be refused and returns the French message.
func refusal(t *testing.T, filename string, data []byte) string {
	t.Helper()
	s, err := ReadRegistrations(filename, data)
	var e *certif.Error
	if !errors.As(err, &e) {
		t.Fatalf("le fichier %s devait être refusé par une *certif.Error, obtenu %v (%d lignes)", filename, err, rowsOf(s))
	}
	if e.Code != certif.EInvalid && e.Code != certif.EBadRequest {
		t.Errorf("code %q inattendu pour %q", e.Code, e.Message)
	}
	return e.Message
}

func rowsOf(s *Sheet) int {
	if s == nil {
		return 0
	}
	return len(s.Rows)
}

// csvFile joins lines of cells with sep and CRLF, as Excel writes them.
func csvFile(sep string, lines ...[]string) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(strings.Join(l, sep) + "\r\n")
	}
	return b.String()
}

// workbook builds an XLSX file with excelize; fill writes the cells.
func workbook(t *testing.T, sheet string, fill func(f *excelize.File)) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	fill(f)
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// must fails the test on error.
func must(t testing.TB, errs ...error) {
	t.Helper()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
}

// sameRow compares what a row read with what it should hold.
func sameRow(t *testing.T, got, want Row) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ligne lue :\n%+v\nattendue :\n%+v", got, want)
	}
}

// martin is the candidate of most tests, as read from a complete line.
func martin(line int) Row {
	return Row{
		Line: line,
		Candidate: certif.Candidate{
			BirthName: "MARTIN", UsageName: "DURAND", FirstNames: []string{"Élodie", "Marie"}, Sex: "F",
			BirthDate: certif.MustDate("1990-03-15"), BirthINSEE: "69123", Email: "elodie.martin@exemple.fr", Phone: "06 12 34 56 78",
		},
		Request: certif.RegistrationRequest{
			Qualification: "COS", Path: certif.PathPartial, Blocks: []int{1, 3}, CertifiableFrom: certif.MustDate("2026-05-15"),
			Contract: certif.ContractCDI, Specialty: "Famille",
		},
	}
}

// martinCells are the cells of martin's line, by header.
var martinCells = map[string]string{
	"Nom de naissance": "MARTIN", "Nom d'usage": "DURAND", "Prénom": "Élodie", "Prénom 2": "Marie", "Sexe": "F",
	"Date de naissance": "15/03/1990", "Code INSEE de la commune de naissance": "69123", "Courriel": "elodie.martin@exemple.fr",
	"Téléphone": "06 12 34 56 78", "CQP": "cos", "Parcours": "partiel", "Blocs": "1;3", "Certifiable à partir du": "15/05/2026",
	"Contrat": "CDI", "Redoublant": "non", "Spécialité": "Famille", "Situation de handicap": "", "Aménagements demandés": "",
}

// cellsFor returns the cells of martin's line under the given headers,
// with some cells replaced.
func cellsFor(headers []string, replace map[string]string) []string {
	out := make([]string, len(headers))
	for i, h := range headers {
		v, ok := replace[h]
		if !ok {
			v = martinCells[h]
		}
		out[i] = v
	}
	return out
}
