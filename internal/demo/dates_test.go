package demo_test

import (
	"crypto/ed25519"
	"crypto/rand"
	"strconv"
	"testing"
	"time"

	"certibloc/internal/calendar"
	"certibloc/internal/campaign"
	"certibloc/internal/certif"
	"certibloc/internal/certificate"
	"certibloc/internal/clock"
	"certibloc/internal/demo"
	"certibloc/internal/seed"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// loadAsServed loads the demo with its history for day as serve wires it:
// the store's timestamps on that day, the certificates coded.
func loadAsServed(t *testing.T, st *store.Store, day certif.Date) {
	t.Helper()
	st.SetClock(clock.Fixed(day).Now)
	_, key, _ := ed25519.GenerateKey(rand.Reader)
	st.SetCertificateIssuer(certificate.Issuer{Key: key})
	if _, err := demo.LoadWith(ctx, st, day, demo.Options{History: true}); err != nil {
		t.Fatal(err)
	}
}

// paris is the day an instant falls on in Paris.
func paris(at interface {
	In(*time.Location) time.Time
}) certif.Date {
	return certif.DateOf(at.In(clock.Paris))
}

// TestTheDemoReadsInOrder: loaded for its today as serve wires it (the
// store's timestamps on that day), the demo writes nothing after today, a
// candidate exists before being registered, a collection table is sent
// before it returns, and each past national jury is proclaimed on its day.
func TestTheDemoReadsInOrder(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		day := certif.MustDate("2026-12-02")
		loadAsServed(t, st, day)
		readsInOrder(t, st, day)
	})
}

func readsInOrder(t *testing.T, st *store.Store, day certif.Date) {
	t.Helper()
	var events []certif.AuditEvent
	for _, entity := range []string{"", "candidate", "registration"} { // the newest 1,000 of all, and these two whole
		list, err := st.AuditEvents(ctx, store.Viewer{Role: certif.RoleOffice, Scope: store.All}, store.AuditFilter{Entity: entity, Limit: 1000})
		if err != nil || len(list) == 0 || len(list) == 1000 && entity != "" {
			t.Fatalf("journal %q : %d événements, %v", entity, len(list), err)
		}
		events = append(events, list...)
	}
	created, registered := map[int64]certif.Date{}, map[int64]certif.Date{}
	for _, e := range events {
		on := paris(e.At)
		if on.After(day) {
			t.Errorf("écrit après le %s : %+v", day.French(), e)
		}
		switch {
		case e.Entity == "candidate" && e.Action == "create":
			id, _ := strconv.ParseInt(e.EntityKey, 10, 64)
			created[id] = on
		case e.Entity == "registration" && e.Action == "create":
			if first, ok := registered[e.CandidateID]; !ok || on.Before(first) {
				registered[e.CandidateID] = on
			}
		}
	}
	for id, on := range registered {
		if c, ok := created[id]; !ok || on.Before(c) {
			t.Errorf("candidat %d inscrit le %s, créé le %s", id, on.French(), c.French())
		}
	}
	cal, err := st.Calendar(ctx)
	if err != nil {
		t.Fatal(err)
	}
	returned := 0
	for _, cp := range cal.Campaigns(0) {
		list, err := st.CollectionReturns(ctx, cp, store.All)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range list {
			if r.ReturnedAt.IsZero() {
				continue
			}
			returned++
			if r.SentAt.IsZero() || r.ReturnedAt.Before(r.SentAt) || paris(r.ReturnedAt) != r.ReturnedOn {
				t.Errorf("tableau de %s (campagne %s) envoyé le %v, retourné le %v (jour %s)", r.EmployerCode, cp.Name, r.SentAt, r.ReturnedAt, r.ReturnedOn.French())
			}
		}
	}
	if returned == 0 {
		t.Error("aucun tableau retourné dans la démonstration")
	}
	proclaimed, err := st.Proclamations(ctx)
	if err != nil || len(proclaimed) != 2 {
		t.Fatalf("proclamations : %v %v", proclaimed, err)
	}
	for jury, p := range proclaimed {
		if paris(p.ProclaimedAt) != jury {
			t.Errorf("jury du %s proclamé le %s", jury.French(), paris(p.ProclaimedAt).French())
		}
	}
}

