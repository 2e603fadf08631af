package demo_test

import (
	"crypto/ed25519"
	"crypto/rand"
	"strings"
	"testing"

	"certibloc/internal/accrochage"
	"certibloc/internal/certif"
	"certibloc/internal/certificate"
	"certibloc/internal/demo"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// TestR10_TheDemoHoldsProclaimedJuries: on 02/12/2026 the demo has
// deliberated and proclaimed the national juries of 24/09 and 06/11/2026
// (certificates issued, a CQP obtained across both), and the cases of the
// jury of 17/12/2026 wait for its deliberation. Each certificate downloads
// as it reads now: the PDF its proclamation kept, or rendered again where
// it no longer prints what the certificate says (the demo records the RNCP
// registrations of its CQPs after their juries: the certificates' RNCP codes
// came since).
func TestR10_TheDemoHoldsProclaimedJuries(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		_, key, _ := ed25519.GenerateKey(rand.Reader)
		issuer := certificate.Issuer{Key: key}
		st.SetCertificateIssuer(issuer)
		day := certif.MustDate("2026-12-02")
		if _, err := demo.LoadWith(ctx, st, day, demo.Options{History: true}); err != nil {
			t.Fatal(err)
		}
		proclaimed, err := st.Proclamations(ctx)
		if err != nil || len(proclaimed) != 2 {
			t.Fatalf("jurys proclamés : %+v %v", proclaimed, err)
		}
		for _, d := range []string{"2026-09-24", "2026-11-06"} {
			if _, ok := proclaimed[certif.MustDate(d)]; !ok {
				t.Errorf("jury du %s non proclamé : %+v", d, proclaimed)
			}
		}
		certs, err := st.Certificates(ctx, store.All)
		if err != nil {
			t.Fatal(err)
		}
		kinds, cqps := map[certificate.Kind]int{}, map[string]bool{}
		for _, c := range certs {
			kinds[c.Kind]++
			pdf, err := st.CertificatePDF(ctx, c, issuer)
			if claims, _, err2 := certificate.Check(key.Public().(ed25519.PublicKey), pdf); err != nil || err2 != nil || claims != c.Certificate().Claims() {
				t.Errorf("PDF de %s : %+v, attendu %+v (%v %v)", c.Number, claims, c.Certificate().Claims(), err, err2)
			}
			if c.Kind == certificate.CQP {
				cqps[c.Holder.BirthName+" "+c.Qual.Code+" "+c.JuryDay.String()] = true
			}
		}
		if !cqps["Robert GC 2026-11-06"] || !cqps["Girard CA 2026-09-24"] {
			t.Errorf("CQP obtenus : %v", cqps)
		}
		// Validated: GC 1, 2, COS 1 and CA at the first jury; GC 3, COS 1, 2, COS 3 (against the proposal) and MOSS 2 at the second.
		if kinds[certificate.CCP] != 9 || kinds[certificate.CQP] != 2 {
			t.Errorf("certificats : %v", kinds)
		}
		results, _, err := st.OutboxMails(ctx, store.OutboxFilter{Kind: "result", Search: "camille.robert", PerPage: 10})
		if err != nil || len(results) != 2 {
			t.Fatalf("courriels de résultats de Camille Robert : %d %v", len(results), err)
		}
		last, err := st.OutboxMailByID(ctx, results[0].ID) // newest first: the jury of 06/11/2026
		if err != nil || !strings.Contains(last.Text, "vous obtenez le CQP Gestionnaire conseil de la Sécurité sociale en entier") {
			t.Errorf("courriel du 06/11/2026 à Camille Robert : %v\n%s", err, last.Text)
		}
		summaries, _, err := st.OutboxMails(ctx, store.OutboxFilter{Kind: "results_summary", PerPage: 100})
		if err != nil || len(summaries) == 0 {
			t.Errorf("synthèses aux employeurs : %d %v", len(summaries), err)
		}
		reported, err := st.Accrochage(ctx, store.AccrochageFilter{}, "http://localhost:8080", day)
		if err != nil || reported.LastFlow != 1 || len(reported.Items) != 2 {
			t.Fatalf("accrochage : %+v %v", reported, err)
		}
		states := map[accrochage.Status]int{}
		for _, it := range reported.Items {
			states[it.Status]++
			if it.Status == accrochage.Rejected && !strings.Contains(it.Reason, "lieu de naissance") {
				t.Errorf("rejet sans motif de la CDC : %+v", it)
			}
		}
		if states[accrochage.Accepted] != 1 || states[accrochage.Rejected] != 1 {
			t.Errorf("états de l'accrochage : %v (un accepté, un rejeté attendus)", states)
		}
		cases, err := st.NationalCases(ctx, store.All)
		if err != nil {
			t.Fatal(err)
		}
		if len(cases) != 5 { // four of the earlier cohort, and the demo's jury of a fortnight ago
			t.Errorf("cas du prochain jury : %d (%+v)", len(cases), cases)
		}
	})
}
