package web_test

import (
	"net/http"
	"strings"
	"testing"
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
