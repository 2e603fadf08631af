package planner

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"
)

// Size says how large an instance Generate makes.
type Size struct {
	Employers  int // about half CAF (famille), half CPAM (maladie)
	Candidates int // each with one to all the blocks of one CQP
	Members    int // about 14 % certifier representatives, 26 % branch representatives, the rest experts
	// Capacity scales every member's max_sessions: 1 is the national
	// calibration (members' maximums are the binding resource).
	Capacity float64
}

// The sizes of Generate: National is a year of the whole network (about
// 6,300 attempts, 300 employers, 400 members); Small is a test's.
var (
	National = Size{Employers: 300, Candidates: 2650, Members: 400, Capacity: 1}
	Small    = Size{Employers: 6, Candidates: 24, Members: 24, Capacity: 1}
)

// generator is the state of one Generate call.
type generator struct {
	r         *rand.Rand
	size      Size
	inst      Instance
	branches  map[string][]string // branch → employer codes
	workHalfs []int               // half-days a session may take, ascending
}

// Generate makes a synthetic instance of the given size, deterministic for a
// seed (math/rand/v2 with a fixed source, no clock). It mimics the example of
// the specification at scale: the 2026 calendar, its non-working days and
// national juries, its half-day hours and CQP; employers of the famille and
// maladie branches open 8:00–9:00 to 16:00–17:00, about a third of them
// closed on Wednesdays; candidates in cohorts (one employer, one CQP), with
// one to all the blocks of the CQP, certifiable over the year, 4 % of them
// with 30 minutes of extra time; members available on about 35 % (certifier
// representatives) or 20 % (the others) of the half-days, fewer in August.
// Every attempt is certifiable on or before the last cutoff and every role
// has members, available enough: at national scale Solve places every
// attempt, while max_sessions, sized on the sessions a packed plan needs, run
// out for a planner that opens a session for every few attempts.
func Generate(seed int64, size Size) Instance {
	g := &generator{r: rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15)), size: size, branches: map[string][]string{}}
	g.calendar()
	g.employers()
	g.inst.Qualifications = exampleQualifications()
	g.attempts()
	g.members()
	return g.inst
}

// calendar is the 2026 calendar of the example.
func (g *generator) calendar() {
	g.inst.Year = 2026
	g.inst.NonWorkingDays = []string{"2026-01-01", "2026-04-06", "2026-05-01", "2026-05-08", "2026-05-14", "2026-07-14",
		"2026-08-15", "2026-11-01", "2026-11-11", "2026-12-25"}
	for _, j := range [][2]string{{"2026-01-22", "2026-01-16"}, {"2026-03-05", "2026-02-27"}, {"2026-04-16", "2026-04-10"},
		{"2026-05-28", "2026-05-22"}, {"2026-07-10", "2026-07-06"}, {"2026-09-24", "2026-09-18"}, {"2026-11-06", "2026-11-02"},
		{"2026-12-17", "2026-12-11"}} {
		g.inst.NationalJuries = append(g.inst.NationalJuries, NationalJury{Date: j[0], Cutoff: j[1]})
	}
	g.inst.HalfDays = HalfDays{AM: TimeRange{"09:00", "12:30"}, PM: TimeRange{"13:30", "17:00"}}
	nonWorking := map[int]bool{}
	for _, d := range g.inst.NonWorkingDays {
		day, _ := parseDay(d)
		nonWorking[day] = true
	}
	first, _ := parseDay("2026-01-05")
	last, _ := parseDay("2026-12-11")
	for day := first; day <= last; day++ {
		if w := weekdayOf(day); w != time.Saturday && w != time.Sunday && !nonWorking[day] {
			g.workHalfs = append(g.workHalfs, 2*day, 2*day+1)
		}
	}
}

// employers alternates CAF and CPAM, with realistic opening hours.
func (g *generator) employers() {
	starts := []string{"08:00", "08:30", "08:30", "09:00"}
	ends := []string{"16:00", "16:30", "16:30", "17:00"}
	for i := range g.size.Employers {
		code, branch := fmt.Sprintf("CAF-%03d", i), "famille"
		if i%2 == 1 {
			code, branch = fmt.Sprintf("CPAM-%03d", i), "maladie"
		}
		hours := TimeRange{starts[g.r.IntN(len(starts))], ends[g.r.IntN(len(ends))]}
		opening := map[string]TimeRange{}
		closedWednesday := g.r.IntN(3) == 0
		for day := 1; day <= 5; day++ {
			if day != 3 || !closedWednesday {
				opening[fmt.Sprint(day)] = hours
			}
		}
		g.inst.Employers = append(g.inst.Employers, Employer{Code: code, Branch: branch, Opening: opening})
		g.branches[branch] = append(g.branches[branch], code)
	}
}

