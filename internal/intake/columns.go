package intake

import (
	"fmt"
	"strings"
	"unicode"

	"certibloc/internal/certif"
)

// kind tells the template how to format a column.
type kind int

const (
	kindText   kind = iota // free text, kept as text by the spreadsheet
	kindDate               // a date, shown JJ/MM/AAAA
	kindChoice             // one value of a drop-down list
)

// column is one column of the registration file: its French header, what it
// fills in a Row, and how the template and its instructions present it.
type column struct {
	label    string
	aliases  []string // other headers accepted for this column
	required bool     // the file is refused without this column
	field    string   // the certif validation field the column fills
	kind     kind
	choices  []string // kindChoice: the values of the drop-down list
	format   string   // the expected format, in the instructions
	help     string   // what to write, in the instructions
	example  string   // a filled cell, in the instructions
	width    float64  // width of the column in the template
	set      setter
}

// columns lists the registration file's columns in the template's order.
var columns = []column{
	{label: "Nom de naissance", required: true, field: "birth_name", width: 22,
		set: text(func(r *Row) *string { return &r.Candidate.BirthName }), format: "Texte", example: "MARTIN",
		help: "Nom de famille à la naissance, tel qu'il figure sur la pièce d'identité : lettres (accents permis), espaces, traits d'union et apostrophes."},
	{label: "Nom d'usage", field: "usage_name", width: 18,
		set: text(func(r *Row) *string { return &r.Candidate.UsageName }), format: "Texte", example: "DURAND",
		help: "Nom d'usage (nom marital par exemple) s'il diffère du nom de naissance : le certificat imprime le nom d'usage, puis le nom de naissance entre parenthèses."},
	{label: "Prénom", aliases: []string{"Prénom 1", "Premier prénom"}, required: true, field: "first_names", width: 16,
		set: firstName(0), format: "Texte", example: "Élodie",
		help: "Premier prénom, tel qu'il figure sur la pièce d'identité."},
	{label: "Prénom 2", aliases: []string{"Deuxième prénom"}, field: "first_names", width: 14,
		set: firstName(1), format: "Texte", example: "Marie", help: "Deuxième prénom, s'il y a lieu."},
	{label: "Prénom 3", aliases: []string{"Troisième prénom"}, field: "first_names", width: 14,
		set: firstName(2), format: "Texte", help: "Troisième prénom, s'il y a lieu."},
	{label: "Sexe", required: true, field: "sex", kind: kindChoice, choices: []string{"F", "M"}, width: 8,
		set: choice(func(r *Row) *string { return &r.Candidate.Sex }, sexes, "sexe invalide (F ou M attendu)"), example: "F",
		help: "F ou M (« Féminin » et « Masculin » sont acceptés) : donnée exigée par la Caisse des Dépôts pour inscrire la certification sur le compte du titulaire."},
	{label: "Date de naissance", required: true, field: "birth_date", kind: kindDate, width: 14,
		set: date(func(r *Row) *certif.Date { return &r.Candidate.BirthDate }), example: "15/03/1990",
		help: fmt.Sprintf("Date de naissance du candidat (de %d à %d ans).", certif.MinCandidateAge, certif.MaxCandidateAge)},
	{label: "Code INSEE de la commune de naissance", aliases: []string{"Code INSEE", "Code INSEE commune de naissance", "Code INSEE de naissance"},
		field: "birth_insee", width: 16, set: insee, format: "5 caractères", example: "69123",
		help: "Code INSEE (et non code postal) de la commune de naissance, avec son zéro initial (01053), 2A ou 2B pour la Corse. Obligatoire pour une naissance en France ; sinon, remplissez le pays de naissance."},
	{label: "Pays de naissance", field: "birth_country", width: 16,
		set: text(func(r *Row) *string { return &r.Candidate.BirthCountry }), format: "Texte", example: "",
		help: "Seulement pour une naissance à l'étranger, à la place du code INSEE."},
	{label: "Courriel", aliases: []string{"Email", "E-mail", "Mail", "Adresse électronique"}, field: "email", width: 28,
		set: text(func(r *Row) *string { return &r.Candidate.Email }), format: "Adresse électronique", example: "elodie.martin@exemple.fr",
		help: "Adresse électronique du candidat, pour ses convocations et ses résultats."},
	{label: "Téléphone", field: "phone", width: 14, set: phone, format: "Texte", example: "06 12 34 56 78",
		help: "Numéro de téléphone du candidat."},
	{label: "CQP", required: true, field: "qualification", width: 8,
		set: upper(func(r *Row) *string { return &r.Request.Qualification }), format: "Code du CQP", example: "COS",
		help: "Code du CQP présenté : GC, COS, DAM, MOSS… (une ligne par candidat et par CQP)."},
	{label: "Parcours", required: true, field: "path", kind: kindChoice, choices: []string{"complet", "partiel"}, width: 11,
		set: choice(func(r *Row) *certif.Path { return &r.Request.Path }, paths, "parcours inconnu (complet ou partiel attendu)"), example: "partiel",
		help: "complet : tous les blocs restant à valider ; partiel : seulement les blocs indiqués dans la colonne « Blocs ». Le parcours partiel est impossible pour un CQP mono-bloc."},
	{label: "Blocs", field: "blocks", width: 10, set: blocks, format: "Numéros séparés par des points-virgules", example: "1;3",
		help: "Parcours partiel seulement : les numéros des blocs présentés (ex. 1;3). En parcours complet, laissez vide. Un bloc déjà validé n'est jamais présenté de nouveau."},
	{label: "Certifiable à partir du", required: true, field: "certifiable_from", kind: kindDate, width: 14,
		set: date(func(r *Row) *certif.Date { return &r.Request.CertifiableFrom }), example: "15/05/2026",
		help: "Date de fin de la formation du ou des blocs présentés : la période de certification est le mois de cette date, ou le mois d'examen suivant (pas d'examen en août)."},
	{label: "Contrat", required: true, field: "contract", kind: kindChoice, choices: []string{"CDI", "CDD", "Contrat de professionnalisation"}, width: 18,
		set: choice(func(r *Row) *certif.Contract { return &r.Request.Contract }, contracts, "contrat inconnu (CDI, CDD ou Contrat de professionnalisation attendu)"), example: "CDI",
		help: "Contrat de travail du candidat."},
	{label: "Période imposée", field: "exam_period", width: 12, set: month, format: "AAAA-MM ou MM/AAAA", example: "",
		help: "Contrat de professionnalisation seulement : le mois d'examen imposé par le contrat (ex. 2026-09). Laissez vide sinon."},
	{label: "Redoublant", field: "repeating", kind: kindChoice, choices: []string{"oui", "non"}, width: 11,
		set: yesNo(func(r *Row) *bool { return &r.Request.Repeating }), example: "non",
		help: "oui si le candidat se présente de nouveau après un bloc non validé ; vide vaut non."},
	{label: "Spécialité", aliases: []string{"Filière"}, field: "specialty", width: 18,
		set: text(func(r *Row) *string { return &r.Request.Specialty }), format: "Texte (200 caractères au plus)", example: "Famille",
		help: "Spécialité ou filière de branche du candidat."},
	{label: "Situation de handicap", aliases: []string{"Handicap"}, field: "disability", kind: kindChoice, choices: []string{"oui", "non"}, width: 12,
		set: yesNo(func(r *Row) *bool { return &r.Request.Disability }), example: "non",
		help: "oui pour une personne en situation de handicap qui demande des aménagements ; vide vaut non. Donnée de santé."},
	{label: "Aménagements demandés", aliases: []string{"Aménagements"}, field: "adjustments", width: 30,
		set: note(func(r *Row) *string { return &r.Request.Adjustments }), format: "Texte", example: "",
		help: "Seulement en situation de handicap : salle accessible, épreuves adaptées, temps majoré, secrétaire… Donnée de santé."},
}

