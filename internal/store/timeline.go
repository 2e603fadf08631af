package store

import (
	"context"
	"database/sql"

	"certibloc/internal/calendar"
	"certibloc/internal/certif"
	"certibloc/internal/clock"
)

// CandidateTimeline gathers what the timeline of a candidate's blocks derives
// from (certif.Timelines), in the scope: every attempt the scope sees with
// its registration, its national decision and certificate, the live
// professional juries the scope sees with their evaluations, the employers'
// collection tables (R5), the national juries with their cutoffs and
// proclamations, the CQP certificates. A fixed number of queries, whatever
// the number of blocks. Today, Staff and IdentityValid are the caller's.
func (s *Store) CandidateTimeline(ctx context.Context, candidateID int64, sc Scope) (certif.TimelineFacts, error) {
	var f certif.TimelineFacts
	cal, err := s.Calendar(ctx)
	if err != nil {
		return f, err
	}
	f.Schedule = cal
	if f.Qualifications, err = s.Qualifications(ctx, false); err != nil {
		return f, err
	}
	if f.Juries, err = s.timelineJuries(ctx, cal); err != nil {
		return f, err
	}
	attempts, err := s.timelineAttempts(ctx, candidateID, sc)
	if err != nil {
		return f, err
	}
	if err := s.timelineSessions(ctx, candidateID, sc, attempts); err != nil {
		return f, err
	}
	if f.Awards, err = s.timelineCertificates(ctx, candidateID, sc, attempts); err != nil {
		return f, err
	}
	if err := s.timelineCollections(ctx, cal, f.Qualifications, attempts); err != nil {
		return f, err
	}
	for _, a := range attempts.list {
		f.Attempts = append(f.Attempts, a.AttemptFacts)
	}
	return f, nil
}

// timelineJuries are the calendar's national juries with their cutoffs and
// whether they are proclaimed.
func (s *Store) timelineJuries(ctx context.Context, cal *calendar.Calendar) ([]certif.JuryDay, error) {
	proclaimed, err := s.Proclamations(ctx)
	if err != nil {
		return nil, err
	}
	var out []certif.JuryDay
	for _, j := range cal.JuriesWithCutoffs(0) {
		_, done := proclaimed[j.Date]
		out = append(out, certif.JuryDay{Date: j.Date, Cutoff: j.Cutoff, Proclaimed: done})
	}
	return out, nil
}

// timelineAttempt is an attempt's facts with what the store still needs to
// complete them.
type timelineAttempt struct {
	certif.AttemptFacts
	employerID     int64
	employerBranch string
	repeating      bool
	deleted        bool
}

// attemptIndex keeps the attempts in their order and finds them by id.
type attemptIndex struct {
	list []*timelineAttempt
	byID map[int64]*timelineAttempt
}

