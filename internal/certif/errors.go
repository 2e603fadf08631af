package certif

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Code classifies a domain error; the web layer maps each code to one HTTP status.
type Code string

const (
	EInvalid      Code = "invalid"      // the input breaks a rule or a format (422)
	EBadRequest   Code = "bad_request"  // the request itself cannot be read (400)
	EUnauthorized Code = "unauthorized" // no or bad credentials (401)
	EForbidden    Code = "forbidden"    // authenticated but not allowed (403)
	ENotFound     Code = "not_found"    // does not exist, or not visible to the caller (404)
	EConflict     Code = "conflict"     // clashes with existing data (409)
	ETooMany      Code = "rate_limited" // too many attempts (429)
	EStale        Code = "stale"        // changed by someone else since the caller read it (412)
	EInternal     Code = "internal"     // a bug or an unavailable dependency (500)
)

// Error is the one error type of certibloc: a code, a French message for people,
// and per-field French messages for forms and API clients.
type Error struct {
	Code    Code
	Message string
	Fields  map[string]string
}

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return fmt.Sprintf("%s: %s", e.Code, e.Message)
	}
	return fmt.Sprintf("%s: %s %v", e.Code, e.Message, e.Fields)
}

// Errorf returns an *Error with a formatted French message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err, EInternal for any error that is not an *Error.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	if err == nil {
		return ""
	}
	return EInternal
}

// ErrorMessage returns the French message of err, a generic one for internal errors.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Une erreur interne est survenue. L'équipe technique a été prévenue."
}

// ErrorFields returns the per-field messages of err, nil if none.
func ErrorFields(err error) map[string]string {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// Validation gathers per-field messages and becomes an EInvalid error.
type Validation struct {
	fields map[string]string
}

// Add records a message for a field; the first message for a field wins.
func (v *Validation) Add(field, message string) {
	if v.fields == nil {
		v.fields = map[string]string{}
	}
	if _, ok := v.fields[field]; !ok {
		v.fields[field] = message
	}
}

// Has reports whether field already has a message.
func (v *Validation) Has(field string) bool { _, ok := v.fields[field]; return ok }

// AddError records the messages of err by field (the first message for a
// field wins); an error naming no field is recorded for the whole form ("").
func (v *Validation) AddError(err error) {
	if err == nil {
		return
	}
	fields := ErrorFields(err)
	if len(fields) == 0 {
		v.Add("", ErrorMessage(err))
	}
	for _, field := range slices.Sorted(maps.Keys(fields)) {
		v.Add(field, fields[field])
	}
}

// Err returns nil when no field failed, otherwise an EInvalid *Error.
func (v *Validation) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	return &Error{Code: EInvalid, Message: formMessage(len(v.fields)), Fields: v.fields}
}

// formMessage is the message of a form with n fields to correct.
func formMessage(n int) string {
	if n == 1 {
		return "Le formulaire contient une erreur : corrigez le champ signalé."
	}
	return fmt.Sprintf("Le formulaire contient %d erreurs : corrigez les champs signalés.", n)
}

// Join gathers the refusals of one submission into one, so that a form names
// every error at once (nil errors are skipped; a single refusal is returned
// as it is). An error of another kind than EInvalid wins as it is: nothing
// is to correct in the form. Otherwise each field keeps its first message, and
// the message says what each refusal says beyond "the form holds errors",
// then how many fields to correct.
func Join(errs ...error) error {
	var refusals []error
	for _, err := range errs {
		if err == nil {
			continue
		}
		if ErrorCode(err) != EInvalid {
			return err
		}
		refusals = append(refusals, err)
	}
	switch len(refusals) {
	case 0:
		return nil
	case 1:
		return refusals[0]
	}
	var v Validation
	var said []string
	for _, err := range refusals {
		fields := ErrorFields(err)
		msg := ErrorMessage(err)
		if len(fields) > 0 { // a form's message, or a joined one's: what it says beyond its count
			msg = strings.TrimSpace(strings.TrimSuffix(msg, formMessage(len(fields))))
		}
		if msg != "" && !slices.Contains(said, msg) {
			said = append(said, msg)
		}
		for _, field := range slices.Sorted(maps.Keys(fields)) {
			v.Add(field, fields[field])
		}
	}
	if len(v.fields) > 0 {
		said = append(said, formMessage(len(v.fields)))
	}
	return &Error{Code: EInvalid, Message: strings.Join(said, " "), Fields: v.fields}
}

// Refused is the error of an imported file (what: "Fichier", "Tableau") with
// n lines in error, all or nothing: nothing was recorded.
func Refused(what string, n int) error {
	return Errorf(EInvalid, "%s refusé : %s en erreur. Rien n'a été enregistré ; corrigez le fichier et déposez-le de nouveau.", what, Count(n, "ligne", "lignes"))
}
