package demo_test

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"

	"certibloc/internal/certif"
	"certibloc/internal/demo"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// nationalToday is the date the national data of the tests is generated for.
var nationalToday = certif.MustDate("2026-11-23")

// testFraction keeps the national tests fast: 600 candidates.
const testFraction = 0.01

func TestNational(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		var progress bytes.Buffer
		res, err := demo.LoadNational(ctx, st, nationalToday, demo.NationalOptions{Fraction: testFraction, Progress: &progress})
		if err != nil {
			t.Fatal(err)
		}
		t.Run("CountsProportionalToTheNationalScale", func(t *testing.T) { testNationalCounts(t, st, res) })
		t.Run("ProgressInFrench", func(t *testing.T) {
			for _, s := range []string{"Employeurs : ", "Candidats : 600 / 600", "Tentatives de blocs : ", "Durée : "} {
				if !strings.Contains(progress.String(), s) {
					t.Errorf("%q absent de la progression :\n%s", s, progress.String())
				}
			}
		})
		t.Run("IdentitiesAreValidAndVaried", func(t *testing.T) { testNationalIdentities(t, st) })
		t.Run("RegistrationsFollowTheRules", func(t *testing.T) { testNationalRegistrations(t, st, res) })
		t.Run("AccentInsensitiveSearch", func(t *testing.T) { testNationalSearch(t, st) })
		t.Run("SecondLoadIsRefused", func(t *testing.T) {
			before, _ := st.CountCandidates(ctx, store.All)
			_, err := demo.LoadNational(ctx, st, nationalToday, demo.NationalOptions{Fraction: testFraction})
			if certif.ErrorCode(err) != certif.EConflict || !strings.Contains(err.Error(), "contient déjà les données nationales") {
				t.Errorf("deuxième chargement : %v, refus en français attendu", err)
			}
			if after, _ := st.CountCandidates(ctx, store.All); after != before {
				t.Errorf("le deuxième chargement a créé %d candidats", after-before)
			}
		})
	})
}

// On top of the regular demo data, the national load reuses its employers and
// keeps its candidates and accounts.
func TestNationalOnTopOfTheDemo(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		small, err := demo.Load(ctx, st, nationalToday)
		if err != nil {
			t.Fatal(err)
		}
		before := count(t, st)
		res, err := demo.LoadNational(ctx, st, nationalToday, demo.NationalOptions{Fraction: 0.005})
		if err != nil {
			t.Fatal(err)
		}
		after := count(t, st)
		if after.candidates != before.candidates+res.Candidates || after.users != before.users || after.jury != before.jury+res.JuryMembers {
			t.Errorf("avant %+v, après %+v, %d candidats nationaux", before, after, res.Candidates)
		}
		if after.employers != before.employers+res.EmployersCreated || res.Employers-res.EmployersCreated < 15 {
			t.Errorf("employeurs : %d avant, %d après, %d créés sur %d : ceux de la démonstration doivent être repris",
				before.employers, after.employers, res.EmployersCreated, res.Employers)
		}
		e, err := st.EmployerByCode(ctx, "CPAM33")
		if err != nil || e.Name != "CPAM de la Gironde" || len(e.HREmails) != 2 {
			t.Errorf("employeur de la démonstration modifié : %+v %v", e, err)
		}
		again, err := demo.Load(ctx, st, nationalToday)
		if err != nil || again.Created || !slices.Equal(again.Logins, small.Logins) {
			t.Errorf("la démonstration rechargée après les données nationales : %v, créée %v", err, again.Created)
		}
	})
}

// The same seed, date and fraction give the same data.
func TestNationalIsDeterministic(t *testing.T) {
	t.Parallel()
	summary := func() string {
		st := storetest.Open(t, "sqlite")
		if _, err := demo.LoadNational(ctx, st, nationalToday, demo.NationalOptions{Fraction: 0.003}); err != nil {
			t.Fatal(err)
		}
		rows, _, err := st.Registrations(ctx, store.RegistrationFilter{Unlimited: true, Sort: "recent"})
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, r := range rows {
			fmt.Fprintf(&b, "%s %s %s %s %v\n", r.Candidate.BirthName, r.Candidate.BirthDate, r.EmployerCode, r.Qualification, r.Attempts)
		}
		return b.String()
	}
	if a, b := summary(), summary(); a != b || a == "" {
		t.Errorf("deux chargements avec la même graine diffèrent :\n%s\n---\n%s", a, b)
	}
}

