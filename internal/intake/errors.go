package intake

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"certibloc/internal/certif"
)

// Limits of a registration file.
const (
	MaxBytes   = 5 << 20 // size of the file
	MaxRows    = 5000    // registrations (non-empty lines under the header)
	MaxColumns = 60      // columns holding anything
)

// maxCellChars is the most a cell of Excel holds: a longer one is not a table's.
const maxCellChars = 32767

// SheetName is the sheet of a workbook that holds the registrations; without
// it, the first sheet is read.
const SheetName = "Inscriptions"

// maxLines bounds the lines of a workbook: a line beyond it holding anything
// refuses the file, whatever the number of registrations above.
const maxLines = MaxRows + 1000

// msgUnreadable refuses a file that is neither a workbook nor a text file.
const msgUnreadable = "Fichier illisible : ce n'est ni un classeur Excel (.xlsx) ni un fichier CSV."

// msgSaveAs tells how to save a table certibloc reads.
const msgSaveAs = "Enregistrez le tableau au format Excel (.xlsx) ou « CSV UTF-8 »."

func errUnreadable() error { return certif.Errorf(certif.EBadRequest, msgUnreadable) }

// errNotATable refuses a file of another kind: "un document PDF", …
func errNotATable(kind string) error {
	return certif.Errorf(certif.EBadRequest, "Fichier illisible : c'est %s, pas un classeur Excel (.xlsx) ni un fichier CSV. %s", kind, msgSaveAs)
}

// errBinary refuses a file holding control characters.
func errBinary(line int) error {
	return errNotATable(fmt.Sprintf("un fichier binaire (caractères de contrôle à la ligne %d)", line))
}

// errMisnamed refuses a text file named as a workbook.
func errMisnamed(filename, ext string) error {
	return certif.Errorf(certif.EBadRequest, "Fichier illisible : « %s » porte l'extension %s mais c'est un fichier texte, pas un classeur. S'il s'agit d'un fichier CSV, renommez-le en .csv ; sinon, ouvrez-le dans Excel et enregistrez-le au format .xlsx.", filename, ext)
}

func errDamaged() error {
	return certif.Errorf(certif.EBadRequest, "Fichier illisible : le classeur est endommagé ou incomplet (envoi interrompu ?). Ouvrez-le dans Excel, enregistrez-le de nouveau au format .xlsx et déposez-le encore.")
}

func errUnzippedTooBig(size uint64) error {
	return certif.Errorf(certif.EInvalid, "Fichier trop volumineux une fois décompressé (%d Mo au plus) : ce classeur en occupe %s. Supprimez les images, feuilles et mises en forme inutiles, ou enregistrez le tableau en « CSV UTF-8 ».", maxUnzipped>>20, megabytes(size))
}

func errEncoding(line int) error {
	return certif.Errorf(certif.EBadRequest, "Encodage non reconnu : le fichier n'est ni en UTF-8 ni en Windows-1252 (ligne %d : octets invalides). Enregistrez-le en « CSV UTF-8 ».", line)
}

func errOddUTF16() error {
	return certif.Errorf(certif.EBadRequest, "Fichier UTF-16 incomplet : il compte un nombre impair d'octets (envoi interrompu ?). Enregistrez-le en « CSV UTF-8 ».")
}

func errCellTooLong(line, col, chars int) error {
	return certif.Errorf(certif.EInvalid, "Ligne %d, colonne %s : la cellule compte %s caractères, or Excel en permet au plus %s. Ce fichier n'est sans doute pas un tableau : vérifiez son contenu.", line, columnName(col), thousands(chars), thousands(maxCellChars))
}

func errOldExcel() error {
	return certif.Errorf(certif.EBadRequest, "Ancien format Excel (.xls) ou classeur protégé par un mot de passe : enregistrez le fichier au format .xlsx, sans mot de passe, ou en CSV.")
}

func errEmpty() error {
	return certif.Errorf(certif.EInvalid, "Le fichier est vide : la première ligne doit porter les titres des colonnes du modèle, puis une ligne par inscription.")
}

func errTooBig(size int) error {
	return certif.Errorf(certif.EInvalid, "Le fichier est trop volumineux (%s) : %d Mo au plus. Découpez-le en plusieurs fichiers.", megabytes(uint64(size)), MaxBytes>>20)
}

// megabytes writes a size the French way: 5452595 → "5,2 Mo".
func megabytes(size uint64) string {
	return strings.Replace(strconv.FormatFloat(float64(size)/(1<<20), 'f', 1, 64), ".", ",", 1) + " Mo"
}

func errTooManyRows() error {
	return certif.Errorf(certif.EInvalid, "Le fichier compte plus de %s inscriptions : %s au plus par fichier. Découpez-le en plusieurs fichiers.", thousands(MaxRows), thousands(MaxRows))
}

func errTooLong(line int) error {
	return certif.Errorf(certif.EInvalid, "Le tableau est trop long : la ligne %d n'est pas vide, or un fichier compte au plus %s inscriptions. Supprimez les lignes en trop sous le tableau ou découpez le fichier.", line, thousands(MaxRows))
}

func errTooWide(line, col int) error {
	return certif.Errorf(certif.EInvalid, "Le tableau est trop large : la colonne %s n'est pas vide (ligne %d), or un fichier compte au plus %d colonnes. Supprimez les colonnes en trop.", columnName(col), line, MaxColumns)
}

func errMissingColumns(missing []string) error {
	if len(missing) == 1 {
		return certif.Errorf(certif.EInvalid, "Colonne obligatoire absente : « %s ». La première ligne du tableau doit porter les titres des colonnes du modèle.", missing[0])
	}
	return certif.Errorf(certif.EInvalid, "Colonnes obligatoires absentes : « %s ». La première ligne du tableau doit porter les titres des colonnes du modèle.", strings.Join(missing, " », « "))
}

func errDuplicateColumn(label string, first, second int) error {
	return certif.Errorf(certif.EInvalid, "La colonne « %s » figure deux fois (colonnes %s et %s) : gardez-en une seule.", label, columnName(first), columnName(second))
}

func errFormula(line int, label string) error {
	return certif.Errorf(certif.EInvalid, "%s", CellError{Column: label, Message: "les formules ne sont pas acceptées, collez la valeur"}.Text(line))
}

func errBadCSV(line int) error {
	return certif.Errorf(certif.EInvalid, "Fichier CSV illisible à la ligne %d : un guillemet n'est pas refermé.", line)
}

// columnName is the spreadsheet name of a 0-based column index: 0 → A, 27 → AB.
func columnName(i int) string {
	name, err := excelize.ColumnNumberToName(i + 1)
	if err != nil {
		return fmt.Sprint(i + 1)
	}
	return name
}

// thousands writes a number the French way, with a non-breaking space
// between groups of three digits: 5000 → "5 000".
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "\u00a0" + s[i:]
	}
	return s
}
