package kit

import "strings"

// Who names the logged-in account in the header once: its name (or email),
// then its role where the name does not already say it, then its employer's
// code. The office's "Institut 4.10 — équipe des examens" reads as such, not
// followed by "Équipe des examens (Institut 4.10)".
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
	if u.EmployerCode != "" && !strings.Contains(name, u.EmployerCode) {
		parts = append(parts, u.EmployerCode)
	}
	return strings.Join(parts, " · ")
}

// unsaid is what a role label ("Certificateur (UCANSS)") adds to a name: the
// words in parentheses go when the name holds them, the whole label when the
// name holds the rest.
func unsaid(name, label string) string {
	has := func(s string) bool {
		return strings.Contains(strings.ToLower(name), strings.ToLower(strings.TrimSpace(s)))
	}
	main, paren, ok := strings.Cut(label, " (")
	if ok && has(strings.TrimSuffix(paren, ")")) {
		label = main
	}
	if has(main) {
		return ""
	}
	return label
}
