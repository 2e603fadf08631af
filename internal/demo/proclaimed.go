package demo

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"certibloc/internal/calendar"
	"certibloc/internal/certif"
	"certibloc/internal/clock"
	"certibloc/internal/mail"
	"certibloc/internal/minutes"
	"certibloc/internal/store"
)

// pastCase is a block of an earlier cohort's candidate, examined by a
// professional jury before one of the national juries around today: jury 0
// is the last but one before today, 1 the last one (both deliberated,
// minutes signed, results proclaimed), 2 the next one (its cases wait for
// its deliberation).
type pastCase struct {
	who      int // index in pastCohort
	qual     string
	blocks   []int
	jury     int
	proposal certif.Proposal
	decision certif.Decision // "" when the national jury follows the proposal
	reason   string          // why it departs from the proposal
	complete bool            // a complete path (a mono-bloc CQP)
}

// pastCohort are candidates registered in earlier campaigns. Camille Robert
// (an account) obtains the whole GC across the two past juries: blocks 1 and
// 2 at the first, block 3 at the second; Manon Girard the CQP Contrôleur
// allocataires (one block) at the first.
var pastCohort = []candidate{
	{"CAF75", "F", "Robert", "", "Camille, Louise", 35, "", true},
	{"URSSAF-IDF", "M", "Fontaine", "", "Julien", 29, "", false},
	{"CPAM75", "F", "Marchand", "Petitjean", "Aurélie", 44, "", false},
	{"CARSAT-HDF", "M", "Dubois", "", "Kévin", 32, "", false},
	{"CAF33", "F", "Lemaire", "", "Sandrine, Marie", 48, "", false},
	{"URSSAF-RA", "M", "Roche", "", "Olivier", 39, "", false},
	{"CPAM33", "F", "Barbier", "Castaing", "Nathalie", 51, "", false},
	{"CAF44", "M", "Morel", "", "Florian", 27, "", false},
	{"CAF67", "F", "Klein", "", "Justine", 30, "", false},
	{"URSSAF-BRE", "M", "Le Bihan", "", "Gaël", 36, "", false},
	{"CPAM13", "F", "Aubert", "Sanchez", "Mélissa", 33, "", false},
	{"CAF33", "F", "Girard", "", "Manon", 31, "", false},
}

var pastCases = []pastCase{
	{who: 0, qual: "GC", blocks: []int{1, 2}, jury: 0, proposal: certif.ProposalFavourable},
	{who: 1, qual: "COS", blocks: []int{1}, jury: 0, proposal: certif.ProposalFavourable},
	{who: 2, qual: "MOSS", blocks: []int{1}, jury: 0, proposal: certif.ProposalUnfavourable},
	{who: 3, qual: "COS", blocks: []int{2}, jury: 0, proposal: certif.ProposalAbsent},
	{who: 11, qual: "CA", blocks: []int{1}, jury: 0, proposal: certif.ProposalFavourable, complete: true},
	{who: 0, qual: "GC", blocks: []int{3}, jury: 1, proposal: certif.ProposalFavourable},
	{who: 4, qual: "COS", blocks: []int{1, 2}, jury: 1, proposal: certif.ProposalFavourable},
	{who: 5, qual: "COS", blocks: []int{3}, jury: 1, proposal: certif.ProposalUnfavourable, decision: certif.DecisionValidated,
		reason: "Les preuves écrites versées au dossier établissent les compétences que l'entretien n'a pas permis d'observer."},
	{who: 6, qual: "MOSS", blocks: []int{2}, jury: 1, proposal: certif.ProposalFavourable},
	{who: 7, qual: "COS", blocks: []int{1}, jury: 2, proposal: certif.ProposalFavourable},
	{who: 8, qual: "COS", blocks: []int{2}, jury: 2, proposal: certif.ProposalFavourable},
	{who: 9, qual: "GC", blocks: []int{2}, jury: 2, proposal: certif.ProposalUnfavourable},
	{who: 10, qual: "MOSS", blocks: []int{3}, jury: 2, proposal: certif.ProposalAbsent},
}

// demoComposition is the joint composition of the demo's national juries.
var demoComposition = []certif.NationalSeat{
	{Name: "Françoise Méric", Sex: "F", Side: certif.SideEmployer, Sat: true},
	{Name: "Bertrand Lagarde", Sex: "M", Side: certif.SideEmployer, Sat: true},
	{Name: "Samia Ouali", Sex: "F", Side: certif.SideEmployee, President: true, Sat: true},
	{Name: "Denis Carré", Sex: "M", Side: certif.SideEmployee, Sat: false},
}

