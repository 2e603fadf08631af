package web_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"certibloc/internal/certif"
)

// upload posts a file to the import form, as a browser does.
func (c *client) upload(path, filename string, content []byte) *http.Response {
	return c.uploadWith(path, filename, content, nil)
}

// uploadWith posts a file with other fields of the form.
func (c *client) uploadWith(path, filename string, content []byte, fields url.Values) *http.Response {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField("csrf_token", c.csrf())
	for k, vs := range fields {
		for _, v := range vs {
			_ = mw.WriteField(k, v)
		}
	}
	fw, _ := mw.CreateFormFile("file", filename)
	_, _ = fw.Write(content)
	_ = mw.Close()
	req, _ := http.NewRequest("POST", c.e.ts.URL+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(req)
}

const importHeader = "Nom de naissance;Nom d'usage;Prénom;Sexe;Date de naissance;Code INSEE;Pays de naissance;CQP;Parcours;Blocs;Certifiable à partir du;Contrat;Redoublant;Spécialité;Situation de handicap;Aménagements demandés\r\n"

var commitForm = regexp.MustCompile(`action="(/imports/\d+)"`)

func TestImportCSVWithErrorsThenFixedThenTwice(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	hr := e.as("employer")
	bad := importHeader +
		"Lefèvre;;Élodie;F;15/03/1990;69123;;COS;partiel;1 et 3;05/04/2027;CDI;non;Accueil;non;\r\n" +
		"Benali;;Nadia;X;31/02/1985;69123;;CA;partiel;1;05/04/2027;CDI;non;;non;\r\n" +
		"Morel;;Paul;M;02/02/1988;ABCDE;;GC;complet;;01/06/2027;CDD;non;;non;\r\n" +
		"Roux;;Anne;F;01/01/1980;69123;;CA;complet;;04/01/2027;CDI;non;;non;\r\n"
	res := hr.upload("/imports", "inscriptions.csv", encode1252(t, bad))
	page := body(t, res)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("fichier en erreur : %d\n%.1000s", res.StatusCode, page)

	}
	for _, want := range []string{"Fichier refusé : 3 lignes en erreur", "Ligne 3, colonne « Sexe »", "Ligne 3, colonne « Date de naissance »",
		"Ligne 4, colonne « Code INSEE de la commune de naissance »", "Ligne 5, colonne « Certifiable à partir du » : Inscription trop tardive pour la période de janvier 2027"} {
		if !strings.Contains(page, want) {
			t.Errorf("message %q absent", want)
		}
	}
	if page := body(t, hr.get("/candidats?q=lefevre")); strings.Contains(page, "LEFÈVRE") {
		t.Error("un fichier refusé ne doit rien enregistrer")
	}
	good := importHeader +
		"Lefèvre;;Élodie;F;15/03/1990;69123;;COS;partiel;1 et 3;05/04/2027;CDI;non;Accueil;non;\r\n" +
		"Benali;;Nadia;F;28/02/1985;;Maroc;CA;complet;;05/04/2027;CDI;non;;oui;Tiers temps\r\n" +
		"Morel;;Paul;M;02/02/1988;69123;;GC;complet;;01/06/2027;CDD;non;;non;\r\n"
	res = hr.upload("/imports", "inscriptions.csv", encode1252(t, good))
	page = body(t, res)
	m := commitForm.FindStringSubmatch(page)
	if res.StatusCode != http.StatusOK || m == nil || !strings.Contains(page, "3 nouveaux candidats, 3 inscriptions à créer") {
		t.Fatalf("aperçu : %d\n%.1500s", res.StatusCode, page)
	}
	if res := hr.post(m[1], nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("validation de l'import : %d %.500s", res.StatusCode, body(t, res))
	}
	list := body(t, hr.get("/inscriptions"))
	for _, who := range []string{"LEFÈVRE Élodie", "BENALI Nadia", "MOREL Paul"} {
		if !strings.Contains(list, who) {
			t.Errorf("%s absent après import", who)
		}
	}
	if res := hr.post(m[1], nil); !strings.Contains(res.Header.Get("Location"), "/inscriptions") {
		t.Errorf("revalider le même aperçu : %d", res.StatusCode)
	}
	res = hr.upload("/imports", "inscriptions.csv", encode1252(t, good))
	page = body(t, res)
	if !strings.Contains(page, "0 nouveau candidat, 0 inscription à créer, 3 lignes déjà inscrites") {
		t.Errorf("le même fichier importé deux fois ne doit rien créer :\n%.1500s", page)
	}
	if res := e.as("employerB").post(m[1], nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("un autre employeur valide l'import : %d", res.StatusCode)
	}
}

func TestImportRefusesUnreadableFiles(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	hr := e.as("employer")
	for name, content := range map[string][]byte{
		"faux.xlsx":  []byte("ceci n'est pas un classeur"),
		"vide.csv":   {},
		"entete.csv": []byte("Nom;Prénom\r\nDupont;Jean\r\n"),
	} {
		res := hr.upload("/imports", name, content)
		if page := body(t, res); res.StatusCode != http.StatusUnprocessableEntity && res.StatusCode != http.StatusBadRequest {
			t.Errorf("%s : statut %d\n%.300s", name, res.StatusCode, page)
		}
	}
	res := hr.get("/imports/modele.xlsx")
	if b := body(t, res); res.StatusCode != http.StatusOK || !strings.HasPrefix(b, "PK") {
		t.Errorf("modèle XLSX : %d", res.StatusCode)
	}
}

