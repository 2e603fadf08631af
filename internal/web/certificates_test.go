package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"certibloc/internal/certif"
	"certibloc/internal/certificate"
	"certibloc/internal/store"
)

// proclaimTheJury takes the national jury of 17/12/2026 through its
// deliberation: composition, favourable proposals accepted, minutes signed,
// then, on its day, the proclamation.
func proclaimTheJury(t *testing.T, e *env) {
	t.Helper()
	certifier := e.as("certifier")
	jury := "/jurys-nationaux/2026-12-17"
	for _, step := range []struct {
		path string
		form url.Values
	}{
		{"/composition", url.Values{"name_1": {"Anne Roy"}, "side_1": {"employer"}, "sat_1": {"on"}, "name_2": {"Karim Benali"}, "side_2": {"employee"}, "president": {"2"}, "sat_2": {"on"}}},
		{"/favorables", nil},
		{"/signature", nil},
	} {
		if res := certifier.post(jury+step.path, step.form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s : %d %s", step.path, res.StatusCode, body(t, res))
		}
	}
	if res := e.onDay(t, certif.MustDate("2026-12-17")).as("certifier").post(jury+"/proclamation", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("proclamation : %d %s", res.StatusCode, body(t, res))
	}
}

// proclaimLea takes Léa's favourable proposal through the national jury of
// 17/12/2026 and returns the certificate it issued.
func proclaimLea(t *testing.T, e *env) store.CertificateRow {
	t.Helper()
	finalProposal(t, e)
	proclaimTheJury(t, e)
	certs, err := e.st.Certificates(t.Context(), store.All)
	if err != nil || len(certs) != 1 {
		t.Fatalf("certificats : %+v %v", certs, err)
	}
	return certs[0]
}