// ColumnForField names the column of the registration file that fills a
// certif validation field ("birth_date" → "Date de naissance"), "" if none, so
// that the caller can report the errors of Candidate.Validate and
// PlanRegistration cell by cell.
func ColumnForField(field string) string { return registrationLayout.columnFor(field) }

// columnFor names the column of the layout that fills a validation field.
func (l *layout) columnFor(field string) string {
	for _, c := range l.columns {
		if c.field == field {
			return c.label
		}
	}
	return ""
}

// layout is one kind of file: its columns, and the sheet of a workbook that
// holds them.
type layout struct {
	sheet    string
	columns  []column
	byHeader map[string]*column // the column each folded header names
}

func newLayout(sheet string, cols []column) *layout {
	l := &layout{sheet: sheet, columns: cols, byHeader: map[string]*column{}}
	for i := range cols {
		c := &cols[i]
		for _, h := range append([]string{c.label}, c.aliases...) {
			l.byHeader[fold(h)] = c
		}
	}
	return l
}

// registrationLayout is the layout of the employers' registration files.
var registrationLayout = newLayout(SheetName, columns)

// lookup returns the column a header cell names, nil if none; a remark in
// brackets is ignored: "Sexe (F ou M)", "Prénom(s)".
func (l *layout) lookup(header string) *column {
	if c, ok := l.byHeader[fold(header)]; ok {
		return c
	}
	if before, _, ok := strings.Cut(header, "("); ok {
		return l.byHeader[fold(before)]
	}
	return nil
}

// fold reduces a header or a listed value to its letters and digits, lower
// case and without accents: "Prénom 1" → "prenom1", "Nom d’usage *" → "nomdusage".
func fold(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, certif.SearchKey(s))
}

// labels lists the headers of the registration template.
func labels() []string { return registrationLayout.labels() }

// labels lists the headers of the layout's columns, in order.
func (l *layout) labels() []string {
	out := make([]string, len(l.columns))
	for i, c := range l.columns {
		out[i] = c.label
	}
	return out
}
