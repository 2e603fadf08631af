package intake

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// csvHeaders are the template's headers, in its order.
var csvHeaders = labels()

func TestReadCSVAsFrenchExcelWritesIt(t *testing.T) {
	t.Parallel()
	quoted := func(cells []string) []string {
		out := make([]string, len(cells))
		for i, c := range cells {
			out[i] = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
		}
		return out
	}
	windows1252 := func(s string) string {
		b, err := charmap.Windows1252.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	comma := csvFile(",", csvHeaders, quoted(cellsFor(csvHeaders, nil)))
	cases := []struct {
		name string
		file string
	}{
		{"UTF-8 sans BOM, point-virgule, blocs entre guillemets", csvFile(";", csvHeaders, cellsFor(csvHeaders, map[string]string{"Blocs": `"1;3"`}))},
		{"UTF-8 avec BOM, point-virgule, toutes les cellules entre guillemets", "\uFEFF" + csvFile(";", quoted(csvHeaders), quoted(cellsFor(csvHeaders, nil)))},
		{"Windows-1252, virgule, accents dans les titres et les noms", windows1252(comma)},
		{"UTF-8, virgule", comma},
		{"fins de ligne LF seulement", strings.ReplaceAll(comma, "\r\n", "\n")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := read(t, "inscriptions.csv", []byte(c.file))
			if s.Format != "csv" || len(s.Rows) != 1 || len(s.Warnings) != 0 {
				t.Fatalf("format %q, %d lignes, avertissements %q : attendu csv, 1 ligne, aucun avertissement", s.Format, len(s.Rows), s.Warnings)
			}
			sameRow(t, s.Rows[0], martin(2))
		})
	}
}

func TestReadCSVLineNumbersAsTheSpreadsheetShowsThem(t *testing.T) {
	t.Parallel()
	file := csvFile(";", csvHeaders) +
		strings.Repeat(";", len(csvHeaders)-1) + "\r\n" + // a row Excel left empty
		"\r\n" + // an empty text line is an empty row too
		strings.Join(cellsFor(csvHeaders, map[string]string{"Aménagements demandés": "\"Salle accessible,\r\ntemps majoré\"", "Situation de handicap": "oui", "Blocs": "1 et 3"}), ";") + "\r\n" +
		strings.Join(cellsFor(csvHeaders, map[string]string{"Date de naissance": "31/02/1990", "Blocs": "bloc 1, bloc 3"}), ";") + "\r\n"
	s := read(t, "a.csv", []byte(file))
	if len(s.Rows) != 2 {
		t.Fatalf("%d lignes lues, 2 attendues", len(s.Rows))
	}
	if s.Rows[0].Line != 4 || s.Rows[1].Line != 5 {
		t.Errorf("lignes %d et %d, attendues 4 et 5 (une cellule sur deux lignes compte pour une ligne)", s.Rows[0].Line, s.Rows[1].Line)
	}
	if got := s.Rows[0].Request.Adjustments; got != "Salle accessible,\ntemps majoré" || !s.Rows[0].Request.Disability {
		t.Errorf("aménagements %q, handicap %v", got, s.Rows[0].Request.Disability)
	}
	want := "Ligne 5, colonne « Date de naissance » : date invalide (JJ/MM/AAAA attendu)."
	if got := s.Rows[1].Messages(); len(got) != 1 || got[0] != want {
		t.Errorf("erreurs %q, attendu %q", got, want)
	}
}

func TestReadCSVSeparatorIsSniffedFromTheHeader(t *testing.T) {
	t.Parallel()
	// Commas inside the header cells of a ";" file must not fool the sniffing.
	headers := append([]string{"Remarque, diverses"}, csvHeaders...)
	file := csvFile(";", headers, cellsFor(headers, map[string]string{"Blocs": "1, 3", "Remarque, diverses": "a, b"}))
	s := read(t, "a.csv", []byte(file))
	if len(s.Rows) != 1 || len(s.Rows[0].Errors) != 0 {
		t.Fatalf("lignes %+v", s.Rows)
	}
	want := []string{"Colonne « Remarque, diverses » ignorée : elle ne fait pas partie du modèle."}
	if strings.Join(s.Warnings, "|") != strings.Join(want, "|") {
		t.Errorf("avertissements %q, attendu %q", s.Warnings, want)
	}
}

func TestReadCSVWithTheSeparatorLineOfExcel(t *testing.T) {
	t.Parallel()
	file := "sep=,\r\n" + csvFile(",", csvHeaders, cellsFor(csvHeaders, map[string]string{"Blocs": "1 et 3", "Date de naissance": "1990-02-30"}))
	s := read(t, "a.csv", []byte(file))
	want := "Ligne 2, colonne « Date de naissance » : date invalide (JJ/MM/AAAA attendu)."
	if len(s.Rows) != 1 || strings.Join(s.Rows[0].Messages(), "|") != want {
		t.Errorf("lignes %+v, attendu l'erreur %q", s.Rows, want)
	}
}

func TestReadCSVLineWiderThanTheHeader(t *testing.T) {
	t.Parallel()
	// "1;3" without quotes in a ";" file shifts every cell after it.
	file := csvFile(";", csvHeaders, cellsFor(csvHeaders, map[string]string{"Situation de handicap": "oui", "Aménagements demandés": "Tiers temps"}))
	s := read(t, "a.csv", []byte(file))
	want := `Ligne 2 : la ligne a 22 cellules pour 21 titres de colonnes : une valeur contient sans doute le séparateur, entourez-la de guillemets ("1;3").`
	if len(s.Rows) != 1 || strings.Join(s.Rows[0].Messages(), "|") != want {
		t.Errorf("erreurs %q, attendu %q", s.Rows[0].Messages(), want)
	}
}