// TestR16_ACertificateIsDownloadedVerifiedReissuedThenRevoked: the candidate
// opens her certificate, downloads its verifiable credential, which anyone
// checks on /verifier and which the API gives too; a correction of her usage
// name re-issues it under a new number (the old one "remplacé"); the
// certifier, alone, revokes the new one with a reason. Nobody outside her
// scope reaches any of it.
func TestR16_ACertificateIsDownloadedVerifiedReissuedThenRevoked(t *testing.T) {
	t.Parallel()
	eachDialect(t, func(t *testing.T, e *env) {
		cert := proclaimLea(t, e)
		e.addUser("candidateB", store.NewUser{Email: "autre.candidate@test.fr", Role: certif.RoleCandidate, CandidateID: otherCandidate(t, e)})
		page := "/certificats/" + cert.Number
		for _, p := range []string{page, page + "/attestation", page + "/pdf"} {
			for _, other := range []string{"employerB", "candidateB"} {
				if res := e.as(other).get(p); res.StatusCode != http.StatusNotFound {
					t.Errorf("%s ouvre %s : %d", other, p, res.StatusCode)
				}
			}
		}
		for _, suffix := range []string{"", ".pdf", ".jwt"} {
			if res := e.api("GET", "/api/v1/certificates/"+cert.Number+suffix, "employerB", ""); res.StatusCode != http.StatusNotFound {
				t.Errorf("un autre employeur lit %s par l'API : %d", suffix, res.StatusCode)
			}
		}
		if b := body(t, e.as("candidate").get(page)); !strings.Contains(b, "MARTIN (DURAND) Léa, né·e le 03/02/1991") || !strings.Contains(b, "attestation numérique vérifiable") ||
			strings.Contains(b, "Révoquer") {
			t.Errorf("page du certificat vue par la candidate :\n%s", b)
		}
		res := e.as("candidate").get(page + "/attestation")
		token := body(t, res)
		if res.Header.Get("Content-Type") != "application/vc+jwt" || strings.Count(token, ".") != 2 {
			t.Fatalf("attestation : %s %q", res.Header.Get("Content-Type"), token)
		}
		pub, err := certificate.ParsePublicKey([]byte(body(t, e.anonymous().get("/verifier/cle-publique.pem"))))
		if err != nil {
			t.Fatal(err)
		}
		if cl, err := certificate.VerifyCredential(pub, token); err != nil || cl.Number != cert.Number {
			t.Errorf("attestation hors ligne : %+v %v", cl, err)
		}
		if b := body(t, e.anonymous().get("/verifier?attestation="+url.QueryEscape(token))); !strings.Contains(b, "Certificat valide") ||
			!strings.Contains(b, "Open Badges") || !strings.Contains(b, cert.Number) {
			t.Errorf("vérification de l'attestation :\n%s", b)
		}
		forged := token[:len(token)-4] + "AAAA"
		if b := body(t, e.anonymous().get("/verifier?attestation="+url.QueryEscape(forged))); !strings.Contains(b, "Certificat inconnu ou falsifié") {
			t.Errorf("attestation falsifiée :\n%s", b)
		}
		if b := body(t, e.api("GET", "/api/v1/certificates/"+cert.Number, "employer", "")); !strings.Contains(b, `"certification":"`) || !strings.Contains(b, `"number":"`+cert.Number) {
			t.Errorf("certificat par l'API : %s", b)
		}
		if res := e.api("GET", "/api/v1/certificates/"+cert.Number+".pdf", "candidate", ""); !strings.HasPrefix(body(t, res), "%PDF") {
			t.Errorf("PDF par l'API : %s", res.Header.Get("Content-Type"))
		}
		if jwt := body(t, e.api("GET", "/api/v1/certificates/"+cert.Number+".jwt", "employer", "")); strings.Count(jwt, ".") != 2 {
			t.Errorf("attestation par l'API : %q", jwt)
		}

		// A correction of the printed identity re-issues the certificate.
		if _, err := e.st.EditCandidate(t.Context(), store.PlatformOn(fixtureToday).Because("nom d'usage mal saisi"), cert.CandidateID, 0, func(c *certif.Candidate) error {
			c.UsageName = "Martinez"
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		old, err := e.st.Certificate(t.Context(), cert.Number, store.All)
		if err != nil || old.Status != certificate.Replaced || old.ReplacedBy == "" {
			t.Fatalf("ancien certificat : %+v %v", old, err)
		}
		renewed, err := e.st.Certificate(t.Context(), old.ReplacedBy, store.All)
		if err != nil || renewed.Status != certificate.Valid || renewed.Replaces != cert.Number || renewed.Holder.Printed() != "MARTINEZ (DURAND) Léa, né·e le 03/02/1991" {
			t.Fatalf("certificat réédité : %+v %v", renewed, err)
		}
		if b := body(t, e.anonymous().get("/verifier?code="+url.QueryEscape(cert.Code))); !strings.Contains(b, "Certificat remplacé") || !strings.Contains(b, renewed.Number) {
			t.Errorf("ancien code vérifié :\n%s", b)
		}
		if b := body(t, e.as("office").get("/candidats/"+strconv.FormatInt(cert.CandidateID, 10))); !strings.Contains(b, renewed.Number) {
			t.Errorf("la réédition n'est pas tracée sur le dossier :\n%s", b)
		}

		// Revocation: the certifier only, with a reason.
		revoke := "/certificats/" + renewed.Number + "/revocation"
		if res := e.as("office").post(revoke, url.Values{"reason": {"fraude"}}); res.StatusCode != http.StatusForbidden {
			t.Errorf("l'équipe des examens révoque : %d", res.StatusCode)
		}
		if res := e.as("certifier").post(revoke, url.Values{"reason": {"  "}}); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body(t, res), "motif de la révocation") {
			t.Errorf("révocation sans motif : %d", res.StatusCode)
		}
		if res := e.as("certifier").post(revoke, url.Values{"reason": {"Pièce justificative falsifiée"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("révocation : %d %s", res.StatusCode, body(t, res))
		}
		if b := body(t, e.api("GET", "/api/v1/verify/"+url.PathEscape(renewed.Code), "", "")); !strings.Contains(b, `"status":"revoked"`) {
			t.Errorf("certificat révoqué par l'API : %s", b)
		}
		if b := body(t, e.as("certifier").get("/certificats/"+renewed.Number)); !strings.Contains(b, "Pièce justificative falsifiée") || strings.Contains(b, "Révoquer le certificat") {
			t.Errorf("page du certificat révoqué :\n%s", b)
		}
		if res := e.as("certifier").post(revoke, url.Values{"reason": {"encore"}}); res.StatusCode != http.StatusConflict {
			t.Errorf("révoquer deux fois : %d", res.StatusCode)
		}
	})
}
