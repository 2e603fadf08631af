package intake

import (
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"certibloc/internal/certif"
)

// setRow writes values from cell A<row> on.
func setRow(t *testing.T, f *excelize.File, sheet string, row int, values []any) {
	t.Helper()
	must(t, f.SetSheetRow(sheet, cellName(0, row), &values))
}

func TestReadAWorkbookOtherThanTheTemplate(t *testing.T) {
	t.Parallel()
	// Columns in another order, an extra column, a title sheet before the
	// data sheet, real date cells, numbers where text was expected.
	headers := []any{"Matricule", "CQP", "prenom", "NOM DE NAISSANCE ", "Nom d’usage", "Prénom 2", "Date de naissance", "Sexe (F ou M)", "Code INSEE",
		"Courriel", "Téléphone", "Parcours", "Blocs", "Certifiable\nà partir du", "Contrat", "Spécialité"}
	data := workbook(t, "Lisez-moi", func(f *excelize.File) {
		_, err := f.NewSheet("inscriptions")
		must(t, err)
		setRow(t, f, "inscriptions", 1, headers)
		setRow(t, f, "inscriptions", 2, []any{"A-12", "cos", "Élodie", "MARTIN", "DURAND", "Marie", time.Date(1990, 3, 15, 0, 0, 0, 0, time.UTC), "F", 69123,
			"elodie.martin@exemple.fr", "06 12 34 56 78", "partiel", "1;3", time.Date(2026, 5, 15, 0, 0, 0, 0, time.UTC), "CDI", "Famille"})
		setRow(t, f, "inscriptions", 4, []any{"A-13", "GC", "Paul", "ANDRÉ", "", "", "02/11/1985", "M", 1053,
			"", 612345678, "complet", "", 46157, "Contrat pro", ""})
		dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
		must(t, err, f.SetCellStyle("inscriptions", "G2", "G2", dateStyle), f.SetCellStyle("inscriptions", "N2", "N4", dateStyle))
	})
	s := read(t, "inscriptions.xlsx", data)
	if s.Format != "xlsx" || len(s.Rows) != 2 {
		t.Fatalf("format %q, %d lignes : attendu xlsx, 2 lignes", s.Format, len(s.Rows))
	}
	sameRow(t, s.Rows[0], martin(2))
	paul := Row{Line: 4,
		Candidate: certif.Candidate{BirthName: "ANDRÉ", FirstNames: []string{"Paul"}, Sex: "M", BirthDate: certif.MustDate("1985-11-02"), BirthINSEE: "1053", Phone: "0612345678"},
		Request:   certif.RegistrationRequest{Qualification: "GC", Path: certif.PathComplete, CertifiableFrom: certif.MustDate("2026-05-15"), Contract: certif.ContractPro},
	}
	sameRow(t, s.Rows[1], paul)
	want := "Colonne « Matricule » ignorée : elle ne fait pas partie du modèle."
	if len(s.Warnings) != 1 || s.Warnings[0] != want {
		t.Errorf("avertissements %q, attendu %q", s.Warnings, want)
	}
}

func TestReadTheFirstSheetWithoutInscriptions(t *testing.T) {
	t.Parallel()
	data := workbook(t, "Feuil1", func(f *excelize.File) {
		setRow(t, f, "Feuil1", 3, []any{"Nom de naissance", "Prénom", "Sexe", "Date de naissance", "CQP", "Parcours", "Certifiable à partir du", "Contrat"})
		setRow(t, f, "Feuil1", 4, []any{"MARTIN", "Élodie", "Z", "15/03/1990", "COS", "complet", "2026-05-15", "CDI"})
		_, err := f.NewSheet("Feuil2")
		must(t, err)
	})
	s := read(t, "classeur.xlsx", data)
	if len(s.Rows) != 1 || s.Rows[0].Line != 4 {
		t.Fatalf("lignes %+v", s.Rows)
	}
	if got, want := s.Rows[0].Messages(), "Ligne 4, colonne « Sexe » : sexe invalide (F ou M attendu)."; len(got) != 1 || got[0] != want {
		t.Errorf("erreurs %q, attendu %q", got, want)
	}
	if want := "Le classeur n'a pas de feuille « Inscriptions » : sa première feuille, « Feuil1 », a été lue."; strings.Join(s.Warnings, "|") != want {
		t.Errorf("avertissements %q, attendu %q", s.Warnings, want)
	}
}

func TestReadAWorkbookDated1904(t *testing.T) {
	t.Parallel()
	data := workbook(t, "Inscriptions", func(f *excelize.File) {
		must(t, f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: new(true)}))
		setRow(t, f, "Inscriptions", 1, []any{"Nom de naissance", "Prénom", "Sexe", "Date de naissance", "CQP", "Parcours", "Certifiable à partir du", "Contrat"})
		// 15/03/1990 is day 31485 from 1904 (32947 from 1900).
		setRow(t, f, "Inscriptions", 2, []any{"MARTIN", "Élodie", "F", 31485, "COS", "complet", "15/05/2026", "CDI"})
	})
	if got := read(t, "a.xlsx", data).Rows[0].Candidate.BirthDate; got != certif.MustDate("1990-03-15") {
		t.Errorf("date de naissance %v, attendu 1990-03-15", got)
	}
}

func TestAFormulaInAnIgnoredColumnIsHarmless(t *testing.T) {
	t.Parallel()
	data := workbook(t, "Inscriptions", func(f *excelize.File) {
		setRow(t, f, "Inscriptions", 1, append([]any{"Âge"}, required...))
		setRow(t, f, "Inscriptions", 2, append([]any{""}, minimalLine(0)...))
		must(t, f.SetCellFormula("Inscriptions", "A2", "DATEDIF(E2,TODAY(),\"y\")"))
	})
	s := read(t, "a.xlsx", data)
	if len(s.Rows) != 1 || len(s.Rows[0].Errors) != 0 {
		t.Errorf("lignes %+v", s.Rows)
	}
}
