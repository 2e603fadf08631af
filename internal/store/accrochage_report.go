package store

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"
	"time"

	"certibloc/internal/accrochage"
	"certibloc/internal/certif"
)

// AccrochageFlow is a flow sent, with its acknowledgement once uploaded.
type AccrochageFlow struct {
	Number         int
	FileName       string
	FlowID         string
	Records        int
	CreatedAt      time.Time
	CreatedBy      string
	ReportName     string // the acknowledgement's file as uploaded, "" before
	AcknowledgedAt time.Time
	AcknowledgedBy string
}

// Acknowledged reports whether the CDC's acknowledgement was uploaded.
func (f AccrochageFlow) Acknowledged() bool { return !f.AcknowledgedAt.IsZero() }

// AccrochageFlows lists the flows sent, newest first.
func (s *Store) AccrochageFlows(ctx context.Context) ([]AccrochageFlow, error) {
	rows, err := s.query(ctx, `SELECT number, file_name, flow_id, records, created_at, created_by, report_name, acknowledged_at, acknowledged_by
		FROM accrochage_flows ORDER BY number DESC`)
	return collect(rows, err, func(r *sql.Rows) (AccrochageFlow, error) {
		var f AccrochageFlow
		var created, acked sql.NullString
		err := r.Scan(&f.Number, &f.FileName, &f.FlowID, &f.Records, &created, &f.CreatedBy, &f.ReportName, &acked, &f.AcknowledgedBy)
		f.CreatedAt, f.AcknowledgedAt = parseStamp(created), parseStamp(acked)
		return f, err
	})
}

// AccrochageFlowFile returns a flow's XML file, or with report its
// acknowledgement as uploaded, and the file's name.
func (s *Store) AccrochageFlowFile(ctx context.Context, number int, report bool) (string, []byte, error) {
	var name, reportName string
	var xml, rep []byte
	err := s.queryRow(ctx, `SELECT file_name, xml, report_name, report FROM accrochage_flows WHERE number = ?`, number).Scan(&name, &xml, &reportName, &rep)
	switch {
	case err == sql.ErrNoRows:
		return "", nil, notFound("Flux d'accrochage n° %d introuvable.", number)
	case err != nil:
		return "", nil, err
	case !report:
		return name, xml, nil
	case rep == nil:
		return "", nil, notFound("Le flux n° %d n'a pas encore d'accusé de traitement.", number)
	}
	if reportName == "" {
		reportName = "accuse_" + name
	}
	return reportName, rep, nil
}

// AccrochageReportResult is what an acknowledgement changed.
type AccrochageReportResult struct {
	Flow     int
	FileName string
	Accepted int      // accepted, including those the CDC already held
	Existing int      // of which the CDC already held
	Rejected int      // rejected, with the CDC's message
	Unknown  []string // idTechnique the report names that were not sent in that flow (left as they are)
}

// Message is the result in French, for the page and the command line.
func (r AccrochageReportResult) Message() string {
	msg := "Accusé de traitement du flux n° " + strconv.Itoa(r.Flow) + " (" + r.FileName + ") enregistré : " +
		certif.Count(r.Accepted, "enregistrement accepté", "enregistrements acceptés")
	if r.Existing > 0 {
		msg += " (dont " + certif.Count(r.Existing, "déjà présent", "déjà présents") + " à la Caisse des Dépôts)"
	}
	msg += ", " + certif.Count(r.Rejected, "rejeté", "rejetés") + "."
	if len(r.Unknown) > 0 {
		msg += " Ignorés, car absents de ce flux : " + strings.Join(r.Unknown, ", ") + "."
	}
	return msg
}

func reportRefused(reason string) error {
	msg := "Accusé de traitement refusé : " + reason + ". Rien n'a été modifié."
	return &certif.Error{Code: certif.EInvalid, Message: msg, Fields: map[string]string{"file": msg}}
}