// timelineAttempts reads the candidate's attempts the scope sees (those of
// the registrations it sees, the blocks validated before the platform, and
// those validated under another employer's registration, without it), with
// their registration and national decision, in one query.
func (s *Store) timelineAttempts(ctx context.Context, candidateID int64, sc Scope) (attemptIndex, error) {
	candidates, cargs := sc.candidateRows("c")
	registrations, rargs := sc.registrationRows()
	args := append(append(append(append([]any{}, rargs...), candidateID), cargs...), rargs...)
	rows, err := s.query(ctx, `SELECT a.id, COALESCE(a.registration_id, 0), a.candidate_id, a.qualification_code, a.block_number, a.attempt,
		a.certifiable_from, a.period, a.status, a.decided_on, a.source = 'history', r.registered_on, COALESCE(e.code, ''), COALESCE(r.employer_id, 0),
		COALESCE(e.branch_code, ''), COALESCE(r.late_reason, ''), COALESCE(r.repeating, FALSE), r.deleted_at IS NOT NULL AND r.id IS NOT NULL,
		d.jury_day, COALESCE(d.decision, ''), p.jury_day IS NOT NULL,
		CASE WHEN a.registration_id IS NULL OR (1 = 1`+registrations+`) THEN 1 ELSE 0 END
		FROM block_attempts a JOIN candidates c ON c.id = a.candidate_id
		LEFT JOIN registrations r ON r.id = a.registration_id LEFT JOIN employers e ON e.id = r.employer_id
		LEFT JOIN national_decisions d ON d.attempt_id = a.id LEFT JOIN national_proclamations p ON p.jury_day = d.jury_day
		WHERE a.candidate_id = ?`+candidates+` AND (a.registration_id IS NULL OR a.status = 'validated' OR (1 = 1`+registrations+`))
		ORDER BY a.qualification_code, a.block_number, a.attempt, a.id`, args...)
	list, err := collect(rows, err, func(r *sql.Rows) (*timelineAttempt, error) {
		var x timelineAttempt
		var period, status, decision string
		var juryDay certif.Date
		var proclaimed bool
		var mine int
		err := r.Scan(&x.ID, &x.RegistrationID, &x.CandidateID, &x.Qualification, &x.Block, &x.Attempt, dateCol{&x.CertifiableFrom}, &period, &status,
			dateCol{&x.DecidedOn}, &x.FromHistory, dateCol{&x.RegisteredOn}, &x.EmployerCode, &x.employerID, &x.employerBranch, &x.LateReason,
			&x.repeating, &x.deleted, dateCol{&juryDay}, &decision, &proclaimed, &mine)
		x.Period, _ = certif.ParseMonth(period)
		x.Status = certif.AttemptStatus(status)
		if mine == 0 { // a block capitalised under a registration the scope does not see (a former employer's): its result only
			x.AttemptFacts = certif.AttemptFacts{BlockAttempt: x.BlockAttempt, Elsewhere: true}
			x.RegistrationID, x.employerID = 0, 0
			return &x, err
		}
		if decision != "" {
			x.Decision = &certif.TimelineDecision{Jury: juryDay, Decision: certif.Decision(decision), Proclaimed: proclaimed}
		}
		return &x, err
	})
	idx := attemptIndex{list: list, byID: map[int64]*timelineAttempt{}}
	for _, a := range list {
		idx.byID[a.ID] = a
	}
	return idx, err
}

// timelineSessions gives the attempts their live professional jury the
// scope sees (the latest; a draft is the staff's) and its evaluation, with
// the day its proposal became final (the last confirmation, Paris time), in
// one query.
func (s *Store) timelineSessions(ctx context.Context, candidateID int64, sc Scope, idx attemptIndex) error {
	if len(idx.list) == 0 {
		return nil
	}
	where, args := sc.juryRows()
	rows, err := s.query(ctx, `SELECT sl.attempt_id, s.day, s.half, s.mode, s.remote_tool, s.status, sl.starts_at,
		COALESCE(ev.status, ''), COALESCE(ev.presence, ''), COALESCE(ev.proposal, ''),
		(SELECT COUNT(*) FROM evaluation_confirmations k WHERE k.slot_id = sl.id), (SELECT MAX(k.confirmed_at) FROM evaluation_confirmations k WHERE k.slot_id = sl.id)
		FROM jury_session_slots sl JOIN jury_sessions s ON s.id = sl.session_id JOIN block_attempts a ON a.id = sl.attempt_id
		LEFT JOIN evaluations ev ON ev.slot_id = sl.id
		WHERE a.candidate_id = ? AND s.status <> 'cancelled'`+where+` ORDER BY s.day, s.half, s.id`, append([]any{candidateID}, args...)...)
	_, err = collect(rows, err, func(r *sql.Rows) (int64, error) {
		var id int64
		var ss certif.TimelineSession
		var ev certif.EvaluationState
		var half, mode, tool, status, evStatus, presence, proposal string
		var final sql.NullString
		err := r.Scan(&id, dateCol{&ss.HalfDay.Day}, &half, &mode, &tool, &status, &ss.Start, &evStatus, &presence, &proposal, &ev.Confirmed, &final)
		ss.HalfDay.Half, ss.Mode, ss.Tool, ss.Status = certif.Half(half), certif.SessionMode(mode), certif.RemoteTool(tool), certif.SessionStatus(status)
		ev.Status, ev.Presence, ev.Proposal = certif.EvaluationStatus(evStatus), certif.Presence(presence), certif.Proposal(proposal)
		if a, ok := idx.byID[id]; ok && err == nil {
			a.Session, a.Evaluation, a.FinalOn = &ss, ev, certif.Date{}
			if t := parseStamp(final); !t.IsZero() && ev.Status == certif.EvaluationFinal {
				a.FinalOn = certif.DateOf(t.In(clock.Paris))
			}
		}
		return id, err
	})
	return err
}

