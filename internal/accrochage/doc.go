// Package accrochage writes the flow that reports certifications obtained to
// the Caisse des Dépôts (CDC) for the holders' CPF accounts ("flux
// d'accrochage", schema cpf-accrochage-1.1.2.xsd, copied in testdata), reads
// the CDC's acknowledgement (accusé de traitement) and keeps each record's
// state as plain values: not sent, sent in flow N, accepted, rejected.
//
// It is pure: no database, HTTP or clock. The caller passes the flow's time,
// today's date and the records; the store keeps the states, the office page
// and the CLI show them. Build never writes a record the schema would refuse:
// such a record is returned in the refusals with every missing or invalid
// field named in French.
//
// The mapping from each XSD element to a field of Header or Record is in
// docs/accrochage.md.
package accrochage
