package intake

import (
	"errors"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

const instructionsSheet = "Instructions"

// instructions are the paragraphs above the table of columns; a paragraph
// starting with "# " is a heading.
var instructions = []string{
	"# Modèle d'inscription des candidats aux CQP de la Sécurité sociale",
	"Remplissez la feuille « " + SheetName + " » : une ligne par candidat et par CQP, à partir de la ligne 2, sans modifier les titres de la ligne 1.",
	"L'ordre des colonnes est libre ; les colonnes ajoutées sont ignorées. Les titres sur fond orange sont ceux des colonnes obligatoires.",
	"Ne saisissez pas de formules : collez les valeurs (Collage spécial, Valeurs). Dates au format JJ/MM/AAAA.",
	fmt.Sprintf("Au plus %s inscriptions et %d Mo par fichier. Le même tableau peut aussi être déposé en CSV (séparateur point-virgule, virgule ou tabulation ; encodage UTF-8, Windows-1252 ou UTF-16).", thousands(MaxRows), MaxBytes>>20),
	"",
	"# Règles d'inscription",
	"Le parcours partiel est impossible pour un CQP mono-bloc (Contrôleur du recouvrement, Contrôleur allocataires…) : il se présente toujours en entier.",
	"Les blocs déjà validés ne sont jamais présentés de nouveau : le parcours complet présente tous les blocs restant à valider.",
	"L'inscription se fait au moins 3 mois avant la période de certification : pour la période de septembre 2026, au plus tard le 01/06/2026. S'inscrire plus tôt est toujours possible.",
	"La période imposée ne concerne que les contrats de professionnalisation, dont la période d'examen est obligatoire.",
	"Les aménagements ne se demandent que pour une personne en situation de handicap (colonne « Situation de handicap » à oui). Ce sont des données de santé : écrivez seulement le nécessaire ; seuls l'équipe des examens, le certificateur et votre organisme y ont accès.",
	"Un même candidat ne figure qu'une fois par CQP dans le fichier.",
	"",
	"# Les colonnes",
}

// writeGuide writes the instructions sheet of a workbook: the paragraphs (a
// paragraph starting with "# " is a heading), a table of the columns, and,
// when exampleSheet is not "", an example line to reproduce in that sheet.
func writeGuide(f *excelize.File, paragraphs []string, cols []column, exampleSheet string) error {
	const sh = instructionsSheet
	s := styler{f: f}
	heading := s.style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}})
	header := s.style(headerStyle(fillOptional))
	wrapped := s.style(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	if s.err != nil {
		return s.err
	}
	var errs []error
	set := func(cell string, v any, style int) {
		errs = append(errs, f.SetCellValue(sh, cell, v))
		if style != 0 {
			errs = append(errs, f.SetCellStyle(sh, cell, cell, style))
		}
	}
	row := 0
	for _, p := range paragraphs {
		row++
		if h, ok := strings.CutPrefix(p, "# "); ok {
			set(cellName(0, row), h, heading)
		} else if p != "" {
			set(cellName(0, row), p, 0)
		}
	}
	row++
	for i, h := range []string{"Colonne", "Obligatoire", "Format ou valeurs", "Contenu", "Exemple"} {
		set(cellName(i, row), h, header)
	}
	for _, c := range cols {
		row++
		for i, v := range []string{c.label, yesNoText(c.required), c.formatText(), c.help, c.example} {
			set(cellName(i, row), v, wrapped)
		}
	}
	if exampleSheet != "" {
		row += 2
		set(cellName(0, row), "Exemple de ligne remplie (à reproduire dans la feuille « "+exampleSheet+" », pas ici)", heading)
		for i, c := range cols {
			set(cellName(i, row+1), c.label, header)
			set(cellName(i, row+2), c.example, 0)
		}
	}
	for i, w := range []float64{34, 12, 26, 90, 24} {
		col := columnName(i)
		errs = append(errs, f.SetColWidth(sh, col, col, w))
	}
	return errors.Join(errs...)
}

// formatText describes the expected values of a column.
func (c column) formatText() string {
	switch c.kind {
	case kindDate:
		return "Date JJ/MM/AAAA"
	case kindChoice:
		return "Liste : " + strings.Join(c.choices, ", ")
	}
	return c.format
}

func yesNoText(b bool) string {
	if b {
		return "Oui"
	}
	return "Non"
}

// cellName names a cell from a 0-based column index and a row number.
func cellName(col, row int) string { return fmt.Sprintf("%s%d", columnName(col), row) }
