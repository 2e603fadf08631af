package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"certibloc/internal/certif"
	"certibloc/internal/clock"
	"certibloc/internal/pdftest"
	"certibloc/internal/store"
	"certibloc/internal/web"
)

// juryDay is the national jury of the tests, and onJuryDay the site's clock on it.
var juryDay = certif.MustDate("2026-12-17")

func onJuryDay(c *web.Config) { c.Clock = clock.Fixed(juryDay) }

// TestR10_TheCertifierDeliberatesThenProclaimsOnce: a proposal confirmed by the
// three members on 23/11/2026 is on the case list of the national jury of
// 17/12/2026; the office reads it but does not decide; the certifier accepts
// the favourable proposals at once, then signs the minutes (a PDF that pdfsig
// finds valid, downloaded by the staff, by the API too): the decisions are
// final; nothing is published until the proclamation, refused before the
// minutes are signed and before its day (the office moved it, then back), which
// validates the block and mails the employer's summary, once; an employer
// cannot open the page.
func TestR10_TheCertifierDeliberatesThenProclaimsOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t, onJuryDay)
	attempt := finalProposal(t, e)
	e.st.SetClock(func() time.Time { return juryDay.Time().Add(14 * time.Hour) })
	page := body(t, e.as("office").get("/jurys-nationaux/2026-12-17"))
	if !strings.Contains(page, "Léa MARTIN") || !strings.Contains(page, "1 cas à décider, dont 1 avec une proposition favorable") || strings.Contains(page, "/favorables") {
		t.Errorf("liste des cas vue par l'équipe des examens :\n%s", page)
	}
	if res := e.as("office").post("/jurys-nationaux/2026-12-17/favorables", nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("l'équipe des examens décide : %d", res.StatusCode)
	}
	if res := e.as("employer").get("/jurys-nationaux/2026-12-17"); res.StatusCode != http.StatusForbidden {
		t.Errorf("un employeur ouvre le jury national : %d", res.StatusCode)
	}
	certifier := e.as("certifier")
	jury := "/jurys-nationaux/2026-12-17"
	if res := certifier.post(jury+"/composition", url.Values{"name_1": {"Anne Roy"}, "side_1": {"employer"}, "president": {"1"}, "sat_1": {"on"}}); res.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(body(t, res), "représentants des employeurs et des salariés") {
		t.Errorf("jury sans représentant des salariés : %d", res.StatusCode)
	}
	if res := certifier.post(jury+"/composition", url.Values{"name_1": {"Anne Roy"}, "side_1": {"employer"}, "sat_1": {"on"},
		"name_2": {"Karim Benali"}, "sex_2": {"M"}, "side_2": {"employee"}, "president": {"2"}, "sat_2": {"on"},
		"name_3": {"Hélène Faure"}, "sex_3": {"F"}, "side_3": {"employee"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("composition : %d %s", res.StatusCode, body(t, res))
	}
	// Each member's words agree with their sex, inclusive when not given.
	if page := body(t, e.as("office").get(jury)); !strings.Contains(page, "Anne Roy, représentant·e des employeurs<") ||
		!strings.Contains(page, "Karim Benali, représentant des salariés, président<") || !strings.Contains(page, "Hélène Faure, représentante des salariés (absente)") {
		t.Errorf("composition lue par l'équipe des examens :\n%s", page)
	}
	if res := certifier.post("/jurys-nationaux/2026-12-17/decisions", url.Values{"decision_" + strconv.FormatInt(attempt, 10): {"not_validated"}}); res.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(body(t, res), "indiquez-en le motif") {
		t.Errorf("décision contraire sans motif : %d", res.StatusCode)
	}
	if res := certifier.post("/jurys-nationaux/2026-12-17/favorables", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("propositions favorables : %d %s", res.StatusCode, body(t, res))
	}
	page = body(t, certifier.get("/jurys-nationaux/2026-12-17"))
	if !strings.Contains(page, "Aucun cas à décider") || !strings.Contains(page, "Validé") || !strings.Contains(page, "Signer le procès-verbal") ||
		strings.Contains(page, "Proclamer les résultats") {
		t.Errorf("après la délibération :\n%s", page)
	}
	if page := body(t, e.as("office").get("/jurys-nationaux")); !strings.Contains(page, "décisions prises") {
		t.Errorf("étape du jury dans la liste :\n%s", page)
	}
	if res := certifier.post(jury+"/proclamation", nil); res.StatusCode != http.StatusConflict || !strings.Contains(body(t, res), "Signez d&#39;abord le procès-verbal") {
		t.Errorf("proclamer sans procès-verbal signé : %d", res.StatusCode)
	}
	signMinutes(t, e, jury)
	if res := certifier.post(jury+"/composition", url.Values{"name_1": {"Anne Roy"}, "side_1": {"employer"}, "sat_1": {"on"},
		"name_2": {"Karim Benali"}, "side_2": {"employee"}, "president": {"1"}, "sat_2": {"on"}}); res.StatusCode != http.StatusConflict ||
		!strings.Contains(body(t, res), "est signé : ses décisions sont définitives") {
		t.Errorf("composition après la signature : %d", res.StatusCode)
	}
	if res := e.as("office").post(jury+"/date-de-proclamation", url.Values{"proclamation_date": {"16/12/2026"}}); res.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(body(t, res), "ne peut pas précéder le jury national du 17/12/2026") {
		t.Errorf("proclamation avant le jury : %d", res.StatusCode)
	}
	if res := e.as("office").post(jury+"/date-de-proclamation", url.Values{"proclamation_date": {"18/12/2026"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("jour de proclamation : %d %s", res.StatusCode, body(t, res))
	}
	if page := body(t, certifier.get(jury)); !strings.Contains(page, "Proclamation le 18/12/2026 : possible à partir de ce jour-là") || strings.Contains(page, "Proclamer les résultats") {
		t.Errorf("proclamation le 18/12/2026 :\n%s", page)
	}
	if res := certifier.post(jury+"/proclamation", nil); res.StatusCode != http.StatusConflict || !strings.Contains(body(t, res), "se proclament le 18/12/2026, pas avant") {
		t.Errorf("proclamer avant son jour : %d", res.StatusCode)
	}
	if a, _ := e.st.AttemptSummaries(t.Context(), []int64{attempt}); a[attempt].Status != certif.AttemptEvaluated {
		t.Errorf("publié avant la proclamation : %+v", a)
	}
	if res := e.as("office").post(jury+"/date-de-proclamation", url.Values{"proclamation_date": {"2026-12-17"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("jour de proclamation : %d %s", res.StatusCode, body(t, res))
	}
	if res := certifier.post("/jurys-nationaux/2026-12-17/proclamation", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("proclamation : %d %s", res.StatusCode, body(t, res))
	}
	a, err := e.st.AttemptSummaries(t.Context(), []int64{attempt})
	if err != nil || a[attempt].Status != certif.AttemptValidated {
		t.Errorf("bloc validé : %+v %v", a, err)
	}
	for who, want := range map[string]bool{"employer": true, "candidate": true, "employerB": false} {
		if b := body(t, e.api("GET", "/api/v1/results", who, "")); strings.Contains(b, `"decision":"validated"`) != want {
			t.Errorf("%s : résultats %s", who, b)
		}
	}
	if page := body(t, e.as("certifier").get("/jurys-nationaux")); !strings.Contains(page, "proclamé") {
		t.Errorf("étape du jury dans la liste :\n%s", page)
	}
	if b := body(t, e.api("GET", "/api/v1/national-juries/2026-12-17", "certifier", "")); !strings.Contains(b, `"proclaimed":true`) || !strings.Contains(b, `"president":true`) ||
		!strings.Contains(b, `"proclamation_date":"2026-12-17"`) || !strings.Contains(b, `"signed_by":"`) || !strings.Contains(b, `"sha256":"`) {
		t.Errorf("jury national par l'API : %s", b)
	}
	certs, err := e.st.Certificates(t.Context(), store.All)
	if err != nil || len(certs) != 1 {
		t.Fatalf("certificats délivrés : %+v %v", certs, err)
	}
	cert := certs[0]
	if page := body(t, e.as("candidate").get("/certificats")); !strings.Contains(page, cert.Number) {
		t.Errorf("la candidate ne voit pas son certificat :\n%s", page)
	}
	res := e.as("employer").get("/certificats/" + cert.Number + "/pdf")
	if b := body(t, res); res.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(b, "%PDF") {
		t.Errorf("PDF du certificat : %s", res.Header.Get("Content-Type"))
	}
	for _, other := range []string{"employerB", "candidateB"} {
		if other == "candidateB" {
			e.addUser("candidateB", store.NewUser{Email: "autre.candidate@test.fr", Role: certif.RoleCandidate, CandidateID: otherCandidate(t, e)})
		}
		if res := e.as(other).get("/certificats/" + cert.Number + "/pdf"); res.StatusCode != http.StatusNotFound {
			t.Errorf("%s télécharge le certificat : %d", other, res.StatusCode)
		}
	}
	if page := body(t, e.anonymous().get("/verifier?code="+url.QueryEscape(strings.ToLower(cert.Code)))); !strings.Contains(page, "Certificat valide") || !strings.Contains(page, "MARTIN (DURAND) Léa") {
		t.Errorf("vérification par le code :\n%s", page)
	}
	if b := body(t, e.api("GET", "/api/v1/verify/"+url.PathEscape(cert.Code), "", "")); !strings.Contains(b, `"status":"valid"`) || !strings.Contains(b, cert.Number) {
		t.Errorf("vérification par l'API : %s", b)
	}
	if b := body(t, e.api("GET", "/api/v1/verify/ZZZZ-ZZZZ-ZZZZ", "", "")); !strings.Contains(b, `"status":"unknown"`) {
		t.Errorf("code inconnu par l'API : %s", b)
	}
	if b := body(t, e.api("GET", "/api/v1/certificates", "candidate", "")); !strings.Contains(b, cert.Number) || !strings.Contains(b, `"verification_code"`) {
		t.Errorf("certificats de la candidate par l'API : %s", b)
	}
	if b := body(t, e.api("GET", "/api/v1/certificates", "employerB", "")); strings.Contains(b, cert.Number) {
		t.Errorf("un autre employeur voit le certificat par l'API : %s", b)
	}
	if n, err := e.st.Verifications(t.Context()); err != nil || n["valid"] != 2 || n["unknown"] != 1 {
		t.Errorf("vérifications journalisées : %v %v", n, err)
	}
	if res := e.anonymous().get("/verifier/cle-publique.pem"); !strings.Contains(body(t, res), "BEGIN PUBLIC KEY") {
		t.Errorf("clé publique : %d", res.StatusCode)
	}
	for _, q := range []string{"code=ABCD-EFGH-JKMN", "p=ceci-n-est-pas-un-certificat"} {
		if page := body(t, e.anonymous().get("/verifier?"+q)); !strings.Contains(page, "Certificat inconnu ou falsifié") {
			t.Errorf("%s :\n%s", q, page)
		}
	}
	mails, _, err := e.st.OutboxMails(t.Context(), store.OutboxFilter{Kind: "results_summary"})
	if err != nil || len(mails) != 1 || mails[0].To[0] != "rh@caf69.test" {
		t.Errorf("récapitulatif à l'employeur : %+v %v", mails, err)
	}
	if res := certifier.post("/jurys-nationaux/2026-12-17/proclamation", nil); res.StatusCode != http.StatusForbidden && res.StatusCode != http.StatusConflict && res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("proclamer deux fois : %d", res.StatusCode)
	}
}

// signMinutes has the certifier sign the minutes of the jury at path: the
// page then links the signed PDF, which the office downloads (pdfsig finds
// it valid, signed in the certifier's name, with its decision), the API too;
// an employer cannot; anyone downloads the signing certificate.
func signMinutes(t *testing.T, e *env, jury string) {
	t.Helper()
	if res := e.as("certifier").post(jury+"/signature", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("signature du procès-verbal : %d %s", res.StatusCode, body(t, res))
	}
	page := body(t, e.as("office").get(jury))
	if !strings.Contains(page, "Signature du procès-verbal : signé le") || !strings.Contains(page, jury+"/proces-verbal.pdf") || strings.Contains(page, "Signer le procès-verbal") {
		t.Errorf("après la signature :\n%s", page)
	}
	res := e.as("office").get(jury + "/proces-verbal.pdf")
	pdf := body(t, res)
	if res.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(pdf, "%PDF") {
		t.Fatalf("procès-verbal : %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	if api := body(t, e.api("GET", "/api/v1/national-juries/"+strings.TrimPrefix(jury, "/jurys-nationaux/")+"/minutes.pdf", "certifier", "")); api != pdf {
		t.Errorf("procès-verbal par l'API : %.40q", api)
	}
	if res := e.as("employer").get(jury + "/proces-verbal.pdf"); res.StatusCode != http.StatusForbidden {
		t.Errorf("un employeur télécharge le procès-verbal : %d", res.StatusCode)
	}
	if cert := body(t, e.anonymous().get("/jurys-nationaux/certificat-signature.pem")); !strings.HasPrefix(cert, "-----BEGIN CERTIFICATE-----") {
		t.Errorf("certificat de signature : %q", cert)
	}
	path := pdftest.Write(t, "pv.pdf", []byte(pdf))
	if report := pdftest.Signatures(t, path); !strings.Contains(report, "Signature is Valid") || !strings.Contains(report, "Common Name: UCANSS") {
		t.Errorf("pdfsig :\n%s", report)
	}
	if text := pdftest.Text(t, path); !strings.Contains(text, "Léa MARTIN Bloc 1") || !strings.Contains(text, "Avis favorable Validé") {
		t.Errorf("texte du procès-verbal :\n%s", text)
	}
}

// finalProposal records, on 23/11/2026, Léa's favourable proposal for COS
// block 1 confirmed by the three members of her session; it returns the attempt.
func finalProposal(t *testing.T, e *env) int64 {
	t.Helper()
	e.st.SetClock(func() time.Time { return fixtureToday.Time().Add(10 * time.Hour) })
	if res := e.as("office").post("/grilles/COS", url.Values{"grid_1": {"Accueille le public et identifie sa demande\n"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("grille : %d", res.StatusCode)
	}
	attempt := e.leaAttempt(t)
	ss := e.juryOf(t, attempt)
	slot := ss.Slots[0].ID
	sheet, err := e.st.EvaluationSheet(t.Context(), slot, store.All)
	if err != nil {
		t.Fatal(err)
	}
	ev := sheet.Evaluation
	ev.Presence, ev.Proposal, ev.Comment = certif.PresencePresent, certif.ProposalFavourable, "Accueil maîtrisé."
	for i := range ev.Results {
		ev.Results[i].Result = certif.Acquired
	}
	member := func(id int64) store.Caller {
		return store.Caller{Actor: store.Actor{Email: "jury@test"}, Role: certif.RoleJury, Scope: store.Scope{JuryMemberID: id}, Today: fixtureToday}
	}
	saved, err := e.st.SaveEvaluation(t.Context(), member(ss.Members[1].MemberID), slot, ev, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ss.Members {
		if _, err := e.st.ConfirmEvaluation(t.Context(), member(m.MemberID), slot, saved.Version); err != nil {
			t.Fatal(err)
		}
	}
	return attempt
}

// otherCandidate creates a candidate of CPAM33.
func otherCandidate(t *testing.T, e *env) int64 {
	t.Helper()
	c, err := e.st.CreateCandidate(t.Context(), store.PlatformOn(fixtureToday), certif.Candidate{EmployerCode: "CPAM33", BirthName: "Roussel",
		FirstNames: []string{"Anaïs"}, Sex: "F", BirthDate: certif.MustDate("1990-04-04"), BirthINSEE: "33063"})
	if err != nil {
		t.Fatal(err)
	}
	return c.ID
}
