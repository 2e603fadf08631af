package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"certibloc/internal/accrochage"
	"certibloc/internal/accrochage/accrochagetest"
	"certibloc/internal/certif"
	"certibloc/internal/store/storetest"
)

// TestAccrochageOfficeJourney: with two GCs and a MOSS obtained on
// 15/06/2026, the office sees what to send, what cannot be sent (the MOSS is
// not on the RNCP) and what is late on 23/11/2026; it enters the CDC
// settings, downloads the first flow (which xmllint accepts), uploads the
// acknowledgement (one accepted, one rejected with the CDC's message; a file
// that is not one is refused, nothing changed) and marks the rejected one
// by hand; employers and candidates cannot open any of it.
func TestAccrochageOfficeJourney(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	lea, anais := e.users["candidate"].CandidateID, otherCandidate(t, e)
	obtained := certif.MustDate("2026-06-15")
	storetest.CQPCertificate(t, e.dsn, lea, "GC", obtained, "CQP-2026-000001", "CODE-1")
	storetest.CQPCertificate(t, e.dsn, anais, "GC", obtained, "CQP-2026-000002", "CODE-2")
	storetest.CQPCertificate(t, e.dsn, anais, "MOSS", obtained, "CQP-2026-000003", "CODE-3")
	office := e.as("office")
	page := body(t, office.get("/accrochage"))
	for _, want := range []string{"À envoyer (2)", "Non déclarables : ce qui manque (1)", "le CQP MOSS n&#39;a aucun enregistrement RNCP dans le référentiel",
		"3 certifications obtenues il y a plus de trois mois ne sont pas encore acceptées", "Générer et télécharger le flux n° 1"} {
		if !strings.Contains(page, want) {
			t.Errorf("page sans %q :\n%s", want, page)
		}
	}
	if res := office.post("/accrochage/flux", nil); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body(t, res), "Renseignez d&#39;abord les paramètres") {
		t.Errorf("flux sans paramètres : %d", res.StatusCode)
	}
	if res := office.post("/accrochage/parametres", url.Values{"client_id": {"UCANSS"}, "contract_id": {"CTR-2026-01"}}); res.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(body(t, res), "compte 8 caractères") {
		t.Errorf("idClient trop court : %d", res.StatusCode)
	}
	if res := office.post("/accrochage/parametres", url.Values{"client_id": {"UCANSS01"}, "contract_id": {"CTR-2026-01"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("paramètres : %d %s", res.StatusCode, body(t, res))
	}
	res := office.post("/accrochage/flux", nil)
	flow := body(t, res)
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/xml" ||
		!strings.Contains(res.Header.Get("Content-Disposition"), "accrochage_UCANSS01_000001.xml") ||
		!strings.Contains(flow, "<urlPreuve>http://localhost/verifier?code=CODE-1</urlPreuve>") {
		t.Fatalf("flux : %d %v\n%s", res.StatusCode, res.Header, flow)
	}
	t.Run("xmllint", func(t *testing.T) { accrochagetest.Validate(t, []byte(flow)) })
	if again := body(t, office.get("/accrochage/flux/1")); again != flow {
		t.Errorf("le flux téléchargé de l'historique diffère")
	}
	if page := body(t, office.get("/accrochage")); !strings.Contains(page, "Envoyées dans le flux n° 1, en attente de l&#39;accusé (2)") || !strings.Contains(page, "Aucune certification à déclarer") {
		t.Errorf("après le flux :\n%s", page)
	}
	if res := office.upload("/accrochage/accuse", "accuse.xml", []byte("PK\x03\x04 un classeur")); res.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(body(t, res), "Rien n&#39;a été modifié") {
		t.Errorf("accusé illisible : %d", res.StatusCode)
	}
	report := accrochage.ReportXML("accrochage_UCANSS01_000001.xml", []string{"CQP-2026-000001"},
		[]accrochage.Outcome{{ID: "CQP-2026-000002", Message: "Titulaire non identifié : commune de naissance"}})
	if res := office.upload("/accrochage/accuse", "accuse_000001.xml", report); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("accusé : %d %s", res.StatusCode, body(t, res))
	}
	page = body(t, office.get("/accrochage"))
	for _, want := range []string{"1 enregistrement accepté, 1 rejeté.", "Rejetées, à corriger (1)", "Titulaire non identifié : commune de naissance",
		"Acceptées (1)", `href="/accrochage/flux/1/accuse">accuse_000001.xml</a>`} {
		if !strings.Contains(page, want) {
			t.Errorf("après l'accusé, page sans %q :\n%s", want, page)
		}
	}
	if b := body(t, office.get("/accrochage/flux/1/accuse")); b != string(report) {
		t.Errorf("accusé conservé : %s", b)
	}
	item := "/accrochage/certifications/CQP-2026-000002"
	form := body(t, office.get(item))
	if !strings.Contains(form, "rejeté") || !strings.Contains(form, `name="version" value="2"`) {
		t.Fatalf("page de la certification :\n%s", form)
	}
	if res := office.post(item, url.Values{"status": {"accepted"}, "version": {"2"}}); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body(t, res), "Indiquez le motif") {
		t.Errorf("marquage sans motif : %d", res.StatusCode)
	}
	if res := office.post(item, url.Values{"status": {"accepted"}, "version": {"2"}, "reason": {"visible sur le portail de la Caisse des Dépôts"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("marquage : %d %s", res.StatusCode, body(t, res))
	}
	if b := body(t, e.api("GET", "/api/v1/accrochage/records", "office", "")); strings.Count(b, `"status":"accepted"`) != 2 || !strings.Contains(b, `"problems":["certification`) {
		t.Errorf("API : %s", b)
	}
	for _, who := range []string{"employer", "candidate"} {
		for _, path := range []string{"/accrochage", "/accrochage/flux/1", "/accrochage/flux/1/accuse", item} {
			if res := e.as(who).get(path); res.StatusCode != http.StatusForbidden {
				t.Errorf("%s ouvre %s : %d", who, path, res.StatusCode)
			}
		}
		if res := e.api("GET", "/api/v1/accrochage/records", who, ""); res.StatusCode != http.StatusForbidden {
			t.Errorf("%s lit l'API : %d", who, res.StatusCode)
		}
	}
}
