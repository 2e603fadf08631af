package intake

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/tealeg/xlsx/v3"
	"github.com/xuri/excelize/v2"

	"certibloc/internal/certif"
)

func sampleTable() CollectionTable {
	return CollectionTable{
		Campaign: certif.MustMonth("2026-06"), ExamMonths: []certif.Month{certif.MustMonth("2026-06"), certif.MustMonth("2026-07")},
		Deadline: certif.MustDate("2026-02-27"), EmployerCode: "CAF69", EmployerName: "CAF du Rhône",
		Specialties: []string{"Famille", "Recouvrement", "Retraite"}, Sites: []string{"Accueil de Lyon Part-Dieu"},
		Lines: []CollectionLine{
			{RegistrationID: 12, Identity: "MARTIN (DURAND) Élodie, née le 15/03/1990", Qualification: "COS", Remaining: []int{1, 3, 4}, Registered: []int{1, 3},
				CertifiableFrom: certif.MustDate("2026-05-15"), Periods: "juin 2026", Specialty: "Famille", Site: "Accueil de Lyon Part-Dieu",
				ReceptionHours: "8 h 30 – 16 h 30", PhoneHours: "9 h – 12 h"},
			{RegistrationID: 15, Identity: "ANDRÉ Paul, né le 02/11/1985", Qualification: "GC", Remaining: []int{1, 2, 3}, Registered: []int{2},
				CertifiableFrom: certif.MustDate("2026-06-30"), Periods: "juillet 2026"},
		},
	}
}

func TestR5_TheCollectionTableIsPrefilledLockedWithListsAndInstructions(t *testing.T) {
	t.Parallel()
	data, err := CollectionTableXLSX(sampleTable())
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Recueil", "Instructions", "Listes"}) {
		t.Errorf("feuilles %q", got)
	}
	rows, err := f.GetRows("Recueil")
	must(t, err)
	if len(rows) != 3 || rows[0][1] != "N° inscription" || rows[1][0] != "2026-06" || rows[1][1] != "12" || rows[1][8] != "1;3" || rows[1][11] != "8 h 30 – 16 h 30" {
		t.Errorf("lignes %q", rows)
	}
	locked := func(cell string) bool {
		id, err := f.GetCellStyle("Recueil", cell)
		must(t, err)
		st, err := f.GetStyle(id)
		must(t, err)
		return st.Protection == nil || st.Protection.Locked
	}
	if !locked("A1") || !locked("B2") || !locked("C3") || locked("I2") || locked("L3") || locked("M2") {
		t.Error("les colonnes pré-remplies et les titres doivent être verrouillés, les colonnes à remplir non")
	}
	dvs, err := f.GetDataValidations("Recueil")
	must(t, err)
	if len(dvs) != 2 || !strings.Contains(dvs[0].Formula1+dvs[1].Formula1, "Listes!$A$2:$A$4") {
		t.Errorf("listes déroulantes : %+v", dvs)
	}
	if v, _ := f.GetSheetVisible("Listes"); v {
		t.Error("la feuille des listes doit être masquée")
	}
	guide, err := f.GetRows("Instructions")
	must(t, err)
	text := ""
	for _, r := range guide {
		text += strings.Join(r, " ") + "\n"
	}
	for _, want := range []string{"CAF du Rhône (CAF69) – campagne de juin 2026", "Examens de juin 2026", "au plus tard le 27/02/2026", "redoublants", "Horaires d'ouverture de l'accueil"} {
		if !strings.Contains(text, want) {
			t.Errorf("instructions sans %q", want)
		}
	}
}

// fill writes values into a table as the employer would, with excelize.
func fill(t *testing.T, data []byte, cells map[string]any) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	must(t, err)
	defer f.Close()
	for cell, v := range cells {
		must(t, f.SetCellValue("Recueil", cell, v))
	}
	buf, err := f.WriteToBuffer()
	must(t, err)
	return buf.Bytes()
}

func TestR18_ReadBackAFilledCollectionTable(t *testing.T) {
	t.Parallel()
	data, err := CollectionTableXLSX(sampleTable())
	must(t, err)
	data = fill(t, data, map[string]any{"I2": "3", "J2": "Recouvrement", "L3": "8 h – 17 h", "M3": "9 h – 12 h\n14 h – 16 h", "N3": "Tiers temps", "I3": "deux"})
	s, err := ReadCollectionTable("recueil.xlsx", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Rows) != 2 || len(s.Warnings) != 0 {
		t.Fatalf("lignes %+v, avertissements %q", s.Rows, s.Warnings)
	}
	r := s.Rows[0].Collection
	want := certif.CollectionEntry{Line: 2, RegistrationID: 12, Blocks: []int{3}, Specialty: "Recouvrement", Site: "Accueil de Lyon Part-Dieu",
		ReceptionHours: "8 h 30 – 16 h 30", PhoneHours: "9 h – 12 h"}
	if r.Campaign != certif.MustMonth("2026-06") || !slices.Equal(r.Entry.Blocks, want.Blocks) || r.Entry.Specialty != want.Specialty ||
		r.Entry.RegistrationID != 12 || r.Entry.Line != 2 || r.Entry.PhoneHours != want.PhoneHours {
		t.Errorf("ligne 2 : %+v", r)
	}
	second := s.Rows[1]
	if got := second.Messages(); len(got) != 1 || got[0] != "Ligne 3, colonne « Blocs à évaluer » : blocs illisibles (numéros séparés par des points-virgules attendus, ex. 1;3)." {
		t.Errorf("ligne 3 : %q", got)
	}
	if second.Collection.Entry.PhoneHours != "9 h – 12 h\n14 h – 16 h" || second.Collection.Entry.Adjustments != "Tiers temps" {
		t.Errorf("ligne 3 : %+v", second.Collection.Entry)
	}
	if got := CollectionColumnForField("phone_hours"); got != "Horaires de la plateforme téléphonique" {
		t.Errorf("colonne de phone_hours : %q", got)
	}
}

