package statistics

import (
	"cmp"
	"slices"
	"strconv"

	"certibloc/internal/certif"
)

// A chart is a table's decisions as horizontal stacked bars (validated, not
// validated, absent), drawn as SVG by the chart partial: role="img", a
// title and a description, the table beside it giving every figure.
type chart struct {
	ID     string // the title's id; the description's is ID-desc
	Title  string
	Desc   string
	Note   string // when some groups are left out of the chart
	Width  int
	Height int
	Legend []legendItem
	Bars   []bar
}

type legendItem struct {
	X     int
	Label string
	Fill  string
}

type bar struct {
	Label    string
	Y        int // top of the bar
	TextY    int // baseline of its labels
	Segments []segment
	Total    int
	TotalX   int // where the total is written, after the bar
}

type segment struct {
	X, Width int
	Fill     string
}

// Chart geometry, in SVG user units.
const (
	chartWidth   = 720
	labelWidth   = 140 // the groups' labels, left of the bars
	barsWidth    = 500
	barHeight    = 16
	rowHeight    = 24
	legendHeight = 28
	maxBars      = 20
)

// The decisions' colours: contrast of 3:1 at least against the white
// background (WCAG 1.4.11), told apart by the legend and the table too.
var decisionColours = []struct{ label, fill string }{
	{"Validés", "#1b6e3c"},
	{"Non validés", "#b34700"},
	{"Absents", "#5c6670"},
}

// newChart draws a table's decisions; ok is false when the table has none.
// At most maxBars groups are drawn, those with the most decisions (years
// all, in order); the note says so.
func newChart(t table, year int) (chart, bool) {
	rows := slices.Clone(t.Rows)
	rows = slices.DeleteFunc(rows, func(r row) bool { return r.Decided() == 0 })
	if len(rows) == 0 {
		return chart{}, false
	}
	c := chart{ID: t.ID + "-graphique", Width: chartWidth}
	if t.Key == byYear.key {
		c.Title = "Décisions des jurys nationaux par année"
	} else {
		c.Title = "Décisions des jurys nationaux de " + strconv.Itoa(year) + ", " + certif.LowerFirst(t.Title)
	}
	if len(rows) > maxBars {
		slices.SortStableFunc(rows, func(a, b row) int { return cmp.Compare(b.Decided(), a.Decided()) })
		rows = rows[:maxBars]
		c.Note = "Le graphique montre les " + strconv.Itoa(maxBars) + " " + t.Many + " ayant le plus de décisions ; le tableau les donne tous."
	}
	c.Desc = "Barres empilées : blocs validés, non validés et absents pour " + certif.Count(len(rows), t.One, t.Many) + ". Le tableau qui suit donne chaque chiffre."
	top := 0
	for _, r := range rows {
		top = max(top, r.Decided())
	}
	x := labelWidth
	for _, d := range decisionColours {
		c.Legend = append(c.Legend, legendItem{X: x, Label: d.label, Fill: d.fill})
		x += 120
	}
	for i, r := range rows {
		y := legendHeight + i*rowHeight
		b := bar{Label: r.Short, Y: y + (rowHeight-barHeight)/2, TextY: y + rowHeight/2 + 5, Total: r.Decided()}
		pos := labelWidth
		for j, n := range []int{r.Validated, r.NotValidated, r.Absent} {
			w := n * barsWidth / top
			if n > 0 && w == 0 {
				w = 1 // a group of one decision among thousands still shows
			}
			if w > 0 {
				b.Segments = append(b.Segments, segment{X: pos, Width: w, Fill: decisionColours[j].fill})
			}
			pos += w
		}
		b.TotalX = pos + 6
		c.Bars = append(c.Bars, b)
	}
	c.Height = legendHeight + len(rows)*rowHeight + 4
	return c, true
}