// exampleQualifications are the CQP of the example instance.
func exampleQualifications() []Qualification {
	b := func(n, minutes int, inPerson bool) Block {
		return Block{Number: n, Minutes: minutes, InPerson: inPerson}
	}
	return []Qualification{
		{Code: "COS", TrainingRequired: true, Blocks: []Block{b(1, 60, true), b(2, 60, true), b(3, 45, false), b(4, 45, false)}},
		{Code: "GC", TrainingRequired: true, Blocks: []Block{b(1, 60, true), b(2, 45, false), b(3, 45, false)}},
		{Code: "DAM", TrainingRequired: true, Blocks: []Block{b(1, 60, true), b(2, 45, false), b(3, 45, false)}},
		{Code: "MOSS", Blocks: []Block{b(1, 45, false), b(2, 45, false), b(3, 45, false), b(4, 45, false)}},
		{Code: "CA", TrainingRequired: true, Blocks: []Block{b(1, 90, false)}},
		{Code: "CR", TrainingRequired: true, Blocks: []Block{b(1, 90, false)}},
		{Code: "IR", Blocks: []Block{b(1, 60, false), b(2, 60, false)}},
		{Code: "GCAR", Blocks: []Block{b(1, 45, false), b(2, 45, false)}},
	}
}

// qualificationWeights is the share of candidates of each CQP, in percent,
// in the order of exampleQualifications.
var qualificationWeights = []int{30, 28, 12, 10, 6, 5, 5, 4}

// pick draws an index with the given weights.
func (g *generator) pick(weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := g.r.IntN(total)
	for i, w := range weights {
		if n -= w; n < 0 {
			return i
		}
	}
	return len(weights) - 1
}

// attempts draws the candidates and their attempts, by cohorts of one to six
// candidates of one employer and one CQP, certifiable from one working day of
// January to November (each candidate up to two days later). Employers
// differ in size: a cohort's employer is drawn with weight 1 to 10.
func (g *generator) attempts() {
	sizes := []int{1, 1, 1, 2, 2, 3, 4, 6, 10}
	weights := make([]int, len(g.inst.Employers))
	for i := range weights {
		weights[i] = sizes[g.r.IntN(len(sizes))]
	}
	lastFrom, _ := parseDay("2026-11-27")
	var days []int
	for _, hd := range g.workHalfs {
		if hd%2 == 0 && hd/2 <= lastFrom {
			days = append(days, hd/2)
		}
	}
	n := 0
	for c := 0; c < g.size.Candidates; {
		// A cohort: candidates of one employer trained together for one CQP.
		emp := g.inst.Employers[g.pick(weights)]
		q := g.inst.Qualifications[g.pick(qualificationWeights)]
		start := g.r.IntN(len(days))
		for range min(1+g.r.IntN(6), g.size.Candidates-c) {
			from := days[min(start+g.r.IntN(3), len(days)-1)]
			n = g.candidate(fmt.Sprintf("C%04d", c), emp.Code, q, from, lastFrom, n)
			c++
		}
	}
}

// candidate adds the attempts of one candidate certifiable from day from:
// all the blocks of q or, one in two, some of them (the others validated
// earlier or not ready); one block in two is certifiable one to four weeks
// later. n is the number of attempts so far; candidate returns the new one.
func (g *generator) candidate(id, emp string, q Qualification, from, lastFrom, n int) int {
	extra := 0
	if g.r.IntN(25) == 0 {
		extra = 30
	}
	blocks := slices.Clone(q.Blocks)
	if len(blocks) > 1 && g.r.IntN(2) == 0 {
		g.r.Shuffle(len(blocks), func(i, j int) { blocks[i], blocks[j] = blocks[j], blocks[i] })
		blocks = blocks[:1+g.r.IntN(len(blocks)-1)]
		slices.SortFunc(blocks, func(a, b Block) int { return a.Number - b.Number })
	}
	for _, b := range blocks {
		day := from
		if g.r.IntN(2) == 0 {
			day = min(from+7*(1+g.r.IntN(4)), lastFrom)
		}
		n++
		g.inst.Attempts = append(g.inst.Attempts, Attempt{ID: fmt.Sprintf("A%05d", n), Candidate: id, Employer: emp,
			Qualification: q.Code, Block: b.Number, CertifiableFrom: dateOf(day).String(), ExtraMinutes: extra})
	}
	return n
}
