package kit

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"certibloc/internal/certif"
)

// WriteJSON writes a JSON response.
func WriteJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	return json.NewEncoder(w).Encode(v) // compact: indenting cost a tenth of a list's time
}

// APIMaxBody bounds a JSON request body.
const APIMaxBody = 1 << 16

// Decode reads a JSON body strictly: unknown fields and trailing data are
// refused (400), a value of the wrong type is a field error (422). An absent
// body is accepted when optional.
func Decode(w http.ResponseWriter, r *http.Request, v any, optional bool) error {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, APIMaxBody))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if _, extra := dec.Token(); extra != io.EOF {
			return certif.Errorf(certif.EBadRequest, "Corps JSON illisible : un seul objet JSON est attendu.")
		}
		return nil
	}
	if errors.Is(err, io.EOF) {
		if optional {
			return nil
		}
		return certif.Errorf(certif.EBadRequest, "Corps JSON absent : un objet JSON est attendu.")
	}
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) && typeErr.Field != "" {
		field, _, _ := strings.Cut(typeErr.Field, ".")
		return &certif.Error{Code: certif.EInvalid, Message: "Le champ « " + field + " » n'a pas le bon type.",
			Fields: map[string]string{field: "Type invalide : " + apiJSONTypeName(typeErr.Type.Kind().String()) + " attendu."}}
	}
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return certif.Errorf(certif.EBadRequest, "Corps JSON trop volumineux (%d octets au plus).", APIMaxBody)
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		name = strings.Trim(name, `"`)
		return &certif.Error{Code: certif.EBadRequest, Message: "Champ inconnu : « " + name + " ».",
			Fields: map[string]string{name: "Champ inconnu."}}
	}
	return certif.Errorf(certif.EBadRequest, "Corps JSON illisible : %v", err)
}

func apiJSONTypeName(kind string) string {
	switch kind {
	case "string":
		return "chaîne"
	case "bool":
		return "booléen (true ou false)"
	case "slice", "array":
		return "tableau"
	case "map", "struct":
		return "objet"
	case "int", "int64", "int32", "float64":
		return "nombre entier"
	}
	return kind
}

var ErrAPINotFound = certif.Errorf(certif.ENotFound, "Ressource introuvable.")

// APIPathID reads the {id} of the path; an id that cannot exist is not found.
func APIPathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, ErrAPINotFound
	}
	return id, nil
}

// APIPaging reads page and per_page (50 per page by default, 500 at most).
func APIPaging(v *certif.Validation, r *http.Request) (page, perPage int) {
	page, perPage = 1, 50
	q := r.URL.Query()
	if s := q.Get("page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			v.Add("page", "Numéro de page invalide : un entier à partir de 1.")
		} else {
			page = n
		}
	}
	if s := q.Get("per_page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 500 {
			v.Add("per_page", "Taille de page invalide : un entier de 1 à 500.")
		} else {
			perPage = n
		}
	}
	return page, perPage
}

// ListPage is one page of a list.
type ListPage[T any] struct {
	Total   int `json:"total"`
	Page    int `json:"page"`
	PerPage int `json:"per_page"`
	Items   []T `json:"items"`
}

type apiAuditEvent struct {
	ID        int64  `json:"id"`
	At        string `json:"at"`
	UserEmail string `json:"user"`
	Entity    string `json:"entity"`
	Key       string `json:"key"`
	Action    string `json:"action"`
	Field     string `json:"field,omitempty"`
	Before    string `json:"before,omitempty"`
	After     string `json:"after,omitempty"`
	Reason    string `json:"reason,omitempty"`
}

// WriteAuditJSON answers audit events as the API shows them (UTC times).
func WriteAuditJSON(w http.ResponseWriter, events []certif.AuditEvent) error {
	out := make([]apiAuditEvent, len(events))
	for i, e := range events {
		out[i] = apiAuditEvent{ID: e.ID, At: e.At.UTC().Format("2006-01-02T15:04:05Z"), UserEmail: e.UserEmail, Entity: e.Entity,
			Key: e.EntityKey, Action: e.Action, Field: e.Field, Before: e.Before, After: e.After, Reason: e.Reason}
	}
	return WriteJSON(w, http.StatusOK, out)
}

// SetETag gives a resource's version as its entity tag.
func SetETag(w http.ResponseWriter, version int) {
	w.Header().Set("ETag", `"`+strconv.Itoa(version)+`"`)
}

// IfMatch reads the version a change is made from (If-Match: "3"); 0 when the
// request names none ("*" or no header): the change then applies to the
// resource as it is.
func IfMatch(r *http.Request) (int, error) {
	h := strings.TrimSpace(r.Header.Get("If-Match"))
	if h == "" || h == "*" {
		return 0, nil
	}
	n, err := strconv.Atoi(strings.Trim(h, `"`))
	if err != nil || n <= 0 || !strings.HasPrefix(h, `"`) || !strings.HasSuffix(h, `"`) {
		return 0, &certif.Error{Code: certif.EBadRequest, Message: "En-tête If-Match invalide : donnez l'ETag reçu avec la ressource, par exemple \"3\".",
			Fields: map[string]string{"If-Match": "ETag attendu entre guillemets."}}
	}
	return n, nil
}

// APIPeriod reads ?from=&to= (AAAA-MM-JJ) of an API request, with defaults;
// a malformed date is refused naming its parameter.
func APIPeriod(r *http.Request, from, to certif.Date) (certif.Date, certif.Date, error) {
	var v certif.Validation
	for name, d := range map[string]*certif.Date{"from": &from, "to": &to} {
		if raw := r.URL.Query().Get(name); raw != "" {
			parsed, err := certif.ParseDate(raw)
			if err != nil {
				v.Add(name, "Date invalide : AAAA-MM-JJ attendu.")
			}
			*d = parsed
		}
	}
	if v.Err() == nil && to.Before(from) {
		v.Add("to", "La fin de la période est avant son début.")
	}
	return from, to, v.Err()
}
