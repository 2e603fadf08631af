package demo_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"certibloc/internal/auth"
	"certibloc/internal/certif"
	"certibloc/internal/demo"
	"certibloc/internal/seed"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

var (
	ctx   = context.Background()
	today = certif.MustDate("2026-03-02")
)

// counts is what a second load must leave unchanged.
type counts struct{ employers, users, jury, candidates, registrations int }

func count(t *testing.T, st *store.Store) counts {
	t.Helper()
	var c counts
	var err error
	if c.employers, err = st.CountEmployers(ctx); err != nil {
		t.Fatal(err)
	}
	if c.candidates, err = st.CountCandidates(ctx, store.All); err != nil {
		t.Fatal(err)
	}
	users, err := st.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	members, err := st.JuryMembers(ctx, store.JuryMemberFilter{Scope: store.All})
	if err != nil {
		t.Fatal(err)
	}
	c.users, c.jury = len(users), len(members)
	if _, c.registrations, err = st.Registrations(ctx, store.RegistrationFilter{Scope: store.All}); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestDemo(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		first, err := demo.Load(ctx, st, today)
		if err != nil {
			t.Fatal(err)
		}
		if !first.Created {
			t.Error("premier chargement : Created devrait être vrai")
		}
		t.Run("LoadTwiceChangesNothing", func(t *testing.T) { testLoadTwice(t, st, first) })
		t.Run("EmployersOfFourBranches", func(t *testing.T) { testEmployers(t, st) })
		t.Run("EveryRoleHasALogin", func(t *testing.T) { testLogins(t, st, first.Logins) })
		t.Run("CandidateIdentitiesAreValid", func(t *testing.T) { testCandidates(t, st) })
		t.Run("JuryMembers", func(t *testing.T) { testJuryMembers(t, st) })
		t.Run("RegistrationsFollowTheRules", func(t *testing.T) { testRegistrations(t, st) })
		t.Run("R13_APlannedMonthWithConvenedSessions", func(t *testing.T) { testSessions(t, st) })
		t.Run("R11_EveryBlockHasAGrid", func(t *testing.T) { testGrids(t, st) })
	})
}

// testSessions: the demo holds two sessions a fortnight ago (one closed,
// its proposal confirmed, one waiting for its third confirmation), plans
// from tomorrow to the end of next month and convenes the next two weeks:
// convened sessions with their mails, drafts after.
func testSessions(t *testing.T, st *store.Store) {
	list, err := st.JurySessions(ctx, store.SessionFilter{Scope: store.All})
	if err != nil {
		t.Fatal(err)
	}
	byStatus := map[certif.SessionStatus]int{}
	for _, ss := range list {
		byStatus[ss.Status]++
		if len(ss.Slots) == 0 || ss.CheckConvocation() != nil && ss.Status == certif.SessionConvened {
			t.Errorf("séance %s : %+v", ss.Title(), ss)
		}
		planned := ss.Status == certif.SessionDraft || ss.Status == certif.SessionConvened
		if planned && (ss.HalfDay.Day.After(today.MonthOf().Add(1).Last()) || !ss.HalfDay.Day.After(today)) {
			t.Errorf("séance %s hors de la période planifiée", ss.Title())
		}
		if !planned && !ss.HalfDay.Day.Before(today) {
			t.Errorf("séance %s tenue dans l'avenir", ss.Title())
		}
	}
	if byStatus[certif.SessionConvened] == 0 || byStatus[certif.SessionDraft] == 0 {
		t.Errorf("séances par statut : %v", byStatus)
	}
	mails, _, err := st.OutboxMails(ctx, store.OutboxFilter{Kind: "convocation"})
	if err != nil || len(mails) == 0 {
		t.Errorf("convocations dans la file d'envoi : %d %v", len(mails), err)
	}
}

