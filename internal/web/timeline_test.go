package web_test

import (
	"html"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"certibloc/internal/store"
)

// timelineSection is the timeline of a page, from its heading to the next
// level-2 section, its entities read.
func timelineSection(t *testing.T, page, heading string) string {
	t.Helper()
	_, after, ok := strings.Cut(page, heading)
	if !ok {
		t.Fatalf("pas de parcours « %s » :\n%s", heading, page)
	}
	section, _, _ := strings.Cut(after, "<h2")
	return html.UnescapeString(section)
}

var ruleCode = regexp.MustCompile(`\bR\d{1,2}\b`)

// TestR10_TheTimelineShowsEachBlockToItsCertificate: Léa's COS block 1,
// evaluated and confirmed, waits for the national jury of 17/12/2026 in her
// space, on her file as the office and her employer read it (the proposal
// for the staff only); another employer cannot open the file; once the jury
// is proclaimed, the block reads validated with its certificate's links.
func TestR10_TheTimelineShowsEachBlockToItsCertificate(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	finalProposal(t, e)
	lea := "/candidats/" + strconv.FormatInt(e.users["candidate"].CandidateID, 10)
	pages := map[string]string{
		"candidate": timelineSection(t, body(t, e.as("candidate").get("/")), "Mon parcours, bloc par bloc"),
		"employer":  timelineSection(t, body(t, e.as("employer").get(lea)), "Parcours bloc par bloc"),
		"office":    timelineSection(t, body(t, e.as("office").get(lea)), "Parcours bloc par bloc"),
		"certifier": timelineSection(t, body(t, e.as("certifier").get(lea)), "Parcours bloc par bloc"),
	}
	for who, page := range pages {
		for _, want := range []string{`<ol class="steps">`, "Fait :</span> Inscription le 23/11/2026 par l'employeur CAF69", `aria-current="step"`,
			"En attente de la décision du jury national du 17/12/2026.", "Jury national le plus proche que ce bloc peut atteindre : le 17/12/2026.",
			"Bloc 2", "Ce bloc n'est pas encore inscrit"} {
			if !strings.Contains(page, want) {
				t.Errorf("%s ne lit pas %q :\n%s", who, want, page)
			}
		}
		if staff := who == "office" || who == "certifier"; strings.Contains(page, "avis favorable") != staff {
			t.Errorf("%s : proposition du jury professionnel lue : %v", who, !staff)
		}
		if ruleCode.MatchString(page) {
			t.Errorf("%s : code de règle à l'écran :\n%s", who, page)
		}
	}
	if res := e.as("employerB").get(lea); res.StatusCode != http.StatusNotFound {
		t.Errorf("un autre employeur ouvre le dossier : %d", res.StatusCode)
	}
	proclaimTheJury(t, e)
	certs, err := e.st.Certificates(t.Context(), store.All)
	if err != nil || len(certs) != 1 {
		t.Fatalf("certificats : %+v %v", certs, err)
	}
	for who, page := range map[string]string{
		"candidate": timelineSection(t, body(t, e.as("candidate").get("/")), "Mon parcours, bloc par bloc"),
		"employer":  timelineSection(t, body(t, e.as("employer").get(lea)), "Parcours bloc par bloc"),
	} {
		for _, want := range []string{"Décision du jury national du 17/12/2026 : bloc validé.", `<span class="badge ok">validé</span>`,
			`href="/certificats/` + certs[0].Number + `/pdf"`, `href="/verifier?code=` + certs[0].Code + `"`} {
			if !strings.Contains(page, want) {
				t.Errorf("%s après la proclamation ne lit pas %q :\n%s", who, want, page)
			}
		}
	}
}
