package intake

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// msgDamaged refuses a damaged workbook.
const msgDamaged = "Fichier illisible : le classeur est endommagé ou incomplet (envoi interrompu ?). Ouvrez-le dans Excel, enregistrez-le de nouveau au format .xlsx et déposez-le encore."

// required are the headers of a minimal file.
var required = []any{"Nom de naissance", "Prénom", "Sexe", "Date de naissance", "CQP", "Parcours", "Certifiable à partir du", "Contrat"}

func minimalLine(i int) []any {
	return []any{fmt.Sprintf("NOM%c", 'A'+i%26), "Élodie", "F", "15/03/1990", "COS", "complet", "15/05/2026", "CDI"}
}

// streamed writes a workbook with the stream writer, which does not hold a
// row per line in memory: lines maps a row number to its cells.
func streamed(t testing.TB, rows int, line func(row int) []any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	must(t, err)
	for row := 1; row <= rows; row++ {
		if cells := line(row); cells != nil {
			must(t, sw.SetRow(cellName(0, row), cells))
		}
	}
	must(t, sw.Flush())
	buf, err := f.WriteToBuffer()
	must(t, err)
	return buf.Bytes()
}

func TestRefusals(t *testing.T) {
	t.Parallel()
	template, err := RegistrationTemplateXLSX()
	if err != nil {
		t.Fatal(err)
	}
	manyCSV := func(n int) []byte {
		var b strings.Builder
		b.WriteString("Nom de naissance;Prénom;Sexe;Date de naissance;CQP;Parcours;Certifiable à partir du;Contrat\r\n")
		for i := range n {
			fmt.Fprintf(&b, "NOM%c;Élodie;F;15/03/1990;COS;complet;15/05/2026;CDI\r\n", 'A'+i%26)
		}
		return []byte(b.String())
	}
	manyXLSX := func(n int) []byte {
		return streamed(t, n+1, func(row int) []any {
			if row == 1 {
				return required
			}
			return minimalLine(row)
		})
	}
	formula := workbook(t, "Inscriptions", func(f *excelize.File) {
		setRow(t, f, "Inscriptions", 1, required)
		setRow(t, f, "Inscriptions", 2, minimalLine(0))
		setRow(t, f, "Inscriptions", 3, minimalLine(1))
		must(t, f.SetCellFormula("Inscriptions", "D3", "DATE(1990,3,15)"))
	})
	huge := hugeWorkbook(t)
	wide := workbook(t, "Inscriptions", func(f *excelize.File) {
		setRow(t, f, "Inscriptions", 1, required)
		setRow(t, f, "Inscriptions", 2, minimalLine(0))
		must(t, f.SetCellValue("Inscriptions", "BJ2", "note"))
	})
	missing := csvFile(";", []string{"Nom de naissance", "Prénom", "Sexe", "CQP", "Parcours", "Certifiable à partir du", "Contrat"}, []string{"MARTIN", "Élodie", "F", "COS", "complet", "15/05/2026", "CDI"})
	missingTwo := csvFile(",", []string{"Nom", "Prénom", "Sexe", "Date de naissance", "CQP", "Parcours", "Certifiable à partir du"})
	twice := csvFile(";", []string{"Nom de naissance", "Prénom", "Sexe", "Date de naissance", "CQP", "Parcours", "Certifiable à partir du", "Contrat", "Prénom 1"})
	nbsp := "\u00a0"
	bomb := func() []byte { // 5 MiB at most once zipped, 70 MiB unzipped
		var b bytes.Buffer
		z := zip.NewWriter(&b)
		w, err := z.Create("xl/worksheets/sheet1.xml")
		must(t, err)
		_, err = w.Write(make([]byte, 70<<20))
		must(t, err, z.Close())
		return b.Bytes()
	}()
	cases := []struct {
		name, filename string
		data           []byte
		want           string
	}{
		{"fichier vide", "a.csv", nil, "Le fichier est vide : la première ligne doit porter les titres des colonnes du modèle, puis une ligne par inscription."},
		{"BOM et lignes vides", "a.csv", []byte("\uFEFF\r\n;;;\r\n"), "Le fichier est vide : la première ligne doit porter les titres des colonnes du modèle, puis une ligne par inscription."},
		{"classeur sans rien", "a.xlsx", workbook(t, "Inscriptions", func(*excelize.File) {}), "Le fichier est vide : la première ligne doit porter les titres des colonnes du modèle, puis une ligne par inscription."},
		{"pas un zip mais nommé .xlsx", "inscriptions.xlsx", []byte("Nom;Prénom\r\nMARTIN;Élodie\r\n"), "Fichier illisible : « inscriptions.xlsx » porte l'extension .xlsx mais c'est un fichier texte, pas un classeur. S'il s'agit d'un fichier CSV, renommez-le en .csv ; sinon, ouvrez-le dans Excel et enregistrez-le au format .xlsx."},
		{"zip tronqué", "inscriptions.xlsx", template[:len(template)/2], msgDamaged},
		{"zip tronqué nommé .csv", "inscriptions.csv", template[:len(template)/2], msgDamaged},
		{"archive qui se décompresse en 70 Mo", "a.xlsx", bomb, "Fichier trop volumineux une fois décompressé (64 Mo au plus) : ce classeur en occupe 70,0 Mo. Supprimez les images, feuilles et mises en forme inutiles, ou enregistrez le tableau en « CSV UTF-8 »."},
		{"binaire", "inscriptions.csv", []byte("%PDF-1.4\x00\x01\x02"), "Fichier illisible : c'est un document PDF, pas un classeur Excel (.xlsx) ni un fichier CSV. Enregistrez le tableau au format Excel (.xlsx) ou « CSV UTF-8 »."},
		{"ancien Excel", "inscriptions.xls", append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), make([]byte, 512)...), "Ancien format Excel (.xls) ou classeur protégé par un mot de passe : enregistrez le fichier au format .xlsx, sans mot de passe, ou en CSV."},
		{"trop volumineux", "a.csv", bytes.Repeat([]byte("a;b;c\r\n"), (MaxBytes+4096)/7), "Le fichier est trop volumineux (5,0 Mo) : 5 Mo au plus. Découpez-le en plusieurs fichiers."},
		{"colonne obligatoire absente", "a.csv", []byte(missing), "Colonne obligatoire absente : « Date de naissance ». La première ligne du tableau doit porter les titres des colonnes du modèle."},
		{"colonnes obligatoires absentes", "a.csv", []byte(missingTwo), "Colonnes obligatoires absentes : « Nom de naissance », « Contrat ». La première ligne du tableau doit porter les titres des colonnes du modèle."},
		{"colonne en double", "a.csv", []byte(twice), "La colonne « Prénom » figure deux fois (colonnes B et I) : gardez-en une seule."},
		{"formule", "a.xlsx", formula, "Ligne 3, colonne « Date de naissance » : les formules ne sont pas acceptées, collez la valeur."},
		{"5 001 lignes en CSV", "a.csv", manyCSV(MaxRows + 1), "Le fichier compte plus de 5" + nbsp + "000 inscriptions : 5" + nbsp + "000 au plus par fichier. Découpez-le en plusieurs fichiers."},
		{"5 001 lignes en XLSX", "a.xlsx", manyXLSX(MaxRows + 1), "Le fichier compte plus de 5" + nbsp + "000 inscriptions : 5" + nbsp + "000 au plus par fichier. Découpez-le en plusieurs fichiers."},
		{"cellule à la ligne 1 000 000", "a.xlsx", huge, "Le tableau est trop long : la ligne 1000000 n'est pas vide, or un fichier compte au plus 5" + nbsp + "000 inscriptions. Supprimez les lignes en trop sous le tableau ou découpez le fichier."},
		{"cellule à la colonne BJ", "a.xlsx", wide, "Le tableau est trop large : la colonne BJ n'est pas vide (ligne 2), or un fichier compte au plus 60 colonnes. Supprimez les colonnes en trop."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := refusal(t, c.filename, c.data); got != c.want {
				t.Errorf("message %q\nattendu %q", got, c.want)
			}
		})
	}
}

