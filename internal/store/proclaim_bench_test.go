package store_test

import (
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"certibloc/internal/calendar"
	"certibloc/internal/certif"
	"certibloc/internal/certificate"
	"certibloc/internal/demo"
	"certibloc/internal/mail"
	"certibloc/internal/minutes"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// BenchmarkProclaimNationalJury measures the proclamation of a national jury
// of 1,500 decisions (R10: 500 candidates of the demo's employers, the three
// blocks of GC each, most favourable; with the demo's own cases): the
// decisions' statuses, traces, the certificates (CCP and CQP) with their
// PDFs, rendered before the transaction on every core and kept in it, and
// the mails of candidates and employers, in one transaction. Each round
// builds its jury on a fresh database (not timed), decides and signs it
// (reported as decide-s and sign-s), then proclaims it (the time per
// operation: plan-s before the transaction, reading and rendering, write-s
// the transaction; pdfs is how many PDFs it rendered, render-sum-s the time
// they took added up over the cores), then again without certificates nor
// mails (the baseline, statuses-only):
//
//	go test -run XXX -bench ProclaimNationalJury -benchtime 3x ./internal/store
func BenchmarkProclaimNationalJury(b *testing.B) {
	for _, dialect := range storetest.Dialects(b) {
		for _, full := range []bool{true, false} {
			name := dialect + "/statuses-only"
			if full {
				name = dialect + "/certificates-and-mails"
			}
			b.Run(name, func(b *testing.B) { benchmarkProclaim(b, dialect, full) })
		}
	}
}

// benchmarkProclaim is one round of BenchmarkProclaimNationalJury; without
// full, the baseline: the statuses and traces alone, no certificate, no mail.
func benchmarkProclaim(b *testing.B, dialect string, full bool) {
	var decide, sign, plan, write time.Duration
	var rendered timedIssuer
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		j := heldNationalJury(b, storetest.Open(b, dialect), 500)
		start := time.Now()
		if err := j.st.DecideNational(ctx, j.by, j.day, j.decisions, j.reach); err != nil {
			b.Fatal(err)
		}
		decide += time.Since(start)
		start = time.Now()
		if _, err := minutes.Archive(ctx, j.st, j.signer, j.by, j.day); err != nil {
			b.Fatal(err)
		}
		sign += time.Since(start)
		b.StartTimer()
		compose, issuer := mail.ResultMails("http://localhost", j.titles), store.CertificateIssuer(&rendered)
		rendered.Issuer = j.issuer
		if !full {
			compose, issuer = nil, nil
		}
		var planned time.Time
		start = time.Now()
		p, err := j.st.Proclaim(store.BetweenProclamationPlanAndCommit(ctx, func() { planned = time.Now() }), j.by, j.day, compose, issuer)
		plan, write = plan+planned.Sub(start), write+time.Since(planned)
		if err != nil || p.Decisions != len(j.decisions) {
			b.Fatalf("%d décisions proclamées : %v", p.Decisions, err)
		}
	}
	b.ReportMetric(decide.Seconds()/float64(b.N), "decide-s")
	b.ReportMetric(sign.Seconds()/float64(b.N), "sign-s")
	b.ReportMetric(plan.Seconds()/float64(b.N), "plan-s")
	b.ReportMetric(write.Seconds()/float64(b.N), "write-s")
	if full {
		b.ReportMetric(float64(rendered.pdfs.Load())/float64(b.N), "pdfs")
		b.ReportMetric(time.Duration(rendered.took.Load()).Seconds()/float64(b.N), "render-sum-s")
	}
}

// timedIssuer is a certificate issuer that counts the PDFs it renders and
// adds up the time they take.
type timedIssuer struct {
	certificate.Issuer
	pdfs, took atomic.Int64
}

func (t *timedIssuer) PDFBytes(c certificate.Certificate) ([]byte, error) {
	start := time.Now()
	defer func() { t.pdfs.Add(1); t.took.Add(int64(time.Since(start))) }()
	return t.Issuer.PDFBytes(c)
}

// heldJury is a national jury ready to deliberate, its cases held.
type heldJury struct {
	st        *store.Store
	by        store.Caller
	day       certif.Date
	reach     func(certif.NationalCase) bool // the cases held by the jury's cutoff
	decisions []store.NationalDecision
	signer    *minutes.Signer
	titles    map[string]string
	issuer    certificate.Issuer
}

