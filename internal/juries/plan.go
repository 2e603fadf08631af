package juries

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"

	"certibloc/internal/certif"
	"certibloc/internal/planner"
	"certibloc/internal/store"
)

// MaxWindowDays bounds the window of one planning run: a year.
const MaxWindowDays = 366

// CheckWindow refuses a window that is empty, reversed, in the past or
// longer than a year, naming the field.
func CheckWindow(from, to, today certif.Date) error {
	var v certif.Validation
	switch {
	case from.IsZero():
		v.Add("from", "Date de début obligatoire (jj/mm/aaaa).")
	case !from.After(today):
		v.Add("from", "La planification commence au plus tôt demain.")
	}
	switch {
	case to.IsZero():
		v.Add("to", "Date de fin obligatoire (jj/mm/aaaa).")
	case !from.IsZero() && to.Before(from):
		v.Add("to", "La fin de la période est avant son début.")
	case !from.IsZero() && to.After(from.AddDays(MaxWindowDays-1)):
		v.Add("to", "Une planification porte sur un an au plus.")
	}
	return v.Err()
}

// Planned is the result of planning a window, before it is saved.
type Planned struct {
	Built    Built
	Plan     planner.Plan
	Sessions []certif.JurySession
	Unplaced []store.UnplacedAttempt
}

// Compute reads the window and plans it, writing nothing: the command line's
// `plan --from --to` and the API's dry part. Deterministic for the same
// database and day.
func Compute(ctx context.Context, st *store.Store, from, to, today certif.Date) (Planned, error) {
	if err := CheckWindow(from, to, today); err != nil {
		return Planned{}, err
	}
	cal, err := st.Calendar(ctx)
	if err != nil {
		return Planned{}, err
	}
	snap, err := st.PlanningSnapshot(ctx, from, to, today)
	if err != nil {
		return Planned{}, err
	}
	built := Instance(snap, cal, today)
	if len(built.Instance.NationalJuries) == 0 {
		return Planned{}, &certif.Error{Code: certif.EInvalid, Message: "Aucun jury national n'est fixé au calendrier après le " + from.French() + ".",
			Fields: map[string]string{"to": fmt.Sprintf("Aucun jury national n'est fixé au calendrier après le %s : ajoutez ceux de %d (page Calendrier) avant de planifier.", from.French(), from.Year())}}
	}
	plan := planner.Solve(built.Instance)
	out := Planned{Built: built, Plan: plan, Unplaced: slices.Clone(built.Ineligible)}
	for _, u := range plan.Unplaced {
		id, _ := strconv.ParseInt(u.Attempt, 10, 64)
		out.Unplaced = append(out.Unplaced, store.UnplacedAttempt{AttemptID: id, Reason: u.Reason})
	}
	slices.SortFunc(out.Unplaced, func(a, b store.UnplacedAttempt) int { return cmp.Compare(a.AttemptID, b.AttemptID) })
	out.Sessions = built.sessions(plan, snap)
	return out, nil
}

// Plan plans a window and saves the drafts: the computation runs outside any
// transaction, then one short transaction replaces the window's unlocked
// drafts (locked and convened sessions stay as they are) if nothing moved
// meanwhile.
func Plan(ctx context.Context, st *store.Store, by store.Caller, from, to, today certif.Date) (store.PlanningRun, Planned, error) {
	p, err := Compute(ctx, st, from, to, today)
	if err != nil {
		return store.PlanningRun{}, p, err
	}
	run, err := st.SavePlan(ctx, by, p.Built.Snapshot, p.Sessions, p.Unplaced)
	return run, p, err
}

// sessions turns the planner's sessions into drafts: remote ones with their
// branch's tool and standing room (R12), in-person ones at the employer's
// site whose opening hours the planner used (R18).
func (b *Built) sessions(plan planner.Plan, snap store.PlanningSnapshot) []certif.JurySession {
	seat := map[string]certif.JuryRole{planner.RoleCertifier: certif.JuryCertifierRep, planner.RoleExpert: certif.JuryExpert, planner.RoleBranch: certif.JuryBranchRep}
	var out []certif.JurySession
	for _, ps := range plan.Sessions {
		day, _ := certif.ParseDate(ps.Date)
		ss := certif.JurySession{Qualification: ps.Qualification, HalfDay: certif.HalfDay{Day: day, Half: certif.Half(ps.Half)}, Status: certif.SessionDraft}
		for i, role := range []string{planner.RoleCertifier, planner.RoleExpert, planner.RoleBranch} {
			id := map[string]string{planner.RoleCertifier: ps.Members.Certifier, planner.RoleExpert: ps.Members.Expert, planner.RoleBranch: ps.Members.Branch}[role]
			m := b.members[id]
			ss.Members[i] = certif.SessionMember{Role: seat[role], MemberID: m.ID, Name: m.Name(), Email: m.Email}
		}
		var branch string
		for _, sl := range ps.Slots {
			a := b.attempts[sl.Attempt]
			extra := a.ExtraMinutes
			q := snap.Qualifications[a.Attempt.Qualification]
			bl, _ := q.Block(a.Attempt.Block)
			ss.Slots = append(ss.Slots, certif.Slot{AttemptID: a.Attempt.ID, CandidateID: a.Attempt.CandidateID, EmployerID: a.Registration.EmployerID,
				Block: a.Attempt.Block, Start: sl.Start, Minutes: cmp.Or(bl.Minutes, certif.DefaultBlockMinutes) + extra, ExtraMinutes: extra})
			branch = snap.Employers[a.Registration.EmployerID].Branch
		}
		if ps.Mode == planner.ModeInPerson {
			e := b.employers[ps.Employer]
			ss.Mode, ss.EmployerID, ss.EmployerCode, ss.SiteID = certif.ModeEmployer, e.ID, e.Code, b.sites[e.Code]
		} else {
			ss.Mode, ss.RemoteTool = certif.ModeRemote, certif.DefaultRemoteTool(snap.BranchTools[branch])
			ss.Link = snap.BranchLinks[branch]
		}
		out = append(out, ss)
	}
	return out
}
