package planner

import (
	"fmt"
	"math"
	"slices"
)

// The share of each role among the members, in percent; the rest are experts.
const (
	certifierShare = 12
	branchShare    = 28
)

// capacityMargin is the members' total max_sessions of each role over the
// sessions a packed plan needs (demand): enough for Solve, too few for a
// planner that opens a session for every few attempts.
const capacityMargin = 1.27

// demand estimates the sessions a plan needs by pool of members: all
// sessions (certifiers), by branch (branch representatives), by CQP
// (experts). For each CQP and branch (in person: employer) and national jury
// window, the minutes certifiable in it over a half-day, rounded up.
func (g *generator) demand() (total float64, byBranch, byQual map[string]float64) {
	m, err := compile(g.inst)
	if err != nil {
		panic(err) // Generate writes only what compile reads
	}
	type group struct {
		qual, place string
		window      int
	}
	minutes := map[group]int{}
	branchOf := map[group]string{}
	for _, a := range g.inst.Attempts {
		x := m.attempts[a.ID]
		k := group{a.Qualification, "branche " + x.branch, m.decidingJury(x.from)}
		if x.inPerson {
			k.place = "employeur " + a.Employer
		}
		minutes[k] += x.minutes
		branchOf[k] = x.branch
	}
	byBranch, byQual = map[string]float64{}, map[string]float64{}
	halfDay := m.halves[0].length()
	for k, n := range minutes {
		sessions := float64((n + halfDay - 1) / halfDay)
		total += sessions
		byBranch[branchOf[k]] += sessions
		byQual[k.qual] += sessions
	}
	return total, byBranch, byQual
}

// members draws the certifier representatives, the branch representatives
// and the experts, each pool's max_sessions summing to capacityMargin times
// its demand (times Size.Capacity).
func (g *generator) members() {
	total, byBranch, byQual := g.demand()
	nCert := max(2, g.size.Members*certifierShare/100)
	nBranch := max(4, g.size.Members*branchShare/100)
	nExpert := max(2*len(g.inst.Qualifications), g.size.Members-nCert-nBranch)
	allQuals := make([]string, len(g.inst.Qualifications))
	for i, q := range g.inst.Qualifications {
		allQuals[i] = q.Code
	}
	for i := range nCert {
		employer := "I410"
		if i%4 == 3 {
			employer = "UCANSS"
		}
		g.member(RoleCertifier, employer, nil, allQuals, true, total/float64(nCert), 0.35)
	}
	branchNames := []string{"famille", "maladie"}
	for i := range nBranch {
		b := branchNames[i%2]
		per := byBranch[b] / float64((nBranch+1-i%2)/2)
		g.member(RoleBranch, g.employerOf(b), &b, nil, true, per, 0.2)
	}
	// Experts: each CQP gets a share of them by its demand (two at least),
	// each expert a main CQP and, one in three, a second.
	counts := g.apportion(nExpert, byQual)
	for qi, q := range g.inst.Qualifications {
		for range counts[qi] {
			quals := []string{q.Code}
			if g.r.IntN(3) == 0 {
				if other := allQuals[g.r.IntN(len(allQuals))]; other != q.Code {
					quals = append(quals, other)
					slices.Sort(quals)
				}
			}
			b := branchNames[g.r.IntN(2)]
			trained := q.TrainingRequired || g.r.IntN(3) > 0
			g.member(RoleExpert, g.employerOf(b), &b, quals, trained, byQual[q.Code]/float64(counts[qi]), 0.2)
		}
	}
}

// apportion shares n experts among the CQP by demand, two at least each.
func (g *generator) apportion(n int, byQual map[string]float64) []int {
	var total float64
	for _, d := range byQual {
		total += d
	}
	counts := make([]int, len(g.inst.Qualifications))
	for i, q := range g.inst.Qualifications {
		counts[i] = 2
		if total > 0 {
			counts[i] = max(2, int(math.Round(float64(n)*byQual[q.Code]/total)))
		}
	}
	return counts
}

// employerOf draws an employer of branch b, or a code of its own when the
// instance has none of that branch.
func (g *generator) employerOf(b string) string {
	codes := g.branches[b]
	if len(codes) == 0 {
		return "AUTRE-" + b
	}
	return codes[g.r.IntN(len(codes))]
}

// member adds a member whose max_sessions is about perMember times the
// capacity margin (±25 %), available on about density of the half-days
// (±30 %; a third of that in August), on some weekdays more than others.
func (g *generator) member(role, employer string, branch *string, quals []string, trained bool, perMember, density float64) {
	id := fmt.Sprintf("M%03d", len(g.inst.Members))
	maxSessions := int(math.Round(perMember * capacityMargin * g.size.Capacity * (0.75 + 0.5*g.r.Float64())))
	d := density * (0.7 + 0.6*g.r.Float64())
	var weekday [5]float64
	for i := range weekday {
		weekday[i] = 0.5 + g.r.Float64()
	}
	var available []string
	for _, hd := range g.workHalfs {
		day := hd / 2
		p := d * weekday[(weekdayOf(day)+6)%7]
		if dateOf(day).Time().Month() == 8 {
			p /= 3
		}
		if g.r.Float64() < p {
			half := HalfAM
			if hd%2 == 1 {
				half = HalfPM
			}
			available = append(available, dateOf(day).String()+":"+half)
		}
	}
	g.inst.Members = append(g.inst.Members, Member{ID: id, Roles: []string{role}, Employer: employer, Branch: branch,
		Qualifications: quals, Trained: trained, Available: available, MaxSessions: max(1, maxSessions)})
}
