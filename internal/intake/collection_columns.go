package intake

import (
	"math"
	"strconv"
	"strings"

	"certibloc/internal/certif"
)

// CollectionSheetName is the sheet of a collection table that holds the
// registrations; without it, the first sheet is read.
const CollectionSheetName = "Recueil"

// CollectionRow is what a line of a returned collection table holds (R5,
// R18): the campaign it belongs to, and the registration it answers with what
// the employer filled in.
type CollectionRow struct {
	Campaign certif.Month
	Entry    certif.CollectionEntry
}

// collectionColumn is a column of the collection table: prefilled columns are
// written by the platform and locked; the others are filled by the employer.
type collectionColumn struct {
	column
	prefilled bool
	list      int // 1-based column of the "Listes" sheet offered as a drop-down, 0 if none
	value     func(t *CollectionTable, l CollectionLine) any
}

// ignored reads nothing: the prefilled columns the platform does not read back.
func ignored(parser, *Row, string) string { return "" }

// collectionColumns lists the columns of the collection table, in order.
var collectionColumns = []collectionColumn{
	{column: column{label: "Campagne", required: true, field: "campaign", width: 10, set: monthIn(func(r *Row) *certif.Month { return &r.Collection.Campaign }),
		format: "AAAA-MM", example: "2026-06", help: "Pré-rempli : la campagne de recueil, nommée par son premier mois d'examen. Ne pas modifier."},
		prefilled: true, value: func(t *CollectionTable, _ CollectionLine) any { return t.Campaign.String() }},
	{column: column{label: "N° inscription", aliases: []string{"Numéro d'inscription", "Inscription"}, required: true, field: "registration_id", width: 11,
		set: registrationID, format: "Nombre", example: "1042", help: "Pré-rempli : le numéro de l'inscription sur la plateforme. Ne pas modifier : c'est lui qui relie la ligne à l'inscription."},
		prefilled: true, value: func(_ *CollectionTable, l CollectionLine) any { return l.RegistrationID }},
	{column: column{label: "Candidat", aliases: []string{"Identité", "Nom et prénom"}, width: 34, set: ignored, format: "Texte", example: "MARTIN (DURAND) Élodie, née le 15/03/1990",
		help: "Pré-rempli : l'identité telle que les certificats l'imprimeront (nom d'usage, nom de naissance entre parenthèses, prénom, date de naissance). Une erreur se corrige dans le dossier du candidat sur la plateforme."},
		prefilled: true, value: func(_ *CollectionTable, l CollectionLine) any { return l.Identity }},
	{column: column{label: "CQP", width: 7, set: ignored, format: "Code du CQP", example: "COS", help: "Pré-rempli : le CQP présenté (GC ou COS)."},
		prefilled: true, value: func(_ *CollectionTable, l CollectionLine) any { return l.Qualification }},
	{column: column{label: "Blocs restant à valider", width: 12, set: ignored, format: "Numéros", example: "1;3;4", help: "Pré-rempli : les blocs que le candidat n'a pas encore validés."},
		prefilled: true, value: func(_ *CollectionTable, l CollectionLine) any { return blockCell(l.Remaining) }},
	{column: column{label: "Blocs inscrits", width: 10, set: ignored, format: "Numéros", example: "1;3", help: "Pré-rempli : les blocs inscrits sur la plateforme pour les mois d'examen de la campagne."},
		prefilled: true, value: func(_ *CollectionTable, l CollectionLine) any { return blockCell(l.Registered) }},
	{column: column{label: "Certifiable à partir du", width: 13, set: ignored, format: "Date JJ/MM/AAAA", example: "15/05/2026", help: "Pré-rempli : la date de l'inscription."},
		prefilled: true, value: func(_ *CollectionTable, l CollectionLine) any { return l.CertifiableFrom.French() }},
	{column: column{label: "Période de certification", width: 20, set: ignored, format: "Mois", example: "juin 2026", help: "Pré-rempli : le mois où chaque bloc sera évalué."},
		prefilled: true, value: func(_ *CollectionTable, l CollectionLine) any { return l.Periods }},
	{column: column{label: "Blocs à évaluer", required: true, field: "blocks", width: 11, set: blocksInto(func(r *Row) *[]int { return &r.Collection.Entry.Blocks }),
		format: "Numéros séparés par des points-virgules", example: "1;3",
		help: "À remplir : les blocs que le candidat présentera, parmi les blocs inscrits (pré-rempli avec eux). Un bloc inscrit que vous retirez ici est retiré de l'inscription ; un bloc non inscrit doit d'abord être inscrit sur la plateforme."},
		value: func(_ *CollectionTable, l CollectionLine) any { return blockCell(l.Registered) }},
	{column: column{label: "Spécialité (filière)", aliases: []string{"Spécialité", "Filière"}, field: "specialty", width: 20, set: text(func(r *Row) *string { return &r.Collection.Entry.Specialty }),
		format: "Liste ou texte (200 caractères au plus)", example: "Famille", help: "À remplir : la spécialité de branche (filière) du candidat. Vide : celle de l'inscription est gardée."},
		list: 1, value: func(_ *CollectionTable, l CollectionLine) any { return l.Specialty }},
	{column: column{label: "Site d'évaluation", aliases: []string{"Site"}, field: "site", width: 24, set: text(func(r *Row) *string { return &r.Collection.Entry.Site }),
		format: "Liste de vos sites", example: "Accueil de Lyon Part-Dieu",
		help: "À remplir : le site où le candidat sera observé en situation réelle de travail. Si vous laissez vides les horaires, ceux du site enregistré sur la plateforme sont repris."},
		list: 2, value: func(_ *CollectionTable, l CollectionLine) any { return l.Site }},
	{column: column{label: "Horaires d'ouverture de l'accueil", aliases: []string{"Horaires de l'accueil"}, required: true, field: "reception_hours", width: 28,
		set: note(func(r *Row) *string { return &r.Collection.Entry.ReceptionHours }), format: "Texte (300 caractères au plus)", example: "Du lundi au vendredi, 8 h 30 – 16 h 30",
		help: "À remplir : les horaires d'ouverture de l'accueil physique du site, pour organiser l'observation en situation réelle de travail. Pré-rempli avec ceux du site."},
		value: func(_ *CollectionTable, l CollectionLine) any { return l.ReceptionHours }},
	{column: column{label: "Horaires de la plateforme téléphonique", aliases: []string{"Horaires de la plateforme"}, required: true, field: "phone_hours", width: 28,
		set: note(func(r *Row) *string { return &r.Collection.Entry.PhoneHours }), format: "Texte (300 caractères au plus)", example: "Du lundi au vendredi, 9 h – 12 h et 13 h 30 – 16 h",
		help: "À remplir : les horaires de la plateforme téléphonique du site. Pré-rempli avec ceux du site."},
		value: func(_ *CollectionTable, l CollectionLine) any { return l.PhoneHours }},
	{column: column{label: "Aménagements nécessaires", aliases: []string{"Aménagements", "Aménagements demandés"}, field: "adjustments", width: 30,
		set: note(func(r *Row) *string { return &r.Collection.Entry.Adjustments }), format: "Texte", example: "",
		help: "À remplir seulement pour une personne en situation de handicap : salle accessible, épreuves adaptées, temps majoré, secrétaire… Donnée de santé : le tableau n'affiche pas les aménagements déjà déclarés ; une cellule vide les garde, « aucun » les supprime."},
		value: func(*CollectionTable, CollectionLine) any { return "" }},
}

