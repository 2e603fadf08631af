package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"certibloc/internal/accrochage"
	"certibloc/internal/certif"
)

// AccrochageFlowPlan is the next flow, computed from a read of the store: its
// XML, the items it sends and those it cannot send with their problems.
// RecordAccrochageFlow records it.
type AccrochageFlowPlan struct {
	Header   accrochage.Header
	FileName string
	XML      []byte // nil when nothing can be sent
	Sent     []AccrochageItem
	Refused  []AccrochageItem // due for the flow but incomplete: never sent broken
}

// PrepareAccrochageFlow computes the next flow of the certifications obtained
// within f: every record never sent, and every rejected one corrected since;
// no write, no transaction. It refuses when the CDC settings are missing.
func (s *Store) PrepareAccrochageFlow(ctx context.Context, f AccrochageFilter, baseURL string) (AccrochageFlowPlan, error) {
	now := s.now()
	o, err := s.Accrochage(ctx, f, baseURL, certif.DateOf(now))
	if err != nil {
		return AccrochageFlowPlan{}, err
	}
	set := o.Settings
	if err := set.validate(); err != nil {
		return AccrochageFlowPlan{}, &certif.Error{Code: certif.EInvalid, Fields: certif.ErrorFields(err),
			Message: "Renseignez d'abord les paramètres de la Caisse des Dépôts (identifiant client et numéro de contrat) sur la page « Accrochage CPF » : aucun flux n'est généré sans eux."}
	}
	p := AccrochageFlowPlan{Header: accrochage.Header{ClientID: set.ClientID, ContractID: set.ContractID, Number: o.LastFlow + 1, Time: now}}
	p.FileName = accrochage.FileName(p.Header)
	var records []accrochage.Record
	byID := map[string]AccrochageItem{}
	for _, it := range o.Items {
		if it.waiting() {
			records = append(records, it.record)
			byID[it.IDTechnique] = it
		}
	}
	xml, sent, refused := accrochage.Build(p.Header, records)
	p.XML = xml
	for _, r := range sent {
		p.Sent = append(p.Sent, byID[r.ID])
	}
	for _, r := range refused {
		it := byID[r.ID]
		it.Problems = it.explain(r.Problems)
		p.Refused = append(p.Refused, it)
	}
	return p, nil
}

var errFlowMoved = certif.Errorf(certif.EStale, "Les certifications à déclarer ont changé depuis le calcul du flux (un autre flux, une correction, un accusé de traitement) : rien n'a été enregistré, générez le flux de nouveau.")

