package demo

import (
	"context"
	"fmt"
	"strings"

	"certibloc/internal/certif"
	"certibloc/internal/clock"
	"certibloc/internal/ics"
	"certibloc/internal/juries"
	"certibloc/internal/store"
)

// fundMembers complete the jury pool so that every branch has a
// representative outside the employers of its candidates (one per national
// fund) and every demo CQP two experts; the last three so that the juries of
// one day (the earlier cohort's, sometimes on the day of the jury held a
// fortnight ago) each find their three members free that half-day: a third
// certifier's representative, a second representative of the Famille branch
// and a second MOSS expert.
var fundMembers = []certif.JuryMember{
	{FirstName: "Marc", LastName: "Vidal", Roles: branchRep, Branch: "famille", Organisation: "CNAF"},
	{FirstName: "Isabelle", LastName: "Carré", Roles: branchRep, Branch: "recouvrement", Organisation: "Urssaf Caisse nationale"},
	{FirstName: "Laurent", LastName: "Mercier", Roles: branchRep, Branch: "retraite", Organisation: "CNAV"},
	{FirstName: "Fatima", LastName: "Zerrouki", Roles: branchRep, Branch: "maladie", Organisation: "CNAM"},
	{FirstName: "Sophie", LastName: "Lambert", Roles: expert, Qualifications: []string{"COS", "GC", "CR"}, Organisation: "Urssaf Rhône-Alpes"},
	{FirstName: "Hélène", LastName: "Dubreuil", Roles: expert, Qualifications: []string{"GCAR", "COS", "CA"}, Organisation: "Carsat Aquitaine"},
	{FirstName: "Karim", LastName: "Haddad", Roles: expert, Qualifications: []string{"MOSS", "DAM", "IR"}, Organisation: "CPAM des Bouches-du-Rhône"},
	{FirstName: "Élodie", LastName: "Perrin", Roles: certifierRep, Organisation: "UCANSS (certificateur)"},
	{FirstName: "Corinne", LastName: "Lebrun", Roles: branchRep, Branch: "famille", Organisation: "CAF de la Haute-Garonne"},
	{FirstName: "Valérie", LastName: "Roussel", Roles: expert, Qualifications: []string{"MOSS", "GC"}, Organisation: "CPAM de la Corse-du-Sud"},
}

// fundMemberEmployers are the employers the experts above come from.
var fundMemberEmployers = map[string]string{"Lambert": "URSSAF-RA", "Dubreuil": "CARSAT-AQ", "Haddad": "CPAM13", "Lebrun": "CAF31", "Roussel": "CPAM2A"}

// soonQualification is what the third candidate of an employer of each
// branch is registered for, certifiable next month (the next that holds
// exams): a remote jury.
var soonQualification = map[string]string{"famille": "CA", "recouvrement": "CR", "retraite": "GCAR", "maladie": "MOSS"}

// juries brings the professional juries to life: each branch's standing
// video room, a pool with a representative of every branch, a jury held a
// fortnight ago with its proposals, candidates certifiable next month, a
// plan from tomorrow to the end of next month and the sessions of the next
// two weeks convened (next month: the next that holds exams).
func (l *loader) juries(ctx context.Context) error {
	for _, step := range []func(context.Context) error{l.branchRooms, l.fundMembers, l.heldSession, l.soonRegistrations, l.plannedMonth} {
		if err := step(ctx); err != nil {
			return err
		}
	}
	return nil
}

// branchRooms gives each branch a standing video room.
func (l *loader) branchRooms(ctx context.Context) error {
	branches, err := l.st.Branches(ctx)
	if err != nil {
		return err
	}
	for i, b := range branches {
		if b.RemoteLink != "" {
			continue
		}
		b.RemoteLink = "https://teams.microsoft.com/l/meetup-join/certibloc-demo-" + b.Code
		if certif.DefaultRemoteTool(b.RemoteTool) == certif.ToolZoom {
			b.RemoteLink = "https://zoom.us/j/" + fmt.Sprint(8100000000+i)
		}
		if err := l.st.SaveBranch(ctx, l.caller(), b, i+1); err != nil {
			return err
		}
	}
	return nil
}

