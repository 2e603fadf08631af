package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"certibloc/internal/auth"
	"certibloc/internal/certif"
	"certibloc/internal/minutes"
	"certibloc/internal/seed"
	"certibloc/internal/store"
)

// Password is the password of every demo account.
const Password = "certibloc-demo"

// Domain is the fictitious mail domain of every demo address.
const Domain = "demo.certibloc.fr"

// settingKey records that the demo data was loaded into the database.
const settingKey = "demo.loaded"

// actor is who the audit trail shows as having created the demo data.
var actor = store.Actor{Email: "données de démonstration"}

// Demo accounts of the exam office and of the certifier.
const (
	OfficeEmail    = "bureau.examens@" + Domain
	CertifierEmail = "ucanss@" + Domain
)

// FundEmail is the demo account of a branch's national fund:
// cnaf@demo.certibloc.fr, urssaf.cn@demo.certibloc.fr…
func FundEmail(f certif.NationalFund) string {
	local := map[string]string{"recouvrement": "urssaf.cn"}[f.Branch]
	if local == "" {
		local = strings.ToLower(f.Name)
	}
	return local + "@" + Domain
}

// Login is a demo account, as `serve --demo` lists it.
type Login struct {
	Email string
	Role  certif.Role
	Label string // who the account is: employer name, person and seat, ...
}

// Result is what Load did and the demo accounts of the database.
type Result struct {
	Created bool // the demo data was loaded by this call
	Logins  []Login
}

// Options are what the demo signs with: the platform's identities. The
// certificates' short codes and PDFs come from the store's issuer
// (SetCertificateIssuer): without it, the demo's past juries issue no
// certificate.
type Options struct {
	Minutes *minutes.Signer // signs the past juries' minutes; an identity of the process when nil
	History bool            // the earlier cohort and the last two national juries, proclaimed (proclaimed.go)
	BaseURL string          // the address the demo's mails, certificates and flows link to; DefaultBaseURL when empty
}

// DefaultBaseURL is serve's default address, the demo's links when no other
// is given.
const DefaultBaseURL = "http://localhost:8080"

// Load is LoadWith without options: the tests' and the quick demos'.
func Load(ctx context.Context, st *store.Store, today certif.Date) (Result, error) {
	return LoadWith(ctx, st, today, Options{})
}

// LoadWith loads the shipped referential and calendar (seed.Load), then the
// demo data unless it was loaded before, and lists the demo logins. Calling it
// again changes nothing and returns the same logins. today dates the
// candidates' births and the jury members' training.
func LoadWith(ctx context.Context, st *store.Store, today certif.Date, opts Options) (Result, error) {
	if _, err := seed.Load(ctx, st); err != nil {
		return Result{}, err
	}
	done, err := st.Setting(ctx, settingKey)
	if err != nil {
		return Result{}, err
	}
	var res Result
	if done == "" {
		if err := create(ctx, st, today, opts); err != nil {
			return Result{}, fmt.Errorf("données de démonstration : %w", err)
		}
		if err := st.SetSetting(ctx, settingKey, st.Now().Format(time.RFC3339)); err != nil {
			return Result{}, err
		}
		res.Created = true
	}
	res.Logins, err = Logins(ctx, st)
	return res, err
}

// create adds the demo data. It skips what already exists, so that a load
// interrupted halfway completes on the next call.
func create(ctx context.Context, st *store.Store, today certif.Date, opts Options) error {
	hash, err := auth.HashPassword(Password)
	if err != nil {
		return err
	}
	if opts.Minutes == nil {
		if opts.Minutes, err = minutes.NewSigner(st.Now()); err != nil {
			return err
		}
	}
	if opts.BaseURL == "" {
		opts.BaseURL = DefaultBaseURL
	}
	l := &loader{st: st, today: today, hash: hash, minutes: opts.Minutes, baseURL: opts.BaseURL}
	if err := l.index(ctx); err != nil {
		return err
	}
	for _, step := range []func(context.Context) error{l.staff, l.employers, l.programmes, l.juryMembers, l.candidates, l.sites} {
		if err := l.on(l.origin(), func() error { return step(ctx) }); err != nil {
			return err
		}
	}
	steps := []func(context.Context) error{l.calendar, l.registrations, l.campaigns, l.grids, l.juries}
	if opts.History {
		steps = append(steps, l.pastJuries)
	}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return err
		}
	}
	return nil
}
