package store_test

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"errors"
	"testing"

	"certibloc/internal/certif"
	"certibloc/internal/certificate"
	"certibloc/internal/minutes"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// codedIssuer is a certificate issuer whose short codes read "CODE-" and
// the number, for the tests to name them.
type codedIssuer struct{ certificate.Issuer }

func (codedIssuer) Code(number string) string { return "CODE-" + number }

// testIssuer issues the tests' certificates, with a fixed key.
var testIssuer = func() codedIssuer {
	seed := sha256.Sum256([]byte("certibloc store tests"))
	return codedIssuer{certificate.Issuer{Key: ed25519.NewKeyFromSeed(seed[:]), BaseURL: "https://certibloc.test"}}
}()

// failingIssuer cannot render a PDF.
type failingIssuer struct{ codedIssuer }

func (failingIssuer) PDFBytes(certificate.Certificate) ([]byte, error) {
	return nil, errors.New("rendu impossible")
}

// proclaimedJury is the demo's national jury of 17/12/2026, its one case
// validated, its minutes signed: ready to proclaim.
func proclaimedJury(t *testing.T, st *store.Store) nationalJury {
	t.Helper()
	j := demoNationalJury(t, st)
	j.decideAll(t, st)
	if _, err := minutes.Archive(ctx, st, testSigner(t), j.by, j.day); err != nil {
		t.Fatal(err)
	}
	return j
}

// TestR16_TheProclamationKeepsEachCertificatePDF: the proclamation renders
// the certificate it issues and keeps its PDF, which the download serves as
// it is (nothing rendered), the same bytes as a rendering; served under
// another address, or once revoked (its status printed), the certificate is
// rendered again, never the kept PDF served.
func TestR16_TheProclamationKeepsEachCertificatePDF(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		j := proclaimedJury(t, st)
		if _, err := st.Proclaim(ctx, j.by, j.day, nil, testIssuer); err != nil {
			t.Fatal(err)
		}
		c, err := st.Certificate(ctx, "CCP-2026-000001", store.All)
		if err != nil {
			t.Fatal(err)
		}
		renders := &storetest.Renders{CertificateIssuer: testIssuer}
		kept, err := st.CertificatePDF(ctx, c, renders)
		if err != nil || renders.Count() != 0 {
			t.Fatalf("PDF gardé : %d rendus, %v", renders.Count(), err)
		}
		if fresh, _ := testIssuer.PDFBytes(c.Certificate()); !bytes.Equal(kept, fresh) {
			t.Error("le PDF gardé n'est pas celui du certificat")
		}
		elsewhere := &storetest.Renders{CertificateIssuer: codedIssuer{certificate.Issuer{Key: testIssuer.Key, BaseURL: "https://ailleurs.test"}}}
		if pdf, err := st.CertificatePDF(ctx, c, elsewhere); err != nil || elsewhere.Count() != 1 || bytes.Equal(pdf, kept) {
			t.Errorf("autre adresse de vérification : %d rendus, %v", elsewhere.Count(), err)
		}
		if err := st.RevokeCertificate(ctx, j.by, c.Number, "fraude à l'examen"); err != nil {
			t.Fatal(err)
		}
		if c, err = st.Certificate(ctx, c.Number, store.All); err != nil || c.Status != certificate.Revoked {
			t.Fatalf("révoqué : %+v %v", c, err)
		}
		revoked, err := st.CertificatePDF(ctx, c, renders)
		if fresh, _ := testIssuer.PDFBytes(c.Certificate()); err != nil || renders.Count() != 1 || !bytes.Equal(revoked, fresh) {
			t.Errorf("certificat révoqué : %d rendus, %v", renders.Count(), err)
		}
	})
}

// TestR16_AReissuedCertificateIsRenderedWithItsStatus: after a correction
// of the holder's first name, the certificate replaced and its replacement
// are rendered on download, each as it reads now.
func TestR16_AReissuedCertificateIsRenderedWithItsStatus(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		st.SetCertificateIssuer(testIssuer)
		j := proclaimedJury(t, st)
		if _, err := st.Proclaim(ctx, j.by, j.day, nil, testIssuer); err != nil {
			t.Fatal(err)
		}
		office := store.Caller{Actor: store.Actor{Email: "office@test.fr"}, Role: certif.RoleOffice, Scope: store.All, Today: j.day}
		cand, err := st.Candidate(ctx, j.cases[0].CandidateID, store.All)
		if err != nil {
			t.Fatal(err)
		}
		cand.FirstNames[0] += "-Marie"
		if _, err := st.UpdateCandidate(ctx, office.Because("prénom mal orthographié"), cand.ID, cand); err != nil {
			t.Fatal(err)
		}
		old, err := st.Certificate(ctx, "CCP-2026-000001", store.All)
		if err != nil || old.Status != certificate.Replaced || old.ReplacedBy != "CCP-2026-000002" {
			t.Fatalf("remplacé : %+v %v", old, err)
		}
		renewed, err := st.Certificate(ctx, old.ReplacedBy, store.All)
		if err != nil {
			t.Fatal(err)
		}
		renders := &storetest.Renders{CertificateIssuer: testIssuer}
		for i, c := range []store.CertificateRow{old, renewed} {
			pdf, err := st.CertificatePDF(ctx, c, renders)
			if fresh, _ := testIssuer.PDFBytes(c.Certificate()); err != nil || renders.Count() != i+1 || !bytes.Equal(pdf, fresh) {
				t.Errorf("%s : %d rendus, %v", c.Number, renders.Count(), err)
			}
		}
	})
}