func (l *loader) fundMembers(ctx context.Context) error {
	for i, m := range fundMembers {
		m.Email = personEmail(m.FirstName, m.LastName)
		if _, ok := l.jury[m.Email]; ok {
			continue
		}
		if code := fundMemberEmployers[m.LastName]; code != "" {
			m.EmployerID, m.Organisation = l.employerIDs[code], ""
		}
		m.TrainedOn = l.today.AddMonths(-4)
		created, err := l.st.CreateJuryMember(ctx, l.caller(), m)
		if err != nil {
			return fmt.Errorf("membre de jury %s %s : %w", m.FirstName, m.LastName, err)
		}
		l.jury[m.Email] = created.ID
		if err := l.memberAvailability(ctx, created.ID, len(juryMembers)+i); err != nil {
			return err
		}
		if err := l.user(ctx, store.NewUser{Email: m.Email, Name: m.FirstName + " " + m.LastName, Role: certif.RoleJury, JuryMemberID: created.ID}); err != nil {
			return err
		}
	}
	return nil
}

// soonRegistrations registers the third candidate of each employer, as the
// employer did four months ago, certifiable in the middle of next month
// (September after July).
func (l *loader) soonRegistrations(ctx context.Context) error {
	cal, err := l.st.Calendar(ctx)
	if err != nil {
		return err
	}
	from := nextExamMonth(cal, l.today).First().AddDays(11)
	then := l.caller()
	then.Today = l.today.AddMonths(-4)
	rank := map[string]int{}
	for _, c := range candidates {
		n := rank[c.employer]
		rank[c.employer]++
		id := l.cands[c.key()]
		if n != 2 || id == 0 {
			continue
		}
		if regs, err := l.st.CandidateRegistrations(ctx, id, store.All); err != nil || len(regs) > 0 {
			continue
		}
		qual := soonQualification[certif.EmployerTypes[employerOf(c.employer).typ]]
		req := certif.RegistrationRequest{Qualification: qual, Path: certif.PathComplete, CertifiableFrom: from, Contract: certif.ContractCDI}
		if qual == "MOSS" {
			req.Path, req.Blocks = certif.PathPartial, []int{1}
		}
		if err := l.on(then.Today, func() error {
			_, err := l.st.CreateRegistration(ctx, then, id, req)
			return err
		}); err != nil {
			return fmt.Errorf("inscription de %s au CQP %s : %w", c.name(), qual, err)
		}
	}
	return nil
}

// plannedMonth plans from tomorrow to the end of next month (the next that
// holds exams) and convenes the sessions of the next two weeks (the first
// three at least).
func (l *loader) plannedMonth(ctx context.Context) error {
	cal, err := l.st.Calendar(ctx)
	if err != nil {
		return err
	}
	from, to := l.today.AddDays(1), nextExamMonth(cal, l.today).Last()
	if _, _, err := juries.Plan(ctx, l.st, l.caller(), from, to, l.today); err != nil {
		return fmt.Errorf("planification du %s au %s : %w", from.French(), to.French(), err)
	}
	list, err := l.st.JurySessions(ctx, store.SessionFilter{Scope: store.All, From: from, To: to, Statuses: []certif.SessionStatus{certif.SessionDraft}})
	if err != nil {
		return err
	}
	c := l.convener()
	for i, ss := range list {
		if ss.CheckConvocation() != nil || (ss.HalfDay.Day.After(l.today.AddDays(14)) && i >= 3) {
			continue
		}
		if _, err := c.Convene(ctx, l.caller(), ss.ID, ss.Version); err != nil {
			return fmt.Errorf("convocation de la séance %s : %w", ss.Title(), err)
		}
	}
	return nil
}

// convener sends the demo's convocations as the exam office.
func (l *loader) convener() juries.Convener {
	return juries.Convener{Store: l.st, Clock: clock.Fixed(l.today), BaseURL: l.baseURL,
		Organizer: ics.Person{Name: "Institut 4.10 — équipe des examens", Email: strings.Replace(OfficeEmail, "bureau.examens", "examens", 1)}}
}
