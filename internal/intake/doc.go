// Package intake reads and writes the tables people exchange with certibloc:
// the registration files employers upload in bulk (XLSX or CSV as French Excel
// writes them, see ReadRegistrations), the downloadable template of those files
// (RegistrationTemplateXLSX, RegistrationTemplateCSV), the training-deployment
// files from which the exam office takes the census of the Maladie branch
// (ReadCensus, same reader, its own columns), the collection tables of the
// R5 campaigns (CollectionTableXLSX: pre-filled, locked, with drop-down lists
// and instructions; ReadCollectionTable, same reader, its own columns), and
// the exports of lists (WriteXLSX, WriteCSV).
//
// Reading is defensive: the size of the file, the number of rows and columns are
// bounded, a workbook is streamed and abandoned as soon as it is too large, and
// every refusal is a *certif.Error with a French message. Reading does not apply
// the rules of the domain: each Row carries the candidate and the registration
// request as read, plus the cells that could not be read; the caller then runs
// certif.Candidate.Validate and certif.PlanRegistration, and can name the
// column of each failed field with ColumnForField.
package intake
