package kit

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"certibloc/internal/certif"
	"certibloc/internal/clock"
)

func testSite(t *testing.T, log *bytes.Buffer) *Site {
	t.Helper()
	s, err := NewSite(Site{Log: slog.New(slog.NewTextHandler(log, nil))})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestARequestItsClientAbandonedIsLoggedAsSuch: no error in the log, no answer.
func TestARequestItsClientAbandonedIsLoggedAsSuch(t *testing.T) {
	var log bytes.Buffer
	s := testSite(t, &log)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := httptest.NewRequest("GET", "/api/v1/registrations", nil).WithContext(ctx)
	w := httptest.NewRecorder()
	s.Fail(w, r, context.Canceled)
	if strings.Contains(log.String(), "level=ERROR") || !strings.Contains(log.String(), "level=INFO") || !strings.Contains(log.String(), "abandonnée") {
		t.Errorf("journal : %s", log.String())
	}
	if w.Body.Len() != 0 {
		t.Errorf("réponse écrite pour un client parti : %q", w.Body.String())
	}
}

type startedWriter struct {
	*httptest.ResponseRecorder
	headers int
}

func (w *startedWriter) Started() bool { return true }
func (w *startedWriter) WriteHeader(code int) {
	w.headers++
	w.ResponseRecorder.WriteHeader(code)
}

// TestAnErrorAfterTheAnswerBeganWritesNothingMore: no second status line.
func TestAnErrorAfterTheAnswerBeganWritesNothingMore(t *testing.T) {
	var log bytes.Buffer
	s := testSite(t, &log)
	w := &startedWriter{ResponseRecorder: httptest.NewRecorder()}
	s.Fail(w, httptest.NewRequest("GET", "/inscriptions?format=csv", nil), errors.New("écriture interrompue"))
	if w.headers != 0 || w.Body.Len() != 0 {
		t.Errorf("réponse réécrite : %d en-têtes, %q", w.headers, w.Body.String())
	}
	if !strings.Contains(log.String(), "après le début de la réponse") {
		t.Errorf("journal : %s", log.String())
	}
}

// TestTheErrorPageSaysEachFieldsMessage: a refusal that reaches the error
// page (no form to show it again) says its message and each field's, once,
// none linked to a field the page does not have.
func TestTheErrorPageSaysEachFieldsMessage(t *testing.T) {
	var log bytes.Buffer
	s := testSite(t, &log)
	s.Clock = clock.Fixed(certif.MustDate("2026-11-23"))
	w := httptest.NewRecorder()
	s.Fail(w, httptest.NewRequest("POST", "/employeurs/CAF69", nil), &certif.Error{Code: certif.EInvalid, Message: "Le code d'un employeur ne peut pas être modifié.",
		Fields: map[string]string{"code": "Le code CAF69 est définitif : créez un autre employeur si besoin.", "name": "Le nom est obligatoire."}})
	page := w.Body.String()
	for text, n := range map[string]int{"Le code d&#39;un employeur ne peut pas être modifié.": 1, "<li>Le code CAF69 est définitif : créez un autre employeur si besoin.</li>": 1,
		"<li>Le nom est obligatoire.</li>": 1, `href="#code"`: 0, `href="#name"`: 0} {
		if got := strings.Count(page, text); got != n {
			t.Errorf("%q : %d fois, attendu %d\n%s", text, got, n, page)
		}
	}
	if w.Code != 422 {
		t.Errorf("statut %d", w.Code)
	}
}
