package juries

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"certibloc/internal/calendar"
	"certibloc/internal/certif"
	"certibloc/internal/planner"
	"certibloc/internal/store"
)

// The hours of the two half-days of professional juries, Paris time.
var halfDays = planner.HalfDays{AM: planner.TimeRange{"09:00", "12:30"}, PM: planner.TimeRange{"13:30", "17:00"}}

// HalfDayHours returns the start and end of a half-day, "HH:MM".
func HalfDayHours(h certif.Half) (string, string) {
	if h == certif.Afternoon {
		return halfDays.PM[0], halfDays.PM[1]
	}
	return halfDays.AM[0], halfDays.AM[1]
}

// Built is a planner instance made from a snapshot, with the way back from
// the instance's identifiers to the database's.
type Built struct {
	Instance planner.Instance
	Snapshot store.PlanningSnapshot
	// Ineligible are the attempts left out before planning (R8: deleted
	// registration, incomplete identity, collection table missing), with why.
	Ineligible []store.UnplacedAttempt
	// Warnings are what the office should know about the instance: sites
	// whose opening hours could not be read.
	Warnings   []string
	attempts   map[string]store.PlanningAttempt
	members    map[string]store.PlanningMember
	memberKeys map[int64]string // member id → the instance's identifier
	employers  map[string]store.PlanningEmployer
	sites      map[string]int64 // employer code → site whose hours the planner used
}

// attemptKey, memberKey and candidateKey are the instance's identifiers:
// readable, because the planner's French reasons name them.
func attemptKey(id int64) string { return strconv.FormatInt(id, 10) }

func memberKey(m certif.JuryMember) string { return fmt.Sprintf("%s (n° %d)", m.Name(), m.ID) }

func candidateKey(c certif.Candidate, id int64) string {
	return fmt.Sprintf("%s (n° %d)", c.PrintedName(), id)
}

// Instance builds the planner's instance of a snapshot: the calendar of the
// window (non-working days, national juries and their cutoffs), the
// qualifications with their blocks' lengths and modalities, the employers with
// the opening hours of their first site that gives them (R18), the eligible
// attempts (R8) certifiable from the later of their date, their period's
// first day (R19: a contrat de professionnalisation's own period) and the
// window's start, with the extra time granted (R15), and the active members
// with their availability and their sessions left in the year.
func Instance(snap store.PlanningSnapshot, cal *calendar.Calendar, today certif.Date) Built {
	b := Built{Snapshot: snap, attempts: map[string]store.PlanningAttempt{}, members: map[string]store.PlanningMember{}, memberKeys: map[int64]string{},
		employers: map[string]store.PlanningEmployer{}, sites: map[string]int64{}}
	inst := planner.Instance{Year: snap.From.Year(), HalfDays: halfDays, NonWorkingDays: []string{}}
	for d := snap.From; !d.After(snap.To); d = d.AddDays(1) {
		if w := d.Weekday(); w != time.Saturday && w != time.Sunday && !cal.IsWorkingDay(d) {
			inst.NonWorkingDays = append(inst.NonWorkingDays, d.String())
		}
	}
	for y := snap.From.Year(); y <= snap.To.Year()+1; y++ {
		for _, j := range cal.JuriesWithCutoffs(y) {
			if !j.Cutoff.Before(snap.From) {
				inst.NationalJuries = append(inst.NationalJuries, planner.NationalJury{Date: j.Date.String(), Cutoff: j.Cutoff.String()})
			}
		}
	}
	for _, code := range sortedKeys(snap.Qualifications) {
		q := snap.Qualifications[code]
		pq := planner.Qualification{Code: q.Code, TrainingRequired: q.JuryTrainingMandatory}
		for _, bl := range q.Blocks {
			pq.Blocks = append(pq.Blocks, planner.Block{Number: bl.Number, Minutes: cmp.Or(bl.Minutes, certif.DefaultBlockMinutes), InPerson: bl.InPerson()})
		}
		inst.Qualifications = append(inst.Qualifications, pq)
	}
	b.addEmployers(&inst, snap)
	b.addAttempts(&inst, snap, today)
	b.addMembers(&inst, snap)
	b.Instance = inst
	return b
}

// usualHours are the opening hours assumed for an employer none of whose
// sites gives them: Monday to Friday, to be confirmed with the employer.
var usualHours = planner.TimeRange{"09:00", "17:00"}