func TestNationalOptions(t *testing.T) {
	t.Parallel()
	st := storetest.Open(t, "sqlite")
	for _, f := range []float64{-0.5, 1.5, 0.000001} {
		if _, err := demo.LoadNational(ctx, st, nationalToday, demo.NationalOptions{Fraction: f}); certif.ErrorCode(err) != certif.EInvalid {
			t.Errorf("part %g : %v, refus attendu", f, err)
		}
	}
	if n, _ := st.CountCandidates(ctx, store.All); n != 0 {
		t.Errorf("%d candidats créés malgré le refus", n)
	}
}

func testNationalCounts(t *testing.T, st *store.Store, res demo.NationalResult) {
	want := int(demo.NationalCandidates * testFraction)
	if res.Candidates != want {
		t.Errorf("%d candidats, %d attendus", res.Candidates, want)
	}
	if n, err := st.CountCandidates(ctx, store.All); err != nil || n != want {
		t.Errorf("%d candidats en base (%v), %d attendus", n, err, want)
	}
	if res.Employers < 270 || res.Employers > 320 || res.EmployersCreated != res.Employers {
		t.Errorf("%d employeurs (%d créés), environ 300 attendus", res.Employers, res.EmployersCreated)
	}
	if n, _ := st.CountEmployers(ctx); n != res.Employers {
		t.Errorf("%d employeurs en base, %d annoncés", n, res.Employers)
	}
	// 150,000 attempts for 60,000 candidates at full scale: 2.5 each, give or take.
	if r := float64(res.Attempts) / float64(res.Candidates); r < 2.2 || r > 2.9 {
		t.Errorf("%d tentatives de blocs pour %d candidats (%.2f par candidat), environ 2,5 attendus", res.Attempts, res.Candidates, r)
	}
	if r := float64(res.Registrations) / float64(res.Candidates); r < 1.1 || r > 1.6 {
		t.Errorf("%d inscriptions pour %d candidats", res.Registrations, res.Candidates)
	}
	if res.FirstYear != 2017 || res.LastYear != 2026 {
		t.Errorf("années %d-%d, 2017-2026 attendues", res.FirstYear, res.LastYear)
	}
	// GC and COS lead; past attempts are mostly validated.
	for code, n := range res.Qualifications {
		if code != "GC" && code != "COS" && (n > res.Qualifications["GC"] || n > res.Qualifications["COS"]) {
			t.Errorf("%s (%d inscriptions) devant GC (%d) ou COS (%d)", code, n, res.Qualifications["GC"], res.Qualifications["COS"])
		}
	}
	decided := res.Statuses[certif.AttemptValidated] + res.Statuses[certif.AttemptNotValidated] + res.Statuses[certif.AttemptAbsent]
	if v := float64(res.Statuses[certif.AttemptValidated]) / float64(decided); v < 0.7 || v > 0.9 {
		t.Errorf("taux de validation %.2f : %v", v, res.Statuses)
	}
	for _, s := range []certif.AttemptStatus{certif.AttemptRegistered, certif.AttemptNotValidated, certif.AttemptAbsent} {
		if res.Statuses[s] == 0 {
			t.Errorf("aucune tentative au statut %s : %v", s, res.Statuses)
		}
	}
}

// allCandidates lists every candidate, page by page.
func allCandidates(t *testing.T, st *store.Store) []certif.Candidate {
	var out []certif.Candidate
	for page := 1; ; page++ {
		list, total, err := st.Candidates(ctx, store.CandidateFilter{Page: page, PerPage: 500})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, list...)
		if len(out) >= total || len(list) == 0 {
			return out
		}
	}
}

