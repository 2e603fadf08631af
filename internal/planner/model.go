package planner

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"certibloc/internal/certif"
)

// model is an instance read once: dates as day numbers, times as minutes,
// everything indexed by its code. Half-day h is day h/2, morning when h is even.
type model struct {
	nonWorking halfSet // days (not half-days) besides weekends
	cutoffs    []int   // the national juries' cutoffs, ascending
	juryDays   []int   // the national juries' dates, in the order of cutoffs
	halves     [2]span
	employers  map[string]*employer
	quals      map[string]*qualification
	attempts   map[string]*attempt
	members    []*member // by id
	memberByID map[string]*member
}

type span struct{ start, end int } // minutes since midnight

func (s span) length() int { return s.end - s.start }

type employer struct {
	Employer
	opening [7]span // by time.Weekday; zero span when closed
}

type qualification struct {
	Qualification
	blocks map[int]Block
}

type attempt struct {
	Attempt
	from     int // certifiable-from day
	minutes  int // block length plus extra time (R15)
	inPerson bool
	branch   string // branch of the candidate's employer
}

type member struct {
	Member
	roles     map[string]bool
	quals     map[string]bool
	branch    string
	available halfSet
	idx       int // rank in model.members (by id)
}

// dayOf is the number of days from 1970-01-01 to d.
func dayOf(d certif.Date) int { return int(d.Time().Unix() / 86400) }

// dateOf is the civil date of a day number.
func dateOf(day int) certif.Date { return certif.NewDate(1970, time.January, 1+day) }

// weekdayOf is the weekday of a day number (1970-01-01 was a Thursday).
func weekdayOf(day int) time.Weekday { return time.Weekday((day + 4) % 7) }

func (m *model) workingDay(day int) bool {
	w := weekdayOf(day)
	return w != time.Saturday && w != time.Sunday && !m.nonWorking.has(day)
}

func (m *model) lastCutoff() int { return m.cutoffs[len(m.cutoffs)-1] }

// decidingJury is the index of the national jury that decides a session held
// on day: the first whose cutoff is on or after it.
func (m *model) decidingJury(day int) int {
	i, _ := slices.BinarySearch(m.cutoffs, day)
	return i
}

// juryWindow returns the days a session may take to be decided by the national
// jury of cutoffs[i]: after the previous cutoff, up to this one.
func (m *model) juryWindow(i int) (first, last int) {
	first = m.cutoffs[0] - 366
	if i > 0 {
		first = m.cutoffs[i-1] + 1
	}
	return first, m.cutoffs[i]
}

// window is where slots may lie in a session of half-day hd: the half-day,
// and in person the host's opening hours that weekday too.
func (m *model) window(hd int, host *employer) span {
	w := m.halves[hd%2]
	if host != nil {
		open := host.opening[weekdayOf(hd/2)]
		w = span{max(w.start, open.start), min(w.end, open.end)}
	}
	return w
}

// compile reads an instance into a model; the French error names the field.
func compile(inst Instance) (*model, error) {
	m := &model{employers: map[string]*employer{}, quals: map[string]*qualification{},
		attempts: map[string]*attempt{}, memberByID: map[string]*member{}}
	var err error
	for i, s := range inst.NonWorkingDays {
		day, e := parseDay(s)
		m.nonWorking.set(day, true)
		err = firstError(err, e, "non_working_days[%d]", i)
	}
	var juries [][2]int // cutoff, date
	for i, j := range inst.NationalJuries {
		date, e := parseDay(j.Date)
		err = firstError(err, e, "national_juries[%d].date", i)
		cutoff, e := parseDay(j.Cutoff)
		err = firstError(err, e, "national_juries[%d].cutoff", i)
		juries = append(juries, [2]int{cutoff, date})
	}
	slices.SortFunc(juries, func(a, b [2]int) int { return cmp.Or(a[0]-b[0], a[1]-b[1]) })
	for _, j := range juries {
		m.cutoffs, m.juryDays = append(m.cutoffs, j[0]), append(m.juryDays, j[1])
	}
	if len(inst.NationalJuries) == 0 {
		err = firstError(err, fmt.Errorf("aucun jury national : il en faut au moins un"), "national_juries")
	}
	var e error
	m.halves[0], e = parseRange(inst.HalfDays.AM)
	err = firstError(err, e, "half_days.am")
	m.halves[1], e = parseRange(inst.HalfDays.PM)
	err = firstError(err, e, "half_days.pm")
	for i, emp := range inst.Employers {
		err = firstError(err, m.addEmployer(emp), "employers[%d]", i)
	}
	for i, q := range inst.Qualifications {
		err = firstError(err, m.addQualification(q), "qualifications[%d]", i)
	}
	for i, a := range inst.Attempts {
		err = firstError(err, m.addAttempt(a), "attempts[%d]", i)
	}
	for i, mb := range inst.Members {
		err = firstError(err, m.addMember(mb), "members[%d]", i)
	}
	slices.SortFunc(m.members, func(a, b *member) int { return strings.Compare(a.ID, b.ID) })
	for i, x := range m.members {
		x.idx = i
	}
	return m, err
}

