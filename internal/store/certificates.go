package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"strconv"
	"strings"
	"time"

	"certibloc/internal/accrochage"
	"certibloc/internal/certif"
	"certibloc/internal/certificate"
)

// proclaimedCertificates are the certificates a proclamation issues, in the
// order it numbers them: a CCP for each block validated, then a CQP for each
// qualification obtained whole (R3, R16; qualificationsObtained).
func proclaimedCertificates(juryDay certif.Date, decided []NationalDecisionRow, obtained []Obtained) []issued {
	var out []issued
	for _, d := range decided {
		if d.Decision == certif.DecisionValidated {
			out = append(out, issued{kind: certificate.CCP, juryDay: juryDay, issuedOn: juryDay, candidateID: d.CandidateID,
				attemptID: d.AttemptID, qual: d.Qualification, block: d.Block})
		}
	}
	for _, o := range obtained {
		out = append(out, issued{kind: certificate.CQP, juryDay: juryDay, issuedOn: juryDay, candidateID: o.CandidateID, qual: o.Qualification})
	}
	return out
}

// issued is a certificate to write: what it certifies and when.
type issued struct {
	kind        certificate.Kind
	juryDay     certif.Date
	issuedOn    certif.Date
	candidateID int64
	attemptID   int64 // CCP only
	qual        string
	block       int
	replaces    string // the number of the certificate it replaces
}

// issueCertificate writes one certificate with the next number of its kind
// and year, the holder's identity copied from the candidate as it is now.
func (tx *Tx) issueCertificate(c issued, code func(string) string) (string, error) {
	if tx.numbers == nil {
		tx.numbers = &certificateNumbers{q: tx.query}
	}
	number, err := tx.numbers.next(c.kind, c.issuedOn.Year())
	if err != nil {
		return "", err
	}
	_, err = tx.exec(`INSERT INTO certificates (number, kind, code, candidate_id, employer_id, attempt_id, qualification_code, block_number,
		birth_name, usage_name, first_name, birth_date, sex, issued_on, jury_day, replaces, created_at)
		SELECT ?, ?, ?, c.id, COALESCE((SELECT r.employer_id FROM block_attempts a JOIN registrations r ON r.id = a.registration_id WHERE a.id = ?), c.employer_id),
		?, ?, ?, c.birth_name, c.usage_name, c.first_name1, c.birth_date, c.sex, ?, ?, ?, ? FROM candidates c WHERE c.id = ?`,
		number, string(c.kind), code(number), c.attemptID, nullID(c.attemptID), c.qual, c.block, c.issuedOn, c.juryDay, c.replaces, stamp(tx.s.now()), c.candidateID)
	if err != nil {
		return "", err
	}
	reason := ""
	if c.replaces != "" {
		reason = "remplace le certificat " + c.replaces + " après correction de l'identité"
	}
	return number, tx.audit(certif.AuditEvent{Entity: "certificate", EntityKey: number, Action: "create", CandidateID: c.candidateID,
		After: string(c.kind) + " " + c.qual + blockSuffix(c.block), Reason: reason})
}

// certificateNumbers hands out the next free numbers of each kind and year:
// counted once on q, then taken in order (a transaction's, or a
// proclamation's plan read before it).
type certificateNumbers struct {
	q    querier
	seqs map[string]int // the last number taken, by prefix
}

func (n *certificateNumbers) next(kind certificate.Kind, year int) (string, error) {
	prefix := string(kind) + "-" + strconv.Itoa(year) + "-"
	seq, ok := n.seqs[prefix]
	if !ok {
		rows, err := n.q(`SELECT COUNT(*) FROM certificates WHERE number LIKE ?`, prefix+"%")
		counts, err := collect(rows, err, func(r *sql.Rows) (int, error) {
			var c int
			return c, r.Scan(&c)
		})
		if err != nil {
			return "", err
		}
		seq = counts[0]
	}
	if n.seqs == nil {
		n.seqs = map[string]int{}
	}
	n.seqs[prefix] = seq + 1
	return certificate.Number(kind, year, seq+1), nil
}

func blockSuffix(block int) string {
	if block == 0 {
		return ""
	}
	return ", bloc " + strconv.Itoa(block)
}

// CertificateRow is a certificate as lists and its PDF show it.
type CertificateRow struct {
	Number       string
	Kind         certificate.Kind
	Code         string
	CandidateID  int64
	EmployerCode string
	Qual         certif.Qualification
	Block        int
	Holder       certificate.Holder
	IssuedOn     certif.Date
	JuryDay      certif.Date
	Status       certificate.Status
	ReplacedBy   string
	Replaces     string // the certificate this one replaced, after a correction of identity
	Revocation   Revocation
}

// Revocation is why and when the certifier revoked a certificate.
type Revocation struct {
	Reason string
	By     string
	At     time.Time
}

const certificateSelect = `SELECT k.number, k.kind, k.code, k.candidate_id, e.code, k.qualification_code, k.block_number, k.birth_name, k.usage_name,
	k.first_name, k.birth_date, k.sex, k.issued_on, k.jury_day, k.status, k.replaced_by,
	k.replaces, k.revoked_reason, k.revoked_by, k.revoked_at
	FROM certificates k JOIN employers e ON e.id = k.employer_id WHERE 1 = 1`

