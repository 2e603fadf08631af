package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"certibloc/internal/calendar"
	"certibloc/internal/certif"
	"certibloc/internal/seed"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

var ctx = context.Background()

func seeded(t testing.TB, st *store.Store) {
	t.Helper()
	if _, err := seed.Load(ctx, st); err != nil {
		t.Fatalf("chargement du référentiel : %v", err)
	}
}

func TestStore(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		for _, tc := range storeTests {
			t.Run(tc.name, func(t *testing.T) { tc.fn(t, st) })
		}
	})
}

// storeTests run in order on the same store, on each database.
var storeTests = []struct {
	name string
	fn   func(t *testing.T, st *store.Store)
}{
	{"MigrateIsIdempotent", testMigrateIsIdempotent},
	{"SeedLoadsOnce", testSeedLoadsOnce},
	{"QualificationRoundTrip", testQualificationRoundTrip},
	{"QualificationValidation", testQualificationValidation},
	{"RNCPRegistrationsEdit", testRNCPRegistrationsEdit},
	{"CalendarRoundTripR9", testCalendarRoundTrip},
	{"CampaignMonthsAreExclusiveR5", testCampaignMonthsExclusive},
	{"UsersSessionsTokens", testUsersSessionsTokens},
	{"LoginAttempts", testLoginAttempts},
	{"EmployersAndCandidatesScoped", testEmployersAndCandidates},
	{"JuryMembers", testJuryMembers},
}

func testMigrateIsIdempotent(t *testing.T, st *store.Store) {
	applied, err := st.Migrate(ctx)
	if err != nil || len(applied) != 0 {
		t.Fatalf("deuxième migration : %v %v", applied, err)
	}
	if err := st.Ping(ctx); err != nil {
		t.Fatal(err)
	}
}

