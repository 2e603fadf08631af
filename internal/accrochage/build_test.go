package accrochage

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"certibloc/internal/certif"
)

var d = certif.MustDate

// validate runs xmllint on the flow against the schema copied in testdata.
func validate(t *testing.T, flow []byte) {
	t.Helper()
	if _, err := exec.LookPath("xmllint"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("xmllint introuvable (apt-get install libxml2-utils) : obligatoire en CI")
		}
		t.Skip("xmllint introuvable (apt-get install libxml2-utils) : flux non validé contre le schéma")
	}
	file := filepath.Join(t.TempDir(), "flux.xml")
	if err := os.WriteFile(file, flow, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("xmllint", "--noout", "--schema", "testdata/cpf-accrochage-1.1.2.xsd", file).CombinedOutput()
	if err != nil {
		t.Fatalf("xmllint refuse le flux : %v\n%s\n%s", err, out, flow)
	}
}

var gc = []Registration{
	{Code: "RNCP30001", Until: d("2021-07-07")},
	{Code: "RNCP35729", From: d("2021-07-08"), Until: d("2026-07-08")},
	{Code: "RNCP40999", From: d("2026-07-09")},
}

func header() Header {
	return Header{ClientID: "UCANSS01", ContractID: "CTR-2026-01", Number: 3,
		Time: time.Date(2026, 1, 15, 9, 30, 0, 0, time.UTC)}
}

func record(id string) Record {
	return Record{
		ID: id, Registrations: gc, Obtained: d("2026-03-10"),
		ProofURL: "https://certibloc.example.fr/verifier?code=" + id,
		Access:   AccessContinuing,
		Holder: Holder{
			BirthName: "Dupuy", UsageName: "Martin", FirstNames: []string{"Éloïse", "Marie"},
			Sex: "F", BirthDate: d("1990-04-02"), BirthInsee: "33063", BirthCommune: "Bordeaux",
		},
	}
}

func TestBuildValidFlow(t *testing.T) {
	abroad := record("C-3")
	abroad.Holder.BirthInsee, abroad.Holder.BirthCommune = "", ""
	abroad.Holder.BirthCountry, abroad.Holder.CountryName = "ESP", "Espagne"
	abroad.Holder.UsageName = ""
	renewed := record("C-2")
	renewed.Obtained = d("2026-09-01") // after the renewal: the new registration
	many := record("C-4")
	many.Holder.FirstNames = []string{"Jean", "Paul", "Marie", "Joseph"}
	many.Holder.Sex = "m"
	many.Access = ""
	many.ExamStart, many.ExamEnd = d("2026-02-01"), d("2026-02-03")
	flow, sent, refused := Build(header(), []Record{record("C-1"), renewed, abroad, many})
	if len(refused) != 0 {
		t.Fatalf("refusés : %v", refused)
	}
	validate(t, flow)
	var ids []string
	for _, r := range sent {
		ids = append(ids, r.ID)
	}
	if want := []string{"C-1", "C-3", "C-4", "C-2"}; !slices.Equal(ids, want) {
		t.Errorf("envoyés %v, attendu %v (par code RNCP puis dans l'ordre donné)", ids, want)
	}
	s := string(flow)
	for _, want := range []string{
		"<idFlux>CERTIBLOC-UCANSS01-000003</idFlux>",
		"<horodatage>2026-01-15T10:30:00+01:00</horodatage>",
		"<code>RNCP35729</code>", "<code>RNCP40999</code>",
		"<urlPreuve>https://certibloc.example.fr/verifier?code=C-1</urlPreuve>",
		"<prenom1>Éloïse</prenom1>", "<prenom3>Marie Joseph</prenom3>", "<sexe>M</sexe>",
		"<codeInsee>33063</codeInsee>", "<codePaysNaissance>ESP</codePaysNaissance>",
		`<codePostal xsi:nil="true"></codePostal>`, `<dateFinValidite xsi:nil="true"></dateFinValidite>`,
		"<dateDebutValidite>2026-09-01</dateDebutValidite>",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("le flux ne contient pas %s", want)
		}
	}
	again, _, _ := Build(header(), []Record{record("C-1"), renewed, abroad, many})
	if string(again) != s {
		t.Error("deux appels identiques donnent deux flux différents")
	}
}

