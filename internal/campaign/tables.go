package campaign

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"certibloc/internal/calendar"
	"certibloc/internal/certif"
	"certibloc/internal/intake"
	"certibloc/internal/store"
)

// EmployerTable is the collection table of one employer for a campaign.
type EmployerTable struct {
	Employer certif.Employer
	Table    intake.CollectionTable
}

// Filename names an employer's collection table.
func Filename(campaign certif.Month, employerCode string) string {
	return fmt.Sprintf("recueil-%s-%s.xlsx", campaign, employerCode)
}

// Tables builds the collection tables of a campaign: one per employer that
// has registrations the campaign concerns (R5), of one employer or of all
// when employerCode is "", by employer code. Each line is pre-filled with the
// identity as certificates print it (R16), the qualification, the blocks
// remaining to validate, the blocks registered for the campaign, the
// certifiable-from date and the periods; the specialty with the
// registration's; the site and its opening hours with the employer's first
// site that has both (R18).
func Tables(ctx context.Context, st *store.Store, cp calendar.CollectionCampaign, employerCode string) ([]EmployerTable, error) {
	regs, err := st.CollectionRegistrations(ctx, cp, employerCode)
	if err != nil || len(regs) == 0 {
		return nil, err
	}
	ref, err := loadReference(ctx, st, regs)
	if err != nil {
		return nil, err
	}
	var out []EmployerTable
	for _, r := range regs {
		if len(out) == 0 || out[len(out)-1].Employer.Code != r.EmployerCode {
			e, ok := ref.employers[r.EmployerCode]
			if !ok {
				return nil, fmt.Errorf("employeur %s introuvable", r.EmployerCode)
			}
			out = append(out, EmployerTable{Employer: e, Table: ref.table(cp, e)})
		}
		et := &out[len(out)-1]
		t := &et.Table
		t.Lines = append(t.Lines, ref.line(cp, r, ref.sites[et.Employer.ID]))
		if r.Specialty != "" && !slices.Contains(t.Specialties, r.Specialty) {
			t.Specialties = append(t.Specialties, r.Specialty)
		}
	}
	return out, nil
}

// reference is what the tables of a campaign need besides the registrations.
type reference struct {
	employers map[string]certif.Employer
	sites     map[int64][]store.EmployerSite
	validated map[int64]map[string][]int
	quals     map[string]certif.Qualification
	branches  map[string]string // code → French name
}

func loadReference(ctx context.Context, st *store.Store, regs []store.RegistrationRow) (*reference, error) {
	ref := &reference{employers: map[string]certif.Employer{}, quals: map[string]certif.Qualification{}, branches: map[string]string{}}
	employers, err := st.Employers(ctx)
	if err != nil {
		return nil, err
	}
	for _, e := range employers {
		ref.employers[e.Code] = e
	}
	if ref.sites, err = st.AllEmployerSites(ctx); err != nil {
		return nil, err
	}
	var ids []int64
	for _, r := range regs {
		ids = append(ids, r.CandidateID)
	}
	if ref.validated, err = st.ValidatedByCandidate(ctx, ids); err != nil {
		return nil, err
	}
	quals, err := st.Qualifications(ctx, false)
	if err != nil {
		return nil, err
	}
	for _, q := range quals {
		ref.quals[q.Code] = q
	}
	branches, err := st.Branches(ctx)
	for _, b := range branches {
		ref.branches[b.Code] = b.Name
	}
	return ref, err
}

// table starts the table of an employer: campaign, lists of specialties
// (the branches of the collection-table route) and of its sites.
func (ref *reference) table(cp calendar.CollectionCampaign, e certif.Employer) intake.CollectionTable {
	t := intake.CollectionTable{Campaign: cp.Name, ExamMonths: cp.ExamMonths, Deadline: cp.Deadline, EmployerCode: e.Code, EmployerName: e.Name}
	for _, q := range ref.quals {
		if q.Route != certif.RouteCollectionTable {
			continue
		}
		for _, b := range q.Branches {
			if name := ref.branches[b]; name != "" && !slices.Contains(t.Specialties, name) {
				t.Specialties = append(t.Specialties, name)
			}
		}
	}
	slices.Sort(t.Specialties)
	for _, s := range ref.sites[e.ID] {
		t.Sites = append(t.Sites, s.Name)
	}
	return t
}

// line pre-fills the line of a registration.
func (ref *reference) line(cp calendar.CollectionCampaign, r store.RegistrationRow, sites []store.EmployerSite) intake.CollectionLine {
	l := intake.CollectionLine{RegistrationID: r.ID, Identity: r.Candidate.PrintedName(), Qualification: r.Qualification,
		CertifiableFrom: r.CertifiableFrom, Specialty: r.Specialty}
	done := ref.validated[r.CandidateID][r.Qualification]
	for _, b := range ref.quals[r.Qualification].Blocks {
		if !slices.Contains(done, b.Number) {
			l.Remaining = append(l.Remaining, b.Number)
		}
	}
	attempts := certif.CollectionAttempts(r.Registration, cp.ExamMonths)
	var periods []string
	for _, a := range attempts {
		l.Registered = append(l.Registered, a.Block)
		periods = append(periods, fmt.Sprintf("bloc %d : %s", a.Block, a.Period.French()))
	}
	l.Periods = strings.Join(periods, " ; ")
	if samePeriod(attempts) {
		l.Periods = attempts[0].Period.French()
	}
	if site, ok := siteWithHours(sites); ok {
		l.Site, l.ReceptionHours, l.PhoneHours = site.Name, site.ReceptionHours, site.PhoneHours
	} else if len(sites) == 1 {
		l.Site = sites[0].Name
	}
	return l
}

func samePeriod(attempts []certif.BlockAttempt) bool {
	for _, a := range attempts {
		if a.Period != attempts[0].Period {
			return false
		}
	}
	return len(attempts) > 0
}

// siteWithHours is the first site whose reception and phone hours are both known.
func siteWithHours(sites []store.EmployerSite) (store.EmployerSite, bool) {
	for _, s := range sites {
		if s.HasHours() {
			return s, true
		}
	}
	return store.EmployerSite{}, false
}

// monthsText names the exam months of a campaign: "juin 2026, juillet 2026".
func monthsText(cp calendar.CollectionCampaign) string {
	s := make([]string, len(cp.ExamMonths))
	for i, m := range cp.ExamMonths {
		s[i] = m.French()
	}
	return strings.Join(s, ", ")
}