func testSeedLoadsOnce(t *testing.T, st *store.Store) {
	seeded(t, st)
	loaded, err := seed.Load(ctx, st)
	if err != nil || loaded {
		t.Fatalf("le référentiel ne doit se charger qu'une fois : %v %v", loaded, err)
	}
	quals, err := st.Qualifications(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	byCode := map[string]certif.Qualification{}
	for _, q := range quals {
		byCode[q.Code] = q
	}
	for code, blocks := range map[string]int{"GC": 3, "COS": 4, "DAM": 3, "MOSS": 4, "CR": 1, "CA": 1} {
		if n := len(byCode[code].Blocks); n != blocks {
			t.Errorf("%s : %d blocs, attendu %d", code, n, blocks)
		}
	}
	if !byCode["CA"].MonoBlock() || byCode["COS"].MonoBlock() {
		t.Error("mono-bloc mal dérivé du nombre de blocs")
	}
	if byCode["GC"].RNCP != "RNCP35729" || byCode["GC"].Level != 5 || byCode["GC"].Route != certif.RouteCollectionTable {
		t.Errorf("GC mal chargé : %+v", byCode["GC"])
	}
	if !byCode["GC"].BlockCountConfirmed || byCode["IR"].BlockCountConfirmed || byCode["GCAR"].BlockCountConfirmed || !byCode["CR"].BlockCountConfirmed {
		t.Error("le nombre de blocs absent des lettres (IR, GCAR…) doit rester à confirmer, les autres sont connus")
	}
	if !byCode["GC"].HasPlaceholders() || byCode["GC"].UntitledBlocks() != 3 {
		t.Error("les intitulés de blocs absents des lettres doivent être marqués à compléter")
	}
	for _, b := range byCode["GC"].Blocks {
		if b.Title != "" || b.Placeholder || b.Label() != fmt.Sprintf("Bloc %d", b.Number) {
			t.Errorf("un intitulé inconnu est vide, affiché « Bloc n » : %+v (%s)", b, b.Label())
		}
	}
	if ir := byCode["IR"]; !ir.Regulated || !slices.Equal(ir.NSF, []string{"313t", "300"}) || !slices.Equal(ir.Formacodes, []string{"13110"}) ||
		len(ir.Certifiers) != 2 || byCode["GC"].Regulated || !byCode["GCAR"].OffRNCP || byCode["MOSS"].OffRNCP {
		t.Errorf("faits publics de l'IR mal chargés : %+v", ir)
	}
	branches, err := st.Branches(ctx)
	if err != nil || len(branches) != 4 || branches[0].RemoteTool != "Zoom" {
		t.Errorf("branches : %+v %v", branches, err)
	}
}

func testQualificationRoundTrip(t *testing.T, st *store.Store) {
	q, err := st.Qualification(ctx, "COS")
	if err != nil {
		t.Fatal(err)
	}
	q.Blocks[1].Title = "Accueillir et orienter le public"
	q.Blocks[1].Code = "RNCP35543BC02"
	q.Blocks[1].Placeholder = false
	q.JuryTrainingMandatory = true
	q.Blocks[0].Title = "" // a title not known yet is saved empty
	q.Certifiers = append(q.Certifiers, "Institut 4.10, par délégation")
	office := store.Caller{Actor: store.Actor{Email: "office@test.fr"}, Role: certif.RoleOffice, Scope: store.All}
	if err := st.SaveQualification(ctx, office, q); err != nil {
		t.Fatal(err)
	}
	got, err := st.Qualification(ctx, "COS")
	if err != nil {
		t.Fatal(err)
	}
	if b := got.Blocks[1]; b.Title != "Accueillir et orienter le public" || b.Code != "RNCP35543BC02" || b.Placeholder || !got.JuryTrainingMandatory {
		t.Errorf("modification perdue : %+v", got)
	}
	events, err := st.AuditEvents(ctx, store.SystemViewer("test"), store.AuditFilter{Entity: "qualification", EntityKey: "COS"})
	if err != nil {
		t.Fatal(err)
	}
	fields := map[string]certif.AuditEvent{}
	for _, e := range events {
		fields[e.Field] = e
	}
	if e := fields["block2.title"]; e.After != "Accueillir et orienter le public" || e.UserEmail != "office@test.fr" {
		t.Errorf("changement de titre non tracé : %+v", events)
	}
	if e := fields["certifiers"]; !strings.HasSuffix(e.After, ", Institut 4.10, par délégation") || len(got.Certifiers) != 3 || got.Blocks[0].Title != "" {
		t.Errorf("certificateurs : %+v %v", e, got.Certifiers)
	}
	if _, err := st.Qualification(ctx, "NOPE"); certif.ErrorCode(err) != certif.ENotFound {
		t.Errorf("certification inconnue : %v", err)
	}
}

func testQualificationValidation(t *testing.T, st *store.Store) {
	bad := certif.Qualification{Code: "x", Route: "nope", Branches: []string{"lune"}, NSF: []string{"31"}, Formacodes: []string{"1323"},
		Blocks: []certif.Block{{Number: 2, Title: "", Code: "BC1"}}}
	err := st.SaveQualification(ctx, store.Platform(), bad)
	f := certif.ErrorFields(err)
	for _, field := range []string{"code", "title", "route", "branches", "blocks.1.number", "blocks.1.code", "blocks.1.modalities", "nsf", "formacodes"} {
		if f[field] == "" {
			t.Errorf("champ %s non signalé : %v", field, f)
		}
	}
}

func testCalendarRoundTrip(t *testing.T, st *store.Store) {
	cal, err := st.Calendar(ctx)
	if err != nil {
		t.Fatal(err)
	}
	juries := cal.Juries(2026)
	if len(juries) != 8 {
		t.Fatalf("%d jurys nationaux 2026, attendu 8", len(juries))
	}
	if c := cal.Cutoff(juries[3]); c.String() != "2026-05-22" {
		t.Errorf("R9 : date limite du 28/05 = %s, attendu 2026-05-22 (Pentecôte travaillée)", c)
	}
	office := store.Caller{Actor: store.Actor{Email: "office@test.fr"}, Role: certif.RoleOffice, Scope: store.All}
	j := juries[7]
	j.CutoffOverride, j.OverrideReason = certif.MustDate("2026-12-10"), "fermeture des sites le 11/12"
	if err := st.SaveNationalJury(ctx, office, j); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveNationalJury(ctx, office, calendar.NationalJury{Date: certif.MustDate("2027-01-21"), Start: "10:00", End: "13:00"}); err != nil {
		t.Fatal(err)
	}
	if err := st.SetWorkedHolidays(ctx, office, nil); err != nil {
		t.Fatal(err)
	}
	if err := st.SetExamMonths(ctx, office, 2027, []time.Month{1, 3, 6}); err != nil {
		t.Fatal(err)
	}
	if err := st.SetClosedDay(ctx, office, certif.MustDate("2026-09-21"), "séminaire national"); err != nil {
		t.Fatal(err)
	}
	cal, err = st.Calendar(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c := cal.Cutoff(cal.Juries(2026)[7]); c.String() != "2026-12-10" {
		t.Errorf("date limite forcée perdue : %s", c)
	}
	if c := cal.Cutoff(cal.Juries(2026)[3]); c.String() != "2026-05-21" {
		t.Errorf("Pentecôte chômée : date limite du 28/05 = %s, attendu 2026-05-21", c)
	}
	if c := cal.Cutoff(cal.Juries(2026)[5]); c.String() != "2026-09-17" {
		t.Errorf("jour fermé le 21/09 : date limite du 24/09 = %s, attendu 2026-09-17", c)
	}
	if len(cal.Juries(2027)) != 1 || cal.IsExamMonth(certif.MustMonth("2027-02")) || !cal.IsExamMonth(certif.MustMonth("2027-03")) {
		t.Error("jury 2027 ou mois d'examen 2027 perdus")
	}
	events, _ := st.AuditEvents(ctx, store.SystemViewer("test"), store.AuditFilter{Entity: "national_jury", EntityKey: "2026-12-17"})
	if len(events) == 0 || events[0].Reason != "fermeture des sites le 11/12" || events[0].Field != "cutoff_override" {
		t.Errorf("forçage de date limite non tracé avec son motif : %+v", events)
	}
	err = st.SaveNationalJury(ctx, office, calendar.NationalJury{Date: certif.MustDate("2027-02-01"), Start: "10:00", End: "13:00", CutoffOverride: certif.MustDate("2027-01-20")})
	if certif.ErrorFields(err)["override_reason"] == "" {
		t.Errorf("forçage sans motif accepté : %v", err)
	}
	if err := st.DeleteNationalJury(ctx, office.Because("reporté"), certif.MustDate("2027-01-21")); err != nil {
		t.Error(err)
	}
	if err := st.SetWorkedHolidays(ctx, office, calendar.DefaultWorkedHolidays); err != nil {
		t.Fatal(err)
	}
	if err := st.SetClosedDay(ctx, office, certif.MustDate("2026-09-21"), ""); err != nil {
		t.Fatal(err)
	}
}

func testCampaignMonthsExclusive(t *testing.T, st *store.Store) {
	cal, _ := st.Calendar(ctx)
	if cp, ok := cal.CampaignFor(certif.MustMonth("2026-10")); !ok || cp.Deadline.String() != "2026-04-29" {
		t.Errorf("R5 : campagne d'octobre 2026 : %+v %v", cp, ok)
	}
	clash := calendar.CollectionCampaign{Name: certif.MustMonth("2026-10"), ExamMonths: []certif.Month{certif.MustMonth("2026-10")}, Deadline: certif.MustDate("2026-05-15")}
	if err := st.SaveCampaign(ctx, store.Platform(), clash); certif.ErrorCode(err) != certif.EConflict {
		t.Errorf("un mois dans deux campagnes doit être refusé : %v", err)
	}
	moved := calendar.CollectionCampaign{Name: certif.MustMonth("2026-09"), ExamMonths: []certif.Month{certif.MustMonth("2026-09"), certif.MustMonth("2026-10")}, Deadline: certif.MustDate("2026-04-30")}
	if err := st.SaveCampaign(ctx, store.Caller{Actor: store.Actor{Email: "office@test.fr"}, Role: certif.RoleOffice, Scope: store.All}, moved); err != nil {
		t.Fatal(err)
	}
	cal, _ = st.Calendar(ctx)
	if cp, _ := cal.CampaignFor(certif.MustMonth("2026-10")); cp.Deadline.String() != "2026-04-30" {
		t.Errorf("échéance modifiée perdue : %v", cp.Deadline)
	}
	if entities, err := st.AuditEntities(ctx); err != nil || !slices.Contains(entities, "campaign") || !slices.Contains(entities, "national_jury") {
		t.Errorf("objets du journal : %v %v", entities, err)
	}
	events, _ := st.AuditEvents(ctx, store.SystemViewer("test"), store.AuditFilter{Entity: "campaign", EntityKey: "2026-09"})
	if len(events) == 0 || events[0].Before != "29/04/2026" || events[0].After != "30/04/2026" {
		t.Errorf("changement d'échéance non tracé : %+v", events)
	}
}

func testUsersSessionsTokens(t *testing.T, st *store.Store) {
	if _, err := st.CreateEmployer(ctx, store.Platform(), certif.Employer{Code: "CAF69", Name: "CAF du Rhône", Type: "CAF", Branch: "famille", Region: "Auvergne-Rhône-Alpes", HREmails: []string{"rh@caf69.test"}}); err != nil {
		t.Fatal(err)
	}
	u, err := st.CreateUser(ctx, store.Platform(), store.NewUser{Email: " RH@Caf69.test ", Role: certif.RoleEmployer, EmployerCode: "CAF69", PasswordHash: "h"})
	if err != nil {
		t.Fatal(err)
	}
	if u.Email != "rh@caf69.test" || u.EmployerCode != "CAF69" || u.EmployerName != "CAF du Rhône" || u.EmployerBranch != "famille" || u.Role != certif.RoleEmployer {
		t.Errorf("compte mal enregistré (l'en-tête nomme son employeur sans autre requête) : %+v", u)
	}
	if _, err := st.CreateUser(ctx, store.Platform(), store.NewUser{Email: "rh@caf69.test", Role: certif.RoleOffice, PasswordHash: "h"}); certif.ErrorCode(err) != certif.EConflict {
		t.Errorf("doublon d'adresse : %v", err)
	}
	if _, err := st.CreateUser(ctx, store.Platform(), store.NewUser{Email: "x@y.fr", Role: certif.RoleEmployer, PasswordHash: "h"}); certif.ErrorFields(err)["employer"] == "" {
		t.Errorf("compte employeur sans employeur : %v", err)
	}
	if _, err := st.CreateUser(ctx, store.Platform(), store.NewUser{Email: "x@y.fr", Role: certif.RoleEmployer, EmployerCode: "NOPE", PasswordHash: "h"}); certif.ErrorFields(err)["employer"] == "" {
		t.Errorf("compte employeur d'un employeur inconnu : %v", err)
	}
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	st.SetClock(func() time.Time { return now })
	defer st.SetClock(time.Now)
	if err := st.CreateLoginSession(ctx, "hash1", u.ID, time.Hour, "127.0.0.1", "test"); err != nil {
		t.Fatal(err)
	}
	if _, got, err := st.LoginSessionUser(ctx, "hash1", time.Time{}); err != nil || got.ID != u.ID {
		t.Fatalf("session : %v %v", got, err)
	}
	now = now.Add(2 * time.Hour)
	if _, _, err := st.LoginSessionUser(ctx, "hash1", time.Time{}); certif.ErrorCode(err) != certif.EUnauthorized {
		t.Errorf("session expirée acceptée : %v", err)
	}
	if err := st.CreateLoginSession(ctx, "hash2", u.ID, time.Hour, "", ""); err != nil {
		t.Fatal(err)
	}
	if err := st.SetPassword(ctx, store.Platform(), u.ID, "h2"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.LoginSessionUser(ctx, "hash2", time.Time{}); certif.ErrorCode(err) != certif.EUnauthorized {
		t.Errorf("un changement de mot de passe doit fermer les sessions : %v", err)
	}
	tok, err := st.CreateAPIToken(ctx, store.Platform(), u.ID, "tok", "script", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if got, _, err := st.TokenUser(ctx, "tok"); err != nil || got.ID != u.ID {
		t.Fatalf("jeton : %v %v", got, err)
	}
	if err := st.RevokeAPIToken(ctx, store.Platform(), u.ID, tok.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.TokenUser(ctx, "tok"); certif.ErrorCode(err) != certif.EUnauthorized {
		t.Errorf("jeton révoqué accepté : %v", err)
	}
	if err := st.SetUserDisabled(ctx, store.Platform(), u.ID, true); err != nil {
		t.Fatal(err)
	}
	if err := st.CreateLoginSession(ctx, "hash3", u.ID, time.Hour, "", ""); err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.LoginSessionUser(ctx, "hash3", time.Time{}); certif.ErrorCode(err) != certif.EUnauthorized {
		t.Errorf("compte désactivé accepté : %v", err)
	}
}

func testLoginAttempts(t *testing.T, st *store.Store) {
	start := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	defer st.SetClock(time.Now)
	at := func(minutes int) time.Time { return start.Add(time.Duration(minutes) * time.Minute) }
	for i := range 3 {
		st.SetClock(func() time.Time { return at(i) })
		if err := st.RecordLoginAttempt(ctx, "A@b.fr", "10.0.0.1", false); err != nil {
			t.Fatal(err)
		}
	}
	st.SetClock(func() time.Time { return at(3) })
	_ = st.RecordLoginAttempt(ctx, "c@d.fr", "10.0.0.1", false)
	_ = st.RecordLoginAttempt(ctx, "a@b.fr", "10.0.0.2", true)
	for _, tc := range []struct {
		of     store.LoginFailures
		since  time.Time
		n      int
		at     time.Time
		enough bool
	}{
		{store.LoginFailures{Email: "a@b.fr", IP: "10.0.0.1"}, start, 3, at(0), true},
		{store.LoginFailures{Email: "a@b.fr", IP: "10.0.0.1"}, start, 1, at(2), true},
		{store.LoginFailures{Email: "a@b.fr", IP: "10.0.0.1"}, start, 4, time.Time{}, false},
		{store.LoginFailures{Email: "a@b.fr", IP: "10.0.0.1"}, at(1), 3, time.Time{}, false},
		{store.LoginFailures{IP: "10.0.0.1"}, start, 4, at(0), true},
		{store.LoginFailures{Email: "A@B.fr"}, start, 3, at(0), true},
		{store.LoginFailures{Email: "a@b.fr", IP: "10.0.0.2"}, start, 1, time.Time{}, false}, // a success is no failure
	} {
		got, enough, err := st.NthLatestFailure(ctx, tc.of, tc.since, tc.n)
		if err != nil || enough != tc.enough || !got.Equal(tc.at) {
			t.Errorf("%+v depuis %s, %de échec : %s %v %v, attendu %s %v", tc.of, tc.since, tc.n, got, enough, err, tc.at, tc.enough)
		}
	}
	if known, err := st.LoggedInFrom(ctx, "a@b.fr", "10.0.0.2", start); err != nil || !known {
		t.Errorf("connexion réussie depuis 10.0.0.2 : %v %v", known, err)
	}
	if known, _ := st.LoggedInFrom(ctx, "a@b.fr", "10.0.0.1", start); known {
		t.Error("aucune connexion réussie depuis 10.0.0.1")
	}
	if known, _ := st.LoggedInFrom(ctx, "a@b.fr", "10.0.0.2", at(4)); known {
		t.Error("la connexion réussie est antérieure")
	}
}

func testEmployersAndCandidates(t *testing.T, st *store.Store) {
	today := certif.MustDate("2026-11-23")
	_, err := st.CreateEmployer(ctx, store.Platform(), certif.Employer{Code: "URSSAF75", Name: "URSSAF Île-de-France", Type: "URSSAF", Branch: "recouvrement"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateEmployer(ctx, store.Platform(), certif.Employer{Code: "urssaf75", Name: "Autre", Type: "URSSAF", Branch: "recouvrement"}); certif.ErrorFields(err)["code"] == "" {
		t.Errorf("code employeur en double : %v", err)
	}
	if _, err := st.CreateEmployer(ctx, store.Platform(), certif.Employer{Code: "X", Branch: "lune", HREmails: []string{"pas une adresse"}}); len(certif.ErrorFields(err)) < 4 {
		t.Errorf("employeur invalide : %v", err)
	}
	caf, err := st.EmployerByCode(ctx, "caf69")
	if err != nil || len(caf.HREmails) != 1 {
		t.Fatalf("employeur : %+v %v", caf, err)
	}
	a, err := st.CreateCandidate(ctx, store.PlatformOn(today), certif.Candidate{EmployerCode: "CAF69", BirthName: "Durand", UsageName: "Martin", FirstNames: []string{"Éloïse", "Marie"},
		Sex: "F", BirthDate: certif.MustDate("1990-04-12"), BirthINSEE: "2A004"})
	if err != nil {
		t.Fatal(err)
	}
	if u, err := st.CreateUser(ctx, store.Platform(), store.NewUser{Email: "eloise@test.fr", Role: certif.RoleCandidate, CandidateID: a.ID, PasswordHash: "h"}); err != nil ||
		u.CandidateSex != "F" || u.RoleLabel() != "Candidate" {
		t.Errorf("compte de candidate (son rôle s'accorde sans autre requête) : %+v %v", u, err)
	}
	urssaf, _ := st.EmployerByCode(ctx, "URSSAF75")
	if _, err := st.Candidate(ctx, a.ID, store.Scope{EmployerID: urssaf.ID}); certif.ErrorCode(err) != certif.ENotFound {
		t.Errorf("un employeur ne doit pas voir le candidat d'un autre : %v", err)
	}
	got, err := st.Candidate(ctx, a.ID, store.Scope{EmployerID: caf.ID})
	if err != nil || got.PrintedName() != "MARTIN (DURAND) Éloïse, née le 12/04/1990" || len(got.FirstNames) != 2 {
		t.Errorf("candidat relu : %+v %v", got, err)
	}
	if list, n, _ := st.Candidates(ctx, store.CandidateFilter{Scope: store.Scope{EmployerID: urssaf.ID}}); len(list) != 0 || n != 0 {
		t.Errorf("liste d'un autre employeur : %v", list)
	}
	_, err = st.CreateCandidate(ctx, store.PlatformOn(today), certif.Candidate{EmployerCode: "CAF69", BirthName: "Dur@nd", FirstNames: []string{""}, Sex: "X", BirthDate: certif.MustDate("2015-01-01"), BirthINSEE: "7505"})
	for _, f := range []string{"birth_name", "first_names", "sex", "birth_date", "birth_insee"} {
		if certif.ErrorFields(err)[f] == "" {
			t.Errorf("champ %s non signalé : %v", f, err)
		}
	}
}

func testJuryMembers(t *testing.T, st *store.Store) {
	m, err := st.CreateJuryMember(ctx, store.Platform(), certif.JuryMember{FirstName: "Paul", LastName: "Lefèvre", Email: "paul@jury.test",
		Roles: []certif.JuryRole{certif.JuryExpert}, Qualifications: []string{"COS"}, TrainedOn: certif.MustDate("2025-03-10"), Organisation: "Institut 4.10"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := st.JuryMember(ctx, m.ID, store.All)
	if err != nil || got.TrainedOn.String() != "2025-03-10" || got.Roles[0] != certif.JuryExpert || got.Qualifications[0] != "COS" {
		t.Errorf("membre de jury relu : %+v %v", got, err)
	}
}
