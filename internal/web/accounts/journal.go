package accounts

import (
	"net/http"
	"strconv"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

type auditData struct {
	Events   []certif.AuditLine
	Entity   string
	Entities []string
}

func (s *Area) auditPage(w http.ResponseWriter, r *http.Request) error {
	entity := r.URL.Query().Get("objet")
	events, err := s.Store.AuditEvents(r.Context(), kit.Viewer(r), store.AuditFilter{Entity: entity, EntityKey: r.URL.Query().Get("cle"), Limit: 300})
	if err != nil {
		return err
	}
	entities, err := s.Store.AuditEntities(r.Context())
	if err != nil {
		return err
	}
	return s.Show(w, r, "audit.html", "Journal des modifications", auditData{Events: s.ReadAudits(events), Entity: entity, Entities: entities})
}

func (s *Area) apiAudit(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	limit, _ := strconv.Atoi(q.Get("limit"))
	events, err := s.Store.AuditEvents(r.Context(), kit.Viewer(r), store.AuditFilter{Entity: q.Get("entity"), EntityKey: q.Get("key"), Limit: limit})
	if err != nil {
		return err
	}
	return kit.WriteAuditJSON(w, events)
}
