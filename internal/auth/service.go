package auth

import (
	"context"
	"fmt"
	"math"
	"time"

	"certibloc/internal/certif"
	"certibloc/internal/store"
)

// Policy holds the login-session and rate-limit settings.
type Policy struct {
	LoginSessionIdle time.Duration // a login session unused this long expires
	LoginSessionMax  time.Duration // a login session never lives longer than this
	// PerPair locks an account for one client address: whoever fails there
	// cannot lock the account's owner out from another address.
	PerPair Limit
	// PerAddress locks a client address for every account (one address
	// trying many accounts).
	PerAddress Limit
	// PerAccount locks an account, slowly, for every address it has not
	// logged in from within KnownFor: guessing spread over many addresses
	// stays bounded, and the owner at a usual address is not locked out.
	PerAccount Limit
	KnownFor   time.Duration
}

// Limit is a number of failed logins within a sliding window.
type Limit struct {
	Max    int
	Window time.Duration
}

// DefaultPolicy suits the platform's users (working days, shared offices behind one address).
var DefaultPolicy = Policy{
	LoginSessionIdle: 2 * time.Hour,
	LoginSessionMax:  12 * time.Hour,
	PerPair:          Limit{Max: 5, Window: 15 * time.Minute},
	PerAddress:       Limit{Max: 50, Window: 15 * time.Minute},
	PerAccount:       Limit{Max: 50, Window: time.Hour},
	KnownFor:         30 * 24 * time.Hour,
}

// TokenPrefix marks bearer tokens so that they are recognisable in logs and scans.
const TokenPrefix = "cb_"

// Service logs people in and recognises them afterwards.
type Service struct {
	st     *store.Store
	policy Policy
	now    func() time.Time
	dummy  string // hash compared when the email is unknown, so timing says nothing
	usage  usage
}

// New returns the authentication service.
func New(st *store.Store, policy Policy) *Service {
	dummy, _ := HashPassword("certibloc-dummy-password")
	return &Service{st: st, policy: policy, now: st.Now, dummy: dummy}
}

// Policy returns the settings in force.
func (s *Service) Policy() Policy { return s.policy }

var errBadLogin = &certif.Error{Code: certif.EUnauthorized, Message: "Adresse électronique ou mot de passe incorrect."}

// Login checks an email and password and opens a login session. It returns
// the cookie value (to give the browser) and the user. Too many failures
// refuse the login for a while, whatever the password (locked).
func (s *Service) Login(ctx context.Context, email, password, ip, userAgent string) (string, *certif.User, error) {
	if err := s.locked(ctx, email, ip); err != nil {
		return "", nil, err
	}
	u, hash, err := s.st.UserByEmail(ctx, email)
	if err != nil && certif.ErrorCode(err) != certif.ENotFound {
		return "", nil, err
	}
	if u == nil {
		VerifyPassword(s.dummy, password)
		return "", nil, s.fail(ctx, email, ip)
	}
	if !VerifyPassword(hash, password) || u.Disabled {
		return "", nil, s.fail(ctx, email, ip)
	}
	if err := s.st.RecordLoginAttempt(ctx, email, ip, true); err != nil {
		return "", nil, err
	}
	value, tokenHash := NewToken("")
	if err := s.st.CreateLoginSession(ctx, tokenHash, u.ID, s.policy.LoginSessionIdle, ip, userAgent); err != nil {
		return "", nil, err
	}
	return value, u, nil
}

