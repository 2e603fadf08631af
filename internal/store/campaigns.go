package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"certibloc/internal/calendar"
	"certibloc/internal/certif"
)

// Campaign returns the collection campaign named by its first exam month (R5).
func (s *Store) Campaign(ctx context.Context, name certif.Month) (calendar.CollectionCampaign, error) {
	cal, err := s.Calendar(ctx)
	if err != nil {
		return calendar.CollectionCampaign{}, err
	}
	cp, ok := cal.CampaignFor(name)
	if !ok || cp.Name != name {
		return cp, notFound("Campagne de recueil %s introuvable.", name)
	}
	return cp, nil
}

// CollectionRegistrations lists the registrations a campaign concerns (R5):
// live registrations to a qualification of the collection-table route serving
// the employer's branch, not of repeating candidates, with a block waiting for
// its jury in one of the campaign's exam months; of one employer, or of all
// when employerCode is "". Each row keeps all its attempts; none has its
// health data (the tables carry none).
func (s *Store) CollectionRegistrations(ctx context.Context, cp calendar.CollectionCampaign, employerCode string) ([]RegistrationRow, error) {
	rows, err := s.collectionRegistrations(ctx, cp, employerCode)
	for i := range rows {
		rows[i].Registration = rows[i].Registration.WithoutHealthData()
	}
	return rows, err
}

// collectionRegistrations is CollectionRegistrations with the health data,
// which a return compares with the adjustments column.
func (s *Store) collectionRegistrations(ctx context.Context, cp calendar.CollectionCampaign, employerCode string) ([]RegistrationRow, error) {
	quals, err := s.Qualifications(ctx, false)
	if err != nil {
		return nil, err
	}
	byCode := map[string]certif.Qualification{}
	for _, q := range quals {
		byCode[q.Code] = q
	}
	seen := map[int64]bool{}
	var out []RegistrationRow
	for _, m := range cp.ExamMonths {
		rows, _, err := s.registrations(ctx, RegistrationFilter{Scope: All, Employer: employerCode, Period: m, Sort: "name", Unlimited: true})
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			if seen[r.ID] || !certif.InCollection(byCode[r.Qualification], r.Branch, r.Registration) ||
				len(certif.CollectionAttempts(r.Registration, cp.ExamMonths)) == 0 {
				continue
			}
			seen[r.ID] = true
			out = append(out, r)
		}
	}
	slices.SortStableFunc(out, func(a, b RegistrationRow) int {
		return strings.Compare(a.EmployerCode+"|"+certif.SearchKey(a.Candidate.PrintedName()), b.EmployerCode+"|"+certif.SearchKey(b.Candidate.PrintedName()))
	})
	return out, nil
}

// ValidatedByCandidate returns the validated blocks of candidates, by
// candidate and qualification, in one query per 500 candidates.
func (s *Store) ValidatedByCandidate(ctx context.Context, candidateIDs []int64) (map[int64]map[string][]int, error) {
	out := map[int64]map[string][]int{}
	for start := 0; start < len(candidateIDs); start += 500 {
		ids := make([]string, 0, 500)
		for _, id := range candidateIDs[start:min(start+500, len(candidateIDs))] {
			ids = append(ids, idKey(id))
		}
		rows, err := s.query(ctx, attemptSelect+` WHERE status = ? AND candidate_id IN (`+strings.Join(ids, ",")+`) ORDER BY block_number`, string(certif.AttemptValidated))
		list, err := collect(rows, err, scanAttempt)
		if err != nil {
			return nil, err
		}
		for _, a := range list {
			if out[a.CandidateID] == nil {
				out[a.CandidateID] = map[string][]int{}
			}
			out[a.CandidateID][a.Qualification] = append(out[a.CandidateID][a.Qualification], a.Block)
		}
	}
	return out, nil
}

// CollectionTable is the table generated for one employer when the office
// launches a campaign, with the mail that sends it.
type CollectionTable struct {
	EmployerID int64
	Filename   string
	Content    []byte
	Rows       int   // registrations listed
	Mail       *Mail // nil when the employer has no HR address
}

