package kit

import (
	"net/http"

	"certibloc/internal/certif"
)

// StatusOf maps a domain error code to its HTTP status.
func StatusOf(code certif.Code) int {
	switch code {
	case certif.EInvalid:
		return http.StatusUnprocessableEntity
	case certif.EBadRequest:
		return http.StatusBadRequest
	case certif.EUnauthorized:
		return http.StatusUnauthorized
	case certif.EForbidden:
		return http.StatusForbidden
	case certif.ENotFound:
		return http.StatusNotFound
	case certif.EConflict:
		return http.StatusConflict
	case certif.ETooMany:
		return http.StatusTooManyRequests
	case certif.EStale:
		return http.StatusPreconditionFailed
	}
	return http.StatusInternalServerError
}

// apiError is the JSON form of an error: {"error":{"code","message","fields"}}.
type apiError struct {
	Error apiErrorBody `json:"error"`
}

type apiErrorBody struct {
	Code    certif.Code       `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

type errorPage struct {
	Status  int
	Heading string
	Message string
}

var errorHeadings = map[int]string{
	http.StatusBadRequest: "Requête invalide", http.StatusUnauthorized: "Connexion requise", http.StatusForbidden: "Accès refusé",
	http.StatusNotFound: "Page introuvable", http.StatusConflict: "Conflit", http.StatusTooManyRequests: "Trop de tentatives",
	http.StatusUnprocessableEntity: "Données invalides", http.StatusInternalServerError: "Erreur interne",
	http.StatusPreconditionFailed: "Modification refusée",
}

// started is a response writer that says whether its answer has begun.
type started interface{ Started() bool }

// Fail renders an error: JSON under /api/, an HTML page elsewhere. Internal
// errors are logged with the request id and shown as a generic message. A
// request its client abandoned is logged as such, and gets no answer; an
// error after the answer began is logged, the answer left as it is.
func (s *Site) Fail(w http.ResponseWriter, r *http.Request, err error) {
	code := certif.ErrorCode(err)
	status := StatusOf(code)
	if r.Context().Err() != nil && code == certif.EInternal {
		s.Log.Info("requête abandonnée par le client", "id", RequestID(r), "path", r.URL.Path)
		return
	}
	if sw, ok := w.(started); ok && sw.Started() {
		s.Log.Warn("erreur après le début de la réponse", "id", RequestID(r), "path", r.URL.Path, "error", err)
		return
	}
	if code == certif.EInternal {
		s.Log.Error("erreur interne", "id", RequestID(r), "path", r.URL.Path, "error", err)
	}
	msg := certif.ErrorMessage(err)
	if IsAPI(r) {
		_ = WriteJSON(w, status, apiError{apiErrorBody{Code: code, Message: msg, Fields: certif.ErrorFields(err)}})
		return
	}
	heading := errorHeadings[status]
	pg := s.errors.NewPage(w, r, heading, errorPage{Status: status, Heading: heading, Message: msg})
	if fields := certif.ErrorFields(err); len(fields) > 0 {
		// none of the fields is on the error page: its summary says the
		// message and each field's, once
		pg.Error, pg.Fields = msg, fields
	}
	if rerr := s.errors.Render(w, status, "error.html", pg); rerr != nil {
		s.Log.Error("rendu de la page d'erreur", "id", RequestID(r), "error", rerr)
		http.Error(w, msg, status)
	}
}
