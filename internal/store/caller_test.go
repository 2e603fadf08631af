package store_test

import (
	"testing"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// A write whose rules need the day (here the candidate's age, R16) refuses a
// caller without one instead of checking against a zero date.
func TestAWriteWhoseRulesNeedADayRefusesACallerWithoutOne(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		seeded(t, st)
		if _, err := st.CreateEmployer(ctx, store.Platform(), certif.Employer{Code: "CAF69", Name: "CAF du Rhône", Type: "CAF", Branch: "famille"}); err != nil {
			t.Fatal(err)
		}
		child := certif.Candidate{EmployerCode: "CAF69", BirthName: "Roux", FirstNames: []string{"Inès"}, Sex: "F", BirthDate: certif.MustDate("2015-07-14"), BirthINSEE: "69123"}
		if _, err := st.CreateCandidate(ctx, store.Platform(), child); err == nil || certif.ErrorCode(err) == certif.EInvalid {
			t.Fatalf("sans date du jour, l'écriture doit être refusée, pas vérifiée contre une date nulle : %v", err)
		}
		if _, err := st.CreateCandidate(ctx, store.PlatformOn(certif.MustDate("2026-11-23")), child); certif.ErrorFields(err)["birth_date"] == "" {
			t.Errorf("un enfant de 11 ans doit être refusé au 23/11/2026 : %v", err)
		}
		if n, err := st.CountCandidates(ctx, store.All); err != nil || n != 0 {
			t.Errorf("candidats : %d %v", n, err)
		}
	})
}
