package intake

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// encode writes s in enc, failing the test when it cannot.
func encode(t *testing.T, enc encoding.Encoding, s string) string {
	t.Helper()
	b, err := enc.NewEncoder().String(s)
	must(t, err)
	return b
}

func TestAFileInAnUnknownEncodingIsRefusedNamingItsLine(t *testing.T) {
	t.Parallel()
	header := csvFile(";", csvHeaders)
	line := csvFile(";", cellsFor(csvHeaders, nil))
	asciiLine := csvFile(";", cellsFor(csvHeaders, map[string]string{"Prénom": "Elodie", "Spécialité": ""}))
	cases := []struct {
		name string
		file string
		line int
	}{
		{"DOS (page de code 850)", encode(t, charmap.CodePage850, header+line), 1},
		{"Mac Roman", encode(t, charmap.Macintosh, header+line), 1},
		{"octet que Windows-1252 ne définit pas", strings.Replace(encode(t, charmap.Windows1252, header+asciiLine+line), "\xc9", "\x81", 1), 3},
		{"UTF-8 mêlé de Windows-1252", header + asciiLine + encode(t, charmap.Windows1252, line), 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want := fmt.Sprintf("Encodage non reconnu : le fichier n'est ni en UTF-8 ni en Windows-1252 (ligne %d : octets invalides). Enregistrez-le en « CSV UTF-8 ».", c.line)
			if got := refusal(t, "inscriptions.csv", []byte(c.file)); got != want {
				t.Errorf("message %q\nattendu %q", got, want)
			}
		})
	}
	// French typography in Windows-1252 is not taken for another encoding.
	typography := map[string]string{"Nom de naissance": "L’HÔPITAL", "Nom d'usage": "CŒUR", "Prénom": "Zoë–Anaïs", "Aménagements demandés": "« 1/3 temps »… 50 €", "Situation de handicap": "oui", "Blocs": `"1;3"`}
	s := read(t, "a.csv", []byte(encode(t, charmap.Windows1252, header+csvFile(";", cellsFor(csvHeaders, typography)))))
	if len(s.Rows) != 1 || s.Rows[0].Candidate.BirthName != "L’HÔPITAL" || s.Rows[0].Request.Adjustments != "« 1/3 temps »… 50 €" {
		t.Errorf("Windows-1252 mal lu : %+v", s.Rows)
	}
}

func TestUTF16FilesAreReadLikeUTF8(t *testing.T) {
	t.Parallel()
	semicolons := csvFile(";", csvHeaders, cellsFor(csvHeaders, map[string]string{"Blocs": `"1;3"`}))
	tabs := csvFile("\t", csvHeaders, cellsFor(csvHeaders, nil))
	cases := []struct {
		name string
		file string
	}{
		{"UTF-16 LE avec BOM, tabulations (« Texte Unicode » d'Excel)", encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), tabs)},
		{"UTF-16 LE avec BOM, point-virgule", encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), semicolons)},
		{"UTF-16 BE avec BOM", encode(t, unicode.UTF16(unicode.BigEndian, unicode.UseBOM), semicolons)},
		{"UTF-16 LE sans BOM", encode(t, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), semicolons)},
		{"UTF-16 BE sans BOM", encode(t, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), tabs)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := read(t, "inscriptions.csv", []byte(c.file))
			if len(s.Rows) != 1 || len(s.Warnings) != 0 {
				t.Fatalf("%d lignes, avertissements %q : attendu 1 ligne, aucun avertissement", len(s.Rows), s.Warnings)
			}
			sameRow(t, s.Rows[0], martin(2))
		})
	}
	truncated := encode(t, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), semicolons)
	want := "Fichier UTF-16 incomplet : il compte un nombre impair d'octets (envoi interrompu ?). Enregistrez-le en « CSV UTF-8 »."
	if got := refusal(t, "a.csv", []byte(truncated[:len(truncated)-1])); got != want {
		t.Errorf("UTF-16 tronqué : %q\nattendu %q", got, want)
	}
}
