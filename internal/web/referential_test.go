package web_test

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"certibloc/internal/store"
)

// TestRNCPRegistrationsForm: the office renews the GC's RNCP registration
// under a new number with a form that works without JS; a wrong number or
// date is refused with a French message naming the field, an edit made on a
// page opened before someone else's change is refused; the referential
// pages show the registrations with their validity, the office's dashboard
// those that lapsed without a renewal.
func TestRNCPRegistrationsForm(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.as("office")
	page := body(t, c.get("/referentiel/GC/rncp/modification"))
	if !strings.Contains(page, `value="RNCP35729"`) || !strings.Contains(page, `value="2026-07-08"`) || !strings.Contains(page, "Ajouter un enregistrement") {
		t.Fatalf("formulaire des enregistrements RNCP :\n%s", page)
	}
	if res := e.as("employer").get("/referentiel/GC/rncp/modification"); res.StatusCode != http.StatusForbidden {
		t.Errorf("un employeur ouvre le formulaire : %d", res.StatusCode)
	}
	if home := body(t, c.get("/")); !strings.Contains(home, "sans renouvellement saisi : GC, COS, IR, CA.") {
		t.Error("le tableau de bord ne signale pas les enregistrements RNCP échus")
	}
	read := versionOf(t, page)
	form := url.Values{"version": {read}, "rows": {"2"},
		"rncp.1.number": {"RNCP35729"}, "rncp.1.until": {"2026-07-08"},
		"rncp.2.number": {"RNCP41X3"}, "rncp.2.from": {"09/07/2026"}, "rncp.2.until": {"31/02/2031"}}
	res := c.post("/referentiel/GC/rncp/modification", form)
	page = body(t, res)
	for _, want := range []string{"Enregistrement 2, numéro : « RNCP41X3 » invalide", "Enregistrement 2, en vigueur jusqu&#39;au : date invalide"} {
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, want) {
			t.Errorf("saisie invalide (%d) : %q absent", res.StatusCode, want)
		}
	}
	form.Set("rncp.2.number", "rncp 41234")
	form.Set("rncp.2.until", "08/07/2031")
	if res := c.post("/referentiel/GC/rncp/modification", form); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("renouvellement : %d\n%s", res.StatusCode, body(t, res))
	}
	page = body(t, e.anonymous().get("/referentiel/GC"))
	for _, want := range []string{"RNCP35729 : jusqu&#39;au 08/07/2026", "RNCP41234 : du 09/07/2026 au 08/07/2031"} {
		if !strings.Contains(page, want) {
			t.Errorf("page du GC : %q absent", want)
		}
	}
	if home := body(t, c.get("/")); !strings.Contains(home, "sans renouvellement saisi : COS, IR, CA.") {
		t.Error("le renouvellement du GC ne retire pas sa tâche du tableau de bord")
	}
	if list := body(t, e.anonymous().get("/referentiel")); !strings.Contains(list, "RNCP41234 (du 09/07/2026 au 08/07/2031, en vigueur)") {
		t.Error("le référentiel ne montre pas le renouvellement")
	}
	// A second tab still holds the first version: refused, nothing changed.
	form.Set("rncp.2.until", "08/07/2032")
	res = c.post("/referentiel/GC/rncp/modification", form)
	if page := body(t, res); res.StatusCode != http.StatusPreconditionFailed || !strings.Contains(page, "modifiés par quelqu&#39;un d&#39;autre") {
		t.Errorf("modification sur une page périmée : %d", res.StatusCode)
	}
	regs, err := e.st.RNCPRegistrations(context.Background())
	if err != nil || len(regs["GC"]) != 2 || regs["GC"][1].Until.String() != "2031-07-08" {
		t.Errorf("enregistrements après le refus : %+v %v", regs["GC"], err)
	}
}

// versionOf reads the version field of a form page.
func versionOf(t *testing.T, page string) string {
	t.Helper()
	const mark = `name="version" value="`
	i := strings.Index(page, mark)
	if i < 0 {
		t.Fatal("formulaire sans version")
	}
	rest := page[i+len(mark):]
	return html.UnescapeString(rest[:strings.Index(rest, `"`)])
}

