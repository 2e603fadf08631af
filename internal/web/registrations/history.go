package registrations

import "certibloc/internal/certif"

// describeEvent says in French what an audit event of a candidate's file
// records, from the event and its line in French (its field named).
func describeEvent(e certif.AuditEvent, line certif.AuditLine) string {
	subject := certif.AuditEntityLabel(e.Entity)
	switch e.Entity {
	case "candidate":
		subject = "Identité"
	case "registration":
		subject += " n° " + e.EntityKey
	}
	what := subject + " : " + certif.LowerFirst(certif.AuditActionLabel(e.Action))
	if line.Field != "" {
		what += " (" + line.Field + ")"
	}
	return what
}