func testGrids(t *testing.T, st *store.Store) {
	quals, err := st.Qualifications(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range quals {
		grids, err := st.Grids(ctx, q.Code)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range q.Blocks {
			if n := len(grids[b.Number]); n < 3 || n > 4 {
				t.Errorf("%s bloc %d : %d critères", q.Code, b.Number, n)
			}
		}
	}
}

func testLoadTwice(t *testing.T, st *store.Store, first demo.Result) {
	before := count(t, st)
	second, err := demo.Load(ctx, st, today.AddDays(40))
	if err != nil {
		t.Fatal(err)
	}
	if second.Created {
		t.Error("deuxième chargement : rien ne devait être créé")
	}
	if after := count(t, st); after != before {
		t.Errorf("le deuxième chargement a modifié la base : %+v → %+v", before, after)
	}
	if !slices.Equal(first.Logins, second.Logins) {
		t.Errorf("identifiants différents au deuxième chargement :\n%v\n%v", first.Logins, second.Logins)
	}
}

func testEmployers(t *testing.T, st *store.Store) {
	emps, err := st.Employers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(emps) < 18 || len(emps) > 25 {
		t.Errorf("%d employeurs, une vingtaine attendue", len(emps))
	}
	byBranch := map[string]int{}
	for _, e := range emps {
		byBranch[e.Branch]++
		if len(e.HREmails) == 0 || len(e.HREmails) > 2 {
			t.Errorf("%s : %d contacts RH, 1 ou 2 attendus", e.Code, len(e.HREmails))
		}
		for _, m := range e.HREmails {
			if !strings.HasSuffix(m, "@"+demo.Domain) {
				t.Errorf("%s : contact %s hors du domaine fictif", e.Code, m)
			}
		}
		if e.Region == "" {
			t.Errorf("%s sans région", e.Code)
		}
	}
	for _, b := range []string{"maladie", "famille", "recouvrement", "retraite"} {
		if byBranch[b] < 3 {
			t.Errorf("branche %s : %d employeurs", b, byBranch[b])
		}
	}
}

func testLogins(t *testing.T, st *store.Store, logins []demo.Login) {
	emps, err := st.CountEmployers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byRole := map[certif.Role]int{}
	for _, l := range logins {
		byRole[l.Role]++
		if !strings.HasSuffix(l.Email, "@"+demo.Domain) || l.Label == "" {
			t.Errorf("identifiant incomplet : %+v", l)
		}
	}
	for _, r := range certif.Roles {
		if byRole[r] == 0 {
			t.Errorf("aucun identifiant de démonstration pour le rôle %s", r)
		}
	}
	if byRole[certif.RoleEmployer] != emps {
		t.Errorf("%d comptes RH pour %d employeurs", byRole[certif.RoleEmployer], emps)
	}
	if logins[0].Email != demo.OfficeEmail || logins[1].Email != demo.CertifierEmail {
		t.Errorf("les comptes du bureau des examens et du certificateur doivent venir en tête : %v", logins[:2])
	}
	a := auth.New(st, auth.DefaultPolicy)
	for _, email := range []string{demo.OfficeEmail, "rh.cpam33@" + demo.Domain} {
		if _, u, err := a.Login(ctx, email, demo.Password, "127.0.0.1", "test"); err != nil || u.Email != email {
			t.Errorf("connexion %s avec le mot de passe de démonstration : %v", email, err)
		}
	}
}

func testCandidates(t *testing.T, st *store.Store) {
	cands, _, err := st.Candidates(ctx, store.CandidateFilter{PerPage: 500})
	if err != nil {
		t.Fatal(err)
	}
	emps, _ := st.CountEmployers(ctx)
	if len(cands) < 2*emps {
		t.Errorf("%d candidats pour %d employeurs", len(cands), emps)
	}
	var usage, abroad, corsica int
	for _, c := range cands {
		if err := c.Validate(today); err != nil {
			t.Errorf("%s : identité invalide : %v", c.PrintedName(), err)
		}
		if c.UsageName != "" && c.UsageName != c.BirthName {
			usage++
		}
		if c.BirthCountry != "" {
			abroad++
		}
		if strings.HasPrefix(c.BirthINSEE, "2A") || strings.HasPrefix(c.BirthINSEE, "2B") {
			corsica++
		}
	}
	if usage == 0 || abroad == 0 || corsica == 0 {
		t.Errorf("identités peu variées : %d noms d'usage, %d nés à l'étranger, %d nés en Corse", usage, abroad, corsica)
	}
}

func testJuryMembers(t *testing.T, st *store.Store) {
	members, err := st.JuryMembers(ctx, store.JuryMemberFilter{Scope: store.All})
	if err != nil {
		t.Fatal(err)
	}
	seats := map[certif.JuryRole]bool{}
	var trained, withEmployer int
	for _, m := range members {
		for _, r := range m.Roles {
			seats[r] = true
		}
		if !m.TrainedOn.IsZero() {
			trained++
		}
		if m.EmployerID != 0 {
			withEmployer++
		}
	}
	if len(members) < 6 || len(seats) != len(certif.JuryRoles) || trained == 0 || trained == len(members) || withEmployer == 0 {
		t.Errorf("membres de jury : %d, sièges %v, %d formés, %d rattachés à un employeur", len(members), seats, trained, withEmployer)
	}
	users, err := st.Users(ctx)
	if err != nil {
		t.Fatal(err)
	}
	linked := 0
	for _, u := range users {
		if u.Role == certif.RoleJury && u.JuryMemberID != 0 {
			linked++
		}
	}
	active, err := st.JuryMembers(ctx, store.JuryMemberFilter{Scope: store.All, Status: certif.MemberActive})
	if err != nil {
		t.Fatal(err)
	}
	if linked != len(active) {
		t.Errorf("%d comptes jury liés pour %d membres actifs", linked, len(active))
	}
	if pending, _ := st.JuryMembers(ctx, store.JuryMemberFilter{Scope: store.All, Status: certif.MemberProposed}); len(pending) != 1 {
		t.Errorf("un expert proposé par un employeur attend l'équipe des examens : %d", len(pending))
	}
	halves, err := st.Availability(ctx, active[0].ID, today, today.AddDays(90), store.All)
	if err != nil || len(halves) < 20 {
		t.Errorf("disponibilités d'un membre de démonstration : %d %v", len(halves), err)
	}
}

// An interrupted load (some demo data there, the settings key not written)
// completes on the next call without duplicating anything.
func TestDemoCompletesAnInterruptedLoad(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		reference := storetest.Open(t, st.Dialect())
		want, err := demo.Load(ctx, reference, today)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := seed.Load(ctx, st); err != nil {
			t.Fatal(err)
		}
		if _, err := st.CreateEmployer(ctx, store.Platform(), certif.Employer{Code: "CPAM33", Name: "CPAM de la Gironde", Type: "CPAM", Branch: "maladie"}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.CreateUser(ctx, store.Platform(), store.NewUser{Email: demo.OfficeEmail, Role: certif.RoleOffice, PasswordHash: "x"}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.CreateJuryMember(ctx, store.Platform(), certif.JuryMember{FirstName: "Claire", LastName: "Vasseur",
			Email: "claire.vasseur@" + demo.Domain, Roles: []certif.JuryRole{certif.JuryCertifierRep}, Organisation: "UCANSS (certificateur)"}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.CreateCandidate(ctx, store.PlatformOn(today), certif.Candidate{EmployerCode: "CPAM33", BirthName: "Lafargue", UsageName: "Dupuy",
			FirstNames: []string{"Éloïse"}, Sex: "F", BirthDate: certif.MustDate("1992-04-11"), BirthINSEE: "33063"}); err != nil {
			t.Fatal(err)
		}
		got, err := demo.Load(ctx, st, today)
		if err != nil {
			t.Fatal(err)
		}
		if c, r := count(t, st), count(t, reference); c != r {
			t.Errorf("chargement repris : %+v, attendu %+v", c, r)
		}
		if len(got.Logins) != len(want.Logins) {
			t.Fatalf("%d identifiants, attendu %d", len(got.Logins), len(want.Logins))
		}
		for i := range got.Logins {
			if g, w := got.Logins[i], want.Logins[i]; g.Email != w.Email || g.Role != w.Role {
				t.Errorf("identifiant %d : %+v, attendu %+v", i, g, w)
			}
		}
	})
}

func testRegistrations(t *testing.T, st *store.Store) {
	rows, total, err := st.Registrations(ctx, store.RegistrationFilter{Scope: store.All, Unlimited: true})
	if err != nil {
		t.Fatal(err)
	}
	if total != 74 {
		t.Errorf("%d inscriptions de démonstration, attendu 2 par employeur (40), 1 par employeur des branches Famille, Recouvrement et Retraite pour la campagne de recueil (14) et le troisième candidat de chaque employeur, certifiable le mois prochain (20)", total)
	}
	pro, partial := 0, 0
	// Lists carry no health data (R15): count the disability box with its filter.
	_, disability, err := st.Registrations(ctx, store.RegistrationFilter{Scope: store.All, Disability: "yes"})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.Contract == "pro" && !r.ExamPeriod.IsZero() {
			pro++
		}
		if r.Path == "partial" {
			partial++
		}
		for _, a := range r.Attempts {
			if r.Qualification == "GC" && a.Block == 1 {
				t.Errorf("le bloc 1 du GC, validé avant la plateforme, ne doit pas être représenté (R3) : %+v", r.Registration)
			}
		}
	}
	if pro == 0 || disability == 0 || partial == 0 {
		t.Errorf("démonstration incomplète : %d contrats de professionnalisation, %d handicaps, %d parcours partiels", pro, disability, partial)
	}
}

// TestR11_TheDemoHoldsAJuryAFortnightAgo: on a day when the campaign's
// candidates are certifiable, the demo shows a past jury: one session
// closed (its proposal confirmed by the three, the attempt evaluated), one
// held waiting for its third confirmation.
func TestR11_TheDemoHoldsAJuryAFortnightAgo(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		day := certif.MustDate("2026-12-02")
		if _, err := demo.Load(ctx, st, day); err != nil {
			t.Fatal(err)
		}
		all, err := st.JurySessions(ctx, store.SessionFilter{Scope: store.All, To: day, Statuses: []certif.SessionStatus{certif.SessionHeld, certif.SessionClosed}})
		var list []certif.JurySession
		for _, s := range all {
			if s.Mode == certif.ModeEmployer { // the earlier cohort's juries sat remotely (TestR10_TheDemoHoldsProclaimedJuries)
				list = append(list, s)
			}
		}
		if err != nil || len(list) != 2 || list[0].Status != certif.SessionClosed || list[1].Status != certif.SessionHeld {
			t.Fatalf("séances tenues : %+v %v", list, err)
		}
		states, err := st.EvaluationStates(ctx, []int64{list[0].Slots[0].ID, list[1].Slots[0].ID})
		if err != nil || states[list[0].Slots[0].ID].Status != certif.EvaluationFinal || states[list[1].Slots[0].ID].Confirmed != 2 {
			t.Errorf("évaluations : %+v %v", states, err)
		}
		a, err := st.AttemptSummaries(ctx, []int64{list[0].Slots[0].AttemptID})
		if err != nil || a[list[0].Slots[0].AttemptID].Status != certif.AttemptEvaluated {
			t.Errorf("tentative évaluée : %+v %v", a, err)
		}
	})
}
