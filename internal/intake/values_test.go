package intake

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"certibloc/internal/certif"
)

// readOne reads martin's line, in a ";" CSV, with some cells replaced.
func readOne(t *testing.T, replace map[string]string) Row {
	t.Helper()
	if _, ok := replace["Blocs"]; !ok {
		replace["Blocs"] = `"1;3"`
	}
	s := read(t, "a.csv", []byte(csvFile(";", csvHeaders, cellsFor(csvHeaders, replace))))
	if len(s.Rows) != 1 {
		t.Fatalf("%d lignes lues, 1 attendue", len(s.Rows))
	}
	return s.Rows[0]
}

func TestCellValuesAreReadInTheirUsualSpellings(t *testing.T) {
	t.Parallel()
	cases := []struct {
		column, cell string
		got          func(Row) any
		want         any
	}{
		{"Sexe", "Féminin", func(r Row) any { return r.Candidate.Sex }, "F"},
		{"Sexe", "homme", func(r Row) any { return r.Candidate.Sex }, "M"},
		{"Sexe", "m", func(r Row) any { return r.Candidate.Sex }, "M"},
		{"Date de naissance", "1990-03-15", func(r Row) any { return r.Candidate.BirthDate }, certif.MustDate("1990-03-15")},
		{"Date de naissance", "5/3/1990", func(r Row) any { return r.Candidate.BirthDate }, certif.MustDate("1990-03-05")},
		{"Date de naissance", "15/03/1990 00:00", func(r Row) any { return r.Candidate.BirthDate }, certif.MustDate("1990-03-15")},
		{"Code INSEE de la commune de naissance", "1053", func(r Row) any { return r.Candidate.BirthINSEE }, "1053"},
		{"Code INSEE de la commune de naissance", " 01 053 ", func(r Row) any { return r.Candidate.BirthINSEE }, "01053"},
		{"Code INSEE de la commune de naissance", "2a004", func(r Row) any { return r.Candidate.BirthINSEE }, "2A004"},
		{"Téléphone", "612345678", func(r Row) any { return r.Candidate.Phone }, "0612345678"},
		{"Téléphone", "061234567", func(r Row) any { return r.Candidate.Phone }, "061234567"},
		{"Nom de naissance", "  de\u00a0LA   Tour ", func(r Row) any { return r.Candidate.BirthName }, "de LA Tour"},
		{"Parcours", "Parcours complet", func(r Row) any { return r.Request.Path }, certif.PathComplete},
		{"Blocs", "", func(r Row) any { return r.Request.Blocks }, []int(nil)},
		{"Blocs", "1, 3", func(r Row) any { return r.Request.Blocks }, []int{1, 3}},
		{"Blocs", "3 et 1", func(r Row) any { return r.Request.Blocks }, []int{1, 3}},
		{"Blocs", "2", func(r Row) any { return r.Request.Blocks }, []int{2}},
		{"Blocs", "1.3", func(r Row) any { return r.Request.Blocks }, []int{1, 3}},
		{"Blocs", "Blocs 2 & 4", func(r Row) any { return r.Request.Blocks }, []int{2, 4}},
		{"Contrat", "contrat pro", func(r Row) any { return r.Request.Contract }, certif.ContractPro},
		{"Contrat", "Contrat de professionnalisation", func(r Row) any { return r.Request.Contract }, certif.ContractPro},
		{"Contrat", "cdd", func(r Row) any { return r.Request.Contract }, certif.ContractCDD},
		{"Période imposée", "2026-09", func(r Row) any { return r.Request.ExamPeriod }, certif.MustMonth("2026-09")},
		{"Période imposée", "09/2026", func(r Row) any { return r.Request.ExamPeriod }, certif.MustMonth("2026-09")},
		{"Période imposée", "01/09/2026", func(r Row) any { return r.Request.ExamPeriod }, certif.MustMonth("2026-09")},
		{"Redoublant", "OUI", func(r Row) any { return r.Request.Repeating }, true},
		{"Redoublant", "", func(r Row) any { return r.Request.Repeating }, false},
		{"Situation de handicap", "Oui", func(r Row) any { return r.Request.Disability }, true},
		{"Prénom 2", "", func(r Row) any { return r.Candidate.FirstNames }, []string{"Élodie"}},
	}
	for _, c := range cases {
		t.Run(c.column+" "+c.cell, func(t *testing.T) {
			r := readOne(t, map[string]string{c.column: c.cell})
			if len(r.Errors) != 0 {
				t.Fatalf("erreurs inattendues : %q", r.Messages())
			}
			if got := c.got(r); !reflect.DeepEqual(got, c.want) {
				t.Errorf("« %s » lu %#v, attendu %#v", c.cell, got, c.want)
			}
		})
	}
}

