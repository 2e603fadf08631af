package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// evaluationDay is the day of the sessions of these tests, before the
// fixture's today: their evaluations may be recorded.
var evaluationDay = certif.MustDate("2026-11-20")

// juryOf seats "jury" (Paul, expert) with two members of their own
// accounts ("jury2", certifier's representative; "jury3", branch's) in a
// convened COS session of attempt, and a member who sits elsewhere
// ("juryB"). It returns the session.
func (e *env) juryOf(t *testing.T, attempt int64) certif.JurySession {
	t.Helper()
	ctx := context.Background()
	var ids [3]int64
	ids[1] = e.users["jury"].JuryMemberID
	for i, m := range []certif.JuryMember{
		{FirstName: "Claire", LastName: "Roux", Email: "claire@jury.test", Roles: []certif.JuryRole{certif.JuryCertifierRep}, Organisation: "UCANSS"},
		{FirstName: "Marc", LastName: "Petit", Email: "marc@jury.test", Roles: []certif.JuryRole{certif.JuryBranchRep}, Branch: "famille", Organisation: "CAF de la Gironde"},
		{FirstName: "Inès", LastName: "Moreau", Email: "ines@jury.test", Roles: []certif.JuryRole{certif.JuryExpert}, Qualifications: []string{"GC"}, Organisation: "Institut 4.10"},
	} {
		saved, err := e.st.CreateJuryMember(ctx, store.Platform(), m)
		if err != nil {
			t.Fatal(err)
		}
		key := []string{"jury2", "jury3", "juryB"}[i]
		if _, ok := e.users[key]; !ok {
			e.addUser(key, store.NewUser{Email: m.Email, Role: certif.RoleJury, JuryMemberID: saved.ID})
		}
		if i < 2 {
			ids[i*2] = saved.ID
		}
	}
	return storetest.ConvenedSession(t, e.st, store.PlatformOn(fixtureToday), "COS", evaluationDay, ids, attempt)
}