// RecordAccrochageFlow records a prepared flow and marks its records sent, in
// one short transaction that refuses (nothing written) when something moved
// since the plan was read: another flow, a record's state, a holder's identity.
func (s *Store) RecordAccrochageFlow(ctx context.Context, by Caller, p AccrochageFlowPlan) error {
	if p.XML == nil {
		return certif.Errorf(certif.EInvalid, "Aucune certification à déclarer : pas de flux à générer.")
	}
	return s.write(ctx, by.Actor, func(tx *Tx) error {
		var last int
		if err := tx.queryRow(`SELECT COALESCE(MAX(number), 0) FROM accrochage_flows`).Scan(&last); err != nil {
			return err
		}
		if last != p.Header.Number-1 {
			return errFlowMoved
		}
		if err := tx.checkUnmoved(p.Sent); err != nil {
			return err
		}
		at := stamp(tx.s.now())
		if _, err := tx.exec(`INSERT INTO accrochage_flows (number, file_name, flow_id, records, xml, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			p.Header.Number, p.FileName, accrochage.FlowID(p.Header), len(p.Sent), p.XML, at, by.Actor.Email); err != nil {
			return err
		}
		var fresh, audits [][]any
		for _, it := range p.Sent {
			if it.Version == 0 {
				fresh = append(fresh, []any{it.CandidateID, it.Qualification, it.IDTechnique, it.Certificate, string(accrochage.Sent), p.Header.Number, it.fingerprint, at})
			} else {
				res, err := tx.exec(`UPDATE accrochage_records SET status = 'sent', flow_number = ?, reason = '', marked_by = '', certificate_number = ?,
					sent_digest = ?, version = version + 1, updated_at = ? WHERE candidate_id = ? AND qualification_code = ? AND version = ?`,
					p.Header.Number, it.Certificate, it.fingerprint, at, it.CandidateID, it.Qualification, it.Version)
				if err != nil {
					return err
				}
				if n, err := res.RowsAffected(); err != nil || n != 1 {
					return errFlowMoved
				}
			}
			audits = append(audits, tx.auditRow(at, it.EmployerID, certif.AuditEvent{Entity: "accrochage_record", EntityKey: it.IDTechnique, Action: "update",
				Field: "status", Before: it.Status.Label(), After: "envoyé dans le flux " + strconv.Itoa(p.Header.Number), CandidateID: it.CandidateID}))
		}
		if err := tx.insertRows("accrochage_records", []string{"candidate_id", "qualification_code", "id_technique", "certificate_number", "status",
			"flow_number", "sent_digest", "updated_at"}, fresh); err != nil {
			return err
		}
		if err := tx.insertRows("audit_events", auditColumns, audits); err != nil {
			return err
		}
		return tx.audit(certif.AuditEvent{Entity: "accrochage_flow", EntityKey: strconv.Itoa(p.Header.Number), Action: "create",
			After: p.FileName + " : " + certif.Count(len(p.Sent), "enregistrement", "enregistrements")})
	})
}

// checkUnmoved refuses when a holder's file or a record changed since the
// items were read (their versions).
func (tx *Tx) checkUnmoved(items []AccrochageItem) error {
	candidates := make([]int64, 0, len(items))
	for _, it := range items {
		candidates = append(candidates, it.CandidateID)
	}
	versions := map[int64]int{}
	records := map[accessKey]int{}
	err := chunks(candidates, func(part []int64) error {
		rows, err := tx.query(`SELECT id, version FROM candidates WHERE id IN `+inList(len(part)), anys(part)...)
		if _, err := collect(rows, err, func(r *sql.Rows) (int64, error) {
			var id int64
			var v int
			err := r.Scan(&id, &v)
			versions[id] = v
			return id, err
		}); err != nil {
			return err
		}
		rows, err = tx.query(`SELECT candidate_id, qualification_code, version FROM accrochage_records WHERE candidate_id IN `+inList(len(part))+
			tx.s.dialect.forUpdate("accrochage_records"), anys(part)...)
		_, err = collect(rows, err, func(r *sql.Rows) (accessKey, error) {
			var k accessKey
			var v int
			err := r.Scan(&k.candidate, &k.qual, &v)
			records[k] = v
			return k, err
		})
		return err
	})
	if err != nil {
		return err
	}
	for _, it := range items {
		if versions[it.CandidateID] != it.candidateVersion || records[accessKey{it.CandidateID, it.Qualification}] != it.Version {
			return errFlowMoved
		}
	}
	return nil
}

// ExportAccrochageFlow prepares the next flow and, unless dry, records it.
func (s *Store) ExportAccrochageFlow(ctx context.Context, by Caller, f AccrochageFilter, baseURL string, dry bool) (AccrochageFlowPlan, error) {
	p, err := s.PrepareAccrochageFlow(ctx, f, baseURL)
	if err != nil || dry || p.XML == nil {
		return p, err
	}
	return p, s.RecordAccrochageFlow(ctx, by, p)
}

// RefusalLines are the plan's refused items in French, one line each, for
// the command line and the page.
func (p AccrochageFlowPlan) RefusalLines() []string {
	var out []string
	for _, it := range p.Refused {
		out = append(out, it.Certificate+" ("+it.Holder+", CQP "+it.Qualification+") : "+strings.Join(it.Problems, " ; "))
	}
	return out
}
