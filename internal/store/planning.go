package store

import (
	"context"
	"database/sql"
	"slices"

	"certibloc/internal/certif"
)

// PlanningSnapshot is what the planner needs from the database to plan a
// window of days, read in batches outside any transaction (planning never
// holds the writer while it computes).
type PlanningSnapshot struct {
	From, To       certif.Date
	Qualifications map[string]certif.Qualification
	BranchTools    map[string]string // branch → tool of its remote juries (R12)
	BranchLinks    map[string]string // branch → its standing video room, if any
	Employers      map[int64]PlanningEmployer
	Attempts       []PlanningAttempt          // registered, certifiable by To, not held by a kept session
	Holds          []certif.CollectionHold    // R5 blocks of the employers of those attempts
	Members        []PlanningMember           // active members
	Kept           []certif.JurySession       // live sessions of the window the planner keeps (locked, convened or later)
	Replaced       []int64                    // unlocked drafts of the window: a new plan replaces them
	Candidates     map[int64]certif.Candidate // of the attempts, for their identity check (R8, R16)
}

// PlanningEmployer is an employer of candidates to plan, with its sites.
type PlanningEmployer struct {
	ID     int64
	Code   string
	Branch string
	Sites  []EmployerSite
}

// PlanningAttempt is a block attempt waiting for its professional jury.
type PlanningAttempt struct {
	Attempt      certif.BlockAttempt
	Registration certif.Registration // without its health data
	ExtraMinutes int                 // granted by the certifier (R15)
}

// PlanningMember is an active member with their availability in the window,
// less the half-days they already sit, and the sessions they already hold in
// the year of the window.
type PlanningMember struct {
	certif.JuryMember
	Available []certif.HalfDay
	Sessions  int
}

// PlanningSnapshot reads what planning the window [from, to] needs: the
// attempts to plan and the drafts a new plan replaces.
func (s *Store) PlanningSnapshot(ctx context.Context, from, to, today certif.Date) (PlanningSnapshot, error) {
	return s.planningSnapshot(ctx, from, to, today, false)
}

// SessionsSnapshot reads the window as it stands, to check its sessions by
// hand-made changes: every live session of the window is kept, with the
// attempts it holds, and the members' availability is whole in the window.
func (s *Store) SessionsSnapshot(ctx context.Context, from, to, today certif.Date) (PlanningSnapshot, error) {
	return s.planningSnapshot(ctx, from, to, today, true)
}

func (s *Store) planningSnapshot(ctx context.Context, from, to, today certif.Date, keepAll bool) (PlanningSnapshot, error) {
	snap := PlanningSnapshot{From: from, To: to, Qualifications: map[string]certif.Qualification{}, BranchTools: map[string]string{}, BranchLinks: map[string]string{},
		Employers: map[int64]PlanningEmployer{}, Candidates: map[int64]certif.Candidate{}}
	quals, err := s.Qualifications(ctx, false)
	if err != nil {
		return snap, err
	}
	for _, q := range quals {
		snap.Qualifications[q.Code] = q
	}
	branches, err := s.Branches(ctx)
	if err != nil {
		return snap, err
	}
	for _, b := range branches {
		snap.BranchTools[b.Code], snap.BranchLinks[b.Code] = b.RemoteTool, b.RemoteLink
	}
	live, err := s.JurySessions(ctx, SessionFilter{Scope: All, From: from.AddDays(-366), To: to.AddDays(366),
		Statuses: []certif.SessionStatus{certif.SessionDraft, certif.SessionConvened, certif.SessionHeld, certif.SessionClosed}})
	if err != nil {
		return snap, err
	}
	busy, load := map[int64]map[certif.HalfDay]bool{}, map[int64]int{}
	for _, ss := range live {
		inWindow := !ss.HalfDay.Day.Before(from) && !ss.HalfDay.Day.After(to)
		switch {
		case inWindow && ss.Movable() && !keepAll:
			snap.Replaced = append(snap.Replaced, ss.ID)
			continue
		case inWindow:
			snap.Kept = append(snap.Kept, ss)
		}
		if inWindow && keepAll {
			continue
		}
		for _, m := range ss.Members {
			if busy[m.MemberID] == nil {
				busy[m.MemberID] = map[certif.HalfDay]bool{}
			}
			busy[m.MemberID][ss.HalfDay] = true
			if ss.HalfDay.Day.Year() == from.Year() {
				load[m.MemberID]++
			}
		}
	}
	if err := s.planningAttempts(ctx, &snap, keepAll); err != nil {
		return snap, err
	}
	if err := s.planningMembers(ctx, &snap, busy, load); err != nil {
		return snap, err
	}
	return snap, s.planningEmployers(ctx, &snap, today)
}

