package certif

// Role is what a user account may do. A user has exactly one role.
type Role string

const (
	RoleOffice    Role = "office"    // exam office (Institut 4.10): runs the census, collections, juries
	RoleCertifier Role = "certifier" // certifier (UCANSS): reads everything, decides at the national jury
	RoleEmployer  Role = "employer"  // HR of one employer (organisme de Sécurité sociale)
	RoleJury      Role = "jury"      // member of professional juries
	RoleCandidate Role = "candidate" // candidate: sees own registrations and results
)

// Roles lists every role, in the order menus show them.
var Roles = []Role{RoleOffice, RoleCertifier, RoleEmployer, RoleJury, RoleCandidate}

// ParseRole checks a role name.
func ParseRole(s string) (Role, error) {
	for _, r := range Roles {
		if string(r) == s {
			return r, nil
		}
	}
	return "", &Error{Code: EInvalid, Message: "Rôle inconnu.",
		Fields: map[string]string{"role": "Rôle inconnu : choisissez office, certifier, employer, jury ou candidate."}}
}

// Label is the French name of the role.
func (r Role) Label() string {
	switch r {
	case RoleOffice:
		return "Équipe des examens (Institut 4.10)"
	case RoleCertifier:
		return "Certificateur (UCANSS)"
	case RoleEmployer:
		return "Employeur (service RH)"
	case RoleJury:
		return "Membre de jury"
	case RoleCandidate:
		return "Candidat"
	}
	return string(r)
}

// NeedsEmployer reports whether accounts of this role belong to one employer.
func (r Role) NeedsEmployer() bool { return r == RoleEmployer }

// SeesAllEmployers reports whether the role reads data across employers.
func (r Role) SeesAllEmployers() bool { return r == RoleOffice || r == RoleCertifier }
