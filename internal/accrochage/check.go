package accrochage

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"certibloc/internal/certif"
)

var (
	rncpCode  = regexp.MustCompile(`^RNCP[0-9]{4,6}$`)
	inseeCode = regexp.MustCompile(`^([0-9]{2}|2A|2B)[0-9]{3}$`)
)

// checks collects the problems of one record or header.
type checks []string

func (c *checks) add(format string, args ...any) { *c = append(*c, fmt.Sprintf(format, args...)) }

// text checks a string against the schema's length bounds; required says
// whether an empty value is a problem.
func (c *checks) text(label, v string, required bool, maxLen int) {
	switch n := utf8.RuneCountInString(v); {
	case n == 0 && required:
		c.add("%s manquant", label)
	case n > maxLen:
		c.add("%s trop long (%d caractères, %d au plus)", label, n, maxLen)
	}
}

// date checks a date against the schema's pattern (years 1900 to 2099).
func (c *checks) date(label string, d certif.Date, required bool) {
	switch {
	case d.IsZero() && required:
		c.add("%s : date manquante", label)
	case !d.IsZero() && (d.Year() < 1900 || d.Year() > 2099):
		c.add("%s : date %s hors des années 1900 à 2099", label, d.French())
	}
}

func (h Header) problems() []string {
	var c checks
	if n := utf8.RuneCountInString(h.ClientID); n != 8 {
		c.add("en-tête : identifiant client CDC (idClient) de 8 caractères attendu, %d donnés", n)
	}
	c.text("en-tête : numéro de contrat CDC (idContrat)", h.ContractID, true, 20)
	if h.Number < 1 {
		c.add("en-tête : numéro de flux manquant")
	}
	if h.Time.IsZero() {
		c.add("en-tête : horodatage manquant")
	} else if y := h.Time.In(paris).Year(); y < 1900 || y > 2099 {
		c.add("en-tête : horodatage hors des années 1900 à 2099")
	}
	return c
}

// norm trims every text field of r.
func norm(r Record) Record {
	r.ID = strings.TrimSpace(r.ID)
	r.ProofURL = strings.TrimSpace(r.ProofURL)
	r.Access = strings.TrimSpace(r.Access)
	h := &r.Holder
	for _, p := range []*string{&h.BirthName, &h.UsageName, &h.Sex, &h.BirthInsee, &h.BirthCommune, &h.BirthCountry, &h.CountryName} {
		*p = strings.Join(strings.Fields(*p), " ")
	}
	h.Sex = strings.ToUpper(h.Sex)
	h.BirthInsee = strings.ToUpper(h.BirthInsee)
	h.BirthCountry = strings.ToUpper(h.BirthCountry)
	var names []string
	for _, f := range h.FirstNames {
		if f = strings.Join(strings.Fields(f), " "); f != "" {
			names = append(names, f)
		}
	}
	if len(names) > 3 {
		names = append(names[:2], strings.Join(names[2:], " "))
	}
	h.FirstNames = names
	return r
}

// problems lists what keeps r (normalised) out of the flow, and the
// registration in force on the day it was obtained.
func (r Record) problems() (Registration, []string) {
	var c checks
	c.text("idTechnique", r.ID, true, 255)
	c.date("obtention", r.Obtained, true)
	reg, ok := InForce(r.Registrations, r.Obtained)
	switch {
	case len(r.Registrations) == 0:
		c.add("certification : code RNCP manquant")
	case !r.Obtained.IsZero() && !ok:
		c.add("certification : aucun enregistrement RNCP en vigueur le %s", r.Obtained.French())
	case ok && !rncpCode.MatchString(reg.Code):
		c.add("certification : code RNCP « %s » invalide (RNCP suivi de 4 à 6 chiffres attendu)", reg.Code)
	}
	if r.ProofURL != "" {
		c.text("preuve : adresse de vérification", r.ProofURL, false, 255)
		if !strings.HasPrefix(r.ProofURL, "https://") && !strings.HasPrefix(r.ProofURL, "http://") {
			c.add("preuve : adresse de vérification « %s » invalide (http:// ou https:// attendu)", r.ProofURL)
		}
	}
	if r.Access != "" && !accessModes[r.Access] {
		c.add("modalité d'accès « %s » inconnue du schéma", r.Access)
	}
	c.date("examen : début", r.ExamStart, false)
	c.date("examen : fin", r.ExamEnd, false)
	if !r.ExamStart.IsZero() && !r.ExamEnd.IsZero() && r.ExamEnd.Before(r.ExamStart) {
		c.add("examen : fin avant le début")
	}
	h := r.Holder
	c.text("titulaire : nom de naissance", h.BirthName, true, 60)
	c.text("titulaire : nom d'usage", h.UsageName, false, 60)
	if len(h.FirstNames) == 0 {
		c.add("titulaire : prénom manquant")
	}
	for i, f := range h.FirstNames {
		c.text(fmt.Sprintf("titulaire : prénom %d", i+1), f, true, 60)
	}
	switch h.Sex {
	case "M", "F":
	case "":
		c.add("titulaire : sexe manquant")
	default:
		c.add("titulaire : sexe « %s » invalide (M ou F attendu)", h.Sex)
	}
	c.date("naissance", h.BirthDate, true)
	switch {
	case h.BirthInsee != "":
		if !inseeCode.MatchString(h.BirthInsee) {
			c.add("naissance : code INSEE de la commune « %s » invalide (5 caractères attendus)", h.BirthInsee)
		}
	case h.BirthCountry == "":
		c.add("naissance : commune (code INSEE) ou pays manquant")
	}
	if h.BirthCountry != "" && utf8.RuneCountInString(h.BirthCountry) != 3 {
		c.add("naissance : code du pays « %s » invalide (3 caractères attendus)", h.BirthCountry)
	}
	c.text("naissance : commune", h.BirthCommune, false, 60)
	c.text("naissance : pays", h.CountryName, false, 60)
	return reg, c
}