// leaAttempt registers Léa (CAF69) for COS block 1, with 30 minutes of
// extra time granted, and returns the attempt.
func (e *env) leaAttempt(t *testing.T) int64 {
	t.Helper()
	ctx := context.Background()
	hr := store.CallerOf(e.users["employer"], fixtureToday)
	g, err := e.st.CreateRegistration(ctx, hr, e.users["candidate"].CandidateID, certif.RegistrationRequest{Qualification: "COS", Path: certif.PathPartial,
		Blocks: []int{1}, CertifiableFrom: certif.MustDate("2027-06-02"), Contract: certif.ContractCDI, Specialty: "Accueil"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.SaveAdjustmentGrant(ctx, store.PlatformOn(fixtureToday), certif.AdjustmentGrant{RegistrationID: g.ID, ExtraMinutes: 30, AccessibleRoom: true}, 0); err != nil {
		t.Fatal(err)
	}
	return g.Attempts[0].ID
}

var pdf = []byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n")

// TestR11_AJuryEvaluatesConfirmsAndTheSessionCloses: the office sets the
// grid; a member records presence, grid and proposal (a proposal without
// reasons is refused), uploads a PDF (an HTML page renamed .pdf is
// refused), downloaded as an attachment; the three confirm, the session
// closes and the attempt is evaluated; a member of another session gets
// 404; the office reopens with a reason.
func TestR11_AJuryEvaluatesConfirmsAndTheSessionCloses(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	office := e.as("office")
	if res := office.post("/grilles/COS", url.Values{"grid_1": {"Accueille le public et identifie sa demande\nApporte une réponse adaptée\n"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("grille : %d %.1500s", res.StatusCode, body(t, res))
	}
	if page := body(t, e.as("certifier").get("/grilles/COS")); !strings.Contains(page, "Apporte une réponse adaptée") || !strings.Contains(page, "2 critères") {
		t.Errorf("grille lue par le certificateur\n%.2000s", page)
	}
	ss := e.juryOf(t, e.leaAttempt(t))
	slot := "/evaluations/" + strconv.FormatInt(ss.Slots[0].ID, 10)
	sheet, err := e.st.EvaluationSheet(t.Context(), ss.Slots[0].ID, store.All)
	if err != nil {
		t.Fatal(err)
	}
	jury := e.as("jury")
	page := body(t, jury.get(slot))
	for _, want := range []string{"Léa MARTIN", "Observation en situation réelle", "30 minutes de temps supplémentaire, salle accessible", "jeudi 17 décembre 2026",
		"Accueille le public et identifie sa demande", "Présente", "Claire ROUX"} {
		if !strings.Contains(page, want) {
			t.Errorf("fiche : %q absent\n%.4000s", want, page)
		}
	}
	for _, key := range []string{"juryB", "employerB"} {
		if res := e.as(key).get(slot); res.StatusCode != http.StatusNotFound && res.StatusCode != http.StatusForbidden {
			t.Errorf("%s ouvre l'évaluation : %d", key, res.StatusCode)
		}
	}
	if res := e.as("juryB").post(slot, url.Values{"presence": {"absent"}}); res.StatusCode != http.StatusNotFound {
		t.Errorf("un autre membre enregistre : %d", res.StatusCode)
	}
	form := url.Values{"version": {"0"}, "presence": {"present"}, "proposal": {"favourable"}}
	for _, r := range sheet.Evaluation.Results {
		form.Set("result_"+strconv.FormatInt(r.CriterionID, 10), "acquired")
	}
	res := jury.post(slot, form)
	if page := body(t, res); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "Motivez l&#39;avis") {
		t.Errorf("avis sans motif : %d\n%.3000s", res.StatusCode, page)
	}
	form.Set("comment", "Accueil maîtrisé, réponses exactes.")
	if res := jury.post(slot, form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("enregistrement : %d %.2000s", res.StatusCode, body(t, res))
	}
	if res := e.as("jury2").post(slot, form); res.StatusCode != http.StatusPreconditionFailed {
		t.Errorf("enregistrement sur une version périmée : %d", res.StatusCode)
	}

	res = jury.upload(slot+"/pieces", "faux.pdf", []byte("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"))
	if page := body(t, res); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "« faux.pdf »") {
		t.Errorf("page HTML renommée en .pdf : %d\n%.2000s", res.StatusCode, page)
	}
	res = jury.upload(slot+"/pieces", "énorme.pdf", append([]byte("%PDF-1.4\n"), make([]byte, 22<<20)...))
	if page := body(t, res); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "20 Mo au plus") {
		t.Errorf("pièce de 22 Mo : %d\n%.2000s", res.StatusCode, page)
	}
	if res := e.as("employer").upload("/convocations/"+strconv.FormatInt(ss.Slots[0].ID, 10)+"/pieces", "rapport de contrôle.pdf", pdf); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("dépôt par l'employeur : %d %.2000s", res.StatusCode, body(t, res))
	}
	if res := e.as("employerB").upload("/convocations/"+strconv.FormatInt(ss.Slots[0].ID, 10)+"/pieces", "x.pdf", pdf); res.StatusCode != http.StatusNotFound {
		t.Errorf("dépôt par un autre employeur : %d", res.StatusCode)
	}
	sheet, _ = e.st.EvaluationSheet(t.Context(), ss.Slots[0].ID, store.All)
	if len(sheet.Evidence) != 1 {
		t.Fatalf("pièces : %+v", sheet.Evidence)
	}
	piece := "/pieces/" + strconv.FormatInt(sheet.Evidence[0].ID, 10)
	res = jury.get(piece)
	got, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK || string(got) != string(pdf) || res.Header.Get("Content-Type") != "application/pdf" ||
		!strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment;") || res.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("téléchargement : %d %v", res.StatusCode, res.Header)
	}
	if res := e.as("juryB").get(piece); res.StatusCode != http.StatusNotFound {
		t.Errorf("un autre membre télécharge : %d", res.StatusCode)
	}

	for i, key := range []string{"jury", "jury2", "jury3"} {
		c := e.as(key)
		res := c.post(slot+"/confirmation", url.Values{"version": {"1"}})
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("confirmation %s : %d %.2000s", key, res.StatusCode, body(t, res))
		}
		page := body(t, c.get(res.Header.Get("Location")))
		if i == 2 && !strings.Contains(page, "la séance est close") {
			t.Errorf("clôture annoncée\n%.3000s", page)
		}
	}
	sheet, _ = e.st.EvaluationSheet(t.Context(), ss.Slots[0].ID, store.All)
	if sheet.Session.Status != certif.SessionClosed || sheet.AttemptStatus != certif.AttemptEvaluated || !sheet.Evaluation.Final() {
		t.Errorf("après les trois confirmations : %s %s %s", sheet.Session.Status, sheet.AttemptStatus, sheet.Evaluation.Status)
	}
	if page := body(t, jury.get(slot)); strings.Contains(page, `action="`+slot+`"`) || !strings.Contains(page, "Avis favorable") {
		t.Errorf("une évaluation close se lit sans formulaire\n%.3000s", page)
	}
	if res := jury.post(slot, form); res.StatusCode != http.StatusConflict {
		t.Errorf("modification d'une évaluation close : %d", res.StatusCode)
	}

	reopen := "/seances/" + strconv.FormatInt(ss.ID, 10) + "/reouverture"
	version := strconv.Itoa(sheet.Session.Version)
	if res := office.post(reopen, url.Values{"version": {version}, "reason": {" "}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("réouverture sans motif : %d", res.StatusCode)
	}
	if res := office.post(reopen, url.Values{"version": {version}, "reason": {"Erreur de saisie du critère 2"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("réouverture : %d %.2000s", res.StatusCode, body(t, res))
	}
	sheet, _ = e.st.EvaluationSheet(t.Context(), ss.Slots[0].ID, store.All)
	if sheet.Session.Status != certif.SessionHeld || sheet.AttemptStatus != certif.AttemptScheduled || len(sheet.Evaluation.Confirmations) != 0 {
		t.Errorf("après réouverture : %s %s %+v", sheet.Session.Status, sheet.AttemptStatus, sheet.Evaluation.Confirmations)
	}
}

// addEvaluationSamples seats "jury" in a convened session of Léa's first
// attempt of registration regID, with a piece, for the routes of the
// evaluations (and creates "juryB", who sits elsewhere).
func (f tenantFixture) addEvaluationSamples(t *testing.T, e *env, regID int64) certif.JurySession {
	t.Helper()
	ctx := context.Background()
	reg, err := e.st.Registration(ctx, regID, store.All)
	if err != nil {
		t.Fatal(err)
	}
	ss := e.juryOf(t, reg.Attempts[0].ID)
	slot := map[string]string{"slot": strconv.FormatInt(ss.Slots[0].ID, 10)}
	for _, p := range []string{"/evaluations/{slot}", "/evaluations/{slot}/confirmation", "/evaluations/{slot}/pieces"} {
		f.add(p, tenantSample{owner: "jury", intruder: "juryB", values: slot})
	}
	f.add("/convocations/{slot}/pieces", tenantSample{owner: "employer", intruder: "employerB", values: slot})
	key := "0123456789abcdef0123456789abcdef"
	if err := e.srv.Blobs.Put(ctx, key, strings.NewReader(string(pdf))); err != nil {
		t.Fatal(err)
	}
	piece, err := e.st.AddEvidence(ctx, store.CallerOf(e.users["employer"], fixtureToday), ss.Slots[0].ID,
		store.EvidenceFile{Name: "rapport.pdf", Type: "application/pdf", Size: int64(len(pdf)), SHA256: strings.Repeat("0", 64), Key: key})
	if err != nil {
		t.Fatal(err)
	}
	f.add("/pieces/{id}", tenantSample{owner: "jury", intruder: "juryB", values: map[string]string{"id": strconv.FormatInt(piece.ID, 10)}})
	return ss
}
