package demo_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"certibloc/internal/certif"
	"certibloc/internal/clock"
	"certibloc/internal/juries"
	"certibloc/internal/planner"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// TestTheDemoSeatsPossibleJuries: on 03/12/2026 the demo's past
// professional juries (the earlier cohort's and the jury held a fortnight
// ago) obey the rules of their composition, and the members of the pool
// share them (TestTheDemoLivesInItsToday checks the other days).
func TestTheDemoSeatsPossibleJuries(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		day := certif.MustDate("2026-12-03")
		loadAsServed(t, st, day)
		heldJuriesObeyTheRules(t, st, day)
		seated := map[int64]bool{}
		list, err := st.JurySessions(ctx, store.SessionFilter{Scope: store.All, To: day})
		if err != nil {
			t.Fatal(err)
		}
		for _, ss := range list {
			for _, m := range ss.Members {
				seated[m.MemberID] = true
			}
		}
		if len(seated) < 10 {
			t.Errorf("%d membres ont siégé dans les jurys passés", len(seated))
		}
	})
}

// heldJuriesObeyTheRules: every professional jury held before day passes the
// planner's checker (planner.Check on the instance juries.Instance builds:
// three distinct members, each holding the seat, the expert an expert of the
// CQP, none of a candidate's employer, the branch representative of the
// candidates' branch, one session a half-day per member, blocks observed at
// work in person at the candidate's employer, slots within the half-day),
// the members taken as free on those half-days (they gave no availability
// for the past). Besides, no member sits in two sessions whose hours
// overlap, a remote session has its connection link, every confirmation
// follows the start of its session, and each national jury's results are
// proclaimed after it sat.
func heldJuriesObeyTheRules(t *testing.T, st *store.Store, day certif.Date) {
	t.Helper()
	list, err := st.JurySessions(ctx, store.SessionFilter{Scope: store.All, To: day,
		Statuses: []certif.SessionStatus{certif.SessionHeld, certif.SessionClosed}})
	if err != nil || len(list) == 0 {
		t.Fatalf("séances tenues : %d %v", len(list), err)
	}
	from, to := list[0].HalfDay.Day, list[0].HalfDay.Day
	var halves []certif.HalfDay
	for _, ss := range list {
		if ss.HalfDay.Day.Before(from) {
			from = ss.HalfDay.Day
		}
		if ss.HalfDay.Day.After(to) {
			to = ss.HalfDay.Day
		}
		halves = append(halves, ss.HalfDay)
	}
	cal, err := st.Calendar(ctx)
	if err != nil {
		t.Fatal(err)
	}
	snap, err := st.SessionsSnapshot(ctx, from, to, from.AddDays(-1))
	if err != nil {
		t.Fatal(err)
	}
	for i := range snap.Members {
		snap.Members[i].Available = halves
	}
	built := juries.Instance(snap, cal, from.AddDays(-1))
	key := func(id int64) string {
		for _, m := range built.Instance.Members {
			if strings.HasSuffix(m.ID, fmt.Sprintf("(n° %d)", id)) {
				return m.ID
			}
		}
		return fmt.Sprintf("membre n° %d hors du vivier actif", id)
	}
	plan := planner.Plan{Unplaced: []planner.Unplaced{}}
	placed := map[string]bool{}
	for _, ss := range list {
		ps := planner.Session{ID: strconv.FormatInt(ss.ID, 10), Date: ss.HalfDay.Day.String(), Half: string(ss.HalfDay.Half), Mode: planner.ModeRemote,
			Qualification: ss.Qualification, Slots: []planner.Slot{},
			Members: planner.Jury{Certifier: key(ss.Members[0].MemberID), Expert: key(ss.Members[1].MemberID), Branch: key(ss.Members[2].MemberID)}}
		if ss.Mode == certif.ModeEmployer {
			ps.Mode, ps.Employer = planner.ModeInPerson, ss.EmployerCode
		}
		for _, sl := range ss.Slots {
			ps.Slots = append(ps.Slots, planner.Slot{Attempt: strconv.FormatInt(sl.AttemptID, 10), Start: sl.Start})
			placed[strconv.FormatInt(sl.AttemptID, 10)] = true
		}
		plan.Sessions = append(plan.Sessions, ps)
	}
	for _, a := range built.Instance.Attempts {
		if !placed[a.ID] {
			plan.Unplaced = append(plan.Unplaced, planner.Unplaced{Attempt: a.ID, Reason: "hors des séances tenues"})
		}
	}
	for _, v := range planner.Check(built.Instance, plan) {
		t.Errorf("séance n° %s : %s", v.Session, v.Message)
	}
	members, err := st.JuryMembers(ctx, store.JuryMemberFilter{Scope: store.All})
	if err != nil {
		t.Fatal(err)
	}
	employerOf := map[int64]int64{}
	for _, m := range members {
		employerOf[m.ID] = m.EmployerID
	}
	type sitting struct {
		title      string
		start, end time.Time
	}
	sits := map[int64][]sitting{}
	for _, ss := range list {
		start, end := sessionSpan(ss)
		if ss.Mode == certif.ModeRemote && !certif.ValidLink(ss.Link) {
			t.Errorf("séance %s à distance sans lien de connexion : %q", ss.Title(), ss.Link)
		}
		for _, m := range ss.Members {
			for _, other := range sits[m.MemberID] {
				if start.Before(other.end) && other.start.Before(end) {
					t.Errorf("%s siège à la même heure dans %s et %s", m.Name, other.title, ss.Title())
				}
			}
			sits[m.MemberID] = append(sits[m.MemberID], sitting{ss.Title(), start, end})
			for _, sl := range ss.Slots {
				if e := employerOf[m.MemberID]; e != 0 && e == sl.EmployerID {
					t.Errorf("%s évalue %s, candidat de son employeur (séance %s)", m.Name, sl.CandidateName, ss.Title())
				}
			}
		}
		for _, sl := range ss.Slots {
			sheet, err := st.EvaluationSheet(ctx, sl.ID, store.All)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range sheet.Evaluation.Confirmations {
				if c.At.Before(start) || c.At.After(day.AddDays(1).Time()) {
					t.Errorf("%s a confirmé l'évaluation de %s le %s, séance %s de %s à %s", c.Name, sl.CandidateName, clock.FormatParis(c.At),
						ss.Title(), certif.ClockOf(start.In(clock.Paris)), certif.ClockOf(end.In(clock.Paris)))
				}
			}
		}
	}
	proclaimed, err := st.Proclamations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range cal.JuriesWithCutoffs(0) {
		p, ok := proclaimed[j.Date]
		if end := clock.ParisAt(j.Date, j.End); ok && p.ProclaimedAt.Before(end) {
			t.Errorf("jury national du %s (%s – %s) proclamé le %s", j.Date.French(), j.Start, j.End, clock.FormatParis(p.ProclaimedAt))
		}
	}
}

