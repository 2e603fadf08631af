package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"certibloc/internal/certif"
)

// The statistics count, for a year and a scope, by CQP, block, branch and
// employer (and, over every year, by year):
//   - candidates registered: distinct candidates of the live registrations
//     made in the year (the registration's date);
//   - attempts validated, not validated, absent: the decisions the national
//     juries of the year proclaimed (the attempt's decided_on), blocks
//     validated before the platform left out;
//   - the delay from registration to certificate: for each block validated,
//     the days from its registration to the national jury that validated it,
//     the date its certificate (CCP) is issued on;
//   - the professional-jury sessions held in the year (held or closed) that
//     evaluated attempts of the group, and the distinct members who sat.
//
// A group belongs to the employer that registered the candidate (a
// candidate who moved to another employer counts for the one that
// registered them); the branch is that employer's.

// StatisticsKey names a group: the fields of its dimension are set, the
// others are zero.
type StatisticsKey struct {
	Year          int    `json:"year,omitempty"`
	Qualification string `json:"qualification,omitempty"`
	Block         int    `json:"block,omitempty"`
	Branch        string `json:"branch,omitempty"`
	EmployerID    int64  `json:"-"`
}

// StatisticsRow is the figures of a group, with its French label (the
// CQP's or block's title, the branch's or employer's name).
type StatisticsRow struct {
	StatisticsKey
	EmployerCode string
	Label        string
	certif.Tally
}

// Statistics is the figures of a scope for a year: the year's total, every
// year's, and the year's by CQP, block, branch and employer.
type Statistics struct {
	Year            int
	Years           []int // years with figures, ascending
	Total           StatisticsRow
	ByYear          []StatisticsRow
	ByQualification []StatisticsRow
	ByBlock         []StatisticsRow
	ByBranch        []StatisticsRow
	ByEmployer      []StatisticsRow
}

// statDimension is what a table groups its rows by.
type statDimension struct{ qualification, block, branch, employer bool }

var (
	dimQualification = statDimension{qualification: true}
	dimBlock         = statDimension{qualification: true, block: true}
	dimBranch        = statDimension{branch: true}
	dimEmployer      = statDimension{employer: true}
)

// columns are the four key columns a table's queries select
// (qualification, block, branch, employer id: constants for those it does
// not group by) and its GROUP BY; q is the alias the qualification is read
// from.
func (d statDimension) columns(q string) (keys, group string) {
	var k, g []string
	for _, c := range []struct {
		on          bool
		column, not string
	}{{d.qualification, q + ".qualification_code", "''"}, {d.block, "a.block_number", "0"}, {d.branch, "e.branch_code", "''"}, {d.employer, "e.id", "0"}} {
		if c.on {
			k, g = append(k, c.column), append(g, c.column)
		} else {
			k = append(k, c.not)
		}
	}
	return strings.Join(k, ", "), strings.Join(g, ", ")
}

// employers reports whether the dimension reads the employers.
func (d statDimension) employers() bool { return d.branch || d.employer }

// statisticsRows restricts the rows of a group to the scope's: the
// registrations an employer made (r.employer_id), those of a national
// fund's branch (e.branch_code); the office and the certifier see all;
// nobody else anything.
func (sc Scope) statisticsRows() (string, []any) {
	switch {
	case sc.IsAll():
		return "", nil
	case sc.EmployerID > 0:
		return ` AND r.employer_id = ?`, []any{sc.EmployerID}
	case sc.Branch != "":
		return ` AND e.branch_code = ?`, []any{sc.Branch}
	}
	return seesNothing, nil
}

// statJoins are the joins from the attempts a to their registrations r and
// employers e that a dimension and a scope need.
func statJoins(d statDimension, sc Scope) string {
	needEmployers := d.employers() || sc.Branch != ""
	if sc.IsAll() && !needEmployers {
		return ``
	}
	j := ` JOIN registrations r ON r.id = a.registration_id`
	if needEmployers {
		j += ` JOIN employers e ON e.id = r.employer_id`
	}
	return j
}

// yearRange is the first day of a year and of the next, as stored.
func yearRange(year int) []any {
	return []any{certif.NewDate(year, 1, 1), certif.NewDate(year+1, 1, 1)}
}

// Statistics computes the figures of a year in a scope, in one query per
// table and measure. year 0 is the latest year with figures (the current
// one, today, when there is none).
func (s *Store) Statistics(ctx context.Context, year int, sc Scope, today certif.Date) (Statistics, error) {
	return s.statistics(ctx, year, sc, today, true, true)
}

// NationalStatistics computes the national figures an employer or a
// national fund reads beside its own: every table but the employers' (no
// employer sees another's figures), and the branches' when byBranch.
func (s *Store) NationalStatistics(ctx context.Context, year int, today certif.Date, byBranch bool) (Statistics, error) {
	return s.statistics(ctx, year, All, today, byBranch, false)
}

