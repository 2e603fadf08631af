package minutes

import (
	"bytes"
	"strings"
	"testing"

	"certibloc/internal/pdftest"
)

// The minutes read back with pdftotext: the title with the date in words,
// the certifier, the joint composition, each decision under its CQP and
// employer with the block's title (or "Bloc N"), the proposal and the
// reason of a decision departing from it, the totals, the page numbers;
// no rule code nor internal value.
func TestR9_MinutesPrintTheCompositionAndEachDecision(t *testing.T) {
	text := pdftest.Text(t, pdftest.Write(t, "pv.pdf", must(Render(sampleMinutes()))))
	for _, want := range []string{
		"Procès-verbal du jury paritaire national du 17 décembre 2026",
		"UCANSS – Union des caisses nationales de sécurité sociale", "Institut 4.10",
		"s'est réuni le jeudi 17 décembre 2026, de 10 h à 13 h",
		"Représentants des employeurs Anne Roy ; Hélène Faure (absente).",                                                      // agreed with each member's sex,
		"Représentants des salariés Karim Benali, président du jury ; Camille Petit (absent·e).", "2 membres ont siégé sur 4.", // inclusive when not given
		"CQP Conseiller offres de services de la Sécurité sociale – CAF du Rhône",
		"Léa MARTIN Bloc 1 – Accueillir et orienter les publics Avis favorable Validé",
		"Élodie LEFÈVRE Bloc 2 Avis favorable Non validé Motif : Épreuve écrite non remise à l'équipe des examens",
		"CQP Conseiller offres de services de la Sécurité sociale – CPAM de la Gironde", "Théo ROUSSEAU",
		"CQP Gestionnaire conseil de la Sécurité sociale – Urssaf Île-de-France", "Zoé GARÇON", "Avis défavorable",
		"4 décisions : 1 bloc validé, 2 blocs non validés, 1 candidat absent.",
		"page 1 sur 1",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("%q absent du procès-verbal :\n%s", want, text)
		}
	}
	for _, internal := range []string{"R9", "validated", "favourable", "employer", "{nb}"} {
		if strings.Contains(text, internal) {
			t.Errorf("valeur interne %q imprimée :\n%s", internal, text)
		}
	}
}

// A long jury runs over pages: each is numbered "page X sur Y", the table's
// head repeated under its group's title.
func TestMinutesPagesAreNumberedAndTablesContinue(t *testing.T) {
	m := manyDecisions(300)
	for i := range m.Lines {
		m.Lines[i].Qualification, m.Lines[i].Employer = "Gestionnaire conseil de la Sécurité sociale", "CAF du Rhône"
	}
	text := pdftest.Text(t, pdftest.Write(t, "pv.pdf", must(Render(m))))
	pages := strings.Count(text, "page ")
	if pages < 5 || !strings.Contains(text, "page 1 sur ") || !strings.Contains(text, "(suite) Candidat Bloc de compétences") {
		t.Errorf("%d pages :\n%.3000s", pages, text)
	}
}

// Signed, the minutes are valid for pdfsig, signed in the certifier's name;
// a byte changed afterwards breaks the signature.
func TestR9_SignedMinutesAreValidForPdfsigAndTamperingShows(t *testing.T) {
	s := testSigner(t)
	m := sampleMinutes()
	signed := must(s.Sign(must(Render(m)), m.Title(), m.At))
	report := pdftest.Signatures(t, pdftest.Write(t, "pv-signe.pdf", signed))
	for _, want := range []string{"Signature is Valid", "Signer Certificate Common Name: UCANSS – Union des caisses nationales de sécurité sociale", "Total document signed"} {
		if !strings.Contains(report, want) {
			t.Errorf("%q absent du rapport de pdfsig :\n%s", want, report)
		}
	}
	if text := pdftest.Text(t, pdftest.Write(t, "pv-signe.pdf", signed)); !strings.Contains(text, "Élodie LEFÈVRE Bloc 2 Avis favorable Non validé") {
		t.Errorf("texte du PDF signé :\n%s", text)
	}
	i := bytes.Index(signed, []byte("/Title"))
	if i < 0 {
		t.Fatal("titre introuvable")
	}
	tampered := bytes.Clone(signed)
	tampered[i+9] ^= 0x01 // a letter of the title, inside the signed range
	report = pdftest.Signatures(t, pdftest.Write(t, "pv-modifie.pdf", tampered))
	if strings.Contains(report, "Signature is Valid") || !strings.Contains(report, "Signature Validation") {
		t.Errorf("PDF modifié après signature :\n%s", report)
	}
}

func TestSignerFileRoundTripsAndIsCreatedOnce(t *testing.T) {
	path := t.TempDir() + "/pv.pem"
	a, created, err := LoadOrCreateSigner(path, sampleMinutes().At)
	if err != nil || !created {
		t.Fatalf("création : %v %v", created, err)
	}
	b, created, err := LoadOrCreateSigner(path, sampleMinutes().At)
	if err != nil || created || !a.Key.Equal(b.Key) || !a.Certificate.Equal(b.Certificate) {
		t.Fatalf("relecture : %v %v", created, err)
	}
	if !strings.HasPrefix(string(a.CertificatePEM()), "-----BEGIN CERTIFICATE-----") || strings.Contains(string(a.CertificatePEM()), "PRIVATE") {
		t.Errorf("certificat publié :\n%s", a.CertificatePEM())
	}
	other := must(NewSigner(sampleMinutes().At))
	mixed := append(other.PEM()[:bytes.Index(other.PEM(), []byte("-----BEGIN CERTIFICATE"))], a.CertificatePEM()...)
	if _, err := ParseSigner(mixed); err == nil || !strings.Contains(err.Error(), "n'est pas celui de la clé") {
		t.Errorf("clé et certificat différents : %v", err)
	}
}
