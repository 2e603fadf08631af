package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strconv"

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

// yearFigures is a year's figures in a scope before their labels: the
// year's total and its tables by CQP, block, branch and employer. Kept
// between the changes of the year (statistics_kept.go), never changed once
// computed.
type yearFigures struct {
	total  StatisticsRow
	tables [dimensions - 1][]StatisticsRow
}

// The dimensions a year's figures are counted by: the total first.
const (
	dimTotal = iota
	dimQualification
	dimBlock
	dimBranch
	dimEmployer
	dimensions
)

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

// yearRange is the first day of a year and of the next, as stored.
func yearRange(year int) []any {
	return []any{certif.NewDate(year, 1, 1), certif.NewDate(year+1, 1, 1)}
}

// Statistics computes the figures of a year in a scope. year 0 is the
// latest year with figures (the current one, today, when there is none).
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
	figures, err := s.yearsFigures(ctx, sc)
	if err != nil {
		return st, err
	}
	for _, y := range slices.Sorted(maps.Keys(figures)) {
		if f := figures[y]; !f.total.Empty() {
			st.Years, st.ByYear = append(st.Years, y), append(st.ByYear, f.total)
		}
	}
	switch {
	case year == 0 && len(st.Years) > 0:
		year = st.Years[len(st.Years)-1]
	case year == 0:
		year = today.Year()
	}
	f, ok := figures[year]
	if !ok {
		f.total = StatisticsRow{StatisticsKey: StatisticsKey{Year: year}, Label: strconv.Itoa(year)}
	}
	st.Year, st.Total = year, f.total
	st.ByQualification, st.ByBlock = slices.Clone(f.tables[dimQualification-1]), slices.Clone(f.tables[dimBlock-1])
	if byBranch {
		st.ByBranch = slices.Clone(f.tables[dimBranch-1])
	}
	if byEmployer {
		st.ByEmployer = slices.Clone(f.tables[dimEmployer-1])
	}
	return st, s.labelStatistics(ctx, &st)
}

// yearStatistics computes a year's figures in a scope, in four queries:
// the registrations of the year with their attempts, the decisions of the
// year by group and days from registration, the groups of the sessions held
// in the year, and who sat in them. Each row counts in its group of every
// dimension at once.
func (s *Store) yearStatistics(ctx context.Context, year int, sc Scope) (yearFigures, error) {
	where, args := sc.statisticsRows()
	period := append(yearRange(year), args...)
	employers := ``
	if sc.Branch != "" {
		employers = ` JOIN employers e ON e.id = r.employer_id`
	}
	t, err := s.newYearTally(ctx, year)
	if err != nil {
		return yearFigures{}, err
	}
	rows, err := s.query(ctx, `SELECT r.candidate_id, r.qualification_code, r.employer_id, COALESCE(a.qualification_code, ''), COALESCE(a.block_number, 0)
		FROM registrations r`+employers+` LEFT JOIN block_attempts a ON a.registration_id = r.id
		WHERE r.deleted_at IS NULL AND r.registered_on >= ? AND r.registered_on < ?`+where, period...)
	// Each candidate counts once in each of the groups their rows name.
	groupsOf := map[int64][]*StatisticsRow{}
	err = each(rows, err, func(r *sql.Rows) error {
		var candidate, employer int64
		var qual, blockQual string
		var block int
		if err := r.Scan(&candidate, &qual, &employer, &blockQual, &block); err != nil {
			return err
		}
		named := groupsOf[candidate]
		for _, g := range t.groups(qual, blockQual, block, sql.NullInt64{Int64: employer, Valid: true}) {
			if !slices.Contains(named, g) {
				named = append(named, g)
			}
		}
		groupsOf[candidate] = named
		return nil
	})
	for _, named := range groupsOf {
		for _, g := range named {
			g.Registered++
		}
	}
	if err != nil {
		return yearFigures{}, fmt.Errorf("statistiques, inscrits : %w", err)
	}
	rows, err = s.query(ctx, `SELECT a.qualification_code, a.block_number, r.employer_id, a.status, r.registered_on, a.decided_on
		FROM block_attempts a JOIN registrations r ON r.id = a.registration_id`+employers+`
		WHERE a.decided_on >= ? AND a.decided_on < ? AND `+s.dialect.unindexed("a.status")+` IN ('validated', 'not_validated', 'absent')`+where, period...)
	err = each(rows, err, func(r *sql.Rows) error {
		var qual, status string
		var block int
		var employer int64
		var registered, decided string
		if err := r.Scan(&qual, &block, &employer, &status, &registered, &decided); err != nil {
			return err
		}
		days, err := t.days(registered, decided)
		if err != nil {
			return err
		}
		for _, g := range t.groups(qual, qual, block, sql.NullInt64{Int64: employer, Valid: true}) {
			g.count(certif.AttemptStatus(status), days, 1)
		}
		return nil
	})
	if err != nil {
		return yearFigures{}, fmt.Errorf("statistiques, décisions : %w", err)
	}
	if err := s.yearSessions(ctx, t, where, employers, period); err != nil {
		return yearFigures{}, fmt.Errorf("statistiques, séances : %w", err)
	}
	return t.figures(), nil
}

// yearSessions counts the sessions held in the year that evaluated
// attempts of each group, and the distinct members who sat in them.
func (s *Store) yearSessions(ctx context.Context, t *yearTally, where, employers string, period []any) error {
	type sessionGroup struct {
		session int64
		group   *StatisticsRow
	}
	var held []sessionGroup
	rows, err := s.query(ctx, `SELECT DISTINCT s.id, a.qualification_code, a.block_number, r.employer_id
		FROM jury_sessions s JOIN jury_session_slots sl ON sl.session_id = s.id JOIN block_attempts a ON a.id = sl.attempt_id
		LEFT JOIN registrations r ON r.id = a.registration_id`+employers+`
		WHERE s.status IN ('held', 'closed') AND s.day >= ? AND s.day < ?`+where, period...)
	err = each(rows, err, func(r *sql.Rows) error {
		var session int64
		var qual string
		var block int
		var employer sql.NullInt64
		if err := r.Scan(&session, &qual, &block, &employer); err != nil {
			return err
		}
		for _, g := range t.groups(qual, qual, block, employer) {
			if t.first(seenSession, g, session) {
				g.Sessions++
				held = append(held, sessionGroup{session, g})
			}
		}
		return nil
	})
	if err != nil || len(held) == 0 {
		return err
	}
	members := map[int64][]int64{}
	rows, err = s.query(ctx, `SELECT m.session_id, m.member_id FROM jury_sessions s JOIN jury_session_members m ON m.session_id = s.id
		WHERE s.status IN ('held', 'closed') AND s.day >= ? AND s.day < ?`, period[:2]...)
	err = each(rows, err, func(r *sql.Rows) error {
		var session, member int64
		err := r.Scan(&session, &member)
		members[session] = append(members[session], member)
		return err
	})
	for _, h := range held {
		for _, m := range members[h.session] {
			if t.first(seenMember, h.group, m) {
				h.group.Members++
			}
		}
	}
	return err
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
