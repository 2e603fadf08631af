package store

import (
	"context"
	"database/sql"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"certibloc/internal/accrochage"
	"certibloc/internal/certif"
)

// The accrochage to the Caisse des Dépôts (docs/accrochage.md): each CQP
// obtained (its valid certificate) is a record to report, once, in an XML
// flow; the CDC's acknowledgement says which it accepted. This file reads
// where every record stands; accrochage_flow.go writes a flow,
// accrochage_report.go reads the acknowledgement and marks records by hand.

// AccrochageSettings is the certifier's account with the CDC.
type AccrochageSettings struct {
	ClientID   string // idClient, 8 characters
	ContractID string // idContrat, 1 to 20 characters
	UpdatedAt  time.Time
	UpdatedBy  string
}

// AccrochageSettings reads the CDC settings (empty until the office enters them).
func (s *Store) AccrochageSettings(ctx context.Context) (AccrochageSettings, error) {
	return readAccrochageSettings(s.reader(ctx))
}

func readAccrochageSettings(q querier) (AccrochageSettings, error) {
	rows, err := q(`SELECT client_id, contract_id, updated_at, updated_by FROM accrochage_settings WHERE id = 1`)
	list, err := collect(rows, err, func(r *sql.Rows) (AccrochageSettings, error) {
		var set AccrochageSettings
		var at sql.NullString
		err := r.Scan(&set.ClientID, &set.ContractID, &at, &set.UpdatedBy)
		set.UpdatedAt = parseStamp(at)
		return set, err
	})
	if err != nil || len(list) == 0 {
		return AccrochageSettings{}, err
	}
	return list[0], nil
}

// validate checks the settings as the schema wants them.
func (set *AccrochageSettings) validate() error {
	set.ClientID = strings.ToUpper(strings.TrimSpace(set.ClientID))
	set.ContractID = strings.TrimSpace(set.ContractID)
	var v certif.Validation
	if n := utf8.RuneCountInString(set.ClientID); n != 8 {
		v.Add("client_id", "L'identifiant client de la Caisse des Dépôts (idClient) compte 8 caractères.")
	}
	if n := utf8.RuneCountInString(set.ContractID); n == 0 || n > 20 {
		v.Add("contract_id", "Le numéro de contrat avec la Caisse des Dépôts (idContrat) compte de 1 à 20 caractères.")
	}
	return v.Err()
}

