package store_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"sync"
	"testing"
	"time"

	"certibloc/internal/certif"
	"certibloc/internal/demo"
	"certibloc/internal/minutes"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

var (
	signerOnce sync.Once
	signer     *minutes.Signer
)

// testSigner is the minutes' signing identity of the package's tests.
func testSigner(t testing.TB) *minutes.Signer {
	signerOnce.Do(func() {
		var err error
		if signer, err = minutes.NewSigner(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)); err != nil {
			panic(err)
		}
	})
	return signer
}

// nationalJury is the demo of 02/12/2026 and its one case, on the list of the
// national jury of 17/12/2026, with the certifier (on the jury's day) and the
// reach of that jury.
type nationalJury struct {
	day   certif.Date
	by    store.Caller
	cases []store.NationalCaseRow
	reach func(certif.NationalCase) bool
}

func demoNationalJury(t *testing.T, st *store.Store) nationalJury {
	t.Helper()
	today := certif.MustDate("2026-12-02")
	st.SetClock(func() time.Time { return today.Time().Add(9 * time.Hour) })
	if _, err := demo.Load(ctx, st, today); err != nil {
		t.Fatal(err)
	}
	cases, err := st.NationalCases(ctx, store.All)
	if err != nil || len(cases) != 1 {
		t.Fatalf("liste des cas : %+v %v", cases, err)
	}
	j := nationalJury{day: certif.MustDate("2026-12-17"), cases: cases, reach: func(certif.NationalCase) bool { return true }}
	j.by = store.Caller{Actor: store.Actor{Email: "ucanss@test.fr"}, Role: certif.RoleCertifier, Scope: store.All, Today: j.day}
	return j
}

var jointJury = []certif.NationalSeat{{Name: "Anne Roy", Side: certif.SideEmployer, Sat: true}, {Name: "Karim Benali", Side: certif.SideEmployee, President: true, Sat: true}}

func (j nationalJury) decideAll(t *testing.T, st *store.Store) {
	t.Helper()
	if err := st.SaveNationalComposition(ctx, j.by, j.day, jointJury); err != nil {
		t.Fatal(err)
	}
	if err := st.DecideNational(ctx, j.by, j.day, []store.NationalDecision{{AttemptID: j.cases[0].AttemptID, Decision: certif.DecisionValidated}}, j.reach); err != nil {
		t.Fatal(err)
	}
}

// confirmWaiting has the third member confirm the demo's afternoon
// proposal: a second case for the jury.
func confirmWaiting(t *testing.T, st *store.Store, today certif.Date) {
	t.Helper()
	list, err := st.JurySessions(ctx, store.SessionFilter{Scope: store.All, From: today.AddDays(-21), To: today})
	if err != nil {
		t.Fatal(err)
	}
	for _, ss := range list {
		for _, sl := range ss.Slots {
			sheet, err := st.EvaluationSheet(ctx, sl.ID, store.All)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range ss.Members {
				as := store.Caller{Actor: store.Actor{Email: "jury@test"}, Role: certif.RoleJury, Scope: store.Scope{JuryMemberID: m.MemberID}, Today: today}
				_, _ = st.ConfirmEvaluation(ctx, as, sl.ID, sheet.Evaluation.Version) // those who confirmed already are refused
			}
		}
	}
}

// TestR9_SignedMinutesMakeTheDecisionsFinal: the minutes are signed once the
// decisions are taken; the signed PDF is kept with its SHA-256, who signed and
// when (the store's clock), traced; from then on no decision, no favourable
// proposal accepted at once, no composition changes, with the reason; a second
// signature is refused.
func TestR9_SignedMinutesMakeTheDecisionsFinal(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		j := demoNationalJury(t, st)
		if _, err := minutes.Archive(ctx, st, testSigner(t), j.by, j.day); !strings.Contains(certif.ErrorFields(err)["decisions"], "Aucune décision") {
			t.Errorf("signer sans décision : %v", err)
		}
		j.decideAll(t, st)
		signedAt := j.day.Time().Add(15 * time.Hour)
		st.SetClock(func() time.Time { return signedAt })
		m, err := minutes.Archive(ctx, st, testSigner(t), j.by, j.day)
		if err != nil {
			t.Fatal(err)
		}
		pdf, kept, err := st.NationalMinutesPDF(ctx, j.day)
		sum := sha256.Sum256(pdf)
		if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF")) || kept.SHA256 != hex.EncodeToString(sum[:]) || kept != m ||
			m.Decisions != 1 || m.SignedBy != "ucanss@test.fr" || !m.SignedAt.Equal(signedAt) {
			t.Fatalf("procès-verbal gardé : %+v %+v %v", kept, m, err)
		}
		if all, err := st.NationalMinutes(ctx); err != nil || all[j.day] != m {
			t.Errorf("liste des procès-verbaux : %+v %v", all, err)
		}
		events, err := st.AuditEvents(ctx, store.Viewer{Role: certif.RoleOffice, Scope: store.All}, store.AuditFilter{Entity: "national_jury", EntityKey: "2026-12-17"})
		if err != nil || len(events) == 0 || events[0].Field != "minutes" || !strings.Contains(events[0].After, m.SHA256) {
			t.Errorf("signature tracée : %+v %v", events, err)
		}
		confirmWaiting(t, st, certif.MustDate("2026-12-02"))
		open, err := st.NationalCases(ctx, store.All)
		if err != nil || len(open) != 1 || open[0].AttemptID == j.cases[0].AttemptID {
			t.Fatalf("second cas : %+v %v", open, err)
		}
		final := "Le procès-verbal du jury national du 17/12/2026 est signé : ses décisions sont définitives ; une correction se fait par une nouvelle décision d'un jury suivant."
		if err := st.DecideNational(ctx, j.by, j.day, []store.NationalDecision{{AttemptID: open[0].AttemptID, Decision: certif.DecisionValidated}}, j.reach); certif.ErrorMessage(err) != final {
			t.Errorf("décider après la signature : %v", err)
		}
		if err := st.SaveNationalComposition(ctx, j.by, j.day, jointJury); certif.ErrorMessage(err) != final {
			t.Errorf("composition après la signature : %v", err)
		}
		if _, err := minutes.Archive(ctx, st, testSigner(t), j.by, j.day); certif.ErrorCode(err) != certif.EConflict || !strings.Contains(certif.ErrorMessage(err), "déjà signé") {
			t.Errorf("signer deux fois : %v", err)
		}
	})
}