func TestR5_ACollectionTableWrittenByAnotherXLSXWriterIsRead(t *testing.T) {
	t.Parallel()
	f := xlsx.NewFile()
	sh, err := f.AddSheet("Recueil")
	must(t, err)
	add := func(values ...any) {
		row := sh.AddRow()
		for _, v := range values {
			c := row.AddCell()
			switch x := v.(type) {
			case int:
				c.SetInt(x)
			case string:
				c.SetString(x)
			}
		}
	}
	// Columns in another order, one renamed by its alias, an extra column.
	add("N° inscription", "Campagne", "Commentaire", "Blocs à évaluer", "Horaires de l'accueil", "Horaires de la plateforme téléphonique", "Filière")
	add(12, "2026-06", "RAS", "1 et 3", "8 h – 16 h", "9 h – 12 h", "Famille")
	var buf bytes.Buffer
	must(t, f.Write(&buf))
	s, err := ReadCollectionTable("recueil.xlsx", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Rows) != 1 || len(s.Rows[0].Errors) != 0 {
		t.Fatalf("lignes %+v", s.Rows)
	}
	e := s.Rows[0].Collection.Entry
	if e.RegistrationID != 12 || !slices.Equal(e.Blocks, []int{1, 3}) || e.ReceptionHours != "8 h – 16 h" || e.Specialty != "Famille" {
		t.Errorf("ligne lue : %+v", e)
	}
	if len(s.Warnings) != 1 || !strings.Contains(s.Warnings[0], "« Commentaire » ignorée") {
		t.Errorf("avertissements %q", s.Warnings)
	}
}

func TestR5_HostileCollectionTablesAreRefused(t *testing.T) {
	t.Parallel()
	table, err := CollectionTableXLSX(sampleTable())
	must(t, err)
	headers := []any{"Campagne", "N° inscription", "Blocs à évaluer", "Horaires d'ouverture de l'accueil", "Horaires de la plateforme téléphonique"}
	formula := workbook(t, "Recueil", func(f *excelize.File) {
		setRow(t, f, "Recueil", 1, headers)
		setRow(t, f, "Recueil", 2, []any{"2026-06", 12, "1", "8 h", "9 h"})
		must(t, f.SetCellFormula("Recueil", "D2", `"8 h"&" – 16 h"`))
	})
	wrongSheet := workbook(t, "Feuil1", func(f *excelize.File) {
		setRow(t, f, "Feuil1", 1, required)
		setRow(t, f, "Feuil1", 2, minimalLine(0))
	})
	huge := streamed(t, 1_000_000, func(row int) []any {
		switch row {
		case 1:
			return headers
		case 2:
			return []any{"2026-06", 12, "1", "8 h", "9 h"}
		case 1_000_000:
			return []any{"oublié"}
		}
		return nil
	})
	cases := []struct{ name, want string }{
		{"pas un zip", "Fichier illisible : « recueil.xlsx » porte l'extension .xlsx mais c'est un fichier texte, pas un classeur."},
		{"zip tronqué", msgDamaged},
		{"formule", "Ligne 2, colonne « Horaires d'ouverture de l'accueil » : les formules ne sont pas acceptées, collez la valeur."},
		{"mauvaise feuille", "Colonnes obligatoires absentes : « Campagne », « N° inscription », « Blocs à évaluer », « Horaires d'ouverture de l'accueil », « Horaires de la plateforme téléphonique »."},
		{"dimensions énormes", "Le tableau est trop long : la ligne 1000000 n'est pas vide"},
	}
	files := map[string][]byte{"pas un zip": []byte("Campagne;N° inscription\r\n"), "zip tronqué": table[:len(table)/2], "formule": formula,
		"mauvaise feuille": wrongSheet, "dimensions énormes": huge}
	for _, c := range cases {
		_, err := ReadCollectionTable("recueil.xlsx", files[c.name])
		if msg := certif.ErrorMessage(err); err == nil || !strings.HasPrefix(msg, c.want) {
			t.Errorf("%s : %q, attendu %q", c.name, msg, c.want)
		}
	}
}
