package juries

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"certibloc/internal/certif"
	"certibloc/internal/planner"
	"certibloc/internal/store"
)

// sessionKey is a stored session's identifier in a checked plan, as the
// checker's French sentences name it.
func sessionKey(id int64) string { return "n° " + strconv.FormatInt(id, 10) }

// CheckChanges checks sessions the office changed by hand with the planner's
// one checker (the same hard constraints as the planner's): the window of
// their days is read as it stands, the changed sessions replace their stored
// selves, and every breach that concerns one of them is refused, in French,
// all at once. Nil when the change holds.
func CheckChanges(ctx context.Context, st *store.Store, today certif.Date, changed ...certif.JurySession) error {
	if len(changed) == 0 {
		return nil
	}
	from, to := changed[0].HalfDay.Day, changed[0].HalfDay.Day
	for _, ss := range changed {
		from, to = earliest(from, ss.HalfDay.Day), latest(to, ss.HalfDay.Day)
	}
	cal, err := st.Calendar(ctx)
	if err != nil {
		return err
	}
	snap, err := st.SessionsSnapshot(ctx, from, to, today)
	if err != nil {
		return err
	}
	built := Instance(snap, cal, from.AddDays(-1))
	sessions := map[int64]certif.JurySession{}
	for _, ss := range snap.Kept {
		sessions[ss.ID] = ss
	}
	concerned := map[string]bool{}
	for _, ss := range changed {
		sessions[ss.ID], concerned[sessionKey(ss.ID)] = ss, true
	}
	plan := planner.Plan{Unplaced: []planner.Unplaced{}}
	placed := map[string]bool{}
	for _, id := range sortedIDs(sessions) {
		ss := sessions[id]
		if !ss.Status.Live() {
			continue
		}
		ps := built.plannerSession(ss)
		for _, sl := range ps.Slots {
			placed[sl.Attempt] = true
		}
		plan.Sessions = append(plan.Sessions, ps)
	}
	for _, a := range built.Instance.Attempts {
		if !placed[a.ID] {
			plan.Unplaced = append(plan.Unplaced, planner.Unplaced{Attempt: a.ID, Reason: "hors de ces séances"})
		}
	}
	var problems []string
	for _, v := range planner.Check(built.Instance, plan) {
		if concerned[v.Session] && !slices.Contains(problems, v.Message) {
			problems = append(problems, v.Message)
		}
	}
	if len(problems) == 0 {
		return nil
	}
	return &certif.Error{Code: certif.EInvalid, Message: "Cette modification enfreint les règles de composition des jurys : " + strings.Join(problems, " "),
		Fields: map[string]string{"": strings.Join(problems, " ")}}
}

// plannerSession writes a stored session as the checker reads it. A session
// at an Institut 4.10 site has no employer's opening hours to respect: it is
// checked as the remote ones are.
func (b *Built) plannerSession(ss certif.JurySession) planner.Session {
	ps := planner.Session{ID: sessionKey(ss.ID), Date: ss.HalfDay.Day.String(), Half: string(ss.HalfDay.Half), Mode: planner.ModeRemote,
		Qualification: ss.Qualification, Slots: []planner.Slot{}}
	if ss.Mode == certif.ModeEmployer {
		ps.Mode, ps.Employer = planner.ModeInPerson, ss.EmployerCode
	}
	seat := func(r certif.JuryRole) string {
		id := ss.Member(r).MemberID
		if k, ok := b.memberKeys[id]; ok {
			return k
		}
		return fmt.Sprintf("membre n° %d (inactif ou sans séance restante)", id)
	}
	ps.Members = planner.Jury{Certifier: seat(certif.JuryCertifierRep), Expert: seat(certif.JuryExpert), Branch: seat(certif.JuryBranchRep)}
	for _, sl := range ss.Slots {
		ps.Slots = append(ps.Slots, planner.Slot{Attempt: attemptKey(sl.AttemptID), Start: sl.Start})
	}
	return ps
}

// earliest is the earlier of two dates.
func earliest(a, b certif.Date) certif.Date {
	if b.Before(a) {
		return b
	}
	return a
}

func sortedIDs[V any](m map[int64]V) []int64 {
	ids := make([]int64, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}
