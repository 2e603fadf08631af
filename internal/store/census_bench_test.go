package store_test

import (
	"fmt"
	"testing"
	"time"

	"certibloc/internal/census"
	"certibloc/internal/certif"
	"certibloc/internal/seed"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// BenchmarkCensusImport previews then commits a census file of 5,000 lines
// (the largest file intake accepts) for 50 employers, on SQLite.
func BenchmarkCensusImport(b *testing.B) {
	st := storetest.Open(b, "sqlite")
	if _, err := seed.Load(ctx, st); err != nil {
		b.Fatal(err)
	}
	for i := range 50 {
		if _, err := st.CreateEmployer(ctx, store.Platform(), certif.Employer{Code: fmt.Sprintf("CPAM%02d", i), Name: "CPAM", Type: "CPAM", Branch: "maladie",
			HREmails: []string{fmt.Sprintf("rh@cpam%02d.test", i)}}); err != nil {
			b.Fatal(err)
		}
	}
	names := []string{"Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent"}
	var lines []store.CensusLine
	for i := range 5000 {
		c := certif.Candidate{EmployerCode: fmt.Sprintf("CPAM%02d", i%50), BirthName: names[i%10] + "-" + names[(i/10)%10], FirstNames: []string{names[(i/100)%10]},
			Sex: "F", BirthDate: certif.NewDate(1970+i%30, time.Month(1+(i/30)%12), 1+i%28), BirthINSEE: "33063"}
		lines = append(lines, store.CensusLine{Line: i + 2, Candidate: c, Path: census.Line{Qualification: "DAM", PathStart: certif.MustDate("2026-01-05"), PathEnd: certif.MustDate("2026-12-18")}})
	}
	office := store.Caller{Actor: store.Actor{Email: "office@test.fr"}, Role: certif.RoleOffice, Scope: store.All, Today: certif.MustDate("2026-05-15")}
	notify := func(e certif.Employer, entries []census.PreRegistration) (store.Mail, error) {
		return store.Mail{Subject: "Recensement", Text: fmt.Sprint(len(entries))}, nil
	}
	for b.Loop() {
		id, err := st.SaveCensusUpload(ctx, office, "recensement.csv", []byte("x"), len(lines))
		if err != nil {
			b.Fatal(err)
		}
		rep, err := st.ImportCensus(ctx, office, lines, false, id, notify)
		if err != nil || rep.PreRegistrations+rep.Unchanged != 5000 {
			b.Fatalf("%v %+v", err, rep.Results[:1])
		}
	}
}