func TestImportPagesSayWhyAFileCannotBeRead(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	dos, err := charmap.CodePage850.NewEncoder().String(importHeader)
	if err != nil {
		t.Fatal(err)
	}
	want := "Encodage non reconnu : le fichier n&#39;est ni en UTF-8 ni en Windows-1252 (ligne 1 : octets invalides). Enregistrez-le en « CSV UTF-8 »."
	for role, path := range map[string]string{"employer": "/imports", "office": "/recensement"} {
		res := e.as(role).upload(path, "fichier.csv", []byte(dos))
		if page := body(t, res); res.StatusCode != http.StatusBadRequest || !strings.Contains(page, want) {
			t.Errorf("%s : statut %d, message %q absent\n%.2000s", path, res.StatusCode, want, page)
		}
	}
}

func encode1252(t *testing.T, s string) []byte {
	t.Helper()
	b, err := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// manyLines is a registration file of n valid lines (one candidate each).
func manyLines(n int) string {
	var b strings.Builder
	b.WriteString(importHeader)
	for i := range n {
		birth := certif.MustDate("1980-01-01").AddDays(i)
		fmt.Fprintf(&b, "Roux;;Anne;F;%s;69123;;COS;complet;;05/04/2027;CDI;non;;non;\r\n", birth.French())
	}
	return b.String()
}

// TestLargePreviewListsWhatMatters: a large file's preview lists its first
// lines (the totals count them all); a refused one lists only its lines in
// error, so none is lost among the good ones.
func TestLargePreviewListsWhatMatters(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	hr := e.as("employer")
	page := body(t, hr.upload("/imports", "inscriptions.csv", []byte(manyLines(250))))
	if !strings.Contains(page, "250 nouveaux candidats, 250 inscriptions à créer") || !strings.Contains(page, "… et 50 autres lignes, non listées ici.") {
		t.Errorf("aperçu de 250 lignes :\n%.1500s", page)
	}
	if n := strings.Count(page, `<th scope="row">`); n != 200 {
		t.Errorf("%d lignes listées, 200 attendues", n)
	}
	bad := manyLines(250) + "Roux;;Anne;X;01/01/1970;69123;;COS;complet;;05/04/2027;CDI;non;;non;\r\n"
	res := hr.upload("/imports", "inscriptions.csv", []byte(bad))
	page = body(t, res)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "Ligne 252, colonne « Sexe »") {
		t.Fatalf("refus : %d\n%.1500s", res.StatusCode, page)
	}
	if n := strings.Count(page, `<th scope="row">`); n != 1 || strings.Contains(page, "non listée") {
		t.Errorf("un fichier refusé liste ses seules lignes en erreur : %d listées", n)
	}
}

// TestImportALineSaysAllItsRuleErrorsAtOnce: a line with unreadable cells is also
// checked for its other columns, and a line the rules refuse lists each
// broken rule, not the first one only; a CAF's line for a Maladie CQP is
// refused by the branch rule.
func TestImportALineSaysAllItsRuleErrorsAtOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	hr := e.as("employer")
	bad := importHeader +
		"Benali;;Nadia;X;31/02/1985;69123;;XYZ;complet;;05/04/2027;CDI;non;;non;\r\n" +
		"Morel;;;M;02/02/2020;69123;;COS;partiel;9;04/01/2027;CDI;non;;non;\r\n" +
		"Roux;;Anne;F;01/01/1980;69123;;DAM;complet;;01/06/2027;CDI;non;;non;\r\n"
	res := hr.upload("/imports", "inscriptions.csv", encode1252(t, bad))
	page := body(t, res)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("fichier en erreur : %d\n%.1000s", res.StatusCode, page)
	}
	for _, want := range []string{
		"Ligne 2, colonne « Sexe »", "Ligne 2, colonne « Date de naissance »", "Ligne 2, colonne « CQP » : CQP inconnu ou fermé aux inscriptions : XYZ",
		"Ligne 3, colonne « Prénom »", "Ligne 3, colonne « Date de naissance »", "Ligne 3, colonne « Blocs »",
		"Ligne 4, colonne « CQP » : Choisissez un CQP ouvert à la branche Famille",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("message %q absent", want)
		}
	}
}

// TestImportLineSaysAllItsErrorsAtOnce: a refused line lists its unreadable
// cell, its unknown birth commune and its other errors together, each naming
// its row and column; a birth in a Paris arrondissement is accepted.
func TestImportLineSaysAllItsErrorsAtOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	hr := e.as("employer")
	file := importHeader +
		"Lefèvre;;Élodie;F;15/03/1990;75101;;COS;partiel;1 et 3;05/04/2027;CDI;non;Accueil;non;\r\n" +
		"Benali;;Nadia;X;31/02/1985;75999;;COS;partiel;1;05/04/2027;CDI;peut-être;;non;\r\n"
	res := hr.upload("/imports", "inscriptions.csv", encode1252(t, file))
	page := body(t, res)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("fichier en erreur : %d\n%.1000s", res.StatusCode, page)
	}
	for _, want := range []string{"Fichier refusé : 1 ligne en erreur",
		"Ligne 3, colonne « Code INSEE de la commune de naissance » : Code INSEE inconnu : 75999 n&#39;est pas une commune du Code officiel géographique 2026",
		"Ligne 3, colonne « Date de naissance » : date invalide", "Ligne 3, colonne « Sexe »", "Ligne 3, colonne « Redoublant » : réponse invalide"} {
		if !strings.Contains(page, want) {
			t.Errorf("message %q absent :\n%.3000s", want, page)
		}
	}
	if strings.Contains(page, "Ligne 2") || strings.Contains(page, "La date de naissance est obligatoire") {
		t.Errorf("ligne valide en erreur, ou date signalée deux fois :\n%.3000s", page)
	}
}