func testNationalIdentities(t *testing.T, st *store.Store) {
	var usage, abroad, corsica, overseas, threeNames int
	for _, c := range allCandidates(t, st) {
		if err := c.Validate(nationalToday); err != nil {
			t.Errorf("%s : identité invalide : %v", c.PrintedName(), err)
		}
		if c.UsageName != "" {
			usage++
		}
		if c.BirthCountry != "" {
			abroad++
		}
		if strings.HasPrefix(c.BirthINSEE, "2A") || strings.HasPrefix(c.BirthINSEE, "2B") {
			corsica++
		}
		if strings.HasPrefix(c.BirthINSEE, "97") {
			overseas++
		}
		if len(c.FirstNames) == 3 {
			threeNames++
		}
		if dups, err := st.PossibleDuplicates(ctx, c); err != nil || len(dups) > 1 {
			t.Errorf("%s : %d doublons possibles (%v)", c.PrintedName(), len(dups), err)
		}
	}
	if usage < 60 || abroad < 20 || corsica == 0 || overseas == 0 || threeNames == 0 {
		t.Errorf("identités peu variées : %d noms d'usage, %d nés à l'étranger, %d en Corse, %d outre-mer, %d avec trois prénoms",
			usage, abroad, corsica, overseas, threeNames)
	}
}

