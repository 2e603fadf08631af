package statistics

import (
	"strconv"

	"certibloc/internal/store"
)

// report is the figures of one scope as the page, the workbook and the API
// give them: its year's total and its tables.
type report struct {
	ID      string // prefix of its elements' ids: "tout", "vous", "national"
	Heading string // "" when it is the only one
	Sheet   string // prefix of its sheets' names: "", "Vous - ", "National - "
	Total   store.StatisticsRow
	Tables  []table
}

// table is one dimension's groups, in order.
type table struct {
	ID     string // "vous-cqp"
	Key    string // the API's name: by_year, by_qualification…
	Title  string // "Par CQP"
	Column string // header of the first column: "CQP"
	One    string // a group, for the chart's description: "année", "employeur"
	Many   string // the groups, plural: "années", "employeurs"
	Rows   []row
}

// row is a group: its name in the table and its short label in the chart.
type row struct {
	Name, Short string
	store.StatisticsRow
}

// dimension is how a table is cut and its groups named.
type dimension struct {
	key, slug, title, column, one, many string
	rows                                func(store.Statistics) []store.StatisticsRow
	name                                func(store.StatisticsRow) (name, short string)
}

var (
	byYear = dimension{"by_year", "annee", "Par année", "Année", "année", "années", func(s store.Statistics) []store.StatisticsRow { return s.ByYear },
		func(r store.StatisticsRow) (string, string) { return r.Label, r.Label }}
	byQualification = dimension{"by_qualification", "cqp", "Par CQP", "CQP", "CQP", "CQP", func(s store.Statistics) []store.StatisticsRow { return s.ByQualification },
		func(r store.StatisticsRow) (string, string) {
			return r.Qualification + " – " + r.Label, r.Qualification
		}}
	byBlock = dimension{"by_block", "bloc", "Par bloc", "Bloc", "bloc", "blocs", func(s store.Statistics) []store.StatisticsRow { return s.ByBlock },
		func(r store.StatisticsRow) (string, string) {
			return r.Qualification + " – " + r.Label, r.Qualification + " bloc " + strconv.Itoa(r.Block)
		}}
	byBranch = dimension{"by_branch", "branche", "Par branche", "Branche", "branche", "branches", func(s store.Statistics) []store.StatisticsRow { return s.ByBranch },
		func(r store.StatisticsRow) (string, string) { return r.Label, r.Label }}
	byEmployer = dimension{"by_employer", "employeur", "Par employeur", "Employeur", "employeur", "employeurs", func(s store.Statistics) []store.StatisticsRow { return s.ByEmployer },
		func(r store.StatisticsRow) (string, string) {
			return r.Label + " (" + r.EmployerCode + ")", r.EmployerCode
		}}
)

// newReport builds a report of the dimensions.
func newReport(id, heading, sheet string, st store.Statistics, dims ...dimension) report {
	rep := report{ID: id, Heading: heading, Sheet: sheet, Total: st.Total}
	for _, d := range dims {
		t := table{ID: id + "-" + d.slug, Key: d.key, Title: d.title, Column: d.column, One: d.one, Many: d.many}
		for _, r := range d.rows(st) {
			name, short := d.name(r)
			t.Rows = append(t.Rows, row{name, short, r})
		}
		rep.Tables = append(rep.Tables, t)
	}
	return rep
}

// reports are what the caller reads: every table for the office and the
// certifier; for an employer its own by year, CQP and block, then the
// national ones; for a national fund its branch's, by employer too, then
// the national ones, by branch too.
func (f figures) reports() []report {
	switch {
	case f.National == nil:
		return []report{newReport("tout", "", "", f.Own, byYear, byQualification, byBlock, byBranch, byEmployer)}
	case f.Scope.Branch != "":
		return []report{
			newReport("branche", "Votre branche : "+f.OwnName, "Branche - ", f.Own, byYear, byQualification, byBlock, byEmployer),
			newReport("national", "Chiffres nationaux", "National - ", *f.National, byYear, byQualification, byBlock, byBranch),
		}
	}
	return []report{
		newReport("vous", "Vos chiffres : "+f.OwnName, "Vous - ", f.Own, byYear, byQualification, byBlock),
		newReport("national", "Chiffres nationaux", "National - ", *f.National, byYear, byQualification, byBlock),
	}
}
