package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestImportCommuneLookupOffersTheOfficialList: the candidate form's birth
// commune field offers, by code or name, the communes of the official list,
// for those who register candidates only, and the form names the commune of
// the code it shows.
func TestImportCommuneLookupOffersTheOfficialList(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	hr := e.as("employer")
	res := hr.get("/communes?q=7510")
	var got []struct{ Code, Label string }
	if err := json.Unmarshal([]byte(body(t, res)), &got); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("recherche : %d %v", res.StatusCode, err)
	}
	if len(got) == 0 || got[0].Code != "75101" || got[0].Label != "Paris 1er Arrondissement (75)" {
		t.Errorf("7510 : %+v", got)
	}
	res = hr.get("/communes?q=" + "saint-%C3%A9tienne")
	if page := body(t, res); !strings.Contains(page, `"code":"42218"`) {
		t.Errorf("saint-étienne : %s", page)
	}
	if page := body(t, hr.get("/communes?q=")); strings.TrimSpace(page) != "[]" {
		t.Errorf("sans recherche : %s", page)
	}
	if res := e.anonymous().get("/communes?q=75"); res.StatusCode == http.StatusOK {
		t.Errorf("recherche sans connexion : %d", res.StatusCode)
	}
	if page := body(t, hr.get("/candidats/nouveau")); !strings.Contains(page, `list="communes"`) || !strings.Contains(page, `data-communes="/communes"`) {
		t.Errorf("formulaire sans liste des communes :\n%.2000s", page)
	}
	form := url.Values{"birth_name": {"Dupont"}, "first_name1": {"Jean"}, "sex": {"X"}, "birth_date": {"1980-01-01"}, "birth_insee": {"75101"}}
	if page := body(t, hr.post("/candidats", form)); !strings.Contains(page, "Paris 1er Arrondissement (75)") {
		t.Errorf("formulaire refusé sans le nom de la commune :\n%.3000s", page)
	}
	form.Set("birth_insee", "75999")
	if page := body(t, hr.post("/candidats", form)); !strings.Contains(page, "Code INSEE inconnu : 75999") {
		t.Errorf("commune inconnue acceptée :\n%.3000s", page)
	}
}