// heldNationalJury loads the demo (employers, jury members, calendar), then n
// GC candidates whose three blocks were examined by closed professional
// juries before the cutoff of the first national jury after the demo's day.
func heldNationalJury(b *testing.B, st *store.Store, n int) heldJury {
	b.Helper()
	today := certif.MustDate("2026-12-02")
	if _, err := demo.Load(ctx, st, today); err != nil {
		b.Fatal(err)
	}
	cal, err := st.Calendar(ctx)
	if err != nil {
		b.Fatal(err)
	}
	juries := cal.JuriesWithCutoffs(0)
	next := juries[slices.IndexFunc(juries, func(j calendar.JuryWithCutoff) bool { return !j.Date.Before(today) })]
	held := next.Cutoff.AddDays(-7)
	for held.Weekday() == time.Saturday || held.Weekday() == time.Sunday {
		held = held.AddDays(-1)
	}
	emps, err := st.Employers(ctx)
	if err != nil {
		b.Fatal(err)
	}
	members, err := st.JuryMembers(ctx, store.JuryMemberFilter{Scope: store.All})
	if err != nil || len(members) < 3 {
		b.Fatalf("membres de jury : %d %v", len(members), err)
	}
	office := store.Caller{Actor: store.Actor{Email: "bench@test"}, Role: certif.RoleOffice, Scope: store.All, Today: today}
	cands := make([]store.BulkCandidate, n)
	for i := range cands {
		cands[i] = store.BulkCandidate{Candidate: certif.Candidate{EmployerCode: emps[i%len(emps)].Code, BirthName: "Candidat-" + lettersOf(i),
			FirstNames: []string{"Élise"}, Sex: "F", BirthDate: certif.MustDate("1988-03-14"), BirthINSEE: "69123",
			Email: fmt.Sprintf("candidat%04d@bench.test", i)}, CreatedOn: held.AddMonths(-5)}
	}
	var regs []store.BulkRegistration
	err = st.BulkLoad(ctx, office, func(bl *store.Bulk) error {
		if err := bl.Candidates(cands); err != nil {
			return err
		}
		for _, c := range cands {
			g := store.BulkRegistration{Registration: certif.Registration{CandidateID: c.ID, EmployerID: c.EmployerID, Qualification: "GC",
				Path: certif.PathComplete, CertifiableFrom: held.AddDays(-30), Contract: certif.ContractCDI, RegisteredOn: held.AddMonths(-4)}}
			for block := 1; block <= 3; block++ {
				g.Attempts = append(g.Attempts, certif.BlockAttempt{Block: block, CertifiableFrom: g.CertifiableFrom, Period: held.MonthOf(), Status: certif.AttemptRegistered})
			}
			regs = append(regs, g)
		}
		if err := bl.Registrations(regs); err != nil {
			return err
		}
		var sessions []store.BulkHeldSession
		for start := 0; start < len(regs); start += 4 { // 12 slots a session
			s := store.BulkHeldSession{Qualification: "GC", Day: held, Half: certif.Morning,
				Members: [3]int64{members[0].ID, members[1].ID, members[2].ID}}
			for _, g := range regs[start:min(start+4, len(regs))] {
				for _, a := range g.Attempts {
					p := certif.ProposalFavourable
					if a.ID%10 == 0 {
						p = certif.ProposalUnfavourable
					}
					s.Evaluations = append(s.Evaluations, store.BulkEvaluation{AttemptID: a.ID, Minutes: 45, Presence: certif.PresencePresent, Proposal: p,
						Comment: "Évaluation de la mesure."})
				}
			}
			sessions = append(sessions, s)
		}
		return bl.HeldSessions(sessions)
	})
	if err != nil {
		b.Fatal(err)
	}
	by := store.Caller{Actor: store.Actor{Email: "ucanss@bench.test"}, Role: certif.RoleCertifier, Scope: store.All, Today: next.Date}
	if err := st.SaveNationalComposition(ctx, by, next.Date, []certif.NationalSeat{
		{Name: "Françoise Méric", Side: certif.SideEmployer, Sat: true}, {Name: "Samia Ouali", Side: certif.SideEmployee, President: true, Sat: true},
	}); err != nil {
		b.Fatal(err)
	}
	cases, err := st.NationalCases(ctx, store.All)
	if err != nil || len(cases) < 3*n {
		b.Fatalf("%d cas, %d au moins attendus : %v", len(cases), 3*n, err)
	}
	j := heldJury{st: st, by: by, day: next.Date, titles: map[string]string{},
		reach: func(c certif.NationalCase) bool { return !c.HeldOn.After(next.Cutoff) }}
	for _, c := range cases {
		j.decisions = append(j.decisions, store.NationalDecision{AttemptID: c.AttemptID, Decision: c.Proposal.Follows()})
	}
	if j.signer, err = minutes.NewSigner(time.Now()); err != nil {
		b.Fatal(err)
	}
	_, key, _ := ed25519.GenerateKey(rand.Reader)
	j.issuer = certificate.Issuer{Key: key, BaseURL: "http://localhost"}
	quals, err := st.Qualifications(ctx, false)
	if err != nil {
		b.Fatal(err)
	}
	for _, q := range quals {
		j.titles[q.Code] = q.Title
	}
	return j
}

// lettersOf writes i in letters (names take no digits): 0 "aa", 1 "ab"…
func lettersOf(i int) string {
	return string(rune('a'+i/26%26)) + string(rune('a'+i%26)) + string(rune('a'+i/676%26))
}
