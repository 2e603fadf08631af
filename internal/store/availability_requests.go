package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"certibloc/internal/certif"
)

// AvailabilityMail writes the mail asking member for their availability (or
// reminding them, when reminder); the store sets the recipient and dedup key.
type AvailabilityMail func(m certif.JuryMember, r certif.AvailabilityRequest, reminder bool) (Mail, error)

// RequestAvailability asks active members for their availability over the
// request's period: the office any of them, a national fund those of its
// branch (the request is then its own). One mail each, through the outbox,
// in the transaction that records the request; traced.
func (s *Store) RequestAvailability(ctx context.Context, by Caller, r certif.AvailabilityRequest, memberIDs []int64, compose AvailabilityMail) (certif.AvailabilityRequest, error) {
	if err := by.dated(); err != nil {
		return r, err
	}
	if !by.Scope.mobilises() {
		return r, certif.Errorf(certif.EForbidden, "Seules l'équipe des examens et les caisses nationales demandent leurs disponibilités aux membres.")
	}
	r.Branch = by.Scope.Branch
	if err := r.Validate(by.Today); err != nil {
		return r, err
	}
	slices.Sort(memberIDs)
	memberIDs = slices.Compact(memberIDs)
	if len(memberIDs) == 0 {
		return r, &certif.Error{Code: certif.EInvalid, Message: "Choisissez au moins un membre.", Fields: map[string]string{"members": "Cochez les membres à qui demander leurs disponibilités."}}
	}
	members, err := s.JuryMembers(ctx, JuryMemberFilter{Scope: by.Scope, Status: certif.MemberActive})
	if err != nil {
		return r, err
	}
	members = slices.DeleteFunc(members, func(m certif.JuryMember) bool { _, found := slices.BinarySearch(memberIDs, m.ID); return !found })
	if len(members) != len(memberIDs) {
		return r, &certif.Error{Code: certif.EInvalid, Message: "Membre inconnu ou inactif.", Fields: map[string]string{"members": "Seuls les membres actifs du vivier reçoivent une demande."}}
	}
	r.Members, r.Answered = len(members), 0
	err = s.write(ctx, by.Actor, func(tx *Tx) error {
		id, err := tx.insert(`INSERT INTO availability_requests (starts_on, ends_on, answer_by, message, branch_code, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			r.From, r.To, r.AnswerBy, r.Message, nullText(r.Branch), by.Actor.Email, stamp(s.now()))
		if err != nil {
			return err
		}
		r.ID = id
		rows := make([][]any, len(members))
		for i, m := range members {
			rows[i] = []any{id, m.ID}
			if err := tx.queueAvailabilityMail(m, r, false, compose); err != nil {
				return err
			}
		}
		if err := tx.insertRows("availability_request_members", []string{"request_id", "member_id"}, rows); err != nil {
			return err
		}
		return tx.audit(certif.AuditEvent{Entity: "availability_request", EntityKey: idKey(id), Action: "create",
			After: fmt.Sprintf("du %s au %s, réponse attendue le %s, %s", r.From.French(), r.To.French(), r.AnswerBy.French(), certif.Count(len(members), "membre", "membres"))})
	})
	return r, err
}

func (tx *Tx) queueAvailabilityMail(m certif.JuryMember, r certif.AvailabilityRequest, reminder bool, compose AvailabilityMail) error {
	mail, err := compose(m, r, reminder)
	if err != nil {
		return err
	}
	stage := "demande"
	if reminder {
		stage = "relance"
	}
	mail.Kind, mail.To, mail.DedupKey = "availability_request", []string{m.Email}, "availability:"+idKey(r.ID)+":"+idKey(m.ID)+":"+stage
	_, err = tx.enqueueMail(mail)
	return err
}

// markAnswered records that the member answered the open requests whose
// period overlaps from–to, in the transaction that saves their availability.
func (tx *Tx) markAnswered(memberID int64, from, to certif.Date) error {
	_, err := tx.exec(`UPDATE availability_request_members SET answered_at = ? WHERE member_id = ? AND answered_at IS NULL
		AND request_id IN (SELECT id FROM availability_requests WHERE starts_on <= ? AND ends_on >= ?)`, stamp(tx.s.now()), memberID, to, from)
	return err
}

const availabilityRequestSelect = `SELECT r.id, r.starts_on, r.ends_on, r.answer_by, r.message, COALESCE(r.branch_code, ''),
	(SELECT COUNT(*) FROM availability_request_members m WHERE m.request_id = r.id),
	(SELECT COUNT(*) FROM availability_request_members m WHERE m.request_id = r.id AND m.answered_at IS NOT NULL)
	FROM availability_requests r WHERE 1 = 1`

func scanAvailabilityRequest(rows *sql.Rows) (certif.AvailabilityRequest, error) {
	var r certif.AvailabilityRequest
	err := rows.Scan(&r.ID, dateCol{&r.From}, dateCol{&r.To}, dateCol{&r.AnswerBy}, &r.Message, &r.Branch, &r.Members, &r.Answered)
	return r, err
}

// AvailabilityRequests lists the requests in the scope, the latest first,
// with how many members were asked and answered: the office's and the
// national funds' for the office, its own for a national fund.
func (s *Store) AvailabilityRequests(ctx context.Context, sc Scope) ([]certif.AvailabilityRequest, error) {
	where, args := sc.branchRows("r.branch_code")
	rows, err := s.query(ctx, availabilityRequestSelect+where+` ORDER BY r.id DESC`, args...)
	return collect(rows, err, scanAvailabilityRequest)
}

// RequestedMember is a member asked by a request, and whether they answered.
type RequestedMember struct {
	certif.JuryMember
	Answered bool
	Reminded bool
}

// AvailabilityRequest returns a request in the scope with its members (those
// the scope sees).
func (s *Store) AvailabilityRequest(ctx context.Context, id int64, sc Scope) (certif.AvailabilityRequest, []RequestedMember, error) {
	where, args := sc.branchRows("r.branch_code")
	rows, err := s.query(ctx, availabilityRequestSelect+` AND r.id = ?`+where, append([]any{id}, args...)...)
	list, err := collect(rows, err, scanAvailabilityRequest)
	if err == nil && len(list) == 0 {
		err = notFound("Demande de disponibilités introuvable.")
	}
	if err != nil {
		return certif.AvailabilityRequest{}, nil, err
	}
	rows, err = s.query(ctx, `SELECT member_id, answered_at IS NOT NULL, reminded_at IS NOT NULL FROM availability_request_members WHERE request_id = ?`, id)
	type state struct {
		id                 int64
		answered, reminded bool
	}
	states, err := collect(rows, err, func(r *sql.Rows) (state, error) {
		var x state
		return x, r.Scan(&x.id, &x.answered, &x.reminded)
	})
	if err != nil {
		return list[0], nil, err
	}
	rows, err = s.query(ctx, juryMemberSelect+` AND m.id IN (SELECT member_id FROM availability_request_members WHERE request_id = ?)`, id)
	members, err := collect(rows, err, scanJuryMember)
	byID := map[int64]certif.JuryMember{}
	for _, m := range members {
		byID[m.ID] = m
	}
	out := make([]RequestedMember, 0, len(states))
	for _, x := range states {
		out = append(out, RequestedMember{JuryMember: byID[x.id], Answered: x.answered, Reminded: x.reminded})
	}
	slices.SortFunc(out, func(a, b RequestedMember) int { // those who have not answered first, then by name
		return cmp.Or(cmp.Compare(boolRank(a.Answered), boolRank(b.Answered)), strings.Compare(a.LastName, b.LastName),
			strings.Compare(a.FirstName, b.FirstName), cmp.Compare(a.ID, b.ID))
	})
	return list[0], out, err
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

// RemindAvailability queues, on day today, the reminder of every member who
// has not answered a request due within certif.AvailabilityReminderDays
// (once: the outbox's dedup key and reminded_at). It returns how many.
func (s *Store) RemindAvailability(ctx context.Context, today certif.Date, compose AvailabilityMail) (int, error) {
	requests, err := s.AvailabilityRequests(ctx, All)
	if err != nil {
		return 0, err
	}
	queued := 0
	for _, r := range requests {
		if !r.ReminderDue(today) || r.Answered == r.Members {
			continue
		}
		_, members, err := s.AvailabilityRequest(ctx, r.ID, All)
		if err != nil {
			return queued, err
		}
		for _, m := range members {
			if m.Answered || m.Reminded {
				continue
			}
			err := s.write(ctx, System, func(tx *Tx) error {
				if err := tx.queueAvailabilityMail(m.JuryMember, r, true, compose); err != nil {
					return err
				}
				_, err := tx.exec(`UPDATE availability_request_members SET reminded_at = ? WHERE request_id = ? AND member_id = ?`, stamp(s.now()), r.ID, m.ID)
				return err
			})
			if err != nil {
				return queued, err
			}
			queued++
		}
	}
	return queued, nil
}