// TestBlocksWithoutTitleReadBlocN: a block whose title is not known reads
// "Bloc 2" on the referential and registration pages, never a placeholder;
// the office's dashboard asks to complete the titles, with their number,
// until every block has one.
func TestBlocksWithoutTitleReadBlocN(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	quals, err := e.st.Qualifications(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	untitled := 0
	for _, q := range quals {
		untitled += q.UntitledBlocks()
	}
	home := body(t, e.as("office").get("/"))
	if want := fmt.Sprintf("Compléter les intitulés des blocs</a> : %d blocs n&#39;ont pas encore d'intitulé", untitled); untitled == 0 || !strings.Contains(home, want) {
		t.Errorf("tableau de bord : %q absent", want)
	}
	form := body(t, e.as("employer").get(fmt.Sprintf("/candidats/%d/inscriptions/nouvelle?cqp=GC", e.users["candidate"].CandidateID)))
	for _, page := range []string{form, body(t, e.anonymous().get("/referentiel/GC"))} {
		if strings.Contains(page, "Intitulé à compléter") || strings.Contains(page, "Bloc 2 –") {
			t.Error("un intitulé de bloc inconnu s'affiche comme un intitulé")
		}
	}
	if !strings.Contains(form, "> Bloc 2</label>") {
		t.Error("le formulaire d'inscription ne désigne pas le bloc 2 par son numéro")
	}
	// The office enters block 2's title in the GC's form, without JS: the
	// blocks without a title stay, the task counts one less.
	gc := url.Values{"title": {"Gestionnaire conseil de la Sécurité sociale"}, "rncp": {"RNCP35729"}, "level": {"5"}, "route": {"collection_table"},
		"branches": {"famille", "recouvrement", "retraite"}, "active": {"on"}, "block_count_confirmed": {"on"}, "rows": {"4"},
		"nsf": {"313T 300"}, "formacodes": {"13205"}, "certifiers": {"UCANSS\r\n\r\nCPNEFP du régime général de sécurité sociale"}}
	for n := 1; n <= 3; n++ {
		p := fmt.Sprintf("block%d_", n)
		gc.Set(p+"kept", "1")
		gc.Set(p+"modalities", "observation")
		gc.Set(p+"minutes", "60")
	}
	gc.Set("block2_title", "Traiter les dossiers des assurés")
	if res := e.as("office").post("/referentiel/GC", gc); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("intitulé du bloc 2 : %d\n%s", res.StatusCode, body(t, res))
	}
	q, err := e.st.Qualification(ctx, "GC")
	if err != nil || len(q.Blocks) != 3 || q.Blocks[0].Title != "" || q.Blocks[1].Label() != "Bloc 2 – Traiter les dossiers des assurés" ||
		strings.Join(q.NSF, ",") != "313t,300" || len(q.Certifiers) != 2 {
		t.Fatalf("GC après saisie : %+v %v", q, err)
	}
	home = body(t, e.as("office").get("/"))
	if want := fmt.Sprintf("%d blocs n&#39;ont pas encore d'intitulé", untitled-1); !strings.Contains(home, want) {
		t.Errorf("tableau de bord après saisie : %q absent", want)
	}
	quals, err = e.st.Qualifications(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	// The office enters every title: the task goes, the titles show.
	for _, q := range quals {
		for i := range q.Blocks {
			q.Blocks[i].Title = fmt.Sprintf("Compétences %s n° %d", q.Code, q.Blocks[i].Number)
		}
		if err := e.st.SaveQualification(ctx, store.Platform(), q); err != nil {
			t.Fatal(err)
		}
	}
	if home := body(t, e.as("office").get("/")); strings.Contains(home, "Compléter les intitulés des blocs") {
		t.Error("la tâche reste affichée une fois les intitulés saisis")
	}
	if page := body(t, e.anonymous().get("/referentiel/GC")); !strings.Contains(page, "Compétences GC n° 2") {
		t.Error("intitulé saisi non affiché")
	}
}