// LaunchCollection records, in one transaction, the tables of a campaign and
// queues their mails: each employer's table is kept for its space, and the
// launch is traced. An employer whose table was already sent is left as it
// is; the employers sent a table now are returned.
func (s *Store) LaunchCollection(ctx context.Context, by Caller, campaign certif.Month, tables []CollectionTable) ([]int64, error) {
	var sent []int64
	err := s.write(ctx, by.Actor, func(tx *Tx) error {
		sent = nil
		for _, t := range tables {
			id, already, err := tx.collectionReturnID(campaign, t.EmployerID)
			if err != nil {
				return err
			}
			if already {
				continue
			}
			now := stamp(s.now())
			if id == 0 {
				_, err = tx.insert(`INSERT INTO collection_returns (campaign, employer_id, sent_at, sent_by, rows_sent, filename, file) VALUES (?, ?, ?, ?, ?, ?, ?)`,
					campaign.String(), t.EmployerID, now, by.Actor.Email, t.Rows, t.Filename, t.Content)
			} else {
				_, err = tx.exec(`UPDATE collection_returns SET sent_at = ?, sent_by = ?, rows_sent = ?, filename = ?, file = ?, nil_declared = FALSE WHERE id = ?`,
					now, by.Actor.Email, t.Rows, t.Filename, t.Content, id)
			}
			if err != nil {
				return err
			}
			if t.Mail != nil {
				if _, err := tx.enqueueMail(*t.Mail); err != nil {
					return err
				}
			}
			code, err := tx.employerCode(t.EmployerID)
			if err != nil {
				return err
			}
			if err := tx.audit(certif.AuditEvent{Entity: "collection", EntityKey: collectionKey(campaign, code), Action: "launch",
				After: fmt.Sprintf("tableau de %s envoyé", certif.Count(t.Rows, "inscription", "inscriptions"))}); err != nil {
				return err
			}
			sent = append(sent, t.EmployerID)
		}
		return nil
	})
	return sent, err
}

// collectionReturnID finds the return row of an employer for a campaign: its
// id (0 if none) and whether its table was already sent.
func (tx *Tx) collectionReturnID(campaign certif.Month, employerID int64) (int64, bool, error) {
	var id int64
	var sentAt sql.NullString
	err := tx.queryRow(`SELECT id, sent_at FROM collection_returns WHERE campaign = ? AND employer_id = ?`, campaign.String(), employerID).Scan(&id, &sentAt)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	return id, sentAt.Valid, err
}

// collectionKey is the audit key of an employer's table in a campaign.
func collectionKey(campaign certif.Month, employerCode string) string {
	return campaign.String() + "/" + employerCode
}

const collectionSelect = `SELECT cr.campaign, e.id, e.code, e.name, cr.sent_at, cr.rows_sent, cr.returned_at, COALESCE(cr.returned_on, ''), cr.returned_by,
	cr.late, cr.nil_declared, cr.lifted_at, cr.lifted_by, cr.lift_reason FROM collection_returns cr JOIN employers e ON e.id = cr.employer_id`

func scanCollection(r *sql.Rows) (certif.CollectionReturn, error) {
	var c certif.CollectionReturn
	var campaign, returnedOn string
	var sent, returned, lifted sql.NullString
	err := r.Scan(&campaign, &c.EmployerID, &c.EmployerCode, &c.EmployerName, &sent, &c.Rows, &returned, &returnedOn, &c.ReturnedBy,
		&c.Late, &c.Nil, &lifted, &c.LiftedBy, &c.LiftReason)
	c.Campaign, _ = certif.ParseMonth(campaign)
	c.SentAt, c.ReturnedAt, c.LiftedAt = parseStamp(sent), parseStamp(returned), parseStamp(lifted)
	if returnedOn != "" {
		c.ReturnedOn, _ = certif.ParseDate(returnedOn)
	}
	return c, err
}

// withCampaign completes the returns with their campaign's deadline and months.
func withCampaign(list []certif.CollectionReturn, campaigns []calendar.CollectionCampaign) []certif.CollectionReturn {
	for i := range list {
		for _, cp := range campaigns {
			if cp.Name == list[i].Campaign {
				list[i].Deadline, list[i].ExamMonths = cp.Deadline, cp.ExamMonths
			}
		}
	}
	return list
}

// CollectionReturns lists where each employer stands in a campaign: table
// sent, returned (on time or late), "néant", block lifted; by employer code.
// Employers concerned but not sent a table have no row.
func (s *Store) CollectionReturns(ctx context.Context, cp calendar.CollectionCampaign, sc Scope) ([]certif.CollectionReturn, error) {
	where, args := sc.employerRows("cr")
	rows, err := s.query(ctx, collectionSelect+` WHERE cr.campaign = ?`+where+` ORDER BY e.code`, append([]any{cp.Name.String()}, args...)...)
	list, err := collect(rows, err, scanCollection)
	return withCampaign(list, []calendar.CollectionCampaign{cp}), err
}

// CollectionReturnOf returns where an employer stands in a campaign; a row
// with only the campaign and employer when nothing was recorded yet.
func (s *Store) CollectionReturnOf(ctx context.Context, cp calendar.CollectionCampaign, e certif.Employer) (certif.CollectionReturn, error) {
	list, err := s.CollectionReturns(ctx, cp, Scope{EmployerID: e.ID})
	if err != nil || len(list) > 0 {
		return first(list), err
	}
	return certif.CollectionReturn{Campaign: cp.Name, Deadline: cp.Deadline, ExamMonths: cp.ExamMonths, EmployerID: e.ID,
		EmployerCode: e.Code, EmployerName: e.Name}, nil
}

func first[T any](list []T) T {
	var zero T
	if len(list) == 0 {
		return zero
	}
	return list[0]
}

