package store_test

import (
	"fmt"
	"testing"
	"time"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// BenchmarkRegistrationImport previews a registration file of 5,000 lines
// (the largest file intake accepts) for one employer, on SQLite: every line
// goes through the registration rules in one transaction, rolled back.
func BenchmarkRegistrationImport(b *testing.B) {
	st := storetest.Open(b, "sqlite")
	seeded(b, st)
	caf, err := st.CreateEmployer(ctx, store.Platform(), certif.Employer{Code: "CAF69", Name: "CAF du Rhône", Type: "CAF", Branch: "famille"})
	if err != nil {
		b.Fatal(err)
	}
	names := []string{"Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent"}
	var lines []store.ImportLine
	for i := range 5000 {
		c := certif.Candidate{BirthName: names[i%10] + "-" + names[(i/10)%10], FirstNames: []string{names[(i/100)%10]},
			Sex: "F", BirthDate: certif.NewDate(1970+i%30, time.Month(1+(i/30)%12), 1+i%28), BirthINSEE: "69123"}
		lines = append(lines, store.ImportLine{Line: i + 2, Candidate: c, Request: cosPartial(1, 2)})
	}
	hr := store.Caller{Actor: store.Actor{Email: "rh@caf69.test"}, Role: certif.RoleEmployer, Scope: store.Scope{EmployerID: caf.ID}, Today: certif.MustDate("2026-05-15")}
	for b.Loop() {
		rep, err := st.ImportRegistrations(ctx, hr, "CAF69", lines, false, 0)
		if err != nil || rep.NewRegistrations+rep.Unchanged != 5000 {
			b.Fatal(fmt.Sprint(err), rep.Refused)
		}
	}
}
