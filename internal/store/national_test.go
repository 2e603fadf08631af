package store_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"certibloc/internal/certif"
	"certibloc/internal/demo"
	"certibloc/internal/minutes"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// TestR10_TheNationalJuryDecidesThenProclaimsItsCaseList: in the demo of 02/12/2026, the
// proposal confirmed a fortnight ago is on the case list of the national jury
// of 17/12/2026 (its cutoff comes after); a decision departing from it without
// reason is refused and nothing is recorded; following it is recorded but
// published only by the proclamation, which validates the block, traced, and
// happens once; the case leaves the list and cannot be decided twice.
func TestR10_TheNationalJuryDecidesThenProclaimsItsCaseList(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		today := certif.MustDate("2026-12-02")
		st.SetClock(func() time.Time { return today.Time().Add(9 * time.Hour) }) // confirmations are timestamped on the demo's day
		if _, err := demo.Load(ctx, st, today); err != nil {
			t.Fatal(err)
		}
		cases, err := st.NationalCases(ctx, store.All)
		if err != nil || len(cases) != 1 || cases[0].Proposal != certif.ProposalFavourable {
			t.Fatalf("liste des cas : %+v %v", cases, err)
		}
		cal, err := st.Calendar(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var cutoffs []certif.Date
		for _, j := range cal.JuriesWithCutoffs(2026) {
			cutoffs = append(cutoffs, j.Cutoff)
		}
		jury := certif.MustDate("2026-12-17")
		i, ok := cases[0].ReachedJury(cutoffs)
		if !ok || cal.JuriesWithCutoffs(2026)[i].Date != jury {
			t.Fatalf("jury atteint : %d %v", i, ok)
		}
		reach := func(c certif.NationalCase) bool { k, ok := c.ReachedJury(cutoffs); return ok && k == i }
		by := store.Caller{Actor: store.Actor{Email: "ucanss@test.fr"}, Role: certif.RoleCertifier, Scope: store.All, Today: jury}
		id := cases[0].AttemptID
		err = st.DecideNational(ctx, by, jury, []store.NationalDecision{{AttemptID: id, Decision: certif.DecisionNotValidated}}, reach)
		if msg := certif.ErrorFields(err)["decision_"+strconv.FormatInt(id, 10)]; !strings.Contains(msg, "indiquez-en le motif") {
			t.Errorf("décision contraire sans motif : %v", err)
		}
		if err := st.DecideNational(ctx, by, jury, []store.NationalDecision{{AttemptID: id, Decision: certif.DecisionValidated}}, reach); err != nil {
			t.Fatal(err)
		}
		if a, _ := st.AttemptSummaries(ctx, []int64{id}); a[id].Status != certif.AttemptEvaluated {
			t.Errorf("une décision n'est publiée qu'à la proclamation : %+v", a)
		}
		if err := st.SaveNationalComposition(ctx, by, jury, jointJury); err != nil {
			t.Fatal(err)
		}
		if _, err := minutes.Archive(ctx, st, testSigner(t), by, jury); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Proclaim(ctx, by, jury, nil, testIssuer); err != nil {
			t.Fatal(err)
		}
		a, err := st.AttemptSummaries(ctx, []int64{id})
		if err != nil || a[id].Status != certif.AttemptValidated {
			t.Errorf("bloc validé : %+v %v", a, err)
		}
		if _, err := st.Proclaim(ctx, by, jury, nil, testIssuer); certif.ErrorCode(err) != certif.EConflict {
			t.Errorf("proclamer deux fois : %v", err)
		}
		certs, err := st.Certificates(ctx, store.All)
		if err != nil || len(certs) != 1 || certs[0].Kind != "CCP" || certs[0].Number != "CCP-2026-000001" || certs[0].Code != "CODE-CCP-2026-000001" ||
			certs[0].Holder.BirthName == "" || certs[0].Qual.Title == "" || certs[0].JuryDay != jury {
			t.Fatalf("certificats : %+v %v", certs, err)
		}
		if mine, _ := st.Certificates(ctx, store.Scope{EmployerID: cases[0].EmployerID}); len(mine) != 1 {
			t.Errorf("l'employeur ne voit pas le certificat de son candidat")
		}
		if other, _ := st.Certificates(ctx, store.Scope{EmployerID: cases[0].EmployerID + 1}); len(other) != 0 {
			t.Errorf("un autre employeur voit le certificat : %+v", other)
		}
		if c, err := st.CertificateByCode(ctx, "CODE-CCP-2026-000001"); err != nil || c.CandidateID != cases[0].CandidateID {
			t.Errorf("par le code : %+v %v", c, err)
		}
		// R3: the block is capitalised, never presented again.
		office := store.Caller{Actor: store.Actor{Email: "office@test.fr"}, Role: certif.RoleOffice, Scope: store.All, Today: jury}
		_, err = st.CreateRegistration(ctx, office.Because("essai"), cases[0].CandidateID, certif.RegistrationRequest{Qualification: "COS", Path: certif.PathPartial,
			Blocks: []int{cases[0].Block}, CertifiableFrom: certif.MustDate("2027-06-07"), Contract: certif.ContractCDI})
		if !strings.Contains(certif.ErrorFields(err)["blocks"], "déjà validé") {
			t.Errorf("R3 : un bloc validé présenté de nouveau : %v", err)
		}
		if rows, err := st.NationalDecisions(ctx, jury, store.All); err != nil || len(rows) != 1 || rows[0].Decision != certif.DecisionValidated {
			t.Errorf("décisions du jury : %+v %v", rows, err)
		}
		if left, _ := st.NationalCases(ctx, store.All); len(left) != 0 {
			t.Errorf("encore sur la liste : %+v", left)
		}
		if err := st.DecideNational(ctx, by, jury, []store.NationalDecision{{AttemptID: id, Decision: certif.DecisionValidated}}, reach); certif.ErrorCode(err) != certif.EInvalid {
			t.Errorf("décider deux fois : %v", err)
		}
	})
}