// pastJuries gives the demo its history: the earlier cohort examined, the last
// two national juries deliberated, their minutes signed and their results
// proclaimed (certificates issued), their CQPs reported to the Caisse des
// Dépôts, and the next one's cases waiting.
func (l *loader) pastJuries(ctx context.Context) error {
	if l.cands[pastCohort[0].key()] != 0 {
		return nil // loaded before
	}
	cal, err := l.st.Calendar(ctx)
	if err != nil {
		return err
	}
	prior, juries := aroundToday(cal, l.today)
	if juries == nil {
		return nil // a calendar without juries around today
	}
	var days [3]certif.Date // when the professional juries of each one's cases sat
	for i, j := range juries {
		upper := j.Cutoff.AddDays(-7)
		if latest := l.today.AddDays(-7); upper.After(latest) {
			upper = latest
		}
		days[i] = sittingDay(cal, upper, prior) // after the cutoff of the jury before: this one decides them
		prior = j.Cutoff
	}
	if l.jury[heldJury[0]+"@"+Domain] == 0 {
		return nil // an older demo database: no jury pool
	}
	if err := l.on(l.origin(), func() error { return l.createCandidates(ctx, pastCohort, len(candidates)) }); err != nil {
		return err
	}
	if err := l.examinePastCases(ctx, cal, days); err != nil {
		return err
	}
	if err := l.cohortCampaigns(ctx, cal, days); err != nil {
		return err
	}
	for i, j := range juries[:2] {
		// its decisions recorded, its minutes signed and its results proclaimed as it ends
		end := clock.ParisAt(j.Date, cmp.Or(j.End, "13:00")).Add(10 * time.Minute)
		if err := l.at(end, func() error { return l.deliberate(ctx, cal, j, i) }); err != nil {
			return fmt.Errorf("jury national du %s : %w", j.Date.French(), err)
		}
	}
	sent := juries[1].Date.AddDays(10) // the flow goes to the CDC ten days after the last jury
	if sent.After(l.today) {
		sent = l.today
	}
	if err := l.on(sent, func() error { return l.pastAccrochage(ctx, sent) }); err != nil {
		return fmt.Errorf("accrochage : %w", err)
	}
	return nil
}

// aroundToday is the last two national juries before today and the next
// one, and the cutoff of the jury before them.
func aroundToday(cal *calendar.Calendar, today certif.Date) (certif.Date, []calendar.JuryWithCutoff) {
	all := cal.JuriesWithCutoffs(0)
	next := slices.IndexFunc(all, func(j calendar.JuryWithCutoff) bool { return !j.Date.Before(today) })
	if next < 3 {
		return certif.Date{}, nil
	}
	return all[next-3].Cutoff, all[next-2 : next+1]
}

// cohortCampaigns launches the campaigns of the months the cohort's CQPs of
// the collection-table route were examined in, their tables back on time.
func (l *loader) cohortCampaigns(ctx context.Context, cal *calendar.Calendar, days [3]certif.Date) error {
	seen := map[certif.Month]bool{l.tl.past.Name: true} // the past campaign keeps its late and missing tables
	for _, pc := range pastCases {
		cp, ok := cal.CampaignFor(days[pc.jury].MonthOf())
		if !ok || seen[cp.Name] || !cp.Deadline.Before(l.today) {
			continue
		}
		seen[cp.Name] = true
		if err := l.returnedOnTime(ctx, cp); err != nil {
			return err
		}
	}
	return nil
}

