package intake

import (
	"fmt"

	"certibloc/internal/certif"
)

// CensusSheetName is the sheet of a census workbook that holds the trainees;
// without it, the first sheet is read.
const CensusSheetName = "Recensement"

// censusLayout is the training-deployment file from which the exam office
// takes the census of the Maladie branch (R4): one line per trainee and per
// CQP path, for every employer at once. The identity columns are those of the
// registration file; the employer and the dates of the training path are its
// own, the path's end giving the "certifiable à partir du" date.
var censusLayout = newLayout(CensusSheetName, []column{
	{label: "Code employeur", aliases: []string{"Employeur", "Code organisme", "Organisme", "Code de l'employeur"}, required: true, field: "employer", width: 12,
		set: upper(func(r *Row) *string { return &r.Candidate.EmployerCode }), format: "Code de l'organisme dans certibloc", example: "CPAM33",
		help: "Code de l'organisme employeur du stagiaire, tel que la liste des employeurs de certibloc le donne."},
	registrationColumn("Nom de naissance"),
	registrationColumn("Nom d'usage"),
	registrationColumn("Prénom"),
	registrationColumn("Prénom 2"),
	registrationColumn("Prénom 3"),
	registrationColumn("Sexe"),
	registrationColumn("Date de naissance"),
	registrationColumn("Code INSEE de la commune de naissance"),
	registrationColumn("Pays de naissance"),
	registrationColumn("Courriel"),
	withHelp(registrationColumn("CQP"), "Code du CQP de la branche Maladie (DAM) ou du programme suivi par le stagiaire (GCAM, CSAM, STARTECH, SMPRO, DNS) : un programme mène au CQP dont l'équipe des examens a confirmé la correspondance dans le référentiel.", "DAM"),
	{label: "Début du parcours", aliases: []string{"Date de début", "Début de formation", "Date de début du parcours"}, required: true, field: "path_start", kind: kindDate, width: 14,
		set: date(func(r *Row) *certif.Date { return &r.PathStart }), example: "05/01/2026",
		help: "Date de démarrage du parcours de formation (complet ou partiel)."},
	{label: "Fin du parcours", aliases: []string{"Date de fin", "Fin de formation", "Date de fin du parcours"}, required: true, field: "certifiable_from", kind: kindDate, width: 14,
		set: date(func(r *Row) *certif.Date { return &r.Request.CertifiableFrom }), example: "30/10/2026",
		help: "Date de fin du parcours : elle devient la date « certifiable à partir du » de la pré-inscription, et donne la période de certification."},
	withHelp(registrationColumn("Blocs"), "Parcours partiel : les numéros des blocs suivis (ex. 1;3). Vide : tous les blocs restant à valider (parcours complet).", "1;3"),
	optional(withHelp(registrationColumn("Contrat"), "Contrat du stagiaire s'il est connu ; vide, l'employeur le précise en confirmant (CDI par défaut).", "CDI")),
})

// registrationColumn returns a copy of a column of the registration file.
func registrationColumn(label string) column {
	for _, c := range columns {
		if c.label == label {
			return c
		}
	}
	panic(fmt.Sprintf("intake : colonne %q inconnue", label))
}

func withHelp(c column, help, example string) column {
	c.help, c.example = help, example
	return c
}

func optional(c column) column {
	c.required = false
	return c
}

// ReadCensus reads a training-deployment file of the Maladie branch (R4), in
// XLSX or CSV, with the limits and the French refusals of ReadRegistrations.
// Each Row carries the trainee (Candidate, with its EmployerCode), the CQP,
// the blocks (Request.Blocks, empty for a complete path), the path's start
// (PathStart) and end (Request.CertifiableFrom); the rules are the caller's.
func ReadCensus(filename string, data []byte) (*Sheet, error) {
	return readFile(filename, data, censusLayout)
}

// CensusColumnForField names the census column that fills a validation field
// ("certifiable_from" → "Fin du parcours"), "" if none.
func CensusColumnForField(field string) string { return censusLayout.columnFor(field) }

// ColumnHelp describes a column of a file for the people who fill it.
type ColumnHelp struct {
	Label    string
	Required bool
	Format   string
	Help     string
	Example  string
}

// CensusColumns describes the columns of the census file, in order.
func CensusColumns() []ColumnHelp {
	out := make([]ColumnHelp, len(censusLayout.columns))
	for i, c := range censusLayout.columns {
		out[i] = ColumnHelp{Label: c.label, Required: c.required, Format: c.formatText(), Help: c.help, Example: c.example}
	}
	return out
}

// censusInstructions head the instructions sheet of the census template.
var censusInstructions = []string{
	"# Recensement des parcours de formation de la branche Maladie",
	"Remplissez la feuille « " + CensusSheetName + " » : une ligne par stagiaire et par parcours de CQP, pour tous les employeurs à la fois, à partir de la ligne 2, sans modifier les titres de la ligne 1.",
	"L'ordre des colonnes est libre ; les colonnes ajoutées sont ignorées. Les titres sur fond orange sont ceux des colonnes obligatoires.",
	"Ne saisissez pas de formules : collez les valeurs (Collage spécial, Valeurs). Dates au format JJ/MM/AAAA.",
	fmt.Sprintf("Au plus %s lignes et %d Mo par fichier. Le même tableau peut aussi être déposé en CSV (séparateur point-virgule, virgule ou tabulation ; encodage UTF-8, Windows-1252 ou UTF-16).", thousands(MaxRows), MaxBytes>>20),
	"",
	"# Ce que fait l'import",
	"Chaque stagiaire est rapproché des candidats de son employeur (nom de naissance, prénom, date de naissance) ou créé, puis pré-inscrit « à confirmer par l'employeur » pour les blocs qu'il n'a ni validés ni déjà inscrits. La fin du parcours donne la date « certifiable à partir du ».",
	"Chaque employeur concerné reçoit un courriel : il confirme, corrige ou écarte ses pré-inscriptions dans son espace. Tant qu'il n'a pas confirmé, il n'y a pas d'inscription, donc pas d'examen.",
	"Le fichier est importé en entier ou pas du tout ; le même fichier importé deux fois ne crée rien de plus.",
	"",
	"# Les colonnes",
}

// CensusTemplateCSV returns the header line of the census file, as French
// Excel reads it (UTF-8 with BOM, ";").
func CensusTemplateCSV() []byte { return WriteCSV(censusLayout.labels(), nil) }