// timelineCertificates gives the attempts their certificate (the valid one,
// else the last revoked; a replaced one is history) and returns the CQP
// certificates by qualification, in one query.
func (s *Store) timelineCertificates(ctx context.Context, candidateID int64, sc Scope, idx attemptIndex) (map[string]certif.TimelineCertificate, error) {
	where, args := sc.certificateRows()
	rows, err := s.query(ctx, `SELECT k.number, k.kind, k.code, COALESCE(k.attempt_id, 0), k.qualification_code, k.issued_on, k.status
		FROM certificates k WHERE k.candidate_id = ? AND k.status <> 'replaced'`+where+` ORDER BY k.status, k.issued_on, k.number`,
		append([]any{candidateID}, args...)...)
	awards := map[string]certif.TimelineCertificate{}
	_, err = collect(rows, err, func(r *sql.Rows) (string, error) {
		var c certif.TimelineCertificate
		var kind, qual, status string
		var attempt int64
		err := r.Scan(&c.Number, &kind, &c.Code, &attempt, &qual, dateCol{&c.IssuedOn}, &status)
		c.Revoked = status == "revoked"
		// Valid ones come last ("valid" > "revoked"): they win.
		if a, ok := idx.byID[attempt]; ok && kind == "CCP" {
			a.Certificate = &c
		} else if kind == "CQP" {
			awards[qual] = c
		}
		return c.Number, err
	})
	return awards, err
}

// timelineCollections gives the attempts of the collection-table route (R5)
// their employer's table for the campaign of their period, in one query.
func (s *Store) timelineCollections(ctx context.Context, cal *calendar.Calendar, quals []certif.Qualification, idx attemptIndex) error {
	byCode := map[string]certif.Qualification{}
	for _, q := range quals {
		byCode[q.Code] = q
	}
	type key struct {
		campaign certif.Month
		employer int64
	}
	wanted := map[*timelineAttempt]calendar.CollectionCampaign{}
	var employers []int64
	for _, a := range idx.list {
		reg := certif.Registration{Qualification: a.Qualification, Repeating: a.repeating, Deleted: a.deleted}
		if a.RegistrationID == 0 || !certif.InCollection(byCode[a.Qualification], a.employerBranch, reg) {
			continue
		}
		if cp, ok := cal.CampaignFor(a.Period); ok {
			wanted[a], employers = cp, append(employers, a.employerID)
		}
	}
	if len(wanted) == 0 {
		return nil
	}
	found := map[key]certif.CollectionReturn{}
	err := chunks(uniqueIDs(employers), func(part []int64) error {
		rows, err := s.query(ctx, collectionSelect+` WHERE cr.employer_id IN `+inList(len(part)), anys(part)...)
		list, err := collect(rows, err, scanCollection)
		for _, r := range list {
			found[key{r.Campaign, r.EmployerID}] = r
		}
		return err
	})
	for a, cp := range wanted {
		r, ok := found[key{cp.Name, a.employerID}]
		if !ok {
			r = certif.CollectionReturn{Campaign: cp.Name, EmployerID: a.employerID, EmployerCode: a.EmployerCode}
		}
		r.Deadline, r.ExamMonths = cp.Deadline, cp.ExamMonths
		a.Collection = &r
	}
	return err
}
