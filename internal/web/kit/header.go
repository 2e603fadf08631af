package kit

import (
	"strings"

	"certibloc/internal/certif"
)

// Who names the logged-in account in the header once: its name (or email),
// then its role where the name and the masthead do not already say it, then its employer's
// name ("CPAM de la Gironde", carried by the account: no query) where the
// name does not say it either. The office's "Institut 4.10 — équipe des
// examens" reads as such, not followed by "Équipe des examens (Institut 4.10)".
func (p Page) Who() string {
	u := p.User
	if u == nil {
		return ""
	}
	name := u.Name
	if name == "" {
		name = u.Email
	}
	parts := []string{name}
	if role := unsaid(name, u.RoleLabel()); role != "" {
		parts = append(parts, role)
	}
	employer := u.EmployerName
	if employer == "" {
		employer = u.EmployerCode
	}
	if employer != "" && !holds(name, employer) {
		parts = append(parts, employer)
	}
	return strings.Join(parts, " · ")
}

// holds reports whether a name already says a word, whatever its case.
func holds(name, word string) bool {
	return strings.Contains(strings.ToLower(name), strings.ToLower(strings.TrimSpace(word)))
}

// unsaid is what a role label ("Certificateur (UCANSS)") adds to a name under
// the header's masthead ("Certificateur : UCANSS · Examens : Institut 4.10"):
// the words in parentheses go when the name or the masthead holds them, the
// whole label when the name holds the rest.
func unsaid(name, label string) string {
	main, paren, ok := strings.Cut(label, " (")
	if paren = strings.TrimSuffix(paren, ")"); ok && (holds(name, paren) || holds(certif.Names.Masthead(), paren)) {
		label = main
	}
	if holds(name, main) {
		return ""
	}
	return label
}