// sessionSpan is when a session sits: from its first slot's start to its
// last slot's end.
func sessionSpan(ss certif.JurySession) (start, end time.Time) {
	for i, sl := range ss.Slots {
		s, e := clock.ParisAt(ss.HalfDay.Day, sl.Start), clock.ParisAt(ss.HalfDay.Day, sl.End())
		if i == 0 || s.Before(start) {
			start = s
		}
		if i == 0 || e.After(end) {
			end = e
		}
	}
	return start, end
}

// TestTheDemosTakenOverBlocksPrecedeItsOwnJuries: the blocks the demo takes
// over from myCertif were validated before the first national jury the
// platform itself deliberated, never on or after it.
func TestTheDemosTakenOverBlocksPrecedeItsOwnJuries(t *testing.T) {
	t.Parallel()
	st := storetest.Open(t, "sqlite")
	loadAsServed(t, st, certif.MustDate("2026-12-03"))
	list, _, err := st.Candidates(ctx, store.CandidateFilter{Scope: store.All, PerPage: 1000})
	if err != nil {
		t.Fatal(err)
	}
	var lastTakenOver, firstOwn certif.Date
	for _, c := range list {
		blocks, err := st.ValidatedBlocks(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range blocks {
			switch {
			case b.FromHistory && b.DecidedOn.After(lastTakenOver):
				lastTakenOver = b.DecidedOn
			case !b.FromHistory && (firstOwn.IsZero() || b.DecidedOn.Before(firstOwn)):
				firstOwn = b.DecidedOn
			}
		}
	}
	if lastTakenOver.IsZero() || firstOwn.IsZero() || !lastTakenOver.Before(firstOwn) {
		t.Errorf("bloc repris de myCertif validé le %s, premier jury national de la plateforme le %s", lastTakenOver.French(), firstOwn.French())
	}
}
