package intake

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
)

// zipOf writes a zip archive of the named entries.
func zipOf(t *testing.T, entries map[string]string) []byte {
	t.Helper()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	for name, content := range entries {
		w, err := z.Create(name)
		must(t, err)
		_, err = w.Write([]byte(content))
		must(t, err)
	}
	must(t, z.Close())
	return b.Bytes()
}

func TestHostileFilesSayWhatIsWrong(t *testing.T) {
	t.Parallel()
	const saveAs = " Enregistrez le tableau au format Excel (.xlsx) ou « CSV UTF-8 »."
	notATable := func(kind string) string {
		return "Fichier illisible : c'est " + kind + ", pas un classeur Excel (.xlsx) ni un fichier CSV." + saveAs
	}
	nbsp := "\u00a0"
	cases := []struct {
		name, filename string
		data           []byte
		want           string
	}{
		{"PDF nommé .csv", "inscriptions.csv", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), notATable("un document PDF")},
		{"PDF nommé .xlsx", "inscriptions.xlsx", []byte("%PDF-1.7\n1 0 obj"), notATable("un document PDF")},
		{"image PNG nommée .csv", "inscriptions.csv", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), notATable("une image PNG")},
		{"page web enregistrée en .xls", "inscriptions.xls", []byte("\uFEFF<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><body><table>"), notATable("une page web (HTML)")},
		{"exécutable nommé .csv", "inscriptions.csv", []byte("Nom;Prénom\r\nMZ\x90\x00\x03"), notATable("un fichier binaire (caractères de contrôle à la ligne 2)")},
		{"binaire nommé .xlsx", "inscriptions.xlsx", []byte("\x7fELF\x02\x01\x01"), notATable("un fichier binaire (caractères de contrôle à la ligne 1)")},
		{"zip qui n'est pas un classeur", "inscriptions.xlsx", zipOf(t, map[string]string{"notes.txt": "bonjour"}), notATable("une archive zip")},
		{"document Word", "inscriptions.xlsx", zipOf(t, map[string]string{"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}), notATable("un document Word (.docx)")},
		{"classeur OpenDocument", "inscriptions.ods", zipOf(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<office:document-content/>"}), notATable("un classeur OpenDocument (.ods)")},
		{"une seule ligne immense", "inscriptions.csv", bytes.Repeat([]byte("x"), 40_000), "Ligne 1, colonne A : la cellule compte 40" + nbsp + "000 caractères, or Excel en permet au plus 32" + nbsp + "767. Ce fichier n'est sans doute pas un tableau : vérifiez son contenu."},
		{"cellule immense sous les titres", "inscriptions.csv", []byte(csvFile(";", csvHeaders) + strings.Repeat(";", 4) + strings.Repeat("é", 33_000)), "Ligne 2, colonne E : la cellule compte 33" + nbsp + "000 caractères, or Excel en permet au plus 32" + nbsp + "767. Ce fichier n'est sans doute pas un tableau : vérifiez son contenu."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := refusal(t, c.filename, c.data); got != c.want {
				t.Errorf("message %q\nattendu %q", got, c.want)
			}
		})
	}
}
