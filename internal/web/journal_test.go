package web_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"certibloc/internal/certif"
	"certibloc/internal/certificate"
	"certibloc/internal/store"
)

// TestJournalNamesTheReadPagesInFrench: a health-data read is traced with
// the path of the page that showed it; the journal names that page, never
// its address ("/inscriptions/2/amenagements").
func TestJournalNamesTheReadPagesInFrench(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	regID := juryWindowEnv(t, e)
	ctx := context.Background()
	reg, err := e.st.Registration(ctx, regID, store.All)
	if err != nil {
		t.Fatal(err)
	}
	change := certif.RegistrationRequest{Qualification: reg.Qualification, Path: reg.Path, Blocks: reg.Blocks, CertifiableFrom: reg.CertifiableFrom,
		Contract: reg.Contract, Specialty: reg.Specialty, Disability: true, Adjustments: "Tiers temps"}
	if _, err := e.st.UpdateRegistration(ctx, store.PlatformOn(fixtureToday).Because("Demande de l'employeur"), regID, change); err != nil {
		t.Fatal(err)
	}
	certifier := e.as("certifier")
	path := "/inscriptions/" + strconv.FormatInt(regID, 10) + "/amenagements"
	readAll(t, certifier.get(path))
	readAll(t, certifier.get("/amenagements"))
	page := body(t, e.as("office").get("/journal?objet=registration"))
	for _, want := range []string{"<td>Consultation des données de santé</td>",
		"<td>page « Aménagements demandés et accordés d&#39;une inscription »</td>", "<td>page « Aménagements »</td>"} {
		if !strings.Contains(page, want) {
			t.Errorf("journal sans %q", want)
		}
	}
	if strings.Contains(page, "<td>"+path+"</td>") || strings.Contains(page, "<td>/amenagements</td>") {
		t.Errorf("le journal montre l'adresse d'une page :\n%s", page)
	}
	// The candidate's file reads its history the same way.
	file := body(t, e.as("office").get("/candidats/"+strconv.FormatInt(reg.CandidateID, 10)))
	if !strings.Contains(file, "(page « Aménagements demandés et accordés d&#39;une inscription »)") || strings.Contains(file, "("+path+")") {
		t.Errorf("l'historique du dossier ne nomme pas la page lue :\n%s", file)
	}
}

// TestJournalLabelsOfCodesAboveCertif: the mail statuses and the certificate
// statuses live above certif; the journal's labels of them (certif's
// auditCodedValues) say what their own labels say.
func TestJournalLabelsOfCodesAboveCertif(t *testing.T) {
	for _, s := range store.MailStatuses {
		if got := certif.AuditValueOf("mail", "", string(s)); got != s.Label() {
			t.Errorf("courriel %q : %q au journal, %q ailleurs", s, got, s.Label())
		}
	}
	for _, s := range []certificate.Status{certificate.Valid, certificate.Revoked, certificate.Replaced} {
		if got := certif.AuditValueOf("certificate", "status", string(s)); got == string(s) {
			t.Errorf("certificat %q sans libellé au journal", s)
		}
	}
}
