package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"certibloc/internal/store"
)

// TestR1_WindowsOverHTTP runs the same registration forms without a window
// (all year round) and with one (the 2022 campaign model): the employer is
// refused outside it, the office is not, and both the window and the
// office's action are traced.
func TestR1_WindowsOverHTTP(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	office, hr := e.as("office"), e.as("employer")
	lea := fmt.Sprintf("/candidats/%d/inscriptions", e.users["candidate"].CandidateID)
	cos := func(block, from string) url.Values {
		return url.Values{"qualification": {"COS"}, "path": {"partial"}, "blocks": {block}, "certifiable_from": {from}, "contract": {"cdi"}}
	}
	if page := body(t, hr.get("/fenetres")); !strings.Contains(page, "les inscriptions sont ouvertes toute l'année") || strings.Contains(page, "Enregistrer la fenêtre") {
		t.Errorf("sans fenêtre :\n%.1500s", mainOf(page))
	}
	if res := hr.post(lea, cos("1", "2027-03-08")); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sans fenêtre, l'employeur inscrit : %d", res.StatusCode)
	}

	res := office.post("/fenetres", url.Values{"opens": {"2026-12-01"}, "closes": {"2026-11-30"}})
	if page := body(t, res); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "La fenêtre ferme avant d&#39;ouvrir") {
		t.Errorf("fenêtre à l'envers : %d", res.StatusCode)
	}
	res = office.post("/fenetres", url.Values{"opens": {"2026-12-01"}, "closes": {"2026-12-19"}, "qualification": {"COS"}, "label": {"Session de juin 2027"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("fenêtre : %d %.800s", res.StatusCode, body(t, res))
	}
	if page := body(t, hr.get("/fenetres")); !strings.Contains(page, "Session de juin 2027") || !strings.Contains(page, "Aucune fenêtre n'est ouverte aujourd'hui") {
		t.Errorf("l'employeur voit la fenêtre :\n%.1500s", mainOf(page))
	}
	res = hr.post(lea, cos("2", "2027-06-07"))
	if page := body(t, res); res.StatusCode != http.StatusForbidden && res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "du 01/12/2026 au 19/12/2026") || !strings.Contains(page, "Prochaine ouverture : le 01/12/2026") {
		t.Errorf("hors fenêtre, l'employeur est refusé : %d\n%.1500s", res.StatusCode, mainOf(page))
	}
	if res := hr.post(lea, url.Values{"qualification": {"CA"}, "path": {"complete"}, "certifiable_from": {"2027-06-07"}, "contract": {"cdi"}}); res.StatusCode != http.StatusSeeOther {
		t.Errorf("un autre CQP reste ouvert toute l'année : %d", res.StatusCode)
	}
	if res := office.post(lea, cos("2", "2027-06-07")); res.StatusCode != http.StatusSeeOther {
		t.Errorf("l'équipe des examens inscrit hors fenêtre : %d %.800s", res.StatusCode, body(t, res))
	}
	events, _ := e.st.AuditEvents(t.Context(), store.SystemViewer("test"), store.AuditFilter{Entity: "registration"})
	traced := false
	for _, ev := range events {
		traced = traced || (ev.Action == "outside_window" && ev.UserEmail == "office@test.fr")
	}
	if !traced {
		t.Error("l'inscription hors fenêtre par l'équipe des examens est tracée")
	}
	ws, _ := e.st.RegistrationWindows(t.Context())
	if len(ws) != 1 {
		t.Fatalf("fenêtres : %+v", ws)
	}
	if res := hr.post(fmt.Sprintf("/fenetres/%d/suppression", ws[0].ID), nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("l'employeur ne gère pas les fenêtres : %d", res.StatusCode)
	}
	if res := office.post(fmt.Sprintf("/fenetres/%d/suppression", ws[0].ID), url.Values{"reason": {"retour au modèle 2023"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("suppression : %d", res.StatusCode)
	}
	if page := body(t, office.get("/journal")); !strings.Contains(page, "retour au modèle 2023") {
		t.Error("la suppression de la fenêtre est tracée dans le journal")
	}
	if res := office.post("/fenetres/999999/suppression", nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("fenêtre inconnue : %d", res.StatusCode)
	}
}

// mainOf is the content of a page's main element, for error messages.
func mainOf(page string) string {
	if i := strings.Index(page, "<main"); i >= 0 {
		page = page[i:]
	}
	return page
}
