package accrochage

import (
	"os"
	"slices"
	"strings"
	"testing"
)

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseReport(t *testing.T) {
	r, err := ParseReport(readFixture(t, "rapport-ok.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if r.FileName != FileName(header()) {
		t.Errorf("nomFichier %q, attendu %q", r.FileName, FileName(header()))
	}
	if want := []string{"C-1", "C-3", "C-4"}; !slices.Equal(r.Accepted, want) {
		t.Errorf("acceptés %v, attendu %v (C-4 existe déjà : accepté)", r.Accepted, want)
	}
	if len(r.Existing) != 1 || r.Existing[0].ID != "C-4" {
		t.Errorf("déjà présents %v", r.Existing)
	}
	want := "Titulaire non identifié : aucun titulaire ne correspond au nom de naissance, au prénom et à la date de naissance"
	if len(r.Rejected) != 1 || r.Rejected[0] != (Outcome{ID: "C-2", Message: want}) {
		t.Errorf("rejetés %+v", r.Rejected)
	}
	if i, err := r.CheckFile([]string{"accrochage_UCANSS01_000002.xml", FileName(header())}); err != nil || i != 1 {
		t.Errorf("CheckFile = %d, %v", i, err)
	}
	if _, err := r.CheckFile([]string{"accrochage_UCANSS01_000002.xml"}); err == nil ||
		!strings.Contains(err.Error(), "« accrochage_UCANSS01_000003.xml », qui n'est pas un flux envoyé") {
		t.Errorf("fichier inconnu accepté : %v", err)
	}
}

func TestParseReportCompactLatin1(t *testing.T) {
	r, err := ParseReport(readFixture(t, "rapport-sans-espace.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if r.FileName != "accrochage_UCANSS01_000004.xml" || !slices.Equal(r.Accepted, []string{"C-5"}) {
		t.Errorf("%+v", r)
	}
	want := Outcome{ID: "C-6", Message: "Code commune de naissance inconnu ; Date de naissance incohérente"}
	if len(r.Rejected) != 1 || r.Rejected[0] != want {
		t.Errorf("rejetés %+v", r.Rejected)
	}
}

func TestParseReportUnreadable(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"  \n", "accusé de traitement vide"},
		{"PK\x03\x04 un classeur", "ce n'est pas un XML valide"},
		{"<rapport><nomFichier>a.xml</nomFichier>", "ce n'est pas un XML valide"},
		{"<flux><idFlux>1</idFlux></flux>", "l'élément racine est « flux », « rapport » attendu"},
		{"<rapport><PassagesOK><idTechnique>C-1</idTechnique></PassagesOK></rapport>", "nomFichier manquant"},
		{"<rapport><nomFichier>a.xml</nomFichier><passage><messageErreur>x</messageErreur></passage></rapport>", "un passage sans idTechnique"},
	} {
		_, err := ParseReport([]byte(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseReport(%q) = %v, attendu %q", c.in, err, c.want)
		}
	}
}

func TestAlreadyExists(t *testing.T) {
	for msg, want := range map[string]bool{
		"Le passage de certification existe déjà": true,
		"DOSSIER EXISTE DEJA":                     true,
		"Titulaire non identifié":                 false,
	} {
		if AlreadyExists(msg) != want {
			t.Errorf("AlreadyExists(%q) != %v", msg, want)
		}
	}
}

func TestReportXMLReadsBack(t *testing.T) {
	data := ReportXML("accrochage_UCANSS01_000007.xml", []string{"C-1"}, []Outcome{
		{ID: "C-2", Message: "Titulaire non identifié"}, {ID: "C-3", Message: "Le passage existe déjà"}})
	r, err := ParseReport(data)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if r.FileName != "accrochage_UCANSS01_000007.xml" || !slices.Equal(r.Accepted, []string{"C-1", "C-3"}) ||
		len(r.Rejected) != 1 || r.Rejected[0] != (Outcome{ID: "C-2", Message: "Titulaire non identifié"}) || len(r.Existing) != 1 {
		t.Errorf("relu : %+v", r)
	}
}