func (b *Built) addEmployers(inst *planner.Instance, snap store.PlanningSnapshot) {
	var list []store.PlanningEmployer
	var unknown []string
	defer func() {
		if len(unknown) > 0 {
			b.Warnings = append(b.Warnings, fmt.Sprintf("Horaires d'ouverture inconnus ou illisibles pour %s (%s) : les séances en présentiel y sont planifiées du lundi au vendredi de 9 h à 17 h, à confirmer avec l'employeur.",
				certif.Count(len(unknown), "employeur", "employeurs"), strings.Join(unknown, ", ")))
		}
	}()
	for _, e := range snap.Employers {
		list = append(list, e)
	}
	slices.SortFunc(list, func(x, y store.PlanningEmployer) int { return cmp.Compare(x.Code, y.Code) })
	for _, e := range list {
		pe := planner.Employer{Code: e.Code, Branch: e.Branch, Opening: map[string]planner.TimeRange{}}
		read := false
		for _, site := range e.Sites {
			if hours, ok := certif.ParseOpeningHours(site.ReceptionHours); ok {
				for w := time.Sunday; w <= time.Saturday; w++ {
					if hours.Open(w) {
						pe.Opening[strconv.Itoa((int(w)+6)%7+1)] = planner.TimeRange{certif.ClockTime(hours[w][0]), certif.ClockTime(hours[w][1])}
					}
				}
				b.sites[e.Code], read = site.ID, true
				break
			}
		}
		if !read {
			for day := 1; day <= 5; day++ {
				pe.Opening[strconv.Itoa(day)] = usualHours
			}
			unknown = append(unknown, e.Code)
		}
		b.employers[e.Code] = e
		inst.Employers = append(inst.Employers, pe)
	}
}

func (b *Built) addAttempts(inst *planner.Instance, snap store.PlanningSnapshot, today certif.Date) {
	for _, p := range snap.Attempts {
		c := snap.Candidates[p.Attempt.CandidateID]
		identityErr := c.Validate(today)
		if c.ID == 0 {
			identityErr = certif.Errorf(certif.ENotFound, "candidat supprimé")
		}
		if el := certif.AttemptEligibility(p.Attempt, p.Registration, identityErr, snap.Holds...); !el.Eligible && p.Attempt.Status == certif.AttemptRegistered {
			b.Ineligible = append(b.Ineligible, store.UnplacedAttempt{AttemptID: p.Attempt.ID, Reason: el.Reasons[0]})
			continue
		}
		from := latest(p.Attempt.CertifiableFrom, snap.From, today.AddDays(1))
		if !p.Attempt.Period.IsZero() {
			from = latest(from, p.Attempt.Period.First())
		}
		emp := snap.Employers[p.Registration.EmployerID]
		key := attemptKey(p.Attempt.ID)
		b.attempts[key] = p
		inst.Attempts = append(inst.Attempts, planner.Attempt{ID: key, Candidate: candidateKey(c, c.ID), Employer: emp.Code,
			Qualification: p.Attempt.Qualification, Block: p.Attempt.Block, CertifiableFrom: from.String(), ExtraMinutes: p.ExtraMinutes})
	}
}

func (b *Built) addMembers(inst *planner.Instance, snap store.PlanningSnapshot) {
	roleNames := map[certif.JuryRole]string{certif.JuryCertifierRep: planner.RoleCertifier, certif.JuryExpert: planner.RoleExpert, certif.JuryBranchRep: planner.RoleBranch}
	for _, m := range snap.Members {
		left := m.MaxSessions - m.Sessions
		if left <= 0 {
			continue
		}
		pm := planner.Member{ID: memberKey(m.JuryMember), Qualifications: slices.Clone(m.Qualifications), MaxSessions: left,
			Trained: !m.TrainedOn.IsZero() && !m.TrainedOn.After(snap.From), Available: []string{}, Roles: []string{}}
		for _, r := range m.Roles {
			pm.Roles = append(pm.Roles, roleNames[r])
		}
		if m.EmployerID != 0 {
			pm.Employer = snap.Employers[m.EmployerID].Code
		}
		if m.Branch != "" {
			branch := m.Branch
			pm.Branch = &branch
		}
		if pm.Qualifications == nil {
			pm.Qualifications = []string{}
		}
		for _, hd := range m.Available {
			pm.Available = append(pm.Available, hd.String())
		}
		b.members[pm.ID], b.memberKeys[m.ID] = m, pm.ID
		inst.Members = append(inst.Members, pm)
	}
	slices.SortFunc(inst.Members, func(x, y planner.Member) int { return cmp.Compare(x.ID, y.ID) })
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// latest is the latest of dates.
func latest(d certif.Date, others ...certif.Date) certif.Date {
	for _, o := range others {
		if o.After(d) {
			d = o
		}
	}
	return d
}
