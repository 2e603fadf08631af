package store_test

import (
	"strings"
	"testing"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

func TestBulkHistoryMayPrecedeTheCalendarNotGoBeyondIt(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newRegFixture(t, st)
		reg := func(period string, status certif.AttemptStatus, decided string) store.BulkRegistration {
			p := certif.MustMonth(period)
			a := certif.BlockAttempt{Block: 1, Period: p, Status: status}
			if decided != "" {
				a.DecidedOn = certif.MustDate(decided)
			}
			return store.BulkRegistration{Registration: certif.Registration{CandidateID: f.lea.ID, EmployerID: f.caf.ID, Qualification: "CA",
				Path: certif.PathComplete, CertifiableFrom: p.First(), Contract: certif.ContractCDI, RegisteredOn: p.First().AddMonths(-4),
				Attempts: []certif.BlockAttempt{a}}}
		}
		err := st.BulkLoad(ctx, store.Platform(), func(b *store.Bulk) error {
			return b.Registrations([]store.BulkRegistration{reg("2019-03", certif.AttemptNotValidated, "2019-04-18")})
		})
		if err != nil {
			t.Fatalf("historique de 2019 : %v", err)
		}
		err = st.BulkLoad(ctx, store.Platform(), func(b *store.Bulk) error {
			return b.Registrations([]store.BulkRegistration{reg("2030-01", certif.AttemptRegistered, "")})
		})
		want := "Période de certification du bloc 1 hors calendrier : janvier 2030 est au-delà du calendrier des examens, dont la dernière période est décembre 2028."
		if certif.ErrorCode(err) != certif.EInvalid || !strings.HasSuffix(certif.ErrorMessage(err), want) {
			t.Errorf("période de 2030 : %v", err)
		}
	})
}

func TestPriorValidationDateIsCheckedAgainstTodayAndTheCandidatesAge(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newRegFixture(t, st)
		err := st.RecordPriorValidation(ctx, f.office, f.lea.ID, "COS", 2, certif.MustDate("2026-05-16"), "PV")
		if got := certif.ErrorFields(err)["validated_on"]; !strings.HasPrefix(got, "Date de validation dans le futur (16/05/2026)") {
			t.Errorf("validation de demain : %v", err)
		}
		err = st.RecordPriorValidation(ctx, f.office, f.lea.ID, "COS", 2, certif.MustDate("1999-12-16"), "PV")
		if got := certif.ErrorFields(err)["validated_on"]; !strings.Contains(got, "n'avait pas 16 ans") {
			t.Errorf("validation à 8 ans : %v", err)
		}
		if blocks, err := st.ValidatedBlocks(ctx, f.lea.ID); err != nil || len(blocks) != 0 {
			t.Errorf("validation refusée enregistrée : %+v %v", blocks, err)
		}
	})
}