func (s *Store) statistics(ctx context.Context, year int, sc Scope, today certif.Date, byBranch, byEmployer bool) (Statistics, error) {
	st := Statistics{}
	years, err := s.statisticsByYear(ctx, sc)
	if err != nil {
		return st, err
	}
	for _, r := range years {
		st.Years = append(st.Years, r.Year)
	}
	st.ByYear = years
	switch {
	case year == 0 && len(st.Years) > 0:
		year = st.Years[len(st.Years)-1]
	case year == 0:
		year = today.Year()
	}
	st.Year, st.Total = year, StatisticsRow{StatisticsKey: StatisticsKey{Year: year}, Label: strconv.Itoa(year)}
	for _, r := range years {
		if r.Year == year {
			st.Total = r
		}
	}
	delays, err := s.statisticsDelays(ctx, year, sc)
	if err != nil {
		return st, err
	}
	for _, t := range []struct {
		into *[]StatisticsRow
		dim  statDimension
		key  func(delayRow) StatisticsKey
		skip bool
	}{
		{&st.ByQualification, dimQualification, func(d delayRow) StatisticsKey { return StatisticsKey{Qualification: d.qual} }, false},
		{&st.ByBlock, dimBlock, func(d delayRow) StatisticsKey { return StatisticsKey{Qualification: d.qual, Block: d.block} }, false},
		{&st.ByBranch, dimBranch, func(d delayRow) StatisticsKey { return StatisticsKey{Branch: d.branch} }, !byBranch},
		{&st.ByEmployer, dimEmployer, func(d delayRow) StatisticsKey { return StatisticsKey{EmployerID: d.employer} }, !byEmployer},
	} {
		if t.skip {
			continue
		}
		g := statGroups{}
		if err := s.statisticsTable(ctx, g, year, t.dim, sc); err != nil {
			return st, err
		}
		for _, d := range delays {
			g.row(t.key(d)).Delays.Add(d.days, d.n)
		}
		*t.into = g.rows()
	}
	return st, s.labelStatistics(ctx, &st)
}

// statGroups gathers the figures of a table's groups.
type statGroups map[StatisticsKey]*StatisticsRow

func (g statGroups) row(k StatisticsKey) *StatisticsRow {
	r, ok := g[k]
	if !ok {
		r = &StatisticsRow{StatisticsKey: k}
		g[k] = r
	}
	return r
}

func (g statGroups) rows() []StatisticsRow {
	out := make([]StatisticsRow, 0, len(g))
	for _, r := range g {
		out = append(out, *r)
	}
	return out
}

// statisticsTable fills a table's groups for the year: candidates
// registered, decisions, sessions and members.
func (s *Store) statisticsTable(ctx context.Context, g statGroups, year int, d statDimension, sc Scope) error {
	where, args := sc.statisticsRows()
	period := yearRange(year)
	from, q := ` FROM registrations r`, "r"
	if d.block {
		from, q = from+` JOIN block_attempts a ON a.registration_id = r.id`, "a"
	}
	if d.employers() || sc.Branch != "" {
		from += ` JOIN employers e ON e.id = r.employer_id`
	}
	keys, group := d.columns(q)
	rows, err := s.query(ctx, `SELECT `+keys+`, COUNT(DISTINCT r.candidate_id)`+from+`
		WHERE r.deleted_at IS NULL AND r.registered_on >= ? AND r.registered_on < ?`+where+` GROUP BY `+group,
		append(period, args...)...)
	if err := scanStat(rows, err, g, func(r *StatisticsRow, n []int) { r.Registered = n[0] }); err != nil {
		return fmt.Errorf("statistiques, inscrits : %w", err)
	}
	keys, group = d.columns("a")
	rows, err = s.query(ctx, `SELECT `+keys+`,
		SUM(CASE WHEN a.status = 'validated' THEN 1 ELSE 0 END), SUM(CASE WHEN a.status = 'not_validated' THEN 1 ELSE 0 END), SUM(CASE WHEN a.status = 'absent' THEN 1 ELSE 0 END)
		FROM block_attempts a`+statJoins(d, sc)+`
		WHERE a.decided_on >= ? AND a.decided_on < ? AND `+s.dialect.unindexed("a.status")+` IN ('validated', 'not_validated', 'absent') AND a.registration_id IS NOT NULL`+where+`
		GROUP BY `+group, append(period, args...)...)
	if err := scanStat(rows, err, g, func(r *StatisticsRow, n []int) { r.Validated, r.NotValidated, r.Absent = n[0], n[1], n[2] }); err != nil {
		return fmt.Errorf("statistiques, décisions : %w", err)
	}
	rows, err = s.query(ctx, `SELECT `+keys+`, COUNT(DISTINCT s.id), COUNT(DISTINCT m.member_id)
		FROM jury_sessions s JOIN jury_session_slots sl ON sl.session_id = s.id JOIN block_attempts a ON a.id = sl.attempt_id
		JOIN jury_session_members m ON m.session_id = s.id`+statJoins(d, sc)+`
		WHERE s.status IN ('held', 'closed') AND s.day >= ? AND s.day < ?`+where+` GROUP BY `+group, append(period, args...)...)
	if err := scanStat(rows, err, g, func(r *StatisticsRow, n []int) { r.Sessions, r.Members = n[0], n[1] }); err != nil {
		return fmt.Errorf("statistiques, séances : %w", err)
	}
	return nil
}

