package kit

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"unicode"

	"certibloc/internal/certif"
)

// MaxUpload bounds every request body: no form or file of the platform is
// larger (intake refuses files over 5 MiB).
const MaxUpload = 6 << 20

// FormValue reads a field of a urlencoded or multipart form. A body over
// MaxUpload is refused with a French message. With MaxUpload as the memory
// bound, an uploaded file always stays in memory (never in a temporary file
// that net/http removes at the end of the request): background jobs read it
// after the request is over.
func FormValue(r *http.Request, name string) (string, error) {
	var err error
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		err = r.ParseMultipartForm(MaxUpload)
	} else {
		err = r.ParseForm()
	}
	if e, tooLarge := errors.AsType[*http.MaxBytesError](err); tooLarge {
		if e.Limit > MaxUpload {
			return "", TooLarge(e.Limit - FormMargin)
		}
		return "", ErrTooLarge
	}
	return r.PostFormValue(name), nil
}

// ErrTooLarge refuses a request body over MaxUpload.
var ErrTooLarge = &certif.Error{Code: certif.EInvalid, Message: "Envoi trop volumineux : un fichier déposé fait 5 Mo au plus.",
	Fields: map[string]string{"file": "Fichier trop volumineux (5 Mo au plus)."}}

// FormMargin is what a form may add to the file of a route with its own
// bound (Route.MaxBody): the other fields and the multipart framing.
const FormMargin = 1 << 20

// TooLarge refuses a file over a route's own bound.
func TooLarge(limit int64) error {
	msg := fmt.Sprintf("Envoi trop volumineux : un fichier déposé fait %d Mo au plus.", limit>>20)
	return &certif.Error{Code: certif.EInvalid, Message: msg, Fields: map[string]string{"file": msg}}
}

// DateField parses an optional French or ISO date of a form, recording an error.
func DateField(v *certif.Validation, r *http.Request, name, label string, required bool) certif.Date {
	raw := strings.TrimSpace(r.PostFormValue(name))
	if raw == "" {
		if required {
			v.Add(name, label+" : date obligatoire.")
		}
		return certif.Date{}
	}
	d, _ := parseDate(v, name, label, raw, "")
	return d
}

// parseDate reads a French or ISO date typed in a field, recording in v,
// with what the page does instead (after), when it cannot be read.
func parseDate(v *certif.Validation, name, label, raw, instead string) (certif.Date, bool) {
	d, err := certif.ParseFrenchDate(raw)
	if err != nil {
		v.Add(name, label+" : date invalide, format JJ/MM/AAAA attendu"+instead+".")
	}
	return d, err == nil
}

// QueryDate reads a date (jj/mm/aaaa) of a page's query, def when absent; a
// date that cannot be read is recorded in v and def used: the page shows
// what was typed beside its error, and its figures for def.
func QueryDate(v *certif.Validation, r *http.Request, name, label string, def certif.Date) (certif.Date, string) {
	raw := strings.TrimSpace(r.URL.Query().Get(name))
	if raw == "" {
		return def, def.French()
	}
	d, ok := parseDate(v, name, label, raw, " ; la page prend le "+def.French()+" à la place")
	if !ok {
		return def, raw
	}
	return d, d.French()
}

// MonthField parses a month (AAAA-MM) of a form, recording an error.
func MonthField(v *certif.Validation, r *http.Request, name, label string) certif.Month {
	m, err := certif.ParseMonth(r.PostFormValue(name))
	if err != nil {
		v.Add(name, label+" : mois invalide, format AAAA-MM attendu.")
	}
	return m
}

// UploadedFile reads the file of a form's "file" field.
func UploadedFile(w http.ResponseWriter, r *http.Request) (string, []byte, error) {
	r.Body = http.MaxBytesReader(w, r.Body, MaxUpload)
	file, header, err := r.FormFile("file")
	if err != nil {
		return "", nil, &certif.Error{Code: certif.EInvalid, Message: "Choisissez un fichier (Excel .xlsx ou CSV) de 5 Mo au plus.",
			Fields: map[string]string{"file": "Fichier manquant ou trop volumineux."}}
	}
	defer file.Close()
	content, err := io.ReadAll(file)
	if err != nil {
		return "", nil, &certif.Error{Code: certif.EInvalid, Message: "Fichier illisible ou trop volumineux (5 Mo au plus).", Fields: map[string]string{"file": "Fichier illisible."}}
	}
	return header.Filename, content, nil
}

// XLSXType is the media type of an Excel workbook.
const XLSXType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// Download answers a file to save.
func Download(w http.ResponseWriter, name, contentType string, b []byte) error {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, name))
	_, err := w.Write(b)
	return err
}

// SafeNext returns next when it names a page of this site, re-serialised from
// its parsed form (path and query, no fragment), and "/" otherwise. It parses
// rather than checks prefixes: browsers drop tabs and newlines from URLs and
// read a backslash as a slash, so "/<tab>/evil.example" or
// "/<backslash>evil.example" would leave the site. Refused: a scheme, a host,
// userinfo, a backslash, whitespace or a control character anywhere (raw, or
// percent-encoded in the path), a path that does not start with exactly one
// "/", dot segments, and what does not parse.
func SafeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsFunc(next, unsafeInURL) {
		return "/"
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Opaque != "" || u.User != nil || u.Host != "" {
		return "/"
	}
	p := u.Path
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.ContainsFunc(p, unsafeInURL) ||
		strings.Contains(p+"/", "/./") || strings.Contains(p+"/", "/../") {
		return "/"
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return "/"
	}
	return (&url.URL{Path: p, RawQuery: q.Encode()}).String()
}

// unsafeInURL reports the characters a local path must not hold: a
// backslash, whitespace, control and other invisible characters.
func unsafeInURL(r rune) bool {
	return r == '\\' || unicode.IsSpace(r) || !unicode.IsPrint(r)
}
