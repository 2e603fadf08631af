package registrations

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"certibloc/internal/certif"
)

// describeEvent says in French what an audit event of a candidate's file records.
func describeEvent(e certif.AuditEvent) string {
	subject := certif.AuditEntityLabel(e.Entity)
	switch e.Entity {
	case "candidate":
		subject = "Identité"
	case "registration":
		subject += " n° " + e.EntityKey
	}
	what := subject + " : " + lowerFirst(certif.AuditActionLabel(e.Action))
	if e.Field != "" {
		what += fmt.Sprintf(" (%s)", certif.AuditFieldLabel(e.Field))
	}
	return what
}

func lowerFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[size:]
}