// TestR10_AProclamationWhoseCertificatesFailPublishesNothing: a PDF that
// cannot be rendered, or mails that cannot be composed once the PDFs are,
// leave nothing published: no status, no certificate, no proclamation; the
// proclamation then goes through.
func TestR10_AProclamationWhoseCertificatesFailPublishesNothing(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		j := proclaimedJury(t, st)
		noMail := func(store.Results) ([]store.Mail, error) { return nil, errors.New("courriels impossibles") }
		for _, try := range []struct {
			compose store.ResultMails
			issuer  store.CertificateIssuer
		}{{nil, failingIssuer{testIssuer}}, {noMail, testIssuer}} {
			if _, err := st.Proclaim(ctx, j.by, j.day, try.compose, try.issuer); err == nil {
				t.Fatal("proclamation malgré l'échec")
			}
			id := j.cases[0].AttemptID
			if a, _ := st.AttemptSummaries(ctx, []int64{id}); a[id].Status != certif.AttemptEvaluated {
				t.Errorf("statut publié malgré l'échec : %+v", a[id])
			}
			if certs, err := st.Certificates(ctx, store.All); err != nil || len(certs) != 0 {
				t.Errorf("certificats délivrés malgré l'échec : %+v %v", certs, err)
			}
			if p, _ := st.Proclamations(ctx); len(p) != 0 {
				t.Errorf("proclamé malgré l'échec : %+v", p)
			}
		}
		if _, err := st.Proclaim(ctx, j.by, j.day, nil, testIssuer); err != nil {
			t.Fatal(err)
		}
		c, err := st.Certificate(ctx, "CCP-2026-000001", store.All)
		renders := &storetest.Renders{CertificateIssuer: testIssuer}
		if _, err2 := st.CertificatePDF(ctx, c, renders); err != nil || err2 != nil || renders.Count() != 0 {
			t.Errorf("PDF gardé à la proclamation : %d rendus, %v %v", renders.Count(), err, err2)
		}
	})
}

// TestR16_ACertificateIssuedWhileThePDFsRenderIsNoObstacle: a certificate
// issued between the proclamation's plan and its transaction takes the
// number planned: the proclamation plans again, issues the next number and
// keeps its PDF under it.
func TestR16_ACertificateIssuedWhileThePDFsRenderIsNoObstacle(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		j := proclaimedJury(t, st)
		plans := 0
		meanwhile := store.BetweenProclamationPlanAndCommit(ctx, func() {
			if plans++; plans > 1 {
				return
			}
			if err := st.Exec(ctx, `INSERT INTO certificates (number, kind, code, candidate_id, employer_id, qualification_code, block_number,
				birth_name, usage_name, first_name, birth_date, issued_on, jury_day, created_at)
				SELECT 'CCP-2026-000001', 'CCP', 'CODE-AILLEURS', c.id, c.employer_id, 'COS', 1, c.birth_name, c.usage_name, c.first_name1, c.birth_date,
				'2026-12-10', '2026-12-10', '2026-12-10T12:00:00.000000Z' FROM candidates c WHERE c.id = ?`, j.cases[0].CandidateID); err != nil {
				t.Fatal(err)
			}
		})
		if _, err := st.Proclaim(meanwhile, j.by, j.day, nil, testIssuer); err != nil || plans != 2 {
			t.Fatalf("proclamation : %d plans, %v", plans, err)
		}
		c, err := st.Certificate(ctx, "CCP-2026-000002", store.All)
		if err != nil || c.Qual.Code != j.cases[0].Qualification {
			t.Fatalf("certificat délivré : %+v %v", c, err)
		}
		renders := &storetest.Renders{CertificateIssuer: testIssuer}
		if _, err := st.CertificatePDF(ctx, c, renders); err != nil || renders.Count() != 0 {
			t.Errorf("PDF gardé sous son numéro : %d rendus, %v", renders.Count(), err)
		}
	})
}

// TestR16_AnIdentityCorrectedWhileThePDFsRenderIsPrinted: the holder's
// first name corrected between the plan and the transaction, the
// certificate is issued as corrected and downloads so, the PDF planned
// before never served.
func TestR16_AnIdentityCorrectedWhileThePDFsRenderIsPrinted(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		j := proclaimedJury(t, st)
		office := store.Caller{Actor: store.Actor{Email: "office@test.fr"}, Role: certif.RoleOffice, Scope: store.All, Today: j.day}
		meanwhile := store.BetweenProclamationPlanAndCommit(ctx, func() {
			cand, err := st.Candidate(ctx, j.cases[0].CandidateID, store.All)
			if err != nil {
				t.Fatal(err)
			}
			cand.FirstNames[0] = "Maëlle"
			if _, err := st.UpdateCandidate(ctx, office.Because("prénom mal orthographié"), cand.ID, cand); err != nil {
				t.Fatal(err)
			}
		})
		if _, err := st.Proclaim(meanwhile, j.by, j.day, nil, testIssuer); err != nil {
			t.Fatal(err)
		}
		c, err := st.Certificate(ctx, "CCP-2026-000001", store.All)
		if err != nil || c.Holder.FirstName != "Maëlle" {
			t.Fatalf("certificat délivré : %+v %v", c, err)
		}
		renders := &storetest.Renders{CertificateIssuer: testIssuer}
		pdf, err := st.CertificatePDF(ctx, c, renders)
		claims, _, err2 := certificate.Check(testIssuer.Key.Public().(ed25519.PublicKey), pdf)
		if err != nil || err2 != nil || renders.Count() != 1 || claims != c.Certificate().Claims() {
			t.Errorf("PDF : %d rendus, %+v (%v %v)", renders.Count(), claims, err, err2)
		}
	})
}
