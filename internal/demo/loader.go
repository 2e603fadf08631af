package demo

import (
	"context"
	"fmt"
	"time"

	"certibloc/internal/certif"
	"certibloc/internal/clock"
	"certibloc/internal/minutes"
	"certibloc/internal/store"
)

// loader creates the demo data, skipping what the database already holds.
type loader struct {
	st    *store.Store
	today certif.Date
	hash  string // argon2id hash of Password, computed once (argon2 is slow)

	minutes *minutes.Signer // signs the past national juries' minutes
	baseURL string          // the address the demo's mails, certificates and flows link to

	tl    timeline // the demo's days, once the calendar knows the years around today
	timed bool     // the calendar gave them

	employerIDs map[string]int64 // by code
	users       map[string]bool  // by email
	jury        map[string]int64 // jury member ids by email
	cands       map[string]int64 // candidate ids by key
}

// on runs write with the store's timestamps on day (at the real time of day
// in Paris), so that the demo's history reads in order: people created
// before they register, a table sent before it returns, a jury proclaimed
// on its day.
func (l *loader) on(day certif.Date, write func() error) error {
	previous := l.st.SwapClock(clock.Fixed(day).Now)
	defer l.st.SwapClock(previous)
	return write()
}

// at runs write with the store's timestamps from the instant t on, a second
// apart in the order of its writes: a past event the demo records at the
// time it happened (a jury's confirmations at the end of its session, a
// national jury's proclamation after it sat), not at the time of day the
// demo is loaded.
func (l *loader) at(t time.Time, write func() error) error {
	next := t.UTC()
	previous := l.st.SwapClock(func() time.Time {
		now := next
		next = next.Add(time.Second)
		return now
	})
	defer l.st.SwapClock(previous)
	return write()
}

// origin is the day the demo's people and organisations were entered: a
// year before its today.
func (l *loader) origin() certif.Date { return l.today.AddMonths(-12) }

// index reads what already exists.
func (l *loader) index(ctx context.Context) error {
	l.employerIDs, l.users, l.jury, l.cands = map[string]int64{}, map[string]bool{}, map[string]int64{}, map[string]int64{}
	emps, err := l.st.Employers(ctx)
	if err != nil {
		return err
	}
	for _, e := range emps {
		l.employerIDs[e.Code] = e.ID
	}
	users, err := l.st.Users(ctx)
	if err != nil {
		return err
	}
	for _, u := range users {
		l.users[u.Email] = true
	}
	members, err := l.st.JuryMembers(ctx, store.JuryMemberFilter{Scope: store.All})
	if err != nil {
		return err
	}
	for _, m := range members {
		l.jury[m.Email] = m.ID
	}
	cands, _, err := l.st.Candidates(ctx, store.CandidateFilter{PerPage: 500})
	if err != nil {
		return err
	}
	for _, c := range cands {
		l.cands[c.EmployerCode+"|"+certif.SearchKey(c.BirthName, firstOf(c.FirstNames))] = c.ID
	}
	return nil
}

// user creates an account with the demo password unless its email exists.
func (l *loader) user(ctx context.Context, u store.NewUser) error {
	if l.users[store.NormalizeEmail(u.Email)] {
		return nil
	}
	u.PasswordHash = l.hash
	if _, err := l.st.CreateUser(ctx, l.caller(), u); err != nil {
		return fmt.Errorf("compte %s : %w", u.Email, err)
	}
	l.users[store.NormalizeEmail(u.Email)] = true
	return nil
}

// staff creates the accounts of the exam office, the certifier and each
// branch's national fund.
func (l *loader) staff(ctx context.Context) error {
	if err := l.user(ctx, store.NewUser{Email: OfficeEmail, Name: "Institut 4.10 — équipe des examens", Role: certif.RoleOffice}); err != nil {
		return err
	}
	for _, f := range certif.NationalFunds {
		if err := l.user(ctx, store.NewUser{Email: FundEmail(f), Name: f.Title, Role: certif.RoleNationalFund, BranchCode: f.Branch}); err != nil {
			return err
		}
	}
	return l.user(ctx, store.NewUser{Email: CertifierEmail, Name: "UCANSS — certification", Role: certif.RoleCertifier})
}

// employers creates the organismes and one HR account each.
func (l *loader) employers(ctx context.Context) error {
	for _, e := range employers {
		if _, ok := l.employerIDs[e.code]; !ok {
			created, err := l.st.CreateEmployer(ctx, l.caller(), e.entity())
			if err != nil {
				return fmt.Errorf("employeur %s : %w", e.code, err)
			}
			l.employerIDs[e.code] = created.ID
		}
		if err := l.user(ctx, store.NewUser{Email: e.hrEmail(), Name: "Service RH — " + e.name, Role: certif.RoleEmployer, EmployerCode: e.code}); err != nil {
			return err
		}
	}
	return nil
}

// juryMembers creates the jury members, each with a jury account and its
// availability of the next three months, and an expert an employer proposed.
func (l *loader) juryMembers(ctx context.Context) error {
	for i, m := range juryMembers {
		id, ok := l.jury[m.email()]
		if !ok {
			created, err := l.st.CreateJuryMember(ctx, l.caller(), m.entity(l.employerIDs, l.today))
			if err != nil {
				return fmt.Errorf("membre de jury %s %s : %w", m.first, m.last, err)
			}
			id = created.ID
			l.jury[m.email()] = id
			if err := l.memberAvailability(ctx, id, i); err != nil {
				return fmt.Errorf("disponibilités de %s %s : %w", m.first, m.last, err)
			}
		}
		if err := l.user(ctx, store.NewUser{Email: m.email(), Name: m.first + " " + m.last, Role: certif.RoleJury, JuryMemberID: id}); err != nil {
			return err
		}
	}
	return l.proposedExpert(ctx)
}

// candidates creates the candidates, and accounts for a few of them.
func (l *loader) candidates(ctx context.Context) error {
	return l.createCandidates(ctx, candidates, 0)
}

// createCandidates creates list (the first one the offset-th demo candidate:
// it spreads their birthdays and communes), skipping those that exist.
func (l *loader) createCandidates(ctx context.Context, list []candidate, offset int) error {
	byCode := map[string]employer{}
	for _, e := range employers {
		byCode[e.code] = e
	}
	for i, c := range list {
		id, ok := l.cands[c.key()]
		if !ok {
			created, err := l.st.CreateCandidate(ctx, l.caller(), c.entity(offset+i, byCode[c.employer], l.today))
			if err != nil {
				return fmt.Errorf("candidat %s : %w", c.name(), err)
			}
			id = created.ID
			l.cands[c.key()] = id
		}
		if !c.account {
			continue
		}
		if err := l.user(ctx, store.NewUser{Email: c.email(), Name: c.name(), Role: certif.RoleCandidate, CandidateID: id}); err != nil {
			return err
		}
	}
	return nil
}

func firstOf(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}
