package accrochage

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"fmt"
	"slices"
)

const xsiNamespace = "http://www.w3.org/2001/XMLSchema-instance"

// Build writes the flow of the records that the schema accepts, grouped by
// RNCP code (codes sorted, records in the order given), and returns them in
// the order written. Every other record is refused with its problems: a
// missing or invalid field, or an idTechnique already in the flow. When the
// header itself is invalid, or no record is left, there is no flow (nil) and
// every record is refused (with the header's problems, if any).
func Build(h Header, records []Record) (out []byte, sent []Record, refused []Refusal) {
	headerProblems := h.problems()
	seen := map[string]bool{}
	byCode := map[string][]xPassage{}
	sentBy := map[string][]Record{}
	for _, r := range records {
		r = norm(r)
		reg, problems := r.problems()
		if r.ID != "" && seen[r.ID] {
			problems = append(problems, fmt.Sprintf("idTechnique « %s » en double dans le flux", r.ID))
		}
		if len(problems) > 0 {
			refused = append(refused, Refusal{ID: r.ID, Problems: problems})
			continue
		}
		seen[r.ID] = true
		byCode[reg.Code] = append(byCode[reg.Code], passage(r))
		sentBy[reg.Code] = append(sentBy[reg.Code], r)
	}
	if len(headerProblems) > 0 {
		for _, code := range sortedKeys(sentBy) {
			for _, r := range sentBy[code] {
				refused = append(refused, Refusal{ID: r.ID, Problems: headerProblems})
			}
		}
		return nil, nil, refused
	}
	if len(byCode) == 0 {
		return nil, nil, refused
	}
	f := xFlux{
		XSI:        xsiNamespace,
		IDFlux:     FlowID(h),
		Horodatage: Horodatage(h.Time),
		Emetteur: xEmetteur{
			IDClient:      h.ClientID,
			Certificateur: xCertificateur{IDClient: h.ClientID, IDContrat: h.ContractID},
		},
	}
	for _, code := range sortedKeys(byCode) {
		f.Emetteur.Certificateur.Certifications = append(f.Emetteur.Certificateur.Certifications,
			xCertification{Type: "RNCP", Code: code, Passages: byCode[code]})
		sent = append(sent, sentBy[code]...)
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		// Only plain strings, ints and bools are encoded: this cannot fail.
		panic(fmt.Sprintf("accrochage: encoding the flow: %v", err))
	}
	buf.WriteByte('\n')
	return buf.Bytes(), sent, refused
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, cmp.Compare)
	return keys
}

// passage maps a checked record to its passageCertification.
func passage(r Record) xPassage {
	h := r.Holder
	t := xTitulaire{
		NomNaissance:            h.BirthName,
		NomUsage:                nilOr(h.UsageName),
		Prenom1:                 h.FirstNames[0],
		AnneeNaissance:          h.BirthDate.Year(),
		MoisNaissance:           int(h.BirthDate.Month()),
		JourNaissance:           h.BirthDate.Day(),
		Sexe:                    h.Sex,
		LibelleCommuneNaissance: h.BirthCommune,
		CodePaysNaissance:       h.BirthCountry,
		LibellePaysNaissance:    h.CountryName,
	}
	if len(h.FirstNames) > 1 {
		t.Prenom2 = h.FirstNames[1]
	}
	if len(h.FirstNames) > 2 {
		t.Prenom3 = h.FirstNames[2]
	}
	if h.BirthInsee == "" {
		// Born abroad with no INSEE code: the schema's other choice, a nil
		// postal code, with the country beside it.
		t.Commune.PostalCode = &xPostalCode{Code: nilOr("")}
	} else {
		t.Commune.Insee = &xInsee{Code: h.BirthInsee}
	}
	p := xPassage{
		IDTechnique:            r.ID,
		URLPreuve:              r.ProofURL,
		ObtentionCertification: "PAR_ADMISSION",
		DonneeCertifiee:        true,
		DateDebutValidite:      r.Obtained.String(),
		DateFinValidite:        nilOr(""), // a CQP does not expire
		Scoring:                nilOr(""),
		MentionValidee:         nilOr(""),
		ModaliteAcces:          nilOr(r.Access),
		Titulaire:              t,
	}
	if !r.ExamStart.IsZero() {
		p.DateDebutExamen = r.ExamStart.String()
	}
	if !r.ExamEnd.IsZero() {
		p.DateFinExamen = r.ExamEnd.String()
	}
	return p
}
