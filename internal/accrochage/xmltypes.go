package accrochage

import "encoding/xml"

// The flow's elements, in the schema's order. The schema uses xsd:all, so
// order is free for the CDC; keeping the XSD's makes the output easy to read
// beside it.

type xFlux struct {
	XMLName    xml.Name  `xml:"urn:cdc:cpf:pc5:schema:1.0.0 flux"`
	XSI        string    `xml:"xmlns:xsi,attr"`
	IDFlux     string    `xml:"idFlux"`
	Horodatage string    `xml:"horodatage"`
	Emetteur   xEmetteur `xml:"emetteur"`
}

type xEmetteur struct {
	IDClient      string         `xml:"idClient"`
	Certificateur xCertificateur `xml:"certificateurs>certificateur"`
}

type xCertificateur struct {
	IDClient       string           `xml:"idClient"`
	IDContrat      string           `xml:"idContrat"`
	Certifications []xCertification `xml:"certifications>certification"`
}

type xCertification struct {
	Type     string     `xml:"type"`
	Code     string     `xml:"code"`
	Passages []xPassage `xml:"passageCertifications>passageCertification"`
}

type xPassage struct {
	IDTechnique                 string     `xml:"idTechnique"`
	URLPreuve                   string     `xml:"urlPreuve,omitempty"`
	ObtentionCertification      string     `xml:"obtentionCertification"`
	DonneeCertifiee             bool       `xml:"donneeCertifiee"`
	DateDebutExamen             string     `xml:"dateDebutExamen,omitempty"`
	DateFinExamen               string     `xml:"dateFinExamen,omitempty"`
	DateDebutValidite           string     `xml:"dateDebutValidite"`
	DateFinValidite             nillable   `xml:"dateFinValidite"`
	PresenceNiveauLangueEuro    bool       `xml:"presenceNiveauLangueEuro"`
	PresenceNiveauNumeriqueEuro bool       `xml:"presenceNiveauNumeriqueEuro"`
	Scoring                     nillable   `xml:"scoring"`
	MentionValidee              nillable   `xml:"mentionValidee"`
	ModaliteAcces               nillable   `xml:"modalitesInscription>modaliteAcces"`
	Titulaire                   xTitulaire `xml:"identificationTitulaire>titulaire"`
}

type xTitulaire struct {
	NomNaissance            string   `xml:"nomNaissance"`
	NomUsage                nillable `xml:"nomUsage"`
	Prenom1                 string   `xml:"prenom1"`
	Prenom2                 string   `xml:"prenom2,omitempty"`
	Prenom3                 string   `xml:"prenom3,omitempty"`
	AnneeNaissance          int      `xml:"anneeNaissance"`
	MoisNaissance           int      `xml:"moisNaissance"`
	JourNaissance           int      `xml:"jourNaissance"`
	Sexe                    string   `xml:"sexe"`
	Commune                 xCommune `xml:"codeCommuneNaissance"`
	LibelleCommuneNaissance string   `xml:"libelleCommuneNaissance,omitempty"`
	CodePaysNaissance       string   `xml:"codePaysNaissance,omitempty"`
	LibellePaysNaissance    string   `xml:"libellePaysNaissance,omitempty"`
}

// nillable is an element the schema requires but allows empty as
// xsi:nil="true".
type nillable struct {
	Nil   string `xml:"xsi:nil,attr,omitempty"`
	Value string `xml:",chardata"`
}

func nilOr(v string) nillable {
	if v == "" {
		return nillable{Nil: "true"}
	}
	return nillable{Value: v}
}

// xCommune is the schema's choice: the commune's INSEE code, or a postal
// code (nil for a holder born abroad).
type xCommune struct {
	Insee      *xInsee      `xml:"codeInseeNaissance"`
	PostalCode *xPostalCode `xml:"codePostalNaissance"`
}

type xInsee struct {
	Code string `xml:"codeInsee"`
}

type xPostalCode struct {
	Code nillable `xml:"codePostal"`
}