// TestTheDemoLivesInItsToday: built for days of other years than the shipped
// calendar's (before it, at the start of a year, before August, on a
// deadline, two years on), the demo reads in order and shows, around its
// today, what it shows in 2026: the calendar of the year before, the year and
// the next, derived from the shipped one; a campaign past its deadline with
// tables back on time, late and missing, the next one to close launched with
// tables back and awaited; professional juries held a fortnight ago, and
// sessions planned and convened after today; the last two national juries
// proclaimed and the next one with its cases to deliberate.
func TestTheDemoLivesInItsToday(t *testing.T) {
	t.Parallel()
	shipped, err := seed.Calendar()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"2025-06-16", "2026-01-12", "2027-07-20", "2027-09-30", "2028-06-01"} {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			storetest.Each(t, func(t *testing.T, st *store.Store) {
				day := certif.MustDate(d)
				loadAsServed(t, st, day)
				readsInOrder(t, st, day)
				cal, err := st.Calendar(ctx)
				if err != nil {
					t.Fatal(err)
				}
				calendarAround(t, cal, shipped, day)
				campaignsAround(t, st, cal, day)
				sessionsAround(t, st, day)
				heldJuriesObeyTheRules(t, st, day)
				nationalJuriesAround(t, st, cal, day)
			})
		})
	}
}

// calendarAround: the year before today, today's and the next each have
// their national juries (those of the shipped calendar, on the same weekdays
// within a few days of the same dates, on working days), campaigns and exam
// months; the periods the calendar knows reach them.
func calendarAround(t *testing.T, cal *calendar.Calendar, shipped calendar.Config, day certif.Date) {
	t.Helper()
	first, last := cal.KnownYears()
	if first > day.Year()-1 || last < day.Year()+1 {
		t.Errorf("années connues du calendrier : %d à %d", first, last)
	}
	for y := day.Year() - 1; y <= day.Year()+1; y++ {
		juries := cal.Juries(y)
		if len(juries) != len(shipped.Juries) || len(cal.Campaigns(y)) != len(shipped.Campaigns) || !cal.ExamMonthsConfigured(y) {
			t.Errorf("calendrier %d : %d jurys nationaux, %d campagnes, mois d'examen saisis %v", y, len(juries), len(cal.Campaigns(y)), cal.ExamMonthsConfigured(y))
			continue
		}
		for i, j := range juries {
			model := shipped.Juries[i].Date
			gap := j.Date.Time().Sub(certif.NewDate(y, model.Month(), model.Day()).Time()).Hours() / 24
			if j.Date.Weekday() != model.Weekday() || gap < -10 || gap > 10 || !cal.IsWorkingDay(j.Date) || j.Start != shipped.Juries[i].Start {
				t.Errorf("jury national du %s (%s %s), modèle %s %s", j.Date.French(), certif.FrenchWeekday(j.Date.Weekday()), j.Start,
					certif.FrenchWeekday(model.Weekday()), model.French())
			}
		}
	}
}

