package accrochage

import (
	"time"

	"certibloc/internal/certif"
)

// Namespace is the target namespace of cpf-accrochage-1.1.2.xsd.
const Namespace = "urn:cdc:cpf:pc5:schema:1.0.0"

// Header is the flow's header: who sends it, under which contract, when.
type Header struct {
	ClientID   string    // emetteur/idClient and certificateur/idClient: the certifier's 8-character CDC id
	ContractID string    // certificateur/idContrat: the certifier's contract with the CDC (1 to 20 characters)
	Number     int       // flow number, from 1; idFlux and the file name are derived from it
	Time       time.Time // horodatage, written in Europe/Paris with its offset
}

// Registration is an RNCP registration of a CQP with its validity dates
// (registrations expire and are renewed under a new number).
type Registration struct {
	Code  string      // RNCP35729
	From  certif.Date // first day in force; zero when unknown
	Until certif.Date // last day in force; zero when open
}

// Record is one certification obtained by one holder.
type Record struct {
	ID            string         // idTechnique: stable, unique per certification obtained
	Registrations []Registration // the CQP's registrations; the one in force on Obtained is written
	Obtained      certif.Date    // dateDebutValidite: the day the national jury awarded it
	ProofURL      string         // urlPreuve: the public verification page of the certificate
	Access        string         // modaliteAcces (enum), "" written as nil
	ExamStart     certif.Date    // dateDebutExamen, optional
	ExamEnd       certif.Date    // dateFinExamen, optional
	Holder        Holder
}

// Holder is who obtained the certification, as the CDC matches holders: birth
// name, first names, sex, birth date, then birth commune or country.
type Holder struct {
	BirthName    string      // nomNaissance
	UsageName    string      // nomUsage, "" written as nil
	FirstNames   []string    // prenom1, prenom2, prenom3 (a fourth and more are joined to the third)
	Sex          string      // sexe: "M" or "F"
	BirthDate    certif.Date // anneeNaissance, moisNaissance, jourNaissance
	BirthInsee   string      // codeInseeNaissance/codeInsee: the commune's INSEE code (5 characters)
	BirthCommune string      // libelleCommuneNaissance, optional
	BirthCountry string      // codePaysNaissance (3 characters), for a holder born abroad without INSEE code
	CountryName  string      // libellePaysNaissance, optional
}

// Refusal is a record Build did not write, with every reason in French.
type Refusal struct {
	ID       string
	Problems []string // "naissance : date manquante", …
}

// Access modes (modaliteAcces) that a CQP's candidates use.
const (
	AccessContinuing  = "FORMATION_CONTINUE_HORS_CONTRAT_DE_PROFESSIONNALISATION"
	AccessProContract = "FORMATION_CONTINUE_CONTRAT_DE_PROFESSIONNALISATION"
	AccessVAE         = "VAE"
)

var accessModes = map[string]bool{
	"FORMATION_INITIALE_HORS_APPRENTISSAGE":                   true,
	"FORMATION_INITIALE_APPRENTISSAGE":                        true,
	"FORMATION_CONTINUE_HORS_CONTRAT_DE_PROFESSIONNALISATION": true,
	"FORMATION_CONTINUE_CONTRAT_DE_PROFESSIONNALISATION":      true,
	"VAE":                          true,
	"EQUIVALENCE_DIPLOME_ETRANGER": true,
	"CANDIDAT_LIBRE":               true,
}

// InForce returns the registration in force on day d.
func InForce(regs []Registration, d certif.Date) (Registration, bool) {
	for _, r := range regs {
		if (r.From.IsZero() || !d.Before(r.From)) && (r.Until.IsZero() || !d.After(r.Until)) {
			return r, true
		}
	}
	return Registration{}, false
}
