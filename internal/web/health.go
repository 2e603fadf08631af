package web

import (
	"certibloc/internal/web/kit"
	"context"
	"net/http"
	"time"
)

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) error {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := s.Store.Ping(ctx); err != nil {
		s.Log.Error("base de données injoignable", "error", err)
		return kit.WriteJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "indisponible", "database": "injoignable"})
	}
	return kit.WriteJSON(w, http.StatusOK, map[string]string{"status": "ok", "database": s.Store.Dialect()})
}
