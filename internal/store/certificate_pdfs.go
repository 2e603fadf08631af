package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"certibloc/internal/certif"
	"certibloc/internal/certificate"
)

// CertificateIssuer issues certificates with the platform's key
// (certificate.Issuer): their short codes, their PDFs and the fingerprint of
// what a PDF prints.
type CertificateIssuer interface {
	Code(number string) string
	PDFBytes(c certificate.Certificate) ([]byte, error)
	Fingerprint(c certificate.Certificate) (string, error)
}

// plannedCertificate is a certificate a proclamation is to issue, rendered
// before its transaction.
type plannedCertificate struct {
	issued
	row         CertificateRow // as it will read: number, holder, titles
	pdf         []byte
	fingerprint string
}

// planCertificates renders, before a proclamation's transaction and on
// every core, the certificates it is to issue (proclaimedCertificates): under
// the numbers the transaction will take, with the holders' identities and
// the titles as they are now. The transaction keeps each PDF whose
// certificate it issues under the number planned (keepCertificatePDFs); one
// that a change made meanwhile left behind (a correction of identity, a
// title) is still never served (CertificatePDF compares fingerprints). A PDF
// that cannot be rendered fails the proclamation before anything is written.
func (s *Store) planCertificates(ctx context.Context, juryDay certif.Date, decided []NationalDecisionRow, issuer CertificateIssuer) (map[string]plannedCertificate, error) {
	obtained, err := qualificationsObtained(s.reader(ctx), juryDay, decided)
	if err != nil {
		return nil, err
	}
	list := proclaimedCertificates(juryDay, decided, obtained)
	if len(list) == 0 {
		return nil, nil
	}
	ids := make([]int64, len(list))
	for i, c := range list {
		ids[i] = c.candidateID
	}
	holders, err := s.holders(ctx, ids)
	if err != nil {
		return nil, err
	}
	numbers := certificateNumbers{q: s.reader(ctx)}
	plan := make([]plannedCertificate, len(list))
	rows := make([]CertificateRow, len(list))
	for i, c := range list {
		number, err := numbers.next(c.kind, c.issuedOn.Year())
		if err != nil {
			return nil, err
		}
		plan[i].issued = c
		rows[i] = CertificateRow{Number: number, Kind: c.kind, CandidateID: c.candidateID, Qual: certif.Qualification{Code: c.qual}, Block: c.block,
			Holder: holders[c.candidateID], IssuedOn: c.issuedOn, JuryDay: c.juryDay, Status: certificate.Valid}
	}
	if err := s.giveTitles(ctx, rows); err != nil {
		return nil, err
	}
	for i := range plan {
		plan[i].row = rows[i]
	}
	if err := renderCertificates(ctx, issuer, plan); err != nil {
		return nil, err
	}
	out := make(map[string]plannedCertificate, len(plan))
	for _, p := range plan {
		out[p.row.Number] = p
	}
	return out, nil
}

// holders reads the identities candidates' certificates print, in batches.
func (s *Store) holders(ctx context.Context, candidateIDs []int64) (map[int64]certificate.Holder, error) {
	out := map[int64]certificate.Holder{}
	err := chunks(uniqueIDs(candidateIDs), func(part []int64) error {
		rows, err := s.query(ctx, `SELECT id, birth_name, usage_name, first_name1, birth_date, sex FROM candidates WHERE id IN `+inList(len(part)), anys(part)...)
		_, err = collect(rows, err, func(r *sql.Rows) (int64, error) {
			var id int64
			var h certificate.Holder
			err := r.Scan(&id, &h.BirthName, &h.UsageName, &h.FirstName, dateCol{&h.BirthDate}, &h.Sex)
			out[id] = h
			return id, err
		})
		return err
	})
	return out, err
}

// renderCertificates renders the PDFs of the plan and their fingerprints,
// as many at a time as there are cores; the first failure stops them all.
func renderCertificates(ctx context.Context, issuer CertificateIssuer, plan []plannedCertificate) error {
	workers := min(runtime.GOMAXPROCS(0), len(plan))
	errs := make([]error, workers)
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(plan) && ctx.Err() == nil; i = int(next.Add(1)) - 1 {
				p := &plan[i]
				c := p.row.Certificate()
				var err error
				if p.pdf, err = issuer.PDFBytes(c); err == nil {
					p.fingerprint, err = issuer.Fingerprint(c)
				}
				if err != nil {
					errs[w] = renderingFailed(p.row, err)
					next.Store(int64(len(plan)))
					return
				}
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	return errors.Join(errs...)
}

// renderingFailed says which certificate could not be rendered, and that
// nothing is proclaimed.
func renderingFailed(c CertificateRow, err error) error {
	code := certif.ErrorCode(err)
	if code == certif.EInternal {
		return fmt.Errorf("certificat %s : %w", c.Number, err)
	}
	why := certif.ErrorMessage(err)
	if fields := certif.ErrorFields(err); len(fields) > 0 {
		var details []string
		for _, k := range slices.Sorted(maps.Keys(fields)) {
			details = append(details, fields[k])
		}
		why = strings.TrimSuffix(why, ".") + " (" + strings.Join(details, " ; ") + ")."
	}
	return certif.Errorf(code, "Le certificat %s de %s ne peut pas être établi : %s Rien n'est proclamé.", c.Number, c.Holder.Printed(), why)
}

// pdfsPerInsert keeps each INSERT of certificate PDFs to a few megabytes.
const pdfsPerInsert = 100

// keepCertificatePDFs keeps, in the proclamation's transaction, the PDF
// planned for each certificate it issued under the number planned, and says
// how many it kept.
func (tx *Tx) keepCertificatePDFs(numbers []string, list []issued, plan map[string]plannedCertificate) (int, error) {
	var rows [][]any
	for i, number := range numbers {
		if p, ok := plan[number]; ok && p.issued == list[i] {
			rows = append(rows, []any{number, p.pdf, p.fingerprint})
		}
	}
	for part := range slices.Chunk(rows, pdfsPerInsert) {
		if err := tx.insertRows("certificate_pdfs", []string{"number", "pdf", "fingerprint"}, part); err != nil {
			return 0, err
		}
	}
	return len(rows), nil
}

// forgetCertificatePDF drops the PDF kept for a certificate whose status
// changes: it no longer says what the certificate is (the download renders
// it from then on, status printed).
func (tx *Tx) forgetCertificatePDF(number string) error {
	_, err := tx.exec(`DELETE FROM certificate_pdfs WHERE number = ?`, number)
	return err
}

// CertificatePDF is a certificate's PDF: the one its proclamation kept
// while it prints what the certificate says now (the same fingerprint),
// otherwise rendered now by issuer: a certificate issued before PDFs were
// kept, re-issued after a correction, revoked or replaced, whose titles
// changed since or that is served under another address. Nothing is
// written.
func (s *Store) CertificatePDF(ctx context.Context, c CertificateRow, issuer CertificateIssuer) ([]byte, error) {
	cert := c.Certificate()
	var kept []byte
	var fingerprint string
	err := s.queryRow(ctx, `SELECT pdf, fingerprint FROM certificate_pdfs WHERE number = ?`, c.Number).Scan(&kept, &fingerprint)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	if err == nil {
		now, err := issuer.Fingerprint(cert)
		if err != nil {
			return nil, err
		}
		if now == fingerprint {
			return kept, nil
		}
	}
	return issuer.PDFBytes(cert)
}