// collectionLayout is the layout of the collection table.
var collectionLayout = newLayout(CollectionSheetName, func() []column {
	out := make([]column, len(collectionColumns))
	for i, c := range collectionColumns {
		out[i] = c.column
	}
	return out
}())

// registrationID stores the number of the registration a line answers.
func registrationID(_ parser, r *Row, v string) string {
	v = strings.TrimSpace(v)
	if v == "" {
		return ""
	}
	n, err := strconv.ParseFloat(v, 64)
	if err != nil || n < 1 || n > 1e15 || n != math.Trunc(n) {
		return "numéro d'inscription invalide (nombre entier attendu)"
	}
	r.Collection.Entry.RegistrationID = int64(n)
	return ""
}

// blocksInto stores block numbers read as the registration file's "Blocs".
func blocksInto(dst func(*Row) *[]int) setter {
	return func(_ parser, r *Row, v string) string {
		out, msg := parseBlocks(v)
		if msg == "" {
			*dst(r) = out
		}
		return msg
	}
}

// blockCell writes block numbers the way the tables read them: "1;3".
func blockCell(blocks []int) string {
	s := make([]string, len(blocks))
	for i, b := range blocks {
		s[i] = strconv.Itoa(b)
	}
	return strings.Join(s, ";")
}

// ReadCollectionTable reads a returned collection table: a workbook (or a CSV
// file) with the columns of the table the platform sent, in any order, with
// the limits and the French refusals of ReadRegistrations (size, rows,
// columns, formulas, missing columns). Each Row carries its Collection: the
// campaign and the entry, with Entry.Line set; the rules are the caller's.
func ReadCollectionTable(filename string, data []byte) (*Sheet, error) {
	s, err := readFile(filename, data, collectionLayout)
	if err != nil {
		return nil, err
	}
	for i := range s.Rows {
		s.Rows[i].Collection.Entry.Line = s.Rows[i].Line
	}
	return s, nil
}

// CollectionColumnForField names the column of the collection table that
// fills a field of certif.PlanCollectionEntry ("phone_hours" → "Horaires de
// la plateforme téléphonique"), "" if none.
func CollectionColumnForField(field string) string { return collectionLayout.columnFor(field) }
