package mail_test

import (
	"regexp"
	"strings"
	"testing"

	"certibloc/internal/campaign"
	"certibloc/internal/census"
	"certibloc/internal/certif"
	"certibloc/internal/mail"
)

var tags = regexp.MustCompile(`<[^>]*>`)

// The mails that name an employer or a campaign read as French: "de" elided
// before a vowel ("d'Urssaf"), campaign months in words ("de novembre 2026",
// "d'avril 2027"), never the month's code.
func TestMailsElideAndNameMonths(t *testing.T) {
	t.Parallel()
	deadline := certif.MustDate("2026-09-15")
	for _, tc := range []struct {
		kind        string
		data        any
		subject     string
		title       string   // the HTML part's heading
		want, never []string // in both parts
	}{
		{"collection_table", campaign.MailData{Campaign: certif.MustMonth("2026-11"), Months: "novembre 2026", Deadline: deadline,
			EmployerCode: "URSSAF-BRE", EmployerName: "Urssaf Bretagne", Rows: 3},
			"Tableau de recueil de novembre 2026 d'Urssaf Bretagne : à retourner au plus tard le 15/09/2026", "Tableau de recueil de novembre 2026",
			[]string{"d'informations d'Urssaf Bretagne (URSSAF-BRE) pour la campagne de novembre 2026"},
			[]string{"2026-11", "de Urssaf", "de URSSAF"}},
		{"collection_table", campaign.MailData{Campaign: certif.MustMonth("2027-04"), Months: "avril 2027", Deadline: deadline,
			EmployerCode: "CAF69", EmployerName: "CAF du Rhône", Rows: 1},
			"Tableau de recueil d'avril 2027 de CAF du Rhône : à retourner au plus tard le 15/09/2026", "Tableau de recueil d'avril 2027",
			[]string{"d'informations de CAF du Rhône (CAF69) pour la campagne d'avril 2027"}, []string{"2027-04"}},
		{"reminder", campaign.MailData{Campaign: certif.MustMonth("2027-04"), Months: "avril 2027", Deadline: deadline,
			EmployerCode: "URSSAF-BRE", EmployerName: "Urssaf Bretagne", When: "demain"},
			"", "Relance : tableau de recueil d'avril 2027", []string{"le tableau de recueil d'Urssaf Bretagne (URSSAF-BRE) pour la campagne d'avril 2027"}, []string{"de Urssaf", "campagne 2027-04"}},
		{"results_summary", mail.ResultsSummaryData{Employer: "Urssaf Rhône-Alpes", Jury: certif.MustDate("2026-12-03"), SpaceLink: "https://certibloc.example.fr/inscriptions",
			Lines: []mail.ResultSummaryLine{{Candidate: "MARTIN Léa", Qualification: "CQP Gestionnaire conseil", Block: 1, Decision: "Validé"}}},
			"", "", []string{"les candidats d'Urssaf Rhône-Alpes"}, []string{"de Urssaf"}},
		{"census", census.CensusMail{EmployerName: "Assurance Maladie de la Gironde", EmployerCode: "CPAM33", Count: 1, Link: "https://certibloc.example.fr/pre-inscriptions"},
			"", "", []string{"salariés d'Assurance Maladie de la Gironde (CPAM33)"}, []string{"de Assurance"}},
		{"planning", census.PlanningInvitationMail{TrainingSession: "GC 2027", Qualification: "GC", Period: "septembre 2027", EmployerName: "Urssaf Bretagne",
			Participants: 2, RegisterBy: deadline, Link: "https://certibloc.example.fr/candidats"},
			"", "", []string{"2 salariés d'Urssaf Bretagne suivent"}, []string{"de Urssaf"}},
	} {
		subject, text, html, err := mail.Render(tc.kind, tc.data)
		if err != nil {
			t.Fatalf("%s : %v", tc.kind, err)
		}
		if tc.subject != "" && subject != tc.subject {
			t.Errorf("%s : objet %q, attendu %q", tc.kind, subject, tc.subject)
		}
		html = strings.ReplaceAll(tags.ReplaceAllString(html, ""), "&#39;", "'")
		for _, s := range tc.want {
			if !strings.Contains(text, s) || !strings.Contains(html, s) {
				t.Errorf("%s : %q absent\n%s\n%s", tc.kind, s, text, html)
			}
		}
		if tc.title != "" && !strings.Contains(html, tc.title) {
			t.Errorf("%s : titre %q absent\n%s", tc.kind, tc.title, html)
		}
		for _, s := range tc.never {
			if strings.Contains(subject, s) || strings.Contains(text, s) || strings.Contains(html, s) {
				t.Errorf("%s : %q présent\n%s\n%s\n%s", tc.kind, s, subject, text, html)
			}
		}
	}
}
