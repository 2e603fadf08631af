package store_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/xuri/excelize/v2"

	"certibloc/internal/certif"
	"certibloc/internal/intake"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// registrationWorkbook is a registration file of n lines in the columns of
// certibloc's template: n different candidates of one employer, COS blocks 1
// and 2 each.
func registrationWorkbook(b *testing.B, n int) []byte {
	b.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	names := []string{"Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent"}
	header := []any{"Nom de naissance", "Prénom", "Sexe", "Date de naissance", "Code INSEE de la commune de naissance", "CQP", "Parcours", "Blocs", "Certifiable à partir du", "Contrat"}
	rows := [][]any{header}
	for i := range n {
		rows = append(rows, []any{names[i%10] + "-" + names[(i/10)%10], names[(i/100)%10], "F",
			fmt.Sprintf("%02d/%02d/%d", 1+i%28, 1+(i/30)%12, 1970+i%30), "69123", "COS", "partiel", "1;2", "05/10/2026", "CDI"})
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, r); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// BenchmarkRegistrationImport measures a registration file of 5,000 lines (the
// largest file intake accepts) for one employer, on each database, beside
// excelize's bare read of the same workbook (the baseline of the goals:
// preview ≤ 3×, commit ≤ 5×). preview reads the file and checks every line;
// commit does the same and records it, for a new employer each time (every
// line creates its candidate and registration).
func BenchmarkRegistrationImport(b *testing.B) {
	data := registrationWorkbook(b, intake.MaxRows)
	b.Run("excelize_bare_read", func(b *testing.B) {
		for b.Loop() {
			f, err := excelize.OpenReader(bytes.NewReader(data))
			if err != nil {
				b.Fatal(err)
			}
			rows, err := f.GetRows(f.GetSheetName(0))
			if err != nil || len(rows) != intake.MaxRows+1 {
				b.Fatal(err, len(rows))
			}
			f.Close()
		}
	})
	for _, dialect := range storetest.Dialects(b) {
		b.Run(dialect, func(b *testing.B) { benchmarkImportOn(b, storetest.Open(b, dialect), data) })
	}
}

func benchmarkImportOn(b *testing.B, st *store.Store, data []byte) {
	{
		seeded(b, st)
		var employers int
		newEmployer := func() store.Caller {
			employers++
			code := fmt.Sprintf("CAF%03d", employers)
			e, err := st.CreateEmployer(ctx, store.Platform(), certif.Employer{Code: code, Name: "CAF " + code, Type: "CAF", Branch: "famille"})
			if err != nil {
				b.Fatal(err)
			}
			return store.Caller{Actor: store.Actor{Email: "rh@" + code + ".test"}, Role: certif.RoleEmployer, Scope: store.Scope{EmployerID: e.ID},
				Today: certif.MustDate("2026-05-15")}
		}
		importFile := func(hr store.Caller, commit bool) {
			sheet, err := intake.ReadRegistrations("inscriptions.xlsx", data)
			if err != nil {
				b.Fatal(err)
			}
			lines := make([]store.ImportLine, 0, len(sheet.Rows))
			for _, row := range sheet.Rows {
				if len(row.Errors) > 0 {
					b.Fatal(row.Messages())
				}
				lines = append(lines, store.ImportLine{Line: row.Line, Key: row.Key(), Candidate: row.Candidate, Request: row.Request})
			}
			rep, err := st.ImportRegistrations(ctx, hr, fmt.Sprintf("CAF%03d", employers), lines, commit, 0)
			if err != nil || rep.NewRegistrations != intake.MaxRows {
				b.Fatal(err, rep.Refused, rep.NewRegistrations, rep.Results[0])
			}
		}
		b.Run("preview", func(b *testing.B) {
			hr := newEmployer()
			for b.Loop() {
				importFile(hr, false)
			}
		})
		b.Run("commit", func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				hr := newEmployer()
				b.StartTimer()
				importFile(hr, true)
			}
		})
	}
}