// testNationalRegistrations checks the history against the rules: blocks of the
// qualification, a mono-bloc CQP presented whole, a complete path presenting
// every block remaining, attempts numbered 1, 2… per candidate and block, a
// validated block never presented again, registrations on time (R6), decided
// attempts dated, past periods decided and future ones waiting.
func testNationalRegistrations(t *testing.T, st *store.Store, res demo.NationalResult) {
	quals, err := st.Qualifications(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	byCode := map[string]certif.Qualification{}
	for _, q := range quals {
		byCode[q.Code] = q
	}
	live, _, err := st.Registrations(ctx, store.RegistrationFilter{Unlimited: true})
	if err != nil {
		t.Fatal(err)
	}
	deleted, _, err := st.Registrations(ctx, store.RegistrationFilter{Unlimited: true, Deleted: true})
	if err != nil {
		t.Fatal(err)
	}
	all := append(live, deleted...)
	if len(all) != res.Registrations || len(deleted) != res.Deleted {
		t.Fatalf("%d inscriptions (%d supprimées) en base, %d (%d) annoncées", len(all), len(deleted), res.Registrations, res.Deleted)
	}
	slices.SortFunc(all, func(a, b store.RegistrationRow) int {
		return cmp.Or(a.RegisteredOn.Compare(b.RegisteredOn), cmp.Compare(a.ID, b.ID))
	})
	type key struct {
		cand  int64
		qual  string
		block int
	}
	type state struct {
		attempts   int
		validated  bool
		inProgress bool
	}
	states := map[key]*state{}
	attempts, disability := 0, 0
	// Lists carry no health data (R15): the platform itself reveals it to check it.
	regs := make([]certif.Registration, len(all))
	for i, r := range all {
		regs[i] = r.Registration
	}
	if err := st.RevealHealth(ctx, store.SystemViewer("test"), regs); err != nil {
		t.Fatal(err)
	}
	for i := range all {
		all[i].Registration = regs[i]
	}
	recent := nationalToday.MonthOf().Add(-3)
	for _, r := range all {
		q := byCode[r.Qualification]
		name := fmt.Sprintf("inscription %d (%s, %s)", r.ID, r.Qualification, r.Candidate.PrintedName())
		if q.MonoBlock() && r.Path != certif.PathComplete {
			t.Errorf("%s : CQP mono-bloc en parcours partiel", name)
		}
		if r.Disability {
			disability++
		}
		if !r.Disability && r.Adjustments != "" {
			t.Errorf("%s : aménagements sans handicap", name)
		}
		if len(r.Attempts) == 0 {
			t.Errorf("%s : aucun bloc", name)
		}
		for _, a := range r.Attempts {
			attempts++
			if _, ok := q.Block(a.Block); !ok {
				t.Errorf("%s : bloc %d hors du CQP", name, a.Block)
			}
			if !certif.RegistrationOnTime(a.Period, r.RegisteredOn) {
				t.Errorf("%s : bloc %d en %s inscrit le %s, hors délai (R6)", name, a.Block, a.Period, r.RegisteredOn)
			}
			s := states[key{r.CandidateID, r.Qualification, a.Block}]
			if s == nil {
				s = &state{}
				states[key{r.CandidateID, r.Qualification, a.Block}] = s
			}
			if s.validated {
				t.Errorf("%s : bloc %d présenté de nouveau après sa validation (R3)", name, a.Block)
			}
			if s.inProgress {
				t.Errorf("%s : bloc %d inscrit alors qu'il attend déjà son jury", name, a.Block)
			}
			s.attempts++
			if a.Attempt != s.attempts {
				t.Errorf("%s : bloc %d, tentative n° %d, n° %d attendu", name, a.Block, a.Attempt, s.attempts)
			}
			s.validated, s.inProgress = a.Status == certif.AttemptValidated, a.Status.InProgress()
			decided := a.Status == certif.AttemptValidated || a.Status == certif.AttemptNotValidated || a.Status == certif.AttemptAbsent
			if decided != !a.DecidedOn.IsZero() || a.DecidedOn.After(nationalToday) {
				t.Errorf("%s : bloc %d %s, décidé le %s", name, a.Block, a.Status, a.DecidedOn)
			}
			if r.Deleted != (a.Status == certif.AttemptWithdrawn) {
				t.Errorf("%s : bloc %d %s, inscription supprimée : %v", name, a.Block, a.Status, r.Deleted)
			}
			if a.Period.Before(recent) && a.Status.InProgress() {
				t.Errorf("%s : bloc %d de %s toujours en attente", name, a.Block, a.Period)
			}
			if nationalToday.MonthOf().Add(1).Before(a.Period) && a.Status != certif.AttemptRegistered && a.Status != certif.AttemptWithdrawn {
				t.Errorf("%s : bloc %d de %s déjà %s", name, a.Block, a.Period, a.Status)
			}
		}
		if r.Path == certif.PathComplete {
			for _, b := range q.Blocks {
				s := states[key{r.CandidateID, r.Qualification, b.Number}]
				if !slices.Contains(r.Blocks, b.Number) && (s == nil || !s.validated) {
					t.Errorf("%s : parcours complet sans le bloc %d, qui reste à valider (R3)", name, b.Number)
				}
			}
		}
	}
	if attempts != res.Attempts || disability == 0 {
		t.Errorf("%d tentatives en base, %d annoncées ; %d inscriptions avec handicap", attempts, res.Attempts, disability)
	}
	var one int64
	for k, s := range states {
		if s.validated {
			one = k.cand
			break
		}
	}
	got, err := st.ValidatedBlocks(ctx, one)
	if err != nil || len(got) == 0 {
		t.Errorf("blocs validés du candidat %d : %v %v", one, got, err)
	}
}

func testNationalSearch(t *testing.T, st *store.Store) {
	cands := allCandidates(t, st)
	var accented certif.Candidate
	for _, c := range cands {
		if c.FirstNames[0] != certif.SearchKey(c.FirstNames[0]) && strings.ContainsAny(c.FirstNames[0], "éèëïô") {
			accented = c
			break
		}
	}
	if accented.ID == 0 {
		t.Fatal("aucun prénom accentué parmi les candidats")
	}
	for _, q := range []string{accented.FirstNames[0], certif.SearchKey(accented.FirstNames[0]), strings.ToUpper(accented.FirstNames[0])} {
		list, total, err := st.Candidates(ctx, store.CandidateFilter{Search: q + " " + accented.BirthName, PerPage: 500})
		if err != nil || total == 0 || !slices.ContainsFunc(list, func(c certif.Candidate) bool { return c.ID == accented.ID }) {
			t.Errorf("recherche %q : %s introuvable (%d résultats, %v)", q, accented.PrintedName(), total, err)
		}
	}
}
