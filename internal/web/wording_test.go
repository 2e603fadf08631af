package web_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"certibloc/internal/certif"
	"certibloc/internal/store"
)

// A page a role may not open names the role as the account's page does,
// agreed with the person: Léa is a "Candidate", not a "Candidat".
func TestForbiddenPageNamesTheAgreedRole(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	res := e.as("candidate").get("/inscriptions")
	page := body(t, res)
	if res.StatusCode != http.StatusForbidden || !strings.Contains(page, "Votre rôle (Candidate) ne permet pas") {
		t.Errorf("403 d'une candidate : %d\n%.2000s", res.StatusCode, page)
	}
}

// The birthplace reads as the commune's name with its code, or the country
// of a candidate born abroad, never a bare INSEE code.
func TestBirthplaceNamesTheCommune(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	hr := e.as("employer")
	lea := createCandidateByForm(t, hr, leaForm()) // born in 69123
	abroad := leaForm()
	abroad.Set("birth_name", "García")
	abroad.Set("first_name1", "Lucía")
	abroad.Del("birth_insee")
	abroad.Set("birth_country", "Espagne")
	createCandidateByForm(t, hr, abroad)
	list := body(t, hr.get("/candidats"))
	for _, want := range []string{`<td data-label="Naissance">Lyon (69123)</td>`, `<td data-label="Naissance">Espagne</td>`} {
		if !strings.Contains(list, want) {
			t.Errorf("liste des candidats sans %q\n%.4000s", want, list)
		}
	}
	if page := body(t, hr.get(lea)); !strings.Contains(page, "<dd>03/02/1991, Lyon (69123)</dd>") || strings.Contains(page, "INSEE 69123") {
		t.Errorf("fiche du candidat : lieu de naissance\n%.3000s", page)
	}
}

// A page named after a person elides "de" before a vowel: "Disponibilités
// d'Isabelle CARRÉ", never "de Isabelle".
func TestPagesElideBeforeAName(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	m, err := e.st.CreateJuryMember(t.Context(), store.Platform(), certif.JuryMember{FirstName: "Isabelle", LastName: "Carré", Email: "isabelle@jury.test",
		Roles: []certif.JuryRole{certif.JuryExpert}, Qualifications: []string{"COS"}, Organisation: "Institut 4.10"})
	if err != nil {
		t.Fatal(err)
	}
	page := body(t, e.as("office").get("/membres-jury/"+strconv.FormatInt(m.ID, 10)+"/disponibilites?mois=2027-03"))
	for _, want := range []string{"<title>Disponibilités d&#39;Isabelle CARRÉ", "<h1>Disponibilités d&#39;Isabelle CARRÉ</h1>", "Retour à la fiche d&#39;Isabelle CARRÉ"} {
		if !strings.Contains(page, want) {
			t.Errorf("%q absent\n%.3000s", want, page)
		}
	}
	if strings.Contains(page, "de Isabelle") {
		t.Error("« de Isabelle » sans élision")
	}
}