func TestBuildRefusesIncompleteRecords(t *testing.T) {
	empty := Record{ID: "C-9"}
	noBirth := record("C-2")
	noBirth.Holder.BirthDate = certif.Date{}
	noBirth.Holder.BirthInsee = ""
	bad := record("C-3")
	bad.Holder.Sex = "X"
	bad.Holder.BirthInsee = "3306"
	bad.ProofURL = "verifier/C-3"
	bad.Holder.BirthName = strings.Repeat("a", 61)
	expired := record("C-4")
	expired.Registrations = gc[1:2]
	expired.Obtained = d("2026-08-01")
	flow, sent, refused := Build(header(), []Record{empty, record("C-1"), noBirth, bad, expired, record("C-1")})
	validate(t, flow)
	if len(sent) != 1 || sent[0].ID != "C-1" {
		t.Errorf("envoyés %v, attendu C-1 seul", sent)
	}
	want := map[string][]string{
		"C-9": {"obtention : date manquante", "certification : code RNCP manquant", "titulaire : nom de naissance manquant",
			"titulaire : prénom manquant", "titulaire : sexe manquant", "naissance : date manquante",
			"naissance : commune (code INSEE) ou pays manquant"},
		"C-2": {"naissance : date manquante", "naissance : commune (code INSEE) ou pays manquant"},
		"C-3": {"titulaire : sexe « X » invalide (M ou F attendu)", "naissance : code INSEE de la commune « 3306 » invalide (5 caractères attendus)",
			"preuve : adresse de vérification « verifier/C-3 » invalide (http:// ou https:// attendu)",
			"titulaire : nom de naissance trop long (61 caractères, 60 au plus)"},
		"C-4": {"certification : aucun enregistrement RNCP en vigueur le 01/08/2026"},
		"C-1": {"idTechnique « C-1 » en double dans le flux"},
	}
	if len(refused) != len(want) {
		t.Fatalf("refusés : %v", refused)
	}
	for _, r := range refused {
		for _, p := range want[r.ID] {
			if !slices.Contains(r.Problems, p) {
				t.Errorf("%s : %q absent de %q", r.ID, p, r.Problems)
			}
		}
		if len(r.Problems) != len(want[r.ID]) {
			t.Errorf("%s : %q, attendu %q", r.ID, r.Problems, want[r.ID])
		}
	}
}

func TestBuildNothingToSendOrBadHeader(t *testing.T) {
	if flow, sent, refused := Build(header(), nil); flow != nil || sent != nil || refused != nil {
		t.Error("sans enregistrement, pas de flux")
	}
	h := header()
	h.ClientID, h.ContractID, h.Number, h.Time = "UCANSS", "", 0, time.Time{}
	flow, sent, refused := Build(h, []Record{record("C-1")})
	if flow != nil || sent != nil || len(refused) != 1 || len(refused[0].Problems) != 4 {
		t.Fatalf("en-tête invalide : %s %v %v", flow, sent, refused)
	}
	if p := refused[0].Problems[0]; !strings.Contains(p, "idClient") {
		t.Errorf("premier problème %q", p)
	}
}

func TestHorodatageParisOffset(t *testing.T) {
	for _, c := range []struct {
		in   time.Time
		want string
	}{
		{time.Date(2026, 1, 15, 9, 30, 0, 0, time.UTC), "2026-01-15T10:30:00+01:00"},
		{time.Date(2026, 7, 1, 22, 15, 5, 0, time.UTC), "2026-07-02T00:15:05+02:00"},
		{time.Date(2026, 3, 29, 1, 0, 0, 0, time.UTC), "2026-03-29T03:00:00+02:00"}, // the spring change
	} {
		if got := Horodatage(c.in); got != c.want {
			t.Errorf("Horodatage(%v) = %s, attendu %s", c.in, got, c.want)
		}
	}
	h := header()
	h.Time = time.Date(2026, 7, 1, 8, 0, 0, 0, time.UTC)
	flow, _, _ := Build(h, []Record{record("C-1")})
	validate(t, flow)
	if !strings.Contains(string(flow), "<horodatage>2026-07-01T10:00:00+02:00</horodatage>") {
		t.Errorf("horodatage d'été absent :\n%s", flow)
	}
}

func TestProblemsAndFingerprint(t *testing.T) {
	if p := record("C-1").Problems(); p != nil {
		t.Errorf("enregistrement complet refusé : %v", p)
	}
	bad := record("C-1")
	bad.Holder.Sex = ""
	if p := bad.Problems(); !slices.Equal(p, []string{"titulaire : sexe manquant"}) {
		t.Errorf("problèmes %v", p)
	}
	spaced := record("C-1")
	spaced.Holder.BirthName = "  Dupuy "
	spaced.ProofURL = "https://ailleurs.example/verifier?code=X"
	if record("C-1").Fingerprint() != spaced.Fingerprint() {
		t.Error("empreinte différente pour les mêmes données normalisées")
	}
	corrected := record("C-1")
	corrected.Holder.BirthDate = d("1990-04-03")
	if record("C-1").Fingerprint() == corrected.Fingerprint() {
		t.Error("une correction de l'identité ne change pas l'empreinte")
	}
}