func TestCellErrorsAreReportedInFrench(t *testing.T) {
	t.Parallel()
	cases := []struct {
		column, cell, want string
	}{
		{"Date de naissance", "31/02/1990", "Ligne 2, colonne « Date de naissance » : date invalide (JJ/MM/AAAA attendu)."},
		{"Date de naissance", "15/03/90", "Ligne 2, colonne « Date de naissance » : date invalide (JJ/MM/AAAA attendu)."},
		{"Certifiable à partir du", "mai 2026", "Ligne 2, colonne « Certifiable à partir du » : date invalide (JJ/MM/AAAA attendu)."},
		{"Sexe", "X", "Ligne 2, colonne « Sexe » : sexe invalide (F ou M attendu)."},
		{"Contrat", "intérim", "Ligne 2, colonne « Contrat » : contrat inconnu (CDI, CDD ou Contrat de professionnalisation attendu)."},
		{"Parcours", "moitié", "Ligne 2, colonne « Parcours » : parcours inconnu (complet ou partiel attendu)."},
		{"Blocs", "1-3", "Ligne 2, colonne « Blocs » : blocs illisibles (numéros séparés par des points-virgules attendus, ex. 1;3)."},
		{"Blocs", "tous", "Ligne 2, colonne « Blocs » : blocs illisibles (numéros séparés par des points-virgules attendus, ex. 1;3)."},
		{"Redoublant", "peut-être", "Ligne 2, colonne « Redoublant » : réponse invalide (oui ou non attendu)."},
		{"Période imposée", "automne", "Ligne 2, colonne « Période imposée » : période invalide (AAAA-MM ou MM/AAAA attendu)."},
	}
	for _, c := range cases {
		t.Run(c.column+" "+c.cell, func(t *testing.T) {
			got := readOne(t, map[string]string{c.column: c.cell}).Messages()
			if len(got) != 1 || got[0] != c.want {
				t.Errorf("erreurs %q, attendu %q", got, c.want)
			}
		})
	}
}

func TestDuplicateLinesAreReported(t *testing.T) {
	t.Parallel()
	line := func(replace map[string]string) []string {
		replace["Blocs"] = `"1;3"`
		return cellsFor(csvHeaders, replace)
	}
	file := csvFile(";", csvHeaders,
		line(map[string]string{}),
		line(map[string]string{"CQP": "GC"}),                   // same candidate, another CQP
		line(map[string]string{"Prénom": "Paul", "Sexe": "M"}), // another candidate
		line(map[string]string{}),                              // empty line below, then line 6
		make([]string, len(csvHeaders)),
		line(map[string]string{"Nom de naissance": "Martin", "Prénom": "ELODIE", "CQP": " COS "}),
	)
	s := read(t, "a.csv", []byte(file))
	var got []string
	for _, r := range s.Rows {
		got = append(got, r.Messages()...)
	}
	want := []string{"Ligne 5 : même candidat et même CQP que la ligne 2.", "Ligne 7 : même candidat et même CQP que la ligne 2."}
	if !slices.Equal(got, want) {
		t.Errorf("erreurs %q, attendu %q", got, want)
	}
	if k := s.Rows[0].Key(); k != "martin elodie|1990-03-15" {
		t.Errorf("clé %q", k)
	}
}

func TestColumnForFieldNamesTheColumnOfAValidationError(t *testing.T) {
	t.Parallel()
	c := martin(2).Candidate
	c.BirthDate = certif.Date{}
	c.Sex = "?"
	fields := certif.ErrorFields(c.Validate(certif.MustDate("2026-01-10")))
	var got []string
	for f := range fields {
		got = append(got, ColumnForField(f))
	}
	slices.Sort(got)
	if want := "Date de naissance|Sexe"; strings.Join(got, "|") != want {
		t.Errorf("colonnes %q, attendu %q", got, want)
	}
	for _, f := range []string{"birth_name", "first_names", "birth_insee", "qualification", "path", "blocks", "certifiable_from", "contract", "exam_period", "specialty", "adjustments"} {
		if ColumnForField(f) == "" {
			t.Errorf("aucune colonne pour le champ %s", f)
		}
	}
}
