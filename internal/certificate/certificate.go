package certificate

import (
	"fmt"
	"regexp"
	"strconv"

	"certibloc/internal/certif"
)

// Kind says what a certificate certifies.
type Kind string

const (
	CCP Kind = "CCP" // one block of competencies
	CQP Kind = "CQP" // the whole qualification
)

// Title is the French title printed on the certificate.
func (k Kind) Title() string {
	if k == CQP {
		return "Certificat de qualification professionnelle"
	}
	return "Certificat de compétences professionnelles"
}

// Status is the state of a certificate; only the database knows it, the signed
// payload does not carry it.
type Status string

const (
	Valid    Status = "valid"
	Revoked  Status = "revoked"
	Replaced Status = "replaced"
)

// French is the status as people read it.
func (s Status) French() string {
	switch s {
	case Revoked:
		return "révoqué"
	case Replaced:
		return "remplacé"
	}
	return "valide"
}

// Qualification is the CQP, with the RNCP registration in force on the day
// the certification was obtained ("" when it is not registered).
type Qualification struct {
	Code  string // "GC"
	Title string // "Gestionnaire conseil de la Sécurité sociale"
	RNCP  string // "RNCP35729"
}

// Block is a block of competencies of the qualification (CCP only).
type Block struct {
	Number int    // 1, 2, ...
	Title  string // "" when the office has not entered it
	RNCP   string // "RNCP35729BC02", "" when unknown
}

// Label is "Bloc 2 – Title", or "Bloc 2" while its title is unknown (certif.BlockLabel).
func (b Block) Label() string { return certif.BlockLabel(b.Number, b.Title) }

// Holder is the identity snapshotted at decision time.
type Holder struct {
	Sex       string // "F", "M": "née le", "né le"
	BirthName string
	UsageName string // "" or the same as BirthName when none
	FirstName string
	BirthDate certif.Date
}

// HolderOf snapshots a candidate's identity.
func HolderOf(c certif.Candidate) Holder {
	h := Holder{Sex: c.Sex, BirthName: c.BirthName, UsageName: c.UsageName, BirthDate: c.BirthDate}
	if len(c.FirstNames) > 0 {
		h.FirstName = c.FirstNames[0]
	}
	return h
}

// Printed is the identity as the certificate prints it (R16):
// "MARTIN (DURAND) Léa, née le 03/02/1991".
func (h Holder) Printed() string {
	return certif.PrintedIdentity(h.Sex, h.BirthName, h.UsageName, h.FirstName, h.BirthDate)
}

// Certificate is one issued certificate.
type Certificate struct {
	Number        string // "CCP-2026-000123", unique
	Kind          Kind
	Qualification Qualification
	Block         Block // CCP only
	Holder        Holder
	IssuedOn      certif.Date
	JuryDate      certif.Date // the national jury that decided it
	Status        Status      // "" counts as Valid
	ReplacedBy    string      // the number that replaces it, when Replaced
}

var numberPattern = regexp.MustCompile(`^(CCP|CQP)-[0-9]{4}-[0-9]{6}$`)

// Number formats a certificate number: Number(CCP, 2026, 123) is "CCP-2026-000123".
func Number(k Kind, year, seq int) string {
	return fmt.Sprintf("%s-%04d-%06d", k, year, seq)
}

// Validate checks that the certificate can be issued; the message is French.
func (c Certificate) Validate() error {
	return c.Claims().validate()
}

// Claims is what the signed payload and the credential carry.
func (c Certificate) Claims() Claims {
	cl := Claims{Number: c.Number, Kind: c.Kind, Holder: c.Holder.Printed(), Qualification: c.Qualification,
		IssuedOn: c.IssuedOn, JuryDate: c.JuryDate}
	if c.Kind == CCP {
		cl.Block = c.Block
	}
	if c.Holder.BirthName == "" || c.Holder.FirstName == "" || c.Holder.BirthDate.IsZero() {
		cl.Holder = "" // refused by validate: R16 needs all three
	}
	return cl
}

// Claims are the facts a verification establishes: what the payload signs.
type Claims struct {
	Number        string
	Kind          Kind
	Holder        string // printed identity (R16)
	Qualification Qualification
	Block         Block // zero for a CQP
	IssuedOn      certif.Date
	JuryDate      certif.Date
}

// Certification names what was certified, in French, for people:
// "Certificat de compétences professionnelles, Bloc 2 : … (RNCP35729BC02), du CQP … (RNCP35729)".
func (c Claims) Certification() string {
	q := "CQP " + c.Qualification.Title + rncp(c.Qualification.RNCP)
	if c.Kind == CQP {
		return c.Kind.Title() + " " + q
	}
	return c.Kind.Title() + ", " + c.Block.Label() + rncp(c.Block.RNCP) + ", du " + q
}

func rncp(code string) string {
	if code == "" {
		return ""
	}
	return " (" + code + ")"
}

const maxField = 255

func (c Claims) validate() error {
	e := &certif.Error{Code: certif.EInvalid, Message: "Certificat incomplet.", Fields: map[string]string{}}
	m := numberPattern.FindStringSubmatch(c.Number)
	switch {
	case c.Kind != CCP && c.Kind != CQP:
		e.Fields["kind"] = "CCP ou CQP"
	case m == nil || m[1] != string(c.Kind):
		e.Fields["number"] = fmt.Sprintf("numéro de la forme %s-AAAA-NNNNNN", c.Kind)
	}
	if c.Holder == "" {
		e.Fields["holder"] = "nom de naissance, prénom et date de naissance obligatoires"
	}
	if c.Qualification.Code == "" || c.Qualification.Title == "" {
		e.Fields["qualification"] = "code et intitulé du CQP obligatoires"
	}
	if c.Kind == CCP && (c.Block.Number < 1 || c.Block.Number > 99) {
		e.Fields["block"] = "numéro de bloc entre 1 et 99"
	}
	if c.Kind == CQP && c.Block != (Block{}) {
		e.Fields["block"] = "pas de bloc pour un certificat de CQP"
	}
	if c.IssuedOn.IsZero() || c.JuryDate.IsZero() || c.IssuedOn.Before(c.JuryDate) {
		e.Fields["issued_on"] = "date de délivrance obligatoire, au plus tôt le jour du jury paritaire national"
	}
	for _, s := range []string{c.Number, c.Holder, c.Qualification.Code, c.Qualification.Title, c.Qualification.RNCP, c.Block.Title, c.Block.RNCP} {
		if len(s) > maxField {
			e.Fields["length"] = fmt.Sprintf("%d octets au plus par champ", maxField)
		}
	}
	if len(e.Fields) > 0 {
		return e
	}
	return nil
}

// FrenchDate is the date in words: "17 décembre 2026", "1er mars 2027".
func FrenchDate(d certif.Date) string {
	day := strconv.Itoa(d.Day())
	if d.Day() == 1 {
		day = "1er"
	}
	return fmt.Sprintf("%s %s %d", day, certif.FrenchMonthName(d.Month()), d.Year())
}
