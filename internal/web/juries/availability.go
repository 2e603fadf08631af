package juries

import (
	"net/http"
	"slices"

	"certibloc/internal/calendar"
	"certibloc/internal/certif"
	"certibloc/internal/web/kit"
)

// availabilityDay is a working day of the month grid (Monday to Friday).
type availabilityDay struct {
	Day         certif.Date
	InMonth     bool   // false for the days of the first and last weeks outside the month
	Closed      string // why no jury sits that day (a public holiday), "" on a working day
	Past        bool   // before today: shown, no longer changed
	Morning     bool
	Afternoon   bool
	MorningID   string // the checkboxes' values, as the planner writes half-days
	AfternoonID string
}

// Label is the day as a checkbox label reads it: "lundi 02/03/2026".
func (d availabilityDay) Label() string {
	return certif.FrenchWeekday(d.Day.Weekday()) + " " + d.Day.French()
}

// availabilityWeek is a row of the grid: its Monday and five days.
type availabilityWeek struct {
	Monday certif.Date
	Days   []availabilityDay
}

type availabilityView struct {
	Member     certif.JuryMember
	Month      certif.Month
	Prev, Next certif.Month
	Weeks      []availabilityWeek
	Count      int // half-days available in the month
}

// weekdayNames head the grid's columns.
var weekdayNames = []string{"Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi"}

// WeekdayNames are the grid's column heads.
func (availabilityView) WeekdayNames() []string { return weekdayNames }

// monthGrid lays out the working weeks of m with the member's half-days.
func monthGrid(cal *calendar.Calendar, m certif.Month, halves []certif.HalfDay, today certif.Date) []availabilityWeek {
	has := map[certif.HalfDay]bool{}
	for _, h := range halves {
		has[h] = true
	}
	first := m.First()
	monday := first.AddDays(-((int(first.Weekday()) + 6) % 7))
	var weeks []availabilityWeek
	for ; !monday.After(m.Last()); monday = monday.AddDays(7) {
		w := availabilityWeek{Monday: monday}
		for i := range 5 {
			d := monday.AddDays(i)
			am, pm := certif.HalfDay{Day: d, Half: certif.Morning}, certif.HalfDay{Day: d, Half: certif.Afternoon}
			day := availabilityDay{Day: d, InMonth: d.MonthOf() == m, Morning: has[am], Afternoon: has[pm], MorningID: am.String(), AfternoonID: pm.String(), Past: d.Before(today)}
			if !cal.IsWorkingDay(d) {
				day.Closed = cal.NonWorkingReason(d)
			}
			w.Days = append(w.Days, day)
		}
		weeks = append(weeks, w)
	}
	return weeks
}

// shownMonth is the month of ?mois=, or the next one.
func (s *Area) shownMonth(r *http.Request) certif.Month {
	if m, err := certif.ParseMonth(r.URL.Query().Get("mois")); err == nil {
		return m
	}
	return s.Clock.Today().MonthOf().Add(1)
}

func (s *Area) availabilityPage(w http.ResponseWriter, r *http.Request) error {
	v, err := s.availabilityView(r, s.shownMonth(r))
	if err != nil {
		return err
	}
	return s.Show(w, r, "availability.html", "Mes disponibilités", v)
}

func (s *Area) availabilityView(r *http.Request, month certif.Month) (availabilityView, error) {
	return s.memberAvailabilityView(r, kit.Principal(r).User.JuryMemberID, month)
}

// memberAvailabilityView is the month grid of a member, in the caller's scope.
func (s *Area) memberAvailabilityView(r *http.Request, memberID int64, month certif.Month) (availabilityView, error) {
	ctx := r.Context()
	v := availabilityView{Month: month, Prev: month.Add(-1), Next: month.Add(1)}
	var err error
	if v.Member, err = s.Store.JuryMember(ctx, memberID, kit.Scope(r)); err != nil {
		return v, err
	}
	halves, err := s.Store.Availability(ctx, v.Member.ID, month.First(), month.Last(), kit.Scope(r))
	if err != nil {
		return v, err
	}
	cal, err := s.Store.Calendar(ctx)
	if err != nil {
		return v, err
	}
	v.Weeks, v.Count = monthGrid(cal, month, halves, s.Clock.Today()), len(halves)
	return v, nil
}

// saveAvailability replaces the member's half-days of a month with the boxes
// ticked, a "whole week" box ticking the week's working half-days of the month.
func (s *Area) saveAvailability(w http.ResponseWriter, r *http.Request) error {
	var v certif.Validation
	month := kit.MonthField(&v, r, "mois", "Mois")
	if err := v.Err(); err != nil {
		return err
	}
	cal, err := s.Store.Calendar(r.Context())
	if err != nil {
		return err
	}
	var halves []certif.HalfDay
	for _, raw := range r.PostForm["demi_journee"] {
		h, err := certif.ParseHalfDay(raw)
		if err != nil {
			return err
		}
		halves = append(halves, h)
	}
	for _, raw := range r.PostForm["semaine"] {
		d, err := certif.ParseDate(raw)
		if err != nil {
			return certif.Errorf(certif.EInvalid, "Semaine invalide : %q.", raw)
		}
		halves = append(halves, certif.WeekHalfDays(d)...)
	}
	today := s.Clock.Today()
	halves = slices.DeleteFunc(halves, func(h certif.HalfDay) bool {
		return h.Day.MonthOf() != month || !cal.IsWorkingDay(h.Day) || h.Day.Before(today)
	})
	memberID := kit.Principal(r).User.JuryMemberID
	if err := s.Store.SetAvailability(r.Context(), s.Caller(r), memberID, month.First(), month.Last(), halves); err != nil {
		return err
	}
	distinct := map[certif.HalfDay]bool{}
	for _, h := range halves {
		distinct[h] = true
	}
	n := len(distinct)
	flash := "Disponibilités " + certif.OfMonth(month) + " enregistrées : " + certif.Count(n, "demi-journée", "demi-journées") + "."
	return s.Redirect(w, r, "/mes-disponibilites?mois="+month.String(), flash)
}

// memberAvailabilityPage shows the office a member's half-days of a month.
func (s *Area) memberAvailabilityPage(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	v, err := s.memberAvailabilityView(r, id, s.shownMonth(r))
	if err != nil {
		return err
	}
	return s.Show(w, r, "member_availability.html", "Disponibilités "+certif.De(v.Member.Name()), v)
}
