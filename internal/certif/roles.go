package certif

import "strings"

// Role is what a user account may do. A user has exactly one role.
type Role string

const (
	RoleOffice    Role = "office"    // exam office (Institut 4.10): runs the census, collections, juries
	RoleCertifier Role = "certifier" // certifier (UCANSS): reads everything, decides at the national jury
	RoleEmployer  Role = "employer"  // HR of one employer (organisme de Sécurité sociale)
	RoleJury      Role = "jury"      // member of professional juries
	RoleCandidate Role = "candidate" // candidate: sees own registrations and results
	// RoleNationalFund is a caisse nationale (CNAM, CNAF, Urssaf Caisse
	// nationale, CNAV): one branch's, it proposes and mobilises the jury
	// members of its branch (R14).
	RoleNationalFund Role = "national_fund"
)

// Roles lists every role, in the order menus show them.
var Roles = []Role{RoleOffice, RoleCertifier, RoleNationalFund, RoleEmployer, RoleJury, RoleCandidate}

// ParseRole checks a role name.
func ParseRole(s string) (Role, error) {
	for _, r := range Roles {
		if string(r) == s {
			return r, nil
		}
	}
	return "", &Error{Code: EInvalid, Message: "Rôle inconnu.", Fields: map[string]string{"role": UnknownRole}}
}

// UnknownRole is the message of a role name that is none of Roles.
var UnknownRole = func() string {
	names := make([]string, len(Roles))
	for i, r := range Roles {
		names[i] = string(r)
	}
	return "Rôle inconnu : choisissez " + strings.Join(names[:len(names)-1], ", ") + " ou " + names[len(names)-1] + "."
}()

// Label is the French name of the role.
func (r Role) Label() string {
	switch r {
	case RoleOffice:
		return "Équipe des examens (" + Names.ExamOffice + ")"
	case RoleCertifier:
		return "Certificateur (" + Names.Certifier + ")"
	case RoleEmployer:
		return "Employeur (service RH)"
	case RoleJury:
		return "Membre de jury"
	case RoleCandidate:
		return "Candidat"
	case RoleNationalFund:
		return "Caisse nationale"
	}
	return string(r)
}

// NeedsEmployer reports whether accounts of this role belong to one employer.
func (r Role) NeedsEmployer() bool { return r == RoleEmployer }

// NeedsBranch reports whether accounts of this role belong to one branch:
// a national fund is its branch's.
func (r Role) NeedsBranch() bool { return r == RoleNationalFund }

// SeesAllEmployers reports whether the role reads data across employers.
func (r Role) SeesAllEmployers() bool { return r == RoleOffice || r == RoleCertifier }
