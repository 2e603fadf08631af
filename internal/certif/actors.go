package certif

import (
	"strings"
	"time"
)

// Employer is an organisme de Sécurité sociale that registers its candidates.
type Employer struct {
	ID       int64    `json:"-"`
	Code     string   `json:"code"`   // stable short code, e.g. CPAM75
	Name     string   `json:"name"`   // "CPAM de Paris"
	Type     string   `json:"type"`   // CPAM, CAF, URSSAF, CARSAT, CGSS...
	Branch   string   `json:"branch"` // branch code
	Region   string   `json:"region"` // "Île-de-France"
	HREmails []string `json:"hr_emails"`
}

// EmployerTypes lists the kinds of organismes, with their usual branch.
var EmployerTypes = map[string]string{
	"CPAM": "maladie", "CGSS": "maladie", "DRSM": "maladie", "CNAM": "maladie",
	"CAF": "famille", "CNAF": "famille",
	"URSSAF": "recouvrement", "UCN": "recouvrement",
	"CARSAT": "retraite", "CNAV": "retraite", "CRAMIF": "retraite",
}

// User is an account of the platform.
type User struct {
	ID             int64
	Email          string
	Name           string
	Role           Role
	EmployerID     int64 // employer accounts only
	EmployerCode   string
	EmployerName   string // employer accounts only: the employer's name (what the page header shows)
	EmployerBranch string // employer accounts only: the employer's branch (what its menu shows)
	JuryMemberID   int64  // jury accounts only
	CandidateID    int64  // candidate accounts only
	CandidateSex   string // candidate accounts only: the candidate's sex, "F" or "M" (its role agrees with it)
	BranchCode     string // national-fund accounts only: the fund's branch
	Disabled       bool
	CreatedAt      time.Time
	LastLoginAt    time.Time
	PasswordSetAt  time.Time
}

// RoleLabel is the account's role as pages show it, naming a national fund
// ("Caisse nationale (CNAF)"), agreed with a candidate's sex ("Candidate").
func (u User) RoleLabel() string {
	if f, ok := NationalFundOf(u.BranchCode); ok && u.Role == RoleNationalFund {
		return f.Label()
	}
	if u.Role == RoleCandidate {
		return Agreed(u.CandidateSex, "Candidat", "Candidate")
	}
	return u.Role.Label()
}

// Principal is who makes a request: a user, or nobody (anonymous).
type Principal struct {
	User *User
}

// Anonymous reports whether nobody is logged in.
func (p Principal) Anonymous() bool { return p.User == nil }

// Role is the user's role, "" when anonymous.
func (p Principal) Role() Role {
	if p.User == nil {
		return ""
	}
	return p.User.Role
}

// Is reports whether the principal has one of the roles.
func (p Principal) Is(roles ...Role) bool {
	for _, r := range roles {
		if p.Role() == r {
			return true
		}
	}
	return false
}

// JuryRole is the seat a jury member takes in a professional jury (R14).
type JuryRole string

const (
	JuryCertifierRep JuryRole = "certifier_rep" // représentant du certificateur
	JuryExpert       JuryRole = "expert"        // expert métier
	JuryBranchRep    JuryRole = "branch_rep"    // représentant de branche
)

// JuryRoles lists the three seats of a professional jury.
var JuryRoles = []JuryRole{JuryCertifierRep, JuryExpert, JuryBranchRep}

// Label is the French name of the seat.
func (r JuryRole) Label() string {
	switch r {
	case JuryCertifierRep:
		return "Représentant du certificateur"
	case JuryExpert:
		return "Expert métier"
	case JuryBranchRep:
		return "Représentant de branche"
	}
	return string(r)
}

// Candidate is the identity of a person presented to certification. The name
// printed on certificates is computed by PrintedName (R16).
type Candidate struct {
	ID           int64    `json:"id"`
	EmployerID   int64    `json:"-"`
	EmployerCode string   `json:"employer"`
	BirthName    string   `json:"birth_name"`
	UsageName    string   `json:"usage_name"`
	FirstNames   []string `json:"first_names"`
	Sex          string   `json:"sex"` // F or M
	BirthDate    Date     `json:"birth_date"`
	BirthINSEE   string   `json:"birth_insee"`   // INSEE code of the birth commune, "" if born abroad
	BirthCountry string   `json:"birth_country"` // country of birth when born abroad
	Email        string   `json:"email"`
	Phone        string   `json:"phone"`
	Version      int      `json:"version"` // raised by every change: a change made from an older copy is refused
}

// PrintedName is the identity as certificates print it (R16): usage name, then
// the birth name in parentheses when different, the first name, the date of birth.
func (c Candidate) PrintedName() string {
	return PrintedIdentity(c.Sex, c.BirthName, c.UsageName, firstOf(c.FirstNames), c.BirthDate)
}

// PrintedIdentity formats an identity the way certificates print it (R16),
// "née le" or "né le" agreed with the sex ("F", "M"; "né·e" unknown).
func PrintedIdentity(sex, birthName, usageName, firstName string, birthDate Date) string {
	birth := strings.ToUpper(strings.TrimSpace(birthName))
	usage := strings.ToUpper(strings.TrimSpace(usageName))
	var b strings.Builder
	if usage != "" && usage != birth {
		b.WriteString(usage + " (" + birth + ")")
	} else {
		b.WriteString(birth)
	}
	if fn := strings.TrimSpace(firstName); fn != "" {
		b.WriteString(" " + fn)
	}
	if !birthDate.IsZero() {
		b.WriteString(", " + Agreed(sex, "né", "née") + " le " + birthDate.French())
	}
	return b.String()
}

func firstOf(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// AuditEvent is one traced change: who, when, what, before and after.
type AuditEvent struct {
	ID          int64
	At          time.Time
	UserID      int64
	UserEmail   string
	Entity      string // "calendar", "qualification", "user", ...
	EntityKey   string // the changed thing's key
	CandidateID int64  // the candidate the change concerns, 0 if none (history on the candidate's page)
	Action      string // create, update, delete, override...
	Field       string
	Before      string
	After       string
	Reason      string
}
