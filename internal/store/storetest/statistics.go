package storetest

import (
	"context"
	"strings"
	"testing"

	"certibloc/internal/certif"
	"certibloc/internal/store"
)

// StatisticsData loads a small known history for the statistics, on two
// existing employers a (of the famille branch) and b (any other), in 2025
// and 2026 (national juries of 19/06/2025 and 18/06/2026):
//
//	a: Anne   COS 1+2 registered 10/01/2025: 1 validated (160 days), 2 not validated in 2025
//	b: Bruno  COS 1   registered 01/03/2025: absent in 2025
//	a: Anne   COS 2   registered 20/01/2026: validated in 2026 (149 days)
//	a: Chloé  COS 1   registered 05/01/2026: validated in 2026 (164 days)
//	a: Chloé  GC 1+2  registered 02/02/2026: 1 validated in 2026 (136 days), 2 sat in a professional jury held on 10/03/2026 (3 members)
//	b: David  COS 1+2 registered 10/02/2026: 1 validated (128 days), 2 not validated in 2026
//	b: Bruno  COS 3   registered 15/01/2026, deleted on 01/02/2026: not counted
//
// So 2026 counts 3 candidates registered (Anne, Chloé, David), 5 attempts
// presented (4 validated, 1 not), no absent, a median delay of 143 days (128,
// 136, 149, 164) and 1 session of 3 members; 2025: 2 candidates, 2 presented
// (1 validated), 1 absent, 160 days.
func StatisticsData(t testing.TB, st *store.Store, a, b string) {
	t.Helper()
	ctx := context.Background()
	office := store.Caller{Actor: store.Actor{Email: "statistiques@test.fr"}, Role: certif.RoleOffice, Scope: store.All, Today: certif.MustDate("2026-01-01")}
	people := []store.BulkCandidate{
		{Candidate: certif.Candidate{EmployerCode: a, BirthName: "Arnaud", FirstNames: []string{"Anne"}, Sex: "F", BirthDate: certif.MustDate("1990-04-01"), BirthINSEE: "69123"}},
		{Candidate: certif.Candidate{EmployerCode: b, BirthName: "Bernard", FirstNames: []string{"Bruno"}, Sex: "M", BirthDate: certif.MustDate("1988-05-02"), BirthINSEE: "33063"}},
		{Candidate: certif.Candidate{EmployerCode: a, BirthName: "Chevalier", FirstNames: []string{"Chloé"}, Sex: "F", BirthDate: certif.MustDate("1995-06-03"), BirthINSEE: "69123"}},
		{Candidate: certif.Candidate{EmployerCode: b, BirthName: "Dumas", FirstNames: []string{"David"}, Sex: "M", BirthDate: certif.MustDate("1993-07-04"), BirthINSEE: "33063"}},
	}
	for i := range people {
		people[i].CreatedOn = certif.MustDate("2025-01-02")
	}
	if err := st.BulkLoad(ctx, office, func(bl *store.Bulk) error { return bl.Candidates(people) }); err != nil {
		t.Fatal(err)
	}
	anne, bruno, chloe, david := people[0].Candidate, people[1].Candidate, people[2].Candidate, people[3].Candidate
	jury25, jury26 := certif.MustDate("2025-06-19"), certif.MustDate("2026-06-18")
	at := func(block int, status certif.AttemptStatus, decided certif.Date, period string) certif.BlockAttempt {
		m := certif.MustMonth(period)
		return certif.BlockAttempt{Block: block, Status: status, DecidedOn: decided, Period: m, CertifiableFrom: certif.NewDate(m.Year, m.Month, 1)}
	}
	reg := func(c certif.Candidate, qual, on string, attempts ...certif.BlockAttempt) store.BulkRegistration {
		return store.BulkRegistration{Registration: certif.Registration{CandidateID: c.ID, EmployerID: c.EmployerID, Qualification: qual, Path: certif.PathPartial,
			CertifiableFrom: attempts[0].CertifiableFrom, Contract: certif.ContractCDI, RegisteredOn: certif.MustDate(on), Attempts: attempts}}
	}
	deleted := reg(bruno, "COS", "2026-01-15", at(3, certif.AttemptRegistered, certif.Date{}, "2026-05"))
	deleted.DeletedOn, deleted.DeletedReason = certif.MustDate("2026-02-01"), "Départ de l'organisme"
	regs := []store.BulkRegistration{
		reg(anne, "COS", "2025-01-10", at(1, certif.AttemptValidated, jury25, "2025-05"), at(2, certif.AttemptNotValidated, jury25, "2025-05")),
		reg(anne, "COS", "2026-01-20", at(2, certif.AttemptValidated, jury26, "2026-05")),
		reg(bruno, "COS", "2025-03-01", at(1, certif.AttemptAbsent, jury25, "2025-05")),
		deleted,
		reg(chloe, "COS", "2026-01-05", at(1, certif.AttemptValidated, jury26, "2026-05")),
		reg(chloe, "GC", "2026-02-02", at(1, certif.AttemptValidated, jury26, "2026-05"), at(2, certif.AttemptRegistered, certif.Date{}, "2026-03")),
		reg(david, "COS", "2026-02-10", at(1, certif.AttemptValidated, jury26, "2026-05"), at(2, certif.AttemptNotValidated, jury26, "2026-05")),
	}
	if err := st.BulkLoad(ctx, office, func(bl *store.Bulk) error { return bl.Registrations(regs) }); err != nil {
		t.Fatal(err)
	}
	gc, err := st.Registration(ctx, regs[5].ID, store.All)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range gc.Attempts {
		if a.Block == 2 {
			heldSession(t, st, office, a.ID)
		}
	}
}

// heldSession convenes a professional jury of three new members on
// 10/03/2026 for the GC attempt, and holds it: a member records the
// candidate's presence.
func heldSession(t testing.TB, st *store.Store, office store.Caller, attempt int64) {
	t.Helper()
	ctx := context.Background()
	day := certif.MustDate("2026-03-10")
	var ids [3]int64
	var first store.Caller
	for i, name := range []string{"Stat-Roux", "Stat-Benali", "Stat-Moreau"} {
		m, err := st.CreateJuryMember(ctx, office, certif.JuryMember{FirstName: "Claire", LastName: name, Email: strings.ToLower(name) + "@jury.test",
			Roles: certif.JuryRoles, Branch: "famille", Qualifications: []string{"GC"}, Organisation: "Institut 4.10"})
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = m.ID
		if i == 0 {
			first = store.Caller{Actor: store.Actor{Email: m.Email}, Role: certif.RoleJury, Scope: store.Scope{JuryMemberID: m.ID}, Today: day}
		}
	}
	office.Today = day.AddDays(-20)
	ss := ConvenedSession(t, st, office, "GC", day, ids, attempt)
	if _, err := st.SaveEvaluation(ctx, first, ss.Slots[0].ID, certif.Evaluation{Presence: certif.PresencePresent}, 0); err != nil {
		t.Fatal(err)
	}
}
