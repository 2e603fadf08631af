package intake

import (
	"errors"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"certibloc/internal/certif"
)

// CollectionTable is the collection table of one employer for one campaign,
// as the exam office sends it (R5, R18).
type CollectionTable struct {
	Campaign     certif.Month
	ExamMonths   []certif.Month
	Deadline     certif.Date
	EmployerCode string
	EmployerName string
	Specialties  []string // offered in the drop-down of the specialty column
	Sites        []string // names of the employer's sites, offered in the site column
	Lines        []CollectionLine
}

// CollectionLine is a registration in the table: what the platform fills in
// (locked), and the prefilled values of what the employer fills in.
type CollectionLine struct {
	RegistrationID  int64
	Identity        string // as certificates print it (R16)
	Qualification   string
	Remaining       []int // blocks remaining to validate (R3)
	Registered      []int // blocks registered for the campaign's exam months
	CertifiableFrom certif.Date
	Periods         string // "juin 2026", or "bloc 1 : juin 2026 ; bloc 3 : juillet 2026"
	Specialty       string
	Site            string
	ReceptionHours  string
	PhoneHours      string
}

// listsSheet holds the values of the drop-down lists; it is hidden.
const listsSheet = "Listes"

// Colours of the collection table.
const (
	fillPrefilled = "F2F2F2" // light grey: written by the platform, locked
	fillToFill    = "FFF2CC" // light yellow: to fill in
)

// CollectionTableXLSX writes the collection table of an employer: a sheet
// "Recueil" with one line per registration, the prefilled columns locked and
// grey (the sheet is protected without a password), the columns to fill
// unlocked, with drop-down lists of specialties and sites; a sheet
// "Instructions" in French; a hidden sheet holding the lists.
func CollectionTableXLSX(t CollectionTable) ([]byte, error) {
	f, err := newWorkbook(CollectionSheetName)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	for _, name := range []string{instructionsSheet, listsSheet} {
		if _, err := f.NewSheet(name); err != nil {
			return nil, err
		}
	}
	err = errors.Join(writeCollectionSheet(f, &t), writeLists(f, t), writeGuide(f, collectionGuide(t), collectionLayout.columns, ""),
		f.SetSheetVisible(listsSheet, false))
	if err != nil {
		return nil, err
	}
	f.SetActiveSheet(0)
	return workbookBytes(f)
}

// writeCollectionSheet writes the lines, styles and protects the sheet.
func writeCollectionSheet(f *excelize.File, t *CollectionTable) error {
	const sh = CollectionSheetName
	s := styler{f: f}
	header := s.style(headerStyle(fillPrefilled))
	toFillHeader := s.style(headerStyle(fillToFill))
	prefilled := s.style(&excelize.Style{NumFmt: 49, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fillPrefilled}},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	toFill := s.style(&excelize.Style{NumFmt: 49, Protection: &excelize.Protection{Locked: false},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	if s.err != nil {
		return s.err
	}
	labels := collectionLayout.labels()
	errs := []error{f.SetSheetRow(sh, "A1", &labels), f.SetRowHeight(sh, 1, 45), f.SetPanes(sh, frozenHeader())}
	last := len(t.Lines) + 1
	for i, l := range t.Lines {
		values := make([]any, len(collectionColumns))
		for j, c := range collectionColumns {
			values[j] = c.value(t, l)
		}
		errs = append(errs, f.SetSheetRow(sh, cellName(0, i+2), &values))
	}
	for i, c := range collectionColumns {
		col := columnName(i)
		style, head := toFill, toFillHeader
		if c.prefilled {
			style, head = prefilled, header
		}
		errs = append(errs, f.SetColWidth(sh, col, col, c.width), f.SetCellStyle(sh, col+"1", col+"1", head))
		if last > 1 {
			errs = append(errs, f.SetCellStyle(sh, col+"2", fmt.Sprintf("%s%d", col, last), style))
		}
		if c.list != 0 && last > 1 && len(listOf(*t, c.list)) > 0 {
			errs = append(errs, addListDropDown(f, col, last, c.list, len(listOf(*t, c.list))))
		}
	}
	errs = append(errs, f.ProtectSheet(sh, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true,
		FormatColumns: true, FormatRows: true, AutoFilter: true, Sort: true}))
	return errors.Join(errs...)
}

// listOf returns the values of a list of the "Listes" sheet.
func listOf(t CollectionTable, list int) []string {
	if list == 1 {
		return t.Specialties
	}
	return t.Sites
}

// writeLists writes the drop-down values on the hidden sheet, one list per column.
func writeLists(f *excelize.File, t CollectionTable) error {
	var errs []error
	for i, title := range []string{"Spécialités", "Sites"} {
		list := i + 1
		values := append([]string{title}, listOf(t, list)...)
		for i, v := range values {
			errs = append(errs, f.SetCellStr(listsSheet, cellName(list-1, i+1), v))
		}
	}
	errs = append(errs, f.ProtectSheet(listsSheet, &excelize.SheetProtectionOptions{}))
	return errors.Join(errs...)
}

// addListDropDown offers a list of the "Listes" sheet in the data cells of a
// column; other values stay possible (information style), since a specialty
// or a site may be new.
func addListDropDown(f *excelize.File, col string, last, list, n int) error {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("%s2:%s%d", col, col, last)
	listCol := columnName(list - 1)
	dv.SetSqrefDropList(fmt.Sprintf("%s!$%s$2:$%s$%d", listsSheet, listCol, listCol, n+1))
	dv.SetError(excelize.DataValidationErrorStyleInformation, "Valeur hors liste", "Cette valeur n'est pas dans la liste : vérifiez-la avant de retourner le tableau.")
	return f.AddDataValidation(CollectionSheetName, dv)
}

// collectionGuide is the instructions sheet's text for one table.
func collectionGuide(t CollectionTable) []string {
	months := make([]string, len(t.ExamMonths))
	for i, m := range t.ExamMonths {
		months[i] = m.French()
	}
	return []string{
		fmt.Sprintf("# Tableau de recueil – %s (%s) – campagne %s", t.EmployerName, t.EmployerCode, certif.OfMonth(t.Campaign)),
		fmt.Sprintf("Examens %s. À retourner au plus tard le %s, en le déposant dans votre espace sur la plateforme (page « Recueil »).", certif.De(strings.Join(months, ", ")), t.Deadline.French()),
		"Sans retour dans les délais, les jurys professionnels ne pourront pas être organisés pour vos candidats de cette campagne.",
		"",
		"# Comment remplir",
		"La feuille « " + CollectionSheetName + " » compte une ligne par candidat et par inscription aux CQP GC et COS pour les mois de la campagne. Les colonnes grises sont pré-remplies par la plateforme et verrouillées ; remplissez ou corrigez les colonnes jaunes.",
		"Les candidats redoublants ne figurent pas dans le tableau : l'équipe des examens les prend en charge directement.",
		"Pour ajouter un candidat, inscrivez-le sur la plateforme (au moins 3 mois avant la période de certification), puis téléchargez de nouveau le tableau. Pour retirer un candidat, supprimez son inscription sur la plateforme.",
		"Ne saisissez pas de formules : collez les valeurs. Le fichier peut être enregistré avec Excel ou LibreOffice, au format .xlsx.",
		"Si vous ne présentez personne dans cette campagne, déclarez « néant » sur la page de la campagne plutôt que de retourner un tableau vide.",
		"",
		"# Les colonnes",
	}
}