// firstError keeps the first error, prefixed with the field it is about.
func firstError(kept, err error, field string, args ...any) error {
	if kept != nil || err == nil {
		return kept
	}
	return fmt.Errorf("champ %s : %w", fmt.Sprintf(field, args...), err)
}

func (m *model) addEmployer(e Employer) error {
	if e.Code == "" || m.employers[e.Code] != nil {
		return fmt.Errorf("code d'employeur vide ou en double %q", e.Code)
	}
	emp := &employer{Employer: e}
	for key, hours := range e.Opening {
		day, err := strconv.Atoi(key)
		if err != nil || day < 1 || day > 7 {
			return fmt.Errorf("opening : jour %q inconnu, attendu 1 (lundi) à 7 (dimanche)", key)
		}
		if emp.opening[day%7], err = parseRange(hours); err != nil {
			return fmt.Errorf("opening.%s : %w", key, err)
		}
	}
	m.employers[e.Code] = emp
	return nil
}

func (m *model) addQualification(q Qualification) error {
	if q.Code == "" || m.quals[q.Code] != nil {
		return fmt.Errorf("code de CQP vide ou en double %q", q.Code)
	}
	qual := &qualification{Qualification: q, blocks: map[int]Block{}}
	for _, b := range q.Blocks {
		if b.Minutes <= 0 || qual.blocks[b.Number].Number != 0 {
			return fmt.Errorf("bloc %d en double ou sans durée", b.Number)
		}
		qual.blocks[b.Number] = b
	}
	m.quals[q.Code] = qual
	return nil
}

func (m *model) addAttempt(a Attempt) error {
	if a.ID == "" || m.attempts[a.ID] != nil {
		return fmt.Errorf("identifiant de tentative vide ou en double %q", a.ID)
	}
	emp, qual := m.employers[a.Employer], m.quals[a.Qualification]
	switch {
	case emp == nil:
		return fmt.Errorf("employer : employeur %q inconnu", a.Employer)
	case qual == nil:
		return fmt.Errorf("qualification : CQP %q inconnu", a.Qualification)
	case qual.blocks[a.Block].Number == 0:
		return fmt.Errorf("block : le CQP %s n'a pas de bloc %d", a.Qualification, a.Block)
	case a.ExtraMinutes < 0:
		return fmt.Errorf("extra_minutes : %d est négatif", a.ExtraMinutes)
	}
	from, err := parseDay(a.CertifiableFrom)
	if err != nil {
		return fmt.Errorf("certifiable_from : %w", err)
	}
	block := qual.blocks[a.Block]
	m.attempts[a.ID] = &attempt{Attempt: a, from: from, minutes: block.Minutes + a.ExtraMinutes,
		inPerson: block.InPerson, branch: emp.Branch}
	return nil
}

func (m *model) addMember(mb Member) error {
	if mb.ID == "" || m.memberByID[mb.ID] != nil {
		return fmt.Errorf("identifiant de membre vide ou en double %q", mb.ID)
	}
	x := &member{Member: mb, roles: map[string]bool{}, quals: map[string]bool{}}
	for _, r := range mb.Roles {
		if !slices.Contains(roles[:], r) {
			return fmt.Errorf("roles : rôle %q inconnu, attendu certifier, expert ou branch", r)
		}
		x.roles[r] = true
	}
	for _, q := range mb.Qualifications {
		x.quals[q] = true
	}
	if mb.Branch != nil {
		x.branch = *mb.Branch
	}
	for i, s := range mb.Available {
		hd, err := parseHalfDay(s)
		if err != nil {
			return fmt.Errorf("available[%d] : %w", i, err)
		}
		x.available.set(hd, true)
	}
	m.members = append(m.members, x)
	m.memberByID[mb.ID] = x
	return nil
}

func parseDay(s string) (int, error) {
	d, err := certif.ParseDate(s)
	return dayOf(d), err
}

// parseHalfDay reads "YYYY-MM-DD:am" or "YYYY-MM-DD:pm".
func parseHalfDay(s string) (int, error) {
	date, half, _ := strings.Cut(s, ":")
	day, err := parseDay(date)
	if err != nil {
		return 0, err
	}
	h, err := halfIndex(half)
	if err != nil {
		return 0, fmt.Errorf("%q : %w", s, err)
	}
	return day*2 + h, nil
}

func halfIndex(half string) (int, error) {
	switch half {
	case HalfAM:
		return 0, nil
	case HalfPM:
		return 1, nil
	}
	return 0, fmt.Errorf("demi-journée %q inconnue, attendu am ou pm", half)
}

// parseClock reads "HH:MM" as minutes since midnight.
func parseClock(s string) (int, error) {
	t, err := time.Parse("15:04", s)
	if err != nil {
		return 0, fmt.Errorf("heure invalide %q : format attendu HH:MM", s)
	}
	return t.Hour()*60 + t.Minute(), nil
}

func parseRange(r TimeRange) (span, error) {
	start, err := parseClock(r[0])
	if err != nil {
		return span{}, err
	}
	end, err := parseClock(r[1])
	if err != nil {
		return span{}, err
	}
	if end <= start {
		return span{}, fmt.Errorf("plage %s–%s vide : la fin doit suivre le début", r[0], r[1])
	}
	return span{start, end}, nil
}
