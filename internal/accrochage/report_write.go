package accrochage

import (
	"bytes"
	"encoding/xml"
	"fmt"
)

// ReportNamespace is the namespace of the acknowledgements the fixtures and
// ReportXML write (ParseReport reads any).
const ReportNamespace = "urn:cdc:cpf:pc5:rapport:1.0.0"

// ReportXML writes an acknowledgement of the flow fileName as the CDC sends
// one, for the demonstration and the tests: the accepted records under
// PassagesOK, each rejected one in a passage with its messageErreur (a
// message saying the record already exists counts as accepted when read back).
func ReportXML(fileName string, accepted []string, rejected []Outcome) []byte {
	type passage struct {
		ID      string `xml:"idTechnique"`
		Message string `xml:"erreurs>messageErreur"`
	}
	type rapport struct {
		XMLName  xml.Name  `xml:"urn:cdc:cpf:pc5:rapport:1.0.0 rapport"`
		File     string    `xml:"nomFichier"`
		OK       int       `xml:"nbPassagesOK"`
		KO       int       `xml:"nbPassagesKO"`
		Accepted []string  `xml:"PassagesOK>idTechnique"`
		Rejected []passage `xml:"PassagesKO>passage"`
	}
	r := rapport{File: fileName, OK: len(accepted), KO: len(rejected), Accepted: accepted}
	for _, o := range rejected {
		r.Rejected = append(r.Rejected, passage(o))
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(r); err != nil {
		panic(fmt.Sprintf("accrochage: encoding a report: %v", err)) // plain strings and ints only
	}
	buf.WriteByte('\n')
	return buf.Bytes()
}
