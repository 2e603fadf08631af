package census_test

import (
	"strings"
	"testing"

	"certibloc/internal/census"
	"certibloc/internal/certif"
	"certibloc/internal/mail"
)

// TestMailsRenderInFrench renders the three mails of the census and the
// plannings with the templates of package mail: subject, both parts, data
// escaped in HTML.
func TestMailsRenderInFrench(t *testing.T) {
	t.Parallel()
	s := census.TrainingSession{ID: 4, Qualification: "GCAR", Title: "Promotion <Lyon>", Starts: certif.MustDate("2026-01-12"), Ends: certif.MustDate("2026-10-16"),
		Period: certif.MustMonth("2026-11")}
	p := census.Participant{EmployerCode: "CARSAT69", EmployerName: "CARSAT Rhône-Alpes", Count: 3}
	e := certif.Employer{Code: "CPAM33", Name: "CPAM de la Gironde"}
	entries := []census.PreRegistration{{Candidate: "PETIT Marc, né le 30/09/1985", Qualification: "DAM", PathStart: certif.MustDate("2026-01-05"),
		PathEnd: certif.MustDate("2026-10-30"), ConfirmBy: certif.MustDate("2026-07-01")}}
	for _, tc := range []struct {
		kind, subject string
		data          any
		want          []string
	}{
		{"census", "Recensement Maladie : 1 pré-inscription à confirmer (CPAM33)", census.CensusMailOf(e, entries, "https://certibloc.example"),
			[]string{"PETIT Marc", "CQP DAM, tous les blocs restant à valider, parcours du 05/01/2026 au 30/10/2026", "01/07/2026", "https://certibloc.example/pre-inscriptions", "pas d'inscription, pas d'examen"}},
		{"planning", "CQP GCAR : inscrivez vos candidats pour la période de novembre 2026", census.PlanningInvitationMailOf(s, "Gestionnaire carrière", p, "https://certibloc.example"),
			[]string{"3 salariés", "de CARSAT Rhône-Alpes", "au plus tard le", "01/08/2026", "https://certibloc.example/candidats"}},
		{"planning_notice", "CQP GCAR : CPAM33 a inscrit ses candidats (novembre 2026)", census.PlanningNoticeMailOf(s, e, 2, "rh@cpam33.test", "https://certibloc.example"),
			[]string{"CPAM de la Gironde (CPAM33)", "en attente de jury", "rh@cpam33.test", "https://certibloc.example/plannings/4"}},
	} {
		t.Run(tc.kind, func(t *testing.T) {
			subject, text, html, err := mail.Render(tc.kind, tc.data)
			if err != nil {
				t.Fatal(err)
			}
			if subject != tc.subject {
				t.Errorf("objet %q, attendu %q", subject, tc.subject)
			}
			for _, w := range tc.want {
				if !strings.Contains(text, w) || !strings.Contains(strings.ReplaceAll(html, "&#39;", "'"), w) {
					t.Errorf("%q absent :\n%s\n%s", w, text, html)
				}
			}
			if strings.Contains(html, "<Lyon>") {
				t.Error("données non échappées dans le HTML")
			}
		})
	}
}