// SaveAccrochageSettings records the CDC settings, traced.
func (s *Store) SaveAccrochageSettings(ctx context.Context, by Caller, set AccrochageSettings) error {
	if err := set.validate(); err != nil {
		return err
	}
	return s.write(ctx, by.Actor, func(tx *Tx) error {
		old, err := readAccrochageSettings(tx.query)
		if err != nil {
			return err
		}
		if _, err := tx.exec(`INSERT INTO accrochage_settings (id, client_id, contract_id, updated_at, updated_by) VALUES (1, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET client_id = excluded.client_id, contract_id = excluded.contract_id,
			updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
			set.ClientID, set.ContractID, stamp(tx.s.now()), by.Actor.Email); err != nil {
			return err
		}
		return tx.auditChanges("accrochage_settings", "cdc",
			map[string]string{"client_id": old.ClientID, "contract_id": old.ContractID},
			map[string]string{"client_id": set.ClientID, "contract_id": set.ContractID}, by.Reason)
	})
}

// AccrochageItem is one certification obtained (a CQP) and where it stands
// with the CDC.
type AccrochageItem struct {
	Certificate   string // the valid CQP certificate's number
	CandidateID   int64
	EmployerID    int64
	Qualification string
	Holder        string // the identity as certificates print it, today
	Obtained      certif.Date
	Due           certif.Date // the last day to report it (three months)
	Late          bool        // not accepted and past its due date
	Status        accrochage.Status
	Flow          int    // the last flow it was sent in
	Reason        string // the CDC's message, or the office's when marked by hand
	MarkedBy      string // who marked it by hand, "" otherwise
	IDTechnique   string
	// Corrected: rejected, and what the CDC matches on changed since it was
	// sent: the next flow sends it again.
	Corrected bool
	// Problems say why it cannot be sent (a field the schema requires is
	// missing or invalid, no RNCP registration in force on the day obtained).
	Problems []string
	Version  int // of its record, 0 when it was never sent nor marked

	record           accrochage.Record
	fingerprint      string
	sentDigest       string
	candidateVersion int
}

// Sendable reports whether the next flow sends the item: never sent (or
// marked to send again), or rejected and corrected since, and complete.
func (i AccrochageItem) Sendable() bool { return i.waiting() && len(i.Problems) == 0 }

// waiting: the item is due for the next flow, complete or not.
func (i AccrochageItem) waiting() bool { return i.Status == accrochage.NotSent || i.Corrected }

// AccrochageFilter restricts the certifications to those obtained between
// From and To (zero: open).
type AccrochageFilter struct{ From, To certif.Date }

// AccrochageOverview is every CQP obtained and where it stands, newest first,
// with the settings and the flows so far.
type AccrochageOverview struct {
	Settings AccrochageSettings
	Items    []AccrochageItem
	LastFlow int // the number of the last flow, 0 before the first
}

// Accrochage reads where every CQP obtained stands with the CDC: a few
// batched reads, no write. baseURL (the platform's public address, "" for
// none) gives each record the verification page of its certificate as proof;
// today decides what is late.
func (s *Store) Accrochage(ctx context.Context, f AccrochageFilter, baseURL string, today certif.Date) (AccrochageOverview, error) {
	q := s.reader(ctx)
	set, err := readAccrochageSettings(q)
	if err != nil {
		return AccrochageOverview{}, err
	}
	where, args := "", []any{}
	if !f.From.IsZero() {
		where, args = where+` AND k.jury_day >= ?`, append(args, f.From)
	}
	if !f.To.IsZero() {
		where, args = where+` AND k.jury_day <= ?`, append(args, f.To)
	}
	items, err := readAccrochageItems(q, where, args, baseURL, today)
	if err != nil {
		return AccrochageOverview{}, err
	}
	var last int
	if err := s.queryRow(ctx, `SELECT COALESCE(MAX(number), 0) FROM accrochage_flows`).Scan(&last); err != nil {
		return AccrochageOverview{}, err
	}
	return AccrochageOverview{Settings: set, Items: items, LastFlow: last}, nil
}

const accrochageItemSelect = `SELECT k.number, k.code, k.candidate_id, k.employer_id, k.qualification_code, k.jury_day,
	c.birth_name, c.usage_name, c.first_name1, c.first_name2, c.first_name3, c.sex, c.birth_date, c.birth_insee, c.birth_country, c.version,
	COALESCE(a.id_technique, ''), COALESCE(a.status, 'not_sent'), COALESCE(a.flow_number, 0), COALESCE(a.reason, ''),
	COALESCE(a.sent_digest, ''), COALESCE(a.marked_by, ''), COALESCE(a.version, 0)
	FROM certificates k JOIN candidates c ON c.id = k.candidate_id
	LEFT JOIN accrochage_records a ON a.candidate_id = k.candidate_id AND a.qualification_code = k.qualification_code
	WHERE k.kind = 'CQP' AND k.status = 'valid'`

// readAccrochageItems reads the items of the valid CQP certificates matching
// where (conditions on k, the certificate), with the RNCP registrations and
// the registrations' contracts in two more reads.
func readAccrochageItems(q querier, where string, args []any, baseURL string, today certif.Date) ([]AccrochageItem, error) {
	rows, err := q(accrochageItemSelect+where+` ORDER BY k.jury_day DESC, k.number DESC`, args...)
	items, err := collect(rows, err, func(r *sql.Rows) (AccrochageItem, error) {
		var it AccrochageItem
		var code, status string
		var fn [3]string
		h := &it.record.Holder
		err := r.Scan(&it.Certificate, &code, &it.CandidateID, &it.EmployerID, &it.Qualification, dateCol{&it.Obtained},
			&h.BirthName, &h.UsageName, &fn[0], &fn[1], &fn[2], &h.Sex, dateCol{&h.BirthDate}, &h.BirthInsee, &h.BirthCountry, &it.candidateVersion,
			&it.IDTechnique, &status, &it.Flow, &it.Reason, &it.sentDigest, &it.MarkedBy, &it.Version)
		for _, f := range fn {
			if f != "" {
				h.FirstNames = append(h.FirstNames, f)
			}
		}
		it.Status = accrochage.Status(status)
		if it.IDTechnique == "" {
			it.IDTechnique = it.Certificate
		}
		if baseURL != "" {
			it.record.ProofURL = strings.TrimRight(baseURL, "/") + "/verifier?code=" + url.QueryEscape(code)
		}
		return it, err
	})
	if err != nil || len(items) == 0 {
		return items, err
	}
	regs, err := readRNCPRegistrations(q)
	if err != nil {
		return nil, err
	}
	access, err := readAccessModes(q, where, args)
	if err != nil {
		return nil, err
	}
	for i := range items {
		items[i].complete(regs, access, today)
	}
	return items, nil
}

// complete fills what follows from the row: the record the flow would carry,
// its fingerprint, the deadline, whether it was corrected, its problems.
func (it *AccrochageItem) complete(regs map[string][]accrochage.Registration, access map[accessKey]string, today certif.Date) {
	r := &it.record
	r.ID, r.Obtained, r.Registrations = it.IDTechnique, it.Obtained, regs[it.Qualification]
	r.Access = access[accessKey{it.CandidateID, it.Qualification}]
	h := &r.Holder
	it.Holder = certif.PrintedIdentity(h.BirthName, h.UsageName, firstOf(h.FirstNames), h.Sex, h.BirthDate)
	if h.BirthInsee == "" && h.BirthCountry != "" && utf8.RuneCountInString(strings.TrimSpace(h.BirthCountry)) != 3 {
		// A country entered by its name: the schema wants its 3-character code.
		h.CountryName = h.BirthCountry
	}
	it.fingerprint = r.Fingerprint()
	it.Due = accrochage.Due(it.Obtained)
	it.Late = it.Status != accrochage.Accepted && it.Due.Before(today)
	it.Corrected = it.Status == accrochage.Rejected && it.sentDigest != it.fingerprint
	if !it.waiting() {
		return
	}
	it.Problems = it.explain(r.Problems())
}

// explain words the problems of the item's record for the office.
func (it *AccrochageItem) explain(problems []string) []string {
	var out []string
	for _, p := range problems {
		if p == "certification : code RNCP manquant" {
			p = "certification : le CQP " + it.Qualification + " n'a aucun enregistrement RNCP dans le référentiel"
		}
		out = append(out, p)
	}
	return out
}

func firstOf(names []string) string {
	if len(names) == 0 {
		return ""
	}
	return names[0]
}

// readRNCPRegistrations reads every qualification's registrations.
func readRNCPRegistrations(q querier) (map[string][]accrochage.Registration, error) {
	rows, err := q(`SELECT qualification_code, number, registered_on, ends_on FROM rncp_registrations
		ORDER BY qualification_code, COALESCE(registered_on, ''), number`)
	out := map[string][]accrochage.Registration{}
	_, err = collect(rows, err, func(r *sql.Rows) (string, error) {
		var qual string
		var reg accrochage.Registration
		err := r.Scan(&qual, &reg.Code, dateCol{&reg.From}, dateCol{&reg.Until})
		out[qual] = append(out[qual], reg)
		return qual, err
	})
	return out, err
}

type accessKey struct {
	candidate int64
	qual      string
}

// readAccessModes reads how each holder came to the CQP (modaliteAcces): a
// contrat de professionnalisation or continuing training, from their latest
// registration to it.
func readAccessModes(q querier, where string, args []any) (map[accessKey]string, error) {
	rows, err := q(`SELECT r.candidate_id, r.qualification_code, r.contract FROM registrations r
		WHERE r.deleted_at IS NULL AND EXISTS (SELECT 1 FROM certificates k WHERE k.candidate_id = r.candidate_id
		AND k.qualification_code = r.qualification_code AND k.kind = 'CQP' AND k.status = 'valid'`+where+`) ORDER BY r.id`, args...)
	out := map[accessKey]string{}
	_, err = collect(rows, err, func(r *sql.Rows) (accessKey, error) {
		var k accessKey
		var contract string
		err := r.Scan(&k.candidate, &k.qual, &contract)
		out[k] = accrochage.AccessContinuing
		if certif.Contract(contract) == certif.ContractPro {
			out[k] = accrochage.AccessProContract
		}
		return k, err
	})
	return out, err
}

// Lists of an overview, as the office page shows them.

// ToSend are the items the next flow sends.
func (o AccrochageOverview) ToSend() []AccrochageItem {
	return o.filter(func(i AccrochageItem) bool { return i.Sendable() })
}

// NotReportable are the items due for the next flow that it cannot send, each with its problems.
func (o AccrochageOverview) NotReportable() []AccrochageItem {
	return o.filter(func(i AccrochageItem) bool { return i.waiting() && len(i.Problems) > 0 })
}

// InStatus are the items of a status; rejected ones corrected since are in ToSend.
func (o AccrochageOverview) InStatus(st accrochage.Status) []AccrochageItem {
	return o.filter(func(i AccrochageItem) bool { return i.Status == st && !i.Corrected })
}

// LateItems are the items not accepted past their due date.
func (o AccrochageOverview) LateItems() []AccrochageItem {
	return o.filter(func(i AccrochageItem) bool { return i.Late })
}

// Item finds the item of a certificate.
func (o AccrochageOverview) Item(certificate string) (AccrochageItem, bool) {
	for _, i := range o.Items {
		if i.Certificate == certificate {
			return i, true
		}
	}
	return AccrochageItem{}, false
}

func (o AccrochageOverview) filter(keep func(AccrochageItem) bool) []AccrochageItem {
	var out []AccrochageItem
	for _, i := range o.Items {
		if keep(i) {
			out = append(out, i)
		}
	}
	return out
}