// TestR9_ADecisionTakenWhileTheMinutesAreRenderedRefusesTheSignature: the
// minutes rendered before a decision are not those of the jury any more: the
// signature is refused and nothing is kept.
func TestR9_ADecisionTakenWhileTheMinutesAreRenderedRefusesTheSignature(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		j := demoNationalJury(t, st)
		if err := st.SaveNationalComposition(ctx, j.by, j.day, jointJury); err != nil {
			t.Fatal(err)
		}
		before, err := st.NationalMinutesDraft(ctx, j.day)
		if err != nil || len(before.Decisions) != 0 || len(before.Seats) != 2 {
			t.Fatalf("brouillon : %+v %v", before, err)
		}
		j.decideAll(t, st)
		_, err = st.SignNationalMinutes(ctx, j.by, j.day, before.Digest, []byte("%PDF-1.4 rendu avant la décision"))
		if certif.ErrorCode(err) != certif.EStale || !strings.Contains(certif.ErrorMessage(err), "ont changé pendant la préparation du procès-verbal") {
			t.Errorf("décision prise pendant le rendu : %v", err)
		}
		if _, _, err := st.NationalMinutesPDF(ctx, j.day); certif.ErrorCode(err) != certif.ENotFound {
			t.Errorf("procès-verbal gardé malgré le refus : %v", err)
		}
		after, _ := st.NationalMinutesDraft(ctx, j.day)
		if _, err := st.SignNationalMinutes(ctx, j.by, j.day, after.Digest, []byte("%PDF-1.4")); err != nil {
			t.Errorf("signature à jour : %v", err)
		}
	})
}

// TestR10_ProclamationNeedsSignedMinutesAndItsDay: unsigned minutes, no
// proclamation; a proclamation day set a week after the jury (never before
// it) holds the proclamation back until then, with the date in the message.
func TestR10_ProclamationNeedsSignedMinutesAndItsDay(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		j := demoNationalJury(t, st)
		j.decideAll(t, st)
		code := testIssuer
		if _, err := st.Proclaim(ctx, j.by, j.day, nil, code); !strings.Contains(certif.ErrorMessage(err), "Signez d'abord le procès-verbal du jury national du 17/12/2026") {
			t.Errorf("proclamer sans procès-verbal signé : %v", err)
		}
		if _, err := minutes.Archive(ctx, st, testSigner(t), j.by, j.day); err != nil {
			t.Fatal(err)
		}
		if err := st.SetProclamationDay(ctx, j.by, j.day, j.day.AddDays(-1)); !strings.Contains(certif.ErrorFields(err)["proclamation_date"], "précéder le jury") {
			t.Errorf("proclamation avant le jury : %v", err)
		}
		on := certif.MustDate("2026-12-23")
		if err := st.SetProclamationDay(ctx, j.by, j.day, on); err != nil {
			t.Fatal(err)
		}
		if cal, _ := st.Calendar(ctx); cal.Juries(2026)[len(cal.Juries(2026))-1].ProclamationDay() != on {
			t.Errorf("date de proclamation au calendrier : %+v", cal.Juries(2026))
		}
		if _, err := st.Proclaim(ctx, j.by, j.day, nil, code); !strings.Contains(certif.ErrorMessage(err), "se proclament le 23/12/2026, pas avant") {
			t.Errorf("proclamer avant sa date : %v", err)
		}
		if a, _ := st.AttemptSummaries(ctx, []int64{j.cases[0].AttemptID}); a[j.cases[0].AttemptID].Status != certif.AttemptEvaluated {
			t.Errorf("publié malgré le refus : %+v", a)
		}
		on23 := j.by
		on23.Today = on
		if p, err := st.Proclaim(ctx, on23, j.day, nil, code); err != nil || p.Decisions != 1 {
			t.Fatalf("proclamer le 23/12/2026 : %+v %v", p, err)
		}
		if err := st.SetProclamationDay(ctx, j.by, j.day, on.AddDays(1)); certif.ErrorCode(err) != certif.EConflict {
			t.Errorf("changer la date après la proclamation : %v", err)
		}
	})
}
