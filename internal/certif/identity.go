package certif

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"certibloc/internal/communes"
)

// nameChars: letters (with accents), space, hyphen and apostrophe (R16: identity
// is checked when entered, certificates print it as entered).
var nameChars = regexp.MustCompile(`^[\p{L}][\p{L} '’-]*$`)

// inseeCode is the INSEE code of a commune: 5 characters, 2A/2B for Corsica.
var employerCode = regexp.MustCompile(`^[A-Z0-9][A-Z0-9_-]{1,29}$`)

var inseeCode = regexp.MustCompile(`^([0-9]{2}|2[AB])[0-9]{3}$`)

// ValidName checks a family or first name.
func ValidName(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && len([]rune(s)) <= 80 && nameChars.MatchString(s) && !strings.Contains(s, "  ") && !strings.Contains(s, "--")
}

// ValidINSEE checks the INSEE code of a birth commune.
func ValidINSEE(s string) bool { return inseeCode.MatchString(strings.ToUpper(strings.TrimSpace(s))) }

// BirthCommuneInvalid says in French why an INSEE code is not a birth
// commune of the official list (communes), "" when it is one.
func BirthCommuneInvalid(code string) string {
	switch {
	case !ValidINSEE(code):
		return "Code INSEE invalide : 5 caractères, chiffres (2A ou 2B pour la Corse), ex. 75056."
	case communes.Country(code):
		return fmt.Sprintf("Le code %s désigne un pays, pas une commune : pour une naissance à l'étranger, laissez le code INSEE vide et indiquez le pays de naissance.", strings.TrimSpace(code))
	}
	if _, ok := communes.Lookup(code); !ok {
		return fmt.Sprintf("Code INSEE inconnu : %s n'est pas une commune du Code officiel géographique %d. Vérifiez le code (et non le code postal) sur l'acte de naissance.", strings.ToUpper(strings.TrimSpace(code)), communes.COG)
	}
	return ""
}

// Validate checks a candidate's identity as entered by an employer, at date today.
func (c Candidate) Validate(today Date) error {
	var v Validation
	if !ValidName(c.BirthName) {
		v.Add("birth_name", "Nom de naissance obligatoire : lettres (accents permis), espaces, traits d'union et apostrophes uniquement.")
	}
	if c.UsageName != "" && !ValidName(c.UsageName) {
		v.Add("usage_name", "Nom d'usage : lettres (accents permis), espaces, traits d'union et apostrophes uniquement.")
	}
	if len(c.FirstNames) == 0 || strings.TrimSpace(c.FirstNames[0]) == "" {
		v.Add("first_names", "Le premier prénom est obligatoire.")
	} else if len(c.FirstNames) > 3 {
		v.Add("first_names", "Trois prénoms au plus.")
	}
	for i, fn := range c.FirstNames {
		if (i == 0 || fn != "") && !ValidName(fn) {
			v.Add("first_names", fmt.Sprintf("Prénom %d : lettres (accents permis), espaces, traits d'union et apostrophes uniquement.", i+1))
		}
	}
	if c.Sex != "F" && c.Sex != "M" {
		v.Add("sex", "Sexe : F ou M (donnée exigée par la Caisse des Dépôts).")
	}
	if c.BirthDate.IsZero() {
		v.Add("birth_date", "La date de naissance est obligatoire.")
	} else if msg := BirthDateImplausible(c.BirthDate, today); msg != "" {
		v.Add("birth_date", msg)
	}
	switch {
	case c.BirthINSEE == "" && strings.TrimSpace(c.BirthCountry) == "":
		v.Add("birth_insee", "Indiquez le code INSEE de la commune de naissance, ou le pays de naissance si le candidat est né à l'étranger.")
	case c.BirthINSEE != "":
		if msg := BirthCommuneInvalid(c.BirthINSEE); msg != "" {
			v.Add("birth_insee", msg)
		}
	}
	if c.Email != "" && !ValidEmail(c.Email) {
		v.Add("email", "Adresse électronique invalide.")
	}
	return v.Err()
}

// ValidEmail is a light check of an email address's shape.
func ValidEmail(s string) bool {
	at := strings.LastIndex(s, "@")
	return at > 0 && at < len(s)-3 && strings.Contains(s[at:], ".") && !strings.ContainsAny(s, " \t<>,;")
}

// SearchKey folds a text for accent- and case-insensitive search: "Éloïse
// D'ARCY" → "eloise d'arcy".
func SearchKey(parts ...string) string {
	s := norm.NFD.String(strings.ToLower(strings.Join(parts, " ")))
	var b strings.Builder
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if r == '’' {
			r = '\''
		}
		b.WriteRune(r)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// Validate checks an employer as the office enters it.
func (e Employer) Validate(branches []Branch) error {
	var v Validation
	if !employerCode.MatchString(e.Code) {
		v.Add("code", "Code : 2 à 30 majuscules, chiffres, tirets (ex. CPAM75).")
	}
	if strings.TrimSpace(e.Name) == "" {
		v.Add("name", "Le nom de l'employeur est obligatoire.")
	}
	if strings.TrimSpace(e.Type) == "" {
		v.Add("type", "Le type d'organisme est obligatoire (CPAM, CAF, URSSAF, CARSAT, CGSS…).")
	}
	known := false
	for _, b := range branches {
		known = known || b.Code == e.Branch
	}
	if !known {
		v.Add("branch", "Choisissez la branche de l'employeur.")
	}
	for _, m := range e.HREmails {
		if !ValidEmail(m) {
			v.Add("hr_emails", "Adresse RH invalide : "+m+".")
		}
	}
	return v.Err()
}