// locked refuses a login while a limit of the policy is reached, saying in
// French how long to wait: until enough failures have left their window.
func (s *Service) locked(ctx context.Context, email, ip string) error {
	now := s.now()
	var until time.Time
	for _, l := range []struct {
		of    store.LoginFailures
		limit Limit
	}{
		{store.LoginFailures{Email: email, IP: ip}, s.policy.PerPair},
		{store.LoginFailures{IP: ip}, s.policy.PerAddress},
		{store.LoginFailures{Email: email}, s.policy.PerAccount},
	} {
		at, reached, err := s.st.NthLatestFailure(ctx, l.of, now.Add(-l.limit.Window), l.limit.Max)
		if err != nil {
			return err
		}
		end := at.Add(l.limit.Window)
		if !reached || !end.After(until) {
			continue
		}
		if l.of.IP == "" { // the account's lock spares the addresses it logs in from
			known, err := s.st.LoggedInFrom(ctx, email, ip, now.Add(-s.policy.KnownFor))
			if err != nil {
				return err
			}
			if known {
				continue
			}
		}
		until = end
	}
	if !until.After(now) {
		return nil
	}
	minutes := int(math.Ceil(until.Sub(now).Minutes()))
	return certif.Errorf(certif.ETooMany, "Trop de tentatives de connexion : réessayez dans %d minute%s.", minutes, plural(minutes))
}

func plural(n int) string {
	if n > 1 {
		return "s"
	}
	return ""
}

func (s *Service) fail(ctx context.Context, email, ip string) error {
	if err := s.st.RecordLoginAttempt(ctx, email, ip, false); err != nil {
		return err
	}
	return errBadLogin
}

// LoginSessionUser returns the user of a login session's cookie value,
// refused once the session is closed, idle too long or older than its
// maximum. It writes nothing: the use is noted in memory (FlushUsage).
func (s *Service) LoginSessionUser(ctx context.Context, value string) (*certif.User, error) {
	if value == "" {
		return nil, certif.Errorf(certif.EUnauthorized, "Connectez-vous pour continuer.")
	}
	h := HashToken(value)
	now := s.now()
	var seenUntil time.Time
	if seen, ok := s.usage.session(h); ok {
		seenUntil = seen.Add(s.policy.LoginSessionIdle)
	}
	sess, u, err := s.st.LoginSessionUser(ctx, h, seenUntil)
	if err != nil {
		return nil, err
	}
	if now.Sub(sess.CreatedAt) > s.policy.LoginSessionMax {
		return nil, certif.Errorf(certif.EUnauthorized, "Session expirée : reconnectez-vous.")
	}
	s.usage.noteSession(h, now)
	return u, nil
}

// Logout ends the login session of a cookie value.
func (s *Service) Logout(ctx context.Context, value string) error {
	if value == "" {
		return nil
	}
	return s.st.DeleteLoginSession(ctx, HashToken(value))
}

// Bearer returns the user of an API token; its use is noted in memory (FlushUsage).
func (s *Service) Bearer(ctx context.Context, value string) (*certif.User, error) {
	u, id, err := s.st.TokenUser(ctx, HashToken(value))
	if err == nil {
		s.usage.noteToken(id, s.now())
	}
	return u, err
}

// Token lifetimes, in days: the account page offers TokenDays, the command
// line takes any number of days from 1 to MaxTokenDays.
var TokenDays = []int{30, 90, 365}

const (
	DefaultTokenDays = 90
	MaxTokenDays     = 365
)

// CheckTokenDays checks a token lifetime, with a French message.
func CheckTokenDays(days int) error {
	if days < 1 || days > MaxTokenDays {
		return &certif.Error{Code: certif.EInvalid, Message: "Durée de validité du jeton invalide.",
			Fields: map[string]string{"days": fmt.Sprintf("Un jeton est valable de 1 à %d jours.", MaxTokenDays)}}
	}
	return nil
}

// CreateToken makes a bearer token for a user, valid for days, and returns
// its value (shown once) and its record.
func (s *Service) CreateToken(ctx context.Context, by store.Caller, userID int64, label string, days int) (string, store.APIToken, error) {
	if err := CheckTokenDays(days); err != nil {
		return "", store.APIToken{}, err
	}
	value, h := NewToken(TokenPrefix)
	t, err := s.st.CreateAPIToken(ctx, by, userID, h, label, time.Duration(days)*24*time.Hour)
	return value, t, err
}
