package campaign_test

import (
	"bytes"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"

	"certibloc/internal/campaign"
	"certibloc/internal/campaign/campaigntest"
	"certibloc/internal/intake"
	"certibloc/internal/officetest"
	"certibloc/internal/store/storetest"
)

// TestR18_ATableSavedByLibreOfficeImports: the employer opens the collection
// table in LibreOffice, fills it and saves it; the file LibreOffice writes
// keeps the drop-down lists and the protected columns, and imports with the
// same result as the table saved by certibloc's own writer.
func TestR18_ATableSavedByLibreOfficeImports(t *testing.T) {
	t.Parallel()
	st := storetest.Open(t, "sqlite")
	f, data := launched(t, st)
	martin := campaigntest.LineOf(t, data, f.Regs["MARTIN"])
	filled := campaigntest.FillTable(t, data, map[int]map[string]any{
		martin: {"Blocs à évaluer": "3", "Spécialité (filière)": "Recouvrement", "Aménagements nécessaires": "Salle accessible en fauteuil"},
	})
	saved := officetest.ResaveXLSX(t, filled)

	wb, err := excelize.OpenReader(bytes.NewReader(saved))
	must(t, err)
	defer wb.Close()
	if dvs, err := wb.GetDataValidations(intake.CollectionSheetName); err != nil || len(dvs) == 0 {
		t.Errorf("LibreOffice a perdu les listes déroulantes : %v", err)
	}
	if sheets := wb.GetSheetList(); !slices.Contains(sheets, intake.CollectionSheetName) || len(sheets) < 2 {
		t.Errorf("feuilles après LibreOffice : %v", sheets)
	}

	by := f.Caller(t, "CAF69", "2026-02-20")
	want, err := campaign.Return(ctx, st, by, &f.Campaign, "CAF69", "recueil.xlsx", filled, false, 0)
	must(t, err)
	got, err := campaign.Return(ctx, st, by, &f.Campaign, "CAF69", "recueil-libreoffice.xlsx", saved, false, 0)
	if err != nil {
		t.Fatalf("tableau enregistré par LibreOffice refusé : %v %+v", err, got.Lines)
	}
	if want.Changed != 1 {
		t.Fatalf("le tableau rempli doit changer une inscription : %+v", want.CollectionReport)
	}
	if got.Accepted != want.Accepted || got.Changed != want.Changed || len(got.Lines) != len(want.Lines) {
		t.Fatalf("LibreOffice : %+v\ncertibloc : %+v", got.CollectionReport, want.CollectionReport)
	}
	for i := range want.Lines {
		if !slices.Equal(got.Lines[i].Changes, want.Lines[i].Changes) {
			t.Errorf("ligne %d : %q après LibreOffice, %q sinon", want.Lines[i].Line, got.Lines[i].Changes, want.Lines[i].Changes)
		}
	}
	if _, err := campaign.Return(ctx, st, by, &f.Campaign, "CAF69", "recueil-libreoffice.xlsx", saved, true, 0); err != nil {
		t.Fatalf("validation du tableau enregistré par LibreOffice : %v", err)
	}
}