// planningAttempts reads the attempts to plan: registered, certifiable by the
// window's end, of a live registration, in no live session but the drafts a
// new plan replaces; with their registration, candidate and extra time. With
// keepAll, the attempts the window's live sessions hold instead.
func (s *Store) planningAttempts(ctx context.Context, snap *PlanningSnapshot, keepAll bool) error {
	where, args := `a.status = 'registered' AND r.deleted_at IS NULL AND a.certifiable_from <= ?
		AND NOT EXISTS (SELECT 1 FROM jury_session_slots sl JOIN jury_sessions js ON js.id = sl.session_id
			WHERE sl.attempt_id = a.id AND js.status <> 'cancelled'
			AND NOT (js.status = 'draft' AND js.locked = FALSE AND js.day >= ? AND js.day <= ?))`, []any{snap.To, snap.From, snap.To}
	if keepAll {
		where, args = `EXISTS (SELECT 1 FROM jury_session_slots sl JOIN jury_sessions js ON js.id = sl.session_id
			WHERE sl.attempt_id = a.id AND js.status <> 'cancelled' AND js.day >= ? AND js.day <= ?)`, []any{snap.From, snap.To}
	}
	rows, err := s.query(ctx, `SELECT a.id, a.registration_id, a.candidate_id, a.qualification_code, a.block_number, a.attempt,
		a.certifiable_from, a.period, a.status, COALESCE(g.extra_minutes, 0)
		FROM block_attempts a JOIN registrations r ON r.id = a.registration_id LEFT JOIN adjustment_grants g ON g.registration_id = r.id
		WHERE `+where+` ORDER BY a.certifiable_from, a.candidate_id, a.id`, args...)
	list, err := collect(rows, err, func(r *sql.Rows) (PlanningAttempt, error) {
		var p PlanningAttempt
		var period, status string
		err := r.Scan(&p.Attempt.ID, &p.Attempt.RegistrationID, &p.Attempt.CandidateID, &p.Attempt.Qualification, &p.Attempt.Block,
			&p.Attempt.Attempt, dateCol{&p.Attempt.CertifiableFrom}, &period, &status, &p.ExtraMinutes)
		p.Attempt.Period, _ = certif.ParseMonth(period)
		p.Attempt.Status = certif.AttemptStatus(status)
		return p, err
	})
	if err != nil {
		return err
	}
	regIDs, candIDs := []int64{}, []int64{}
	for _, p := range list {
		regIDs, candIDs = append(regIDs, p.Attempt.RegistrationID), append(candIDs, p.Attempt.CandidateID)
	}
	regs := map[int64]certif.Registration{}
	err = chunks(uniqueIDs(regIDs), func(part []int64) error {
		rows, err := s.query(ctx, registrationSelect+` AND r.id IN `+inList(len(part)), anys(part)...)
		found, err := collect(rows, err, scanRegistration)
		for _, g := range found {
			regs[g.ID] = g.WithoutHealthData()
		}
		return err
	})
	if err != nil {
		return err
	}
	err = chunks(uniqueIDs(candIDs), func(part []int64) error {
		rows, err := s.query(ctx, candidateSelect+` AND c.id IN `+inList(len(part)), anys(part)...)
		found, err := collect(rows, err, scanCandidate)
		for _, c := range found {
			snap.Candidates[c.ID] = c
		}
		return err
	})
	for i := range list {
		list[i].Registration = regs[list[i].Attempt.RegistrationID]
	}
	snap.Attempts = list
	return err
}

// planningMembers reads the active members with their availability in the
// window, less the half-days they already sit (busy), and their load.
func (s *Store) planningMembers(ctx context.Context, snap *PlanningSnapshot, busy map[int64]map[certif.HalfDay]bool, load map[int64]int) error {
	members, err := s.JuryMembers(ctx, JuryMemberFilter{Scope: All, Status: certif.MemberActive})
	if err != nil {
		return err
	}
	rows, err := s.query(ctx, `SELECT member_id, day, half FROM jury_availability WHERE day >= ? AND day <= ? ORDER BY member_id, day, half`, snap.From, snap.To)
	type free struct {
		member int64
		hd     certif.HalfDay
	}
	avail, err := collect(rows, err, func(r *sql.Rows) (free, error) {
		var f free
		var half string
		err := r.Scan(&f.member, dateCol{&f.hd.Day}, &half)
		f.hd.Half = certif.Half(half)
		return f, err
	})
	if err != nil {
		return err
	}
	byMember := map[int64][]certif.HalfDay{}
	for _, f := range avail {
		if !busy[f.member][f.hd] {
			byMember[f.member] = append(byMember[f.member], f.hd)
		}
	}
	for _, m := range members {
		snap.Members = append(snap.Members, PlanningMember{JuryMember: m, Available: byMember[m.ID], Sessions: load[m.ID]})
	}
	return nil
}

// planningEmployers reads the employers of the attempts and of the members,
// with their sites, and the R5 blocks of the first.
func (s *Store) planningEmployers(ctx context.Context, snap *PlanningSnapshot, today certif.Date) error {
	ids := []int64{}
	for _, p := range snap.Attempts {
		ids = append(ids, p.Registration.EmployerID)
	}
	withAttempts := uniqueIDs(ids)
	for _, m := range snap.Members {
		if m.EmployerID != 0 {
			ids = append(ids, m.EmployerID)
		}
	}
	sites, err := s.AllEmployerSites(ctx)
	if err != nil {
		return err
	}
	err = chunks(uniqueIDs(ids), func(part []int64) error {
		rows, err := s.query(ctx, `SELECT id, code, branch_code FROM employers WHERE id IN `+inList(len(part)), anys(part)...)
		found, err := collect(rows, err, func(r *sql.Rows) (PlanningEmployer, error) {
			var e PlanningEmployer
			return e, r.Scan(&e.ID, &e.Code, &e.Branch)
		})
		for _, e := range found {
			e.Sites = sites[e.ID]
			snap.Employers[e.ID] = e
		}
		return err
	})
	if err != nil {
		return err
	}
	for _, id := range withAttempts {
		holds, err := s.CollectionHolds(ctx, id, today)
		if err != nil {
			return err
		}
		snap.Holds = append(snap.Holds, holds...)
	}
	return nil
}

// uniqueIDs returns ids sorted, without repeats.
func uniqueIDs(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}