// hugeWorkbook has a header, a line, and a cell forgotten at row 1,000,000.
func hugeWorkbook(t testing.TB) []byte {
	return streamed(t, 1_000_000, func(row int) []any {
		switch row {
		case 1:
			return required
		case 2:
			return minimalLine(0)
		case 1_000_000:
			return []any{"oublié"}
		}
		return nil
	})
}

func TestAHugeWorkbookIsRefusedWithoutReadingItsEmptyRows(t *testing.T) {
	// Not parallel: AllocsPerRun counts the whole process's allocations, and
	// the time limit wants the machine to itself.
	data := hugeWorkbook(t)
	start := time.Now()
	allocs := testing.AllocsPerRun(1, func() {
		if _, err := ReadRegistrations("a.xlsx", data); err == nil {
			t.Error("classeur accepté")
		}
	})
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("refus en %v : trop lent", d)
	}
	if allocs > 50_000 {
		t.Errorf("%v allocations pour refuser le classeur : les lignes vides sont lues une à une", allocs)
	}
}

func TestTheLimitsThemselvesAreAccepted(t *testing.T) {
	t.Parallel()
	cases := map[string][]byte{
		"a.xlsx": streamed(t, MaxRows+1, func(row int) []any {
			if row == 1 {
				return required
			}
			return minimalLine(row)
		}),
		"b.xlsx": workbook(t, "Inscriptions", func(f *excelize.File) {
			setRow(t, f, "Inscriptions", 1, required)
			setRow(t, f, "Inscriptions", 2, minimalLine(0))
			must(t, f.SetCellValue("Inscriptions", "BH2", "note"), f.SetCellValue("Inscriptions", "A6000", "note"))
		}),
	}
	for name, data := range cases {
		s := read(t, name, data)
		if len(s.Rows) < 2 {
			t.Errorf("%s : %d lignes lues", name, len(s.Rows))
		}
	}
}
