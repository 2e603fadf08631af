package store

import (
	"context"
	"database/sql"
	"strconv"

	"certibloc/internal/certif"
)

// yearTally gathers a year's figures while its rows are read: each row
// counts in its group of every dimension (statistics.go).
type yearTally struct {
	year     int
	branchOf map[int64]string // the employers' branches
	tables   [dimensions]map[StatisticsKey]*StatisticsRow
	// groupsOf keeps the groups of each CQP, block and employer read (a
	// year reads tens of thousands of rows, of a few thousand of these).
	groupsOf map[groupsKey][]*StatisticsRow
	seen     map[seenInGroup]bool
	delays   map[[2]string]int // days between a registration and a decision, by their days
}

type groupsKey struct {
	qual, blockQual string
	block           int
	employer        sql.NullInt64
}

// What a yearTally counts once per group.
const (
	seenSession = iota
	seenMember
)

type seenInGroup struct {
	what  int
	group *StatisticsRow
	id    int64
}

func (s *Store) newYearTally(ctx context.Context, year int) (*yearTally, error) {
	t := &yearTally{year: year, branchOf: map[int64]string{}, groupsOf: map[groupsKey][]*StatisticsRow{},
		seen: map[seenInGroup]bool{}, delays: map[[2]string]int{}}
	for i := range t.tables {
		t.tables[i] = map[StatisticsKey]*StatisticsRow{}
	}
	rows, err := s.query(ctx, `SELECT id, branch_code FROM employers`)
	return t, each(rows, err, func(r *sql.Rows) error {
		var id int64
		var branch string
		err := r.Scan(&id, &branch)
		t.branchOf[id] = branch
		return err
	})
}

// groups are the groups a row counts in: the year's total, its CQP (qual),
// its block (of blockQual, when block is set), its employer's branch and
// its employer (when it has one).
func (t *yearTally) groups(qual, blockQual string, block int, employer sql.NullInt64) []*StatisticsRow {
	k := groupsKey{qual, blockQual, block, employer}
	if g, ok := t.groupsOf[k]; ok {
		return g
	}
	g := []*StatisticsRow{t.row(dimTotal, StatisticsKey{Year: t.year}), t.row(dimQualification, StatisticsKey{Qualification: qual})}
	if block > 0 {
		g = append(g, t.row(dimBlock, StatisticsKey{Qualification: blockQual, Block: block}))
	}
	if employer.Valid {
		g = append(g, t.row(dimBranch, StatisticsKey{Branch: t.branchOf[employer.Int64]}), t.row(dimEmployer, StatisticsKey{EmployerID: employer.Int64}))
	}
	t.groupsOf[k] = g
	return g
}

func (t *yearTally) row(dim int, k StatisticsKey) *StatisticsRow {
	r, ok := t.tables[dim][k]
	if !ok {
		r = &StatisticsRow{StatisticsKey: k}
		t.tables[dim][k] = r
	}
	return r
}

// first reports whether id (a session or a member) is counted in the group
// for the first time.
func (t *yearTally) first(what int, g *StatisticsRow, id int64) bool {
	k := seenInGroup{what, g, id}
	if t.seen[k] {
		return false
	}
	t.seen[k] = true
	return true
}

// days is the number of days from a registration to a decision, as
// stored (a year's decisions come from a few hundred registration days:
// each pair is read once).
func (t *yearTally) days(registered, decided string) (int, error) {
	k := [2]string{registered, decided}
	if d, ok := t.delays[k]; ok {
		return d, nil
	}
	from, err := certif.ParseDate(registered)
	if err != nil {
		return 0, err
	}
	to, err := certif.ParseDate(decided)
	d := certif.DaysBetween(from, to)
	t.delays[k] = d
	return d, err
}

// count adds n decisions of a status, decided days after registration.
func (r *StatisticsRow) count(status certif.AttemptStatus, days, n int) {
	switch status {
	case certif.AttemptValidated:
		r.Validated += n
		r.Delays.Add(days, n)
	case certif.AttemptNotValidated:
		r.NotValidated += n
	case certif.AttemptAbsent:
		r.Absent += n
	}
}

func (t *yearTally) figures() yearFigures {
	f := yearFigures{total: StatisticsRow{StatisticsKey: StatisticsKey{Year: t.year}}}
	if r, ok := t.tables[dimTotal][f.total.StatisticsKey]; ok {
		f.total = *r
	}
	f.total.Label = strconv.Itoa(t.year)
	for dim := dimTotal + 1; dim < dimensions; dim++ {
		for _, r := range t.tables[dim] {
			f.tables[dim-1] = append(f.tables[dim-1], *r)
		}
	}
	return f
}