// campaignsAround: every campaign past its deadline sent its tables; the
// latest has them back on time, late and missing, the next to close has
// them back and awaited.
func campaignsAround(t *testing.T, st *store.Store, cal *calendar.Calendar, day certif.Date) {
	t.Helper()
	var past, next *calendar.CollectionCampaign
	for _, cp := range cal.Campaigns(0) {
		b, err := campaign.BuildBoard(ctx, st, cp, day)
		if err != nil {
			t.Fatal(err)
		}
		if cp.Deadline.Before(day) && b.Count(certif.CollectionNotSent) > 0 {
			t.Errorf("campagne %s, close le %s : %d tableaux non envoyés", cp.Name, cp.Deadline.French(), b.Count(certif.CollectionNotSent))
		}
		switch {
		case cp.Deadline.Before(day) && (past == nil || cp.Deadline.After(past.Deadline)):
			past = &cp
		case !cp.Deadline.Before(day) && (next == nil || cp.Deadline.Before(next.Deadline)):
			next = &cp
		}
	}
	if past == nil || next == nil {
		t.Fatalf("campagnes autour du %s : dernière close %v, prochaine %v", day.French(), past, next)
	}
	for _, c := range []struct {
		cp   *calendar.CollectionCampaign
		want []certif.CollectionStatus
	}{
		{past, []certif.CollectionStatus{certif.CollectionReturned, certif.CollectionLate, certif.CollectionMissing}},
		{next, []certif.CollectionStatus{certif.CollectionReturned, certif.CollectionPending}},
	} {
		b, err := campaign.BuildBoard(ctx, st, *c.cp, day)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range c.want {
			if b.Count(s) == 0 || b.Count(certif.CollectionNotSent) > 0 {
				t.Errorf("campagne %s (date limite %s) : %d « %s », %d non envoyés sur %d employeurs", c.cp.Name, c.cp.Deadline.French(),
					b.Count(s), s.Label(), b.Count(certif.CollectionNotSent), len(b.Rows))
			}
		}
	}
}

// sessionsAround: professional juries held in the weeks before today, one
// closed and one waiting, none after; sessions convened and drafted after
// today, none before.
func sessionsAround(t *testing.T, st *store.Store, day certif.Date) {
	t.Helper()
	list, err := st.JurySessions(ctx, store.SessionFilter{Scope: store.All})
	if err != nil {
		t.Fatal(err)
	}
	byStatus := map[certif.SessionStatus]int{}
	for _, ss := range list {
		planned := ss.Status == certif.SessionDraft || ss.Status == certif.SessionConvened
		if planned != ss.HalfDay.Day.After(day) {
			t.Errorf("séance %s (%s) le %s", ss.Title(), ss.Status, ss.HalfDay.Day.French())
		}
		if planned || ss.HalfDay.Day.After(day.AddDays(-45)) {
			byStatus[ss.Status]++
		}
	}
	for _, s := range []certif.SessionStatus{certif.SessionClosed, certif.SessionHeld, certif.SessionConvened, certif.SessionDraft} {
		if byStatus[s] == 0 {
			t.Errorf("séances autour du %s : %v", day.French(), byStatus)
		}
	}
}

// nationalJuriesAround: the last two national juries before today are
// proclaimed, the next one has cases, and every case waits for it.
func nationalJuriesAround(t *testing.T, st *store.Store, cal *calendar.Calendar, day certif.Date) {
	t.Helper()
	juries := cal.JuriesWithCutoffs(0)
	next := 0
	var cutoffs []certif.Date
	for i, j := range juries {
		if j.Date.Before(day) {
			next = i + 1
		}
		cutoffs = append(cutoffs, j.Cutoff)
	}
	proclaimed, err := st.Proclamations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range juries[next-2 : next] {
		if _, ok := proclaimed[j.Date]; !ok {
			t.Errorf("jury national du %s non proclamé : %v", j.Date.French(), proclaimed)
		}
	}
	cases, err := st.NationalCases(ctx, store.All)
	if err != nil || len(cases) == 0 {
		t.Fatalf("cas du jury national du %s : %d %v", juries[next].Date.French(), len(cases), err)
	}
	for _, c := range cases {
		if i, ok := c.ReachedJury(cutoffs); !ok || i != next {
			t.Errorf("cas de %s (bloc %d, jury tenu le %s) : jury national %d, attendu le %s", c.CandidateName, c.Block, c.HeldOn.French(), i, juries[next].Date.French())
		}
	}
}