// examinePastCases registers the cohort's blocks for the month of their
// professional jury, held on the day of the cases of the national jury they
// reach, and records those juries as the office and their members did:
// planned and convened three weeks before, each seated from the pool by the
// rules (seating), evaluated and confirmed by its three members as it ended.
func (l *loader) examinePastCases(ctx context.Context, cal *calendar.Calendar, days [3]certif.Date) error {
	var regs []store.BulkRegistration
	for _, pc := range pastCases {
		c := pastCohort[pc.who]
		day := days[pc.jury]
		path := certif.PathPartial
		if pc.complete {
			path = certif.PathComplete
		}
		// registered four months before, and a week before the office launched
		// the campaign of its month (cohortCampaigns): its table lists it
		on := day.AddMonths(-4)
		if cp, ok := cal.CampaignFor(day.MonthOf()); ok && l.tl.launch(cp).AddDays(-7).Before(on) {
			on = l.tl.launch(cp).AddDays(-7)
		}
		if !on.After(l.origin()) {
			on = l.origin().AddDays(1)
		}
		g := store.BulkRegistration{Registration: certif.Registration{CandidateID: l.cands[c.key()], EmployerID: l.employerIDs[c.employer],
			Qualification: pc.qual, Path: path, CertifiableFrom: day.AddDays(-30), Contract: certif.ContractCDI,
			RegisteredOn: on}}
		for _, b := range pc.blocks {
			g.Attempts = append(g.Attempts, certif.BlockAttempt{Block: b, CertifiableFrom: g.CertifiableFrom, Period: day.MonthOf(), Status: certif.AttemptRegistered})
		}
		regs = append(regs, g)
	}
	if err := l.st.BulkLoad(ctx, l.caller(), func(b *store.Bulk) error { return b.Registrations(regs) }); err != nil {
		return err
	}
	seats, err := l.newSeating(ctx)
	if err != nil {
		return err
	}
	for jury, day := range days {
		if err := l.pastSessions(ctx, seats, jury, day, regs); err != nil {
			return fmt.Errorf("jurys professionnels du %s : %w", day.French(), err)
		}
	}
	return nil
}

// pastGroup is the cases one past session examines: of one CQP and one
// branch; in person (a block observed at work), of one employer.
type pastGroup struct {
	qual, branch string
	employer     int64 // the host, in person; 0 remote
	employers    []int64
	cases        []int // indexes in pastCases
}

// pastSessions records the professional juries of day: the cases of the
// jury-th national jury around today.
func (l *loader) pastSessions(ctx context.Context, seats *seating, jury int, day certif.Date, regs []store.BulkRegistration) error {
	snap, err := l.st.PlanningSnapshot(ctx, day, day, day.AddDays(-1))
	if err != nil {
		return err
	}
	var groups []pastGroup
	for i, pc := range pastCases {
		if pc.jury != jury {
			continue
		}
		emp := l.employerIDs[pastCohort[pc.who].employer]
		e, ok := snap.Employers[emp]
		if !ok {
			return fmt.Errorf("employeur %s de %s absent du planning", pastCohort[pc.who].employer, pastCohort[pc.who].name())
		}
		host := int64(0)
		q := snap.Qualifications[pc.qual]
		for _, n := range pc.blocks {
			if b, _ := q.Block(n); b.InPerson() {
				host = emp
			}
		}
		k := slices.IndexFunc(groups, func(g pastGroup) bool { return g.qual == pc.qual && g.branch == e.Branch && g.employer == host })
		if k < 0 {
			groups = append(groups, pastGroup{qual: pc.qual, branch: e.Branch, employer: host})
			k = len(groups) - 1
		}
		g := &groups[k]
		g.cases = append(g.cases, i)
		if !slices.Contains(g.employers, emp) {
			g.employers = append(g.employers, emp)
		}
	}
	var sessions []certif.JurySession
	for _, g := range groups {
		ss := certif.JurySession{Qualification: g.qual, Mode: certif.ModeRemote, Locked: true}
		found := false
		for _, half := range []certif.Half{certif.Morning, certif.Afternoon} {
			ss.HalfDay = certif.HalfDay{Day: day, Half: half}
			if ss.Members, found = seats.jury(g.qual, ss.HalfDay, g.branch, g.employers); found {
				break
			}
		}
		if !found {
			return fmt.Errorf("aucun jury du vivier ne peut évaluer le CQP %s (branche %s) ce jour-là", g.qual, g.branch)
		}
		if g.employer != 0 {
			e := snap.Employers[g.employer]
			if len(e.Sites) == 0 {
				return fmt.Errorf("%s n'a pas de site où observer ses candidats", e.Code)
			}
			ss.Mode, ss.EmployerID, ss.EmployerCode, ss.SiteID = certif.ModeEmployer, e.ID, e.Code, e.Sites[0].ID
		} else {
			ss.RemoteTool, ss.Link = certif.DefaultRemoteTool(snap.BranchTools[g.branch]), snap.BranchLinks[g.branch]
			if ss.Link == "" {
				ss.Link = fmt.Sprintf("https://visio.%s/jury-%s-%s-%s", Domain, strings.ToLower(g.qual), day, halfName(ss.HalfDay.Half))
			}
		}
		start := certif.ParseClock("09:00")
		if ss.HalfDay.Half == certif.Afternoon {
			start = certif.ParseClock("14:00")
		}
		for _, i := range g.cases {
			q := snap.Qualifications[pastCases[i].qual]
			for _, a := range regs[i].Attempts {
				b, _ := q.Block(a.Block)
				minutes := cmp.Or(b.Minutes, certif.DefaultBlockMinutes)
				ss.Slots = append(ss.Slots, certif.Slot{AttemptID: a.ID, Start: certif.ClockTime(start), Minutes: minutes})
				start += minutes
			}
		}
		sessions = append(sessions, ss)
	}
	list, err := l.planAndConvene(ctx, day, snap, sessions)
	if err != nil {
		return err
	}
	proposals := map[int64]certif.Proposal{}
	for i, pc := range pastCases {
		for _, a := range regs[i].Attempts {
			proposals[a.ID] = pc.proposal
		}
	}
	for _, saved := range list {
		var members [3]int64
		for i, m := range saved.Members {
			members[i] = m.MemberID
		}
		if err := l.at(sessionEnd(saved).Add(10*time.Minute), func() error { // confirmed as it ends
			for _, sl := range saved.Slots {
				if err := l.evaluate(ctx, day, members, sl, proposals[sl.AttemptID], pastComments[proposals[sl.AttemptID]], 3); err != nil {
					return fmt.Errorf("évaluation de %s : %w", sl.CandidateName, err)
				}
			}
			return nil
		}); err != nil {
			return err
		}
	}
	return nil
}