// UploadAccrochageReport reads the CDC's acknowledgement of a flow and, in
// one transaction, records it and sets each record it names: accepted (or
// already held: accepted), rejected with the CDC's message. A file that is
// not an acknowledgement, or names a flow the platform did not send, is
// refused with nothing changed.
func (s *Store) UploadAccrochageReport(ctx context.Context, by Caller, name string, data []byte) (AccrochageReportResult, error) {
	rep, err := accrochage.ParseReport(data)
	if err != nil {
		return AccrochageReportResult{}, reportRefused(err.Error())
	}
	var res AccrochageReportResult
	err = s.write(ctx, by.Actor, func(tx *Tx) error {
		rows, err := tx.query(`SELECT number, file_name FROM accrochage_flows ORDER BY number`)
		var numbers []int
		var names []string
		if _, err := collect(rows, err, func(r *sql.Rows) (int, error) {
			var n int
			var file string
			err := r.Scan(&n, &file)
			numbers, names = append(numbers, n), append(names, file)
			return n, err
		}); err != nil {
			return err
		}
		i, err := rep.CheckFile(names)
		if err != nil {
			return reportRefused(err.Error())
		}
		n := numbers[i]
		res = AccrochageReportResult{Flow: n, FileName: names[i]}
		type row struct {
			id, candidate, employer int64
			state                   accrochage.State
		}
		rows, err = tx.query(`SELECT a.id, a.candidate_id, c.employer_id, a.id_technique, a.status, a.flow_number, a.reason FROM accrochage_records a
			JOIN candidates c ON c.id = a.candidate_id WHERE a.flow_number = ?`+tx.s.dialect.forUpdate("a"), n)
		list, err := collect(rows, err, func(r *sql.Rows) (row, error) {
			var x row
			var status string
			err := r.Scan(&x.id, &x.candidate, &x.employer, &x.state.ID, &status, &x.state.Flow, &x.state.Reason)
			x.state.Status = accrochage.Status(status)
			return x, err
		})
		if err != nil {
			return err
		}
		states := make([]accrochage.State, len(list))
		for j, x := range list {
			states[j] = x.state
		}
		after, unknown := accrochage.ApplyReport(states, n, rep)
		res.Unknown = unknown
		res.Existing = len(rep.Existing) - countIn(rep.Existing, unknown)
		at := stamp(tx.s.now())
		groups := map[[2]string][]int64{}
		var audits [][]any
		for j, x := range list {
			st := after[j]
			switch st.Status {
			case accrochage.Accepted:
				res.Accepted++
			case accrochage.Rejected:
				res.Rejected++
			}
			if st.Status == x.state.Status && st.Reason == x.state.Reason {
				continue
			}
			k := [2]string{string(st.Status), st.Reason}
			groups[k] = append(groups[k], x.id)
			audits = append(audits, tx.auditRow(at, x.employer, certif.AuditEvent{Entity: "accrochage_record", EntityKey: st.ID, Action: "update",
				Field: "status", Before: x.state.Status.Label(), After: st.Status.Label(), Reason: st.Reason, CandidateID: x.candidate}))
		}
		for _, k := range sortedGroupKeys(groups) {
			if err := chunks(groups[k], func(part []int64) error {
				_, err := tx.exec(`UPDATE accrochage_records SET status = ?, reason = ?, marked_by = '', version = version + 1, updated_at = ? WHERE id IN `+inList(len(part)),
					append([]any{k[0], k[1], at}, anys(part)...)...)
				return err
			}); err != nil {
				return err
			}
		}
		if err := tx.insertRows("audit_events", auditColumns, audits); err != nil {
			return err
		}
		if _, err := tx.exec(`UPDATE accrochage_flows SET report = ?, report_name = ?, acknowledged_at = ?, acknowledged_by = ? WHERE number = ?`,
			data, name, at, by.Actor.Email, n); err != nil {
			return err
		}
		return tx.audit(certif.AuditEvent{Entity: "accrochage_flow", EntityKey: strconv.Itoa(n), Action: "acknowledge", After: res.Message()})
	})
	return res, err
}

func countIn(list []accrochage.Outcome, ids []string) int {
	n := 0
	for _, o := range list {
		if slices.Contains(ids, o.ID) {
			n++
		}
	}
	return n
}

func sortedGroupKeys(m map[[2]string][]int64) [][2]string {
	keys := make([][2]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [2]string) int { return strings.Compare(a[0]+"\x00"+a[1], b[0]+"\x00"+b[1]) })
	return keys
}

// MarkAccrochageRecord sets by hand where the certification of a CQP
// certificate stands with the CDC (the office checked on the CDC's portal):
// accepted, rejected (it is sent again once corrected) or to send again as it
// is (not sent). The reason (by.Reason) is required and traced; version is
// the record's as the office read it (0: none yet), a change since is refused.
func (s *Store) MarkAccrochageRecord(ctx context.Context, by Caller, certificate string, status accrochage.Status, version int) error {
	reason := strings.TrimSpace(by.Reason)
	var v certif.Validation
	if status != accrochage.Accepted && status != accrochage.Rejected && status != accrochage.NotSent {
		v.Add("status", "Choisissez : accepté, rejeté ou à renvoyer.")
	}
	if reason == "" {
		v.Add("reason", "Indiquez le motif (ce que dit la Caisse des Dépôts, ou pourquoi vous corrigez l'état).")
	}
	if err := v.Err(); err != nil {
		return err
	}
	return s.write(ctx, by.Actor, func(tx *Tx) error {
		items, err := readAccrochageItems(tx.query, ` AND k.number = ?`, []any{certificate}, "", certif.DateOf(tx.s.now()))
		if err != nil {
			return err
		}
		if len(items) == 0 {
			return notFound("Certification %s introuvable parmi les CQP délivrés.", certificate)
		}
		it := items[0]
		if it.Version != version {
			return certif.Errorf(certif.EStale, "L'état de cette certification a changé depuis que vous avez ouvert la page : rechargez-la, puis refaites votre marquage.")
		}
		at := stamp(tx.s.now())
		digest := it.sentDigest
		if digest == "" || status == accrochage.Rejected {
			// Rejected by hand: sent again once what the CDC matches on is corrected.
			digest = it.fingerprint
		}
		if it.Version == 0 {
			_, err = tx.exec(`INSERT INTO accrochage_records (candidate_id, qualification_code, id_technique, certificate_number, status, reason, sent_digest, marked_by, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, it.CandidateID, it.Qualification, it.IDTechnique, it.Certificate, string(status), reason, digest, by.Actor.Email, at)
		} else {
			_, err = tx.exec(`UPDATE accrochage_records SET status = ?, reason = ?, sent_digest = ?, marked_by = ?, version = version + 1, updated_at = ?
				WHERE candidate_id = ? AND qualification_code = ?`, string(status), reason, digest, by.Actor.Email, at, it.CandidateID, it.Qualification)
		}
		if err != nil {
			return err
		}
		label := status.Label()
		if status == accrochage.NotSent {
			label = "à renvoyer"
		}
		return tx.audit(certif.AuditEvent{Entity: "accrochage_record", EntityKey: it.IDTechnique, Action: "mark", Field: "status",
			Before: it.Status.Label(), After: label, Reason: reason, CandidateID: it.CandidateID})
	})
}