// scanStat reads rows of the four key columns then counts into their groups.
func scanStat(rows *sql.Rows, err error, g statGroups, set func(*StatisticsRow, []int)) error {
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	for rows.Next() {
		var k StatisticsKey
		var n [3]sql.NullInt64
		dest := []any{&k.Qualification, &k.Block, &k.Branch, &k.EmployerID}
		for i := range cols[4:] {
			dest = append(dest, &n[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return err
		}
		counts := make([]int, len(cols)-4)
		for i := range counts {
			counts[i] = int(n[i].Int64)
		}
		set(g.row(k), counts)
	}
	return rows.Err()
}

// delayRow is a number of blocks validated a number of days after their
// registration, in a group of every dimension.
type delayRow struct {
	qual     string
	block    int
	branch   string
	employer int64
	days, n  int
}

// statisticsDelays reads the blocks the national juries of the year
// validated: their groups and days from registration, counted.
func (s *Store) statisticsDelays(ctx context.Context, year int, sc Scope) ([]delayRow, error) {
	where, args := sc.statisticsRows()
	rows, err := s.query(ctx, `SELECT a.qualification_code, a.block_number, e.branch_code, e.id, r.registered_on, a.decided_on, COUNT(*)
		FROM block_attempts a JOIN registrations r ON r.id = a.registration_id JOIN employers e ON e.id = r.employer_id
		WHERE a.decided_on >= ? AND a.decided_on < ? AND `+s.dialect.unindexed("a.status")+` = 'validated'`+where+`
		GROUP BY a.qualification_code, a.block_number, e.branch_code, e.id, r.registered_on, a.decided_on`, append(yearRange(year), args...)...)
	return collect(rows, err, func(r *sql.Rows) (delayRow, error) {
		var d delayRow
		var registered, decided certif.Date
		err := r.Scan(&d.qual, &d.block, &d.branch, &d.employer, dateCol{&registered}, dateCol{&decided}, &d.n)
		d.days = certif.DaysBetween(registered, decided)
		return d, err
	})
}

// statisticsByYear is the figures of every year with any, ascending. The
// decisions and delays are read by national jury's day (a few dozen days),
// which the attempts' index gives in order, then summed by year.
func (s *Store) statisticsByYear(ctx context.Context, sc Scope) ([]StatisticsRow, error) {
	where, args := sc.statisticsRows()
	g := statGroups{}
	byYear := func(y int) *StatisticsRow { return g.row(StatisticsKey{Year: y}) }
	reg := ` FROM registrations r`
	if sc.Branch != "" {
		reg += ` JOIN employers e ON e.id = r.employer_id`
	}
	rows, err := s.query(ctx, `SELECT substr(r.registered_on, 1, 4), COUNT(DISTINCT r.candidate_id)`+reg+`
		WHERE r.deleted_at IS NULL AND r.registered_on >= '0000'`+where+` GROUP BY substr(r.registered_on, 1, 4)`, args...)
	err = each(rows, err, func(r *sql.Rows) error {
		var y string
		var n int
		if err := r.Scan(&y, &n); err != nil {
			return err
		}
		year, err := strconv.Atoi(y)
		byYear(year).Registered = n
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("statistiques par année, inscrits : %w", err)
	}
	rows, err = s.query(ctx, `SELECT a.decided_on, a.status, COUNT(*) FROM block_attempts a`+statJoins(statDimension{}, sc)+`
		WHERE a.decided_on >= '0000' AND `+s.dialect.unindexed("a.status")+` IN ('validated', 'not_validated', 'absent') AND a.registration_id IS NOT NULL`+where+`
		GROUP BY a.decided_on, a.status`, args...)
	err = each(rows, err, func(r *sql.Rows) error {
		var day certif.Date
		var status string
		var n int
		if err := r.Scan(dateCol{&day}, &status, &n); err != nil {
			return err
		}
		t := byYear(day.Year())
		switch certif.AttemptStatus(status) {
		case certif.AttemptValidated:
			t.Validated += n
		case certif.AttemptNotValidated:
			t.NotValidated += n
		case certif.AttemptAbsent:
			t.Absent += n
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("statistiques par année, décisions : %w", err)
	}
	joins := statJoins(statDimension{}, sc)
	if joins == "" {
		joins = ` JOIN registrations r ON r.id = a.registration_id`
	}
	rows, err = s.query(ctx, `SELECT a.decided_on, r.registered_on, COUNT(*) FROM block_attempts a`+joins+`
		WHERE a.decided_on >= '0000' AND `+s.dialect.unindexed("a.status")+` = 'validated'`+where+` GROUP BY a.decided_on, r.registered_on`, args...)
	err = each(rows, err, func(r *sql.Rows) error {
		var decided, registered certif.Date
		var n int
		if err := r.Scan(dateCol{&decided}, dateCol{&registered}, &n); err != nil {
			return err
		}
		byYear(decided.Year()).Delays.Add(certif.DaysBetween(registered, decided), n)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("statistiques par année, délais : %w", err)
	}
	rows, err = s.query(ctx, `SELECT substr(s.day, 1, 4), COUNT(DISTINCT s.id), COUNT(DISTINCT m.member_id)
		FROM jury_sessions s JOIN jury_session_slots sl ON sl.session_id = s.id JOIN block_attempts a ON a.id = sl.attempt_id
		JOIN jury_session_members m ON m.session_id = s.id`+statJoins(statDimension{}, sc)+`
		WHERE s.status IN ('held', 'closed')`+where+` GROUP BY substr(s.day, 1, 4)`, args...)
	err = each(rows, err, func(r *sql.Rows) error {
		var y string
		var sessions, members int
		if err := r.Scan(&y, &sessions, &members); err != nil {
			return err
		}
		year, err := strconv.Atoi(y)
		t := byYear(year)
		t.Sessions, t.Members = sessions, members
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("statistiques par année, séances : %w", err)
	}
	out := g.rows()
	slices.SortFunc(out, func(a, b StatisticsRow) int { return cmp.Compare(a.Year, b.Year) })
	for i := range out {
		out[i].Label = strconv.Itoa(out[i].Year)
	}
	return out, nil
}

// each calls fn on every row and closes rows.
func each(rows *sql.Rows, err error, fn func(*sql.Rows) error) error {
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// labelStatistics names the groups and sorts them as the referential does:
// CQP and blocks in its order, branches in theirs, employers by code.
func (s *Store) labelStatistics(ctx context.Context, st *Statistics) error {
	quals, err := s.Qualifications(ctx, false)
	if err != nil {
		return err
	}
	qualPos := map[string]int{}
	titles := map[string]certif.Qualification{}
	for i, q := range quals {
		qualPos[q.Code], titles[q.Code] = i, q
	}
	for i := range st.ByQualification {
		r := &st.ByQualification[i]
		r.Label = cmp.Or(titles[r.Qualification].Title, r.Qualification)
	}
	for i := range st.ByBlock {
		r := &st.ByBlock[i]
		b, _ := titles[r.Qualification].Block(r.Block)
		r.Label = certif.BlockLabel(r.Block, b.ShownTitle())
	}
	byQual := func(a, b StatisticsRow) int {
		return cmp.Or(cmp.Compare(qualPos[a.Qualification], qualPos[b.Qualification]), cmp.Compare(a.Qualification, b.Qualification), cmp.Compare(a.Block, b.Block))
	}
	slices.SortFunc(st.ByQualification, byQual)
	slices.SortFunc(st.ByBlock, byQual)
	branches, err := s.Branches(ctx)
	if err != nil {
		return err
	}
	branchPos := map[string]int{}
	for i, b := range branches {
		branchPos[b.Code] = i
	}
	for i := range st.ByBranch {
		r := &st.ByBranch[i]
		r.Label = r.Branch
		if p, ok := branchPos[r.Branch]; ok {
			r.Label = branches[p].Name
		}
	}
	slices.SortFunc(st.ByBranch, func(a, b StatisticsRow) int {
		return cmp.Or(cmp.Compare(branchPos[a.Branch], branchPos[b.Branch]), cmp.Compare(a.Branch, b.Branch))
	})
	if len(st.ByEmployer) == 0 {
		return nil
	}
	emps, err := s.Employers(ctx)
	if err != nil {
		return err
	}
	named := map[int64]certif.Employer{}
	for _, e := range emps {
		named[e.ID] = e
	}
	for i := range st.ByEmployer {
		r := &st.ByEmployer[i]
		e := named[r.EmployerID]
		r.EmployerCode, r.Label = e.Code, e.Name
	}
	slices.SortFunc(st.ByEmployer, func(a, b StatisticsRow) int { return cmp.Compare(a.EmployerCode, b.EmployerCode) })
	return nil
}