// halfName names a half-day in a link: "matin", "apres-midi".
func halfName(h certif.Half) string {
	if h == certif.Afternoon {
		return "apres-midi"
	}
	return "matin"
}

// pastComments are the experts' comments of the earlier cohort, by proposal.
var pastComments = map[certif.Proposal]string{
	certif.ProposalFavourable:   "Compétences observées en situation et confirmées à l'entretien.",
	certif.ProposalUnfavourable: "Plusieurs critères non acquis : la reformulation des demandes et la traçabilité restent à consolider.",
	certif.ProposalAbsent:       "Absence non justifiée le jour de l'évaluation.",
}

// deliberate takes the i-th jury around today through its deliberation: its
// composition, the decisions on its cases, the signature of its minutes and
// the proclamation of its results with their mails.
func (l *loader) deliberate(ctx context.Context, cal *calendar.Calendar, j calendar.JuryWithCutoff, i int) error {
	by := store.Caller{Actor: store.Actor{Email: CertifierEmail}, Role: certif.RoleCertifier, Scope: store.All, Today: j.Date}
	if err := l.st.SaveNationalComposition(ctx, by, j.Date, slices.Clone(demoComposition)); err != nil {
		return err
	}
	cases, err := l.st.NationalCases(ctx, store.All)
	if err != nil {
		return err
	}
	mine := map[int64]pastCase{}
	for _, pc := range pastCases {
		if pc.jury == i {
			mine[l.cands[pastCohort[pc.who].key()]] = pc
		}
	}
	var decisions []store.NationalDecision
	for _, c := range cases {
		pc, ok := mine[c.CandidateID]
		if !ok || pc.qual != c.Qualification || !slices.Contains(pc.blocks, c.Block) {
			continue
		}
		d := store.NationalDecision{AttemptID: c.AttemptID, Decision: pc.decision, Reason: pc.reason}
		if d.Decision == "" {
			d.Decision = c.Proposal.Follows()
		}
		decisions = append(decisions, d)
	}
	reach := func(c certif.NationalCase) bool { return !c.HeldOn.After(j.Cutoff) }
	if err := l.st.DecideNational(ctx, by, j.Date, decisions, reach); err != nil {
		return err
	}
	if _, err := minutes.Archive(ctx, l.st, l.minutes, by, j.Date); err != nil {
		return err
	}
	quals, err := l.st.Qualifications(ctx, false)
	if err != nil {
		return err
	}
	titles := map[string]string{}
	for _, q := range quals {
		titles[q.Code] = q.Title
	}
	_, err = l.st.Proclaim(ctx, by, j.Date, mail.ResultMails(l.baseURL, titles), l.st.CertificateIssuer())
	return err
}