func scanCertificate(r *sql.Rows) (CertificateRow, error) {
	var x CertificateRow
	var kind, status string
	var revokedAt sql.NullString
	err := r.Scan(&x.Number, &kind, &x.Code, &x.CandidateID, &x.EmployerCode, &x.Qual.Code, &x.Block, &x.Holder.BirthName, &x.Holder.UsageName,
		&x.Holder.FirstName, dateCol{&x.Holder.BirthDate}, &x.Holder.Sex, dateCol{&x.IssuedOn}, dateCol{&x.JuryDay}, &status, &x.ReplacedBy,
		&x.Replaces, &x.Revocation.Reason, &x.Revocation.By, &revokedAt)
	x.Kind, x.Status, x.Revocation.At = certificate.Kind(kind), certificate.Status(status), parseStamp(revokedAt)
	return x, err
}

// certificateRows restricts certificates k: an employer those of the
// candidates it registered, a candidate their own; the staff all.
func (sc Scope) certificateRows() (string, []any) {
	switch {
	case sc.IsAll():
		return "", nil
	case sc.EmployerID > 0:
		return ` AND k.employer_id = ?`, []any{sc.EmployerID}
	case sc.CandidateID > 0:
		return ` AND k.candidate_id = ?`, []any{sc.CandidateID}
	}
	return seesNothing, nil
}

// Certificates lists the certificates in a scope, newest first.
func (s *Store) Certificates(ctx context.Context, sc Scope) ([]CertificateRow, error) {
	where, args := sc.certificateRows()
	rows, err := s.query(ctx, certificateSelect+where+` ORDER BY k.issued_on DESC, k.number DESC LIMIT 500`, args...)
	return s.withTitles(ctx, rows, err)
}

// Certificate returns one certificate by number in a scope; CertificateByCode
// by its short code, for anyone (the public verification page).
func (s *Store) Certificate(ctx context.Context, number string, sc Scope) (CertificateRow, error) {
	where, args := sc.certificateRows()
	rows, err := s.query(ctx, certificateSelect+` AND k.number = ?`+where, append([]any{strings.ToUpper(strings.TrimSpace(number))}, args...)...)
	return s.one(ctx, rows, err)
}

// CertificateByCode finds a certificate by its short code.
func (s *Store) CertificateByCode(ctx context.Context, code string) (CertificateRow, error) {
	rows, err := s.query(ctx, certificateSelect+` AND k.code = ?`, code)
	return s.one(ctx, rows, err)
}

func (s *Store) one(ctx context.Context, rows *sql.Rows, err error) (CertificateRow, error) {
	list, err := s.withTitles(ctx, rows, err)
	if err == nil && len(list) == 0 {
		err = notFound("Certificat inconnu.")
	}
	if err != nil {
		return CertificateRow{}, err
	}
	return list[0], nil
}

// withTitles reads certificate rows and gives them their qualification's
// titles, and the RNCP registration in force on the day each was issued
// (R16: registrations expire and are renewed under a new number): none
// when the qualification's registrations known had all ended that day.
func (s *Store) withTitles(ctx context.Context, rows *sql.Rows, err error) ([]CertificateRow, error) {
	list, err := collect(rows, err, scanCertificate)
	if err != nil || len(list) == 0 {
		return list, err
	}
	return list, s.giveTitles(ctx, list)
}

// giveTitles is withTitles on certificates read or planned.
func (s *Store) giveTitles(ctx context.Context, list []CertificateRow) error {
	quals, err := s.Qualifications(ctx, false)
	if err != nil {
		return err
	}
	regs, err := s.RNCPRegistrations(ctx)
	byCode := map[string]certif.Qualification{}
	for _, q := range quals {
		byCode[q.Code] = q
	}
	for i := range list {
		q := byCode[list[i].Qual.Code]
		if known := regs[q.Code]; len(known) > 0 {
			reg, _ := accrochage.InForce(known, list[i].IssuedOn)
			q.RNCP = reg.Code
		}
		list[i].Qual = q
	}
	return err
}

// Certificate is the certificate as the certificate package prints it: the
// qualification's and the block's titles and RNCP codes of its issue.
func (c CertificateRow) Certificate() certificate.Certificate {
	out := certificate.Certificate{Number: c.Number, Kind: c.Kind, Holder: c.Holder, IssuedOn: c.IssuedOn, JuryDate: c.JuryDay,
		Status: c.Status, ReplacedBy: c.ReplacedBy,
		Qualification: certificate.Qualification{Code: c.Qual.Code, Title: c.Qual.Title, RNCP: c.Qual.RNCP}}
	if c.Kind == certificate.CCP {
		b, _ := c.Qual.Block(c.Block)
		out.Block = certificate.Block{Number: c.Block, Title: b.ShownTitle(), RNCP: b.Code}
	}
	return out
}

// LogVerification records a verification (a log append: it forgets no kept
// read), with what was asked hashed.
func (s *Store) LogVerification(ctx context.Context, via, asked, result, number string) error {
	sum := sha256.Sum256([]byte(strings.TrimSpace(asked)))
	return s.writeLog(ctx, System, func(tx *Tx) error {
		_, err := tx.exec(`INSERT INTO certificate_verifications (at, via, asked_hash, result, number) VALUES (?, ?, ?, ?, ?)`,
			stamp(s.now()), via, hex.EncodeToString(sum[:]), result, number)
		return err
	})
}

// Verifications counts the verifications logged, by result (the office's figures, tests).
func (s *Store) Verifications(ctx context.Context) (map[string]int, error) {
	rows, err := s.query(ctx, `SELECT result, COUNT(*) FROM certificate_verifications GROUP BY result`)
	out := map[string]int{}
	_, err = collect(rows, err, func(r *sql.Rows) (string, error) {
		var k string
		var n int
		err := r.Scan(&k, &n)
		out[k] = n
		return k, err
	})
	return out, err
}