// CollectionFile returns the table sent to an employer for a campaign.
func (s *Store) CollectionFile(ctx context.Context, campaign certif.Month, employerID int64) (string, []byte, error) {
	return s.collectionFile(ctx, "filename, file", campaign, employerID)
}

// ReturnedCollectionFile returns the table an employer returned for a
// campaign. Its adjustments column is health data (R15): the read of each
// line that filled it is logged.
func (s *Store) ReturnedCollectionFile(ctx context.Context, v Viewer, campaign certif.Month, employerID int64) (string, []byte, error) {
	name, content, err := s.collectionFile(ctx, "returned_filename, returned_file", campaign, employerID)
	if err != nil {
		return name, content, err
	}
	rows, err := s.query(ctx, `SELECT rr.registration_id FROM collection_return_rows rr JOIN collection_returns cr ON cr.id = rr.return_id
		WHERE cr.campaign = ? AND cr.employer_id = ? AND rr.has_adjustments = TRUE ORDER BY rr.registration_id`, campaign.String(), employerID)
	ids, err := collect(rows, err, func(r *sql.Rows) (int64, error) {
		var id int64
		return id, r.Scan(&id)
	})
	if err != nil {
		return "", nil, err
	}
	return name, content, s.logHealthReads(ctx, v, ids)
}

func (s *Store) collectionFile(ctx context.Context, columns string, campaign certif.Month, employerID int64) (string, []byte, error) {
	var name string
	var content []byte
	err := s.queryRow(ctx, `SELECT `+columns+` FROM collection_returns WHERE campaign = ? AND employer_id = ?`, campaign.String(), employerID).Scan(&name, &content)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && len(content) == 0) {
		return "", nil, notFound("Aucun tableau de recueil pour cette campagne.")
	}
	return name, content, err
}

// CollectionHolds returns the R5 blocks of an employer's candidates on day
// today: campaigns whose table is missing after the deadline or came back
// late, and that the office has not lifted.
func (s *Store) CollectionHolds(ctx context.Context, employerID int64, today certif.Date) ([]certif.CollectionHold, error) {
	return keptList(s, memoKey("CollectionHolds", []any{employerID, today.String()}), func() ([]certif.CollectionHold, error) {
		return s.collectionHolds(ctx, employerID, today)
	}, func(h certif.CollectionHold) certif.CollectionHold {
		h.ExamMonths, h.Qualifications = slices.Clone(h.ExamMonths), slices.Clone(h.Qualifications)
		return h
	})
}

// collectionHolds computes CollectionHolds.
func (s *Store) collectionHolds(ctx context.Context, employerID int64, today certif.Date) ([]certif.CollectionHold, error) {
	rows, err := s.query(ctx, collectionSelect+` WHERE cr.employer_id = ? AND cr.sent_at IS NOT NULL AND cr.lift_reason = ''`, employerID)
	list, err := collect(rows, err, scanCollection)
	if err != nil || len(list) == 0 {
		return nil, err
	}
	cfg, err := s.CalendarConfig(ctx)
	if err != nil {
		return nil, err
	}
	rows, err = s.query(ctx, `SELECT code FROM qualifications WHERE route = ? ORDER BY code`, string(certif.RouteCollectionTable))
	quals, err := collect(rows, err, scanString)
	if err != nil {
		return nil, err
	}
	var holds []certif.CollectionHold
	for _, r := range withCampaign(list, cfg.Campaigns) {
		if h, ok := r.Hold(today, quals); ok {
			holds = append(holds, h)
		}
	}
	return holds, nil
}

// LiftCollectionHold lifts the R5 block of an employer's candidates for a
// campaign (office), with its reason; traced.
func (s *Store) LiftCollectionHold(ctx context.Context, by Caller, campaign certif.Month, employerCode string) error {
	reason := strings.TrimSpace(by.Reason)
	if reason == "" {
		return &certif.Error{Code: certif.EInvalid, Message: "Indiquez le motif de la levée du blocage.",
			Fields: map[string]string{"reason": "Le motif est obligatoire : il est tracé au journal."}}
	}
	e, err := s.EmployerByCode(ctx, employerCode)
	if err != nil {
		return err
	}
	return s.write(ctx, by.Actor, func(tx *Tx) error {
		res, err := tx.exec(`UPDATE collection_returns SET lifted_at = ?, lifted_by = ?, lift_reason = ? WHERE campaign = ? AND employer_id = ? AND lift_reason = ''`,
			stamp(s.now()), by.Actor.Email, reason, campaign.String(), e.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return certif.Errorf(certif.EConflict, "Aucun blocage à lever pour %s dans la campagne %s.", e.Code, certif.OfMonth(campaign))
		}
		return tx.audit(certif.AuditEvent{Entity: "collection", EntityKey: collectionKey(campaign, e.Code), Action: "lift_hold",
			After: "jury organisable", Reason: reason})
	})
}
