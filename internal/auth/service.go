package auth

import (
	"context"
	"fmt"
	"time"

	"certibloc/internal/certif"
	"certibloc/internal/store"
)

// Policy holds the session and rate-limit settings.
type Policy struct {
	SessionIdle     time.Duration // a session unused this long expires
	SessionMax      time.Duration // a session never lives longer than this
	FailureWindow   time.Duration // failures counted over this window
	MaxFailuresUser int           // per email within the window
	MaxFailuresIP   int           // per client address within the window
}

// DefaultPolicy suits the platform's users (working days, shared offices behind one address).
var DefaultPolicy = Policy{
	SessionIdle:     2 * time.Hour,
	SessionMax:      12 * time.Hour,
	FailureWindow:   15 * time.Minute,
	MaxFailuresUser: 5,
	MaxFailuresIP:   50,
}

// TokenPrefix marks bearer tokens so that they are recognisable in logs and scans.
const TokenPrefix = "cb_"

// Service logs people in and recognises them afterwards.
type Service struct {
	st     *store.Store
	policy Policy
	now    func() time.Time
	dummy  string // hash compared when the email is unknown, so timing says nothing
}

// New returns the authentication service.
func New(st *store.Store, policy Policy) *Service {
	dummy, _ := HashPassword("certibloc-dummy-password")
	return &Service{st: st, policy: policy, now: time.Now, dummy: dummy}
}

// Policy returns the settings in force.
func (s *Service) Policy() Policy { return s.policy }

var errBadLogin = &certif.Error{Code: certif.EUnauthorized, Message: "Adresse électronique ou mot de passe incorrect."}

// Login checks an email and password and opens a session. It returns the cookie
// value (to give the browser) and the user. Too many failures refuse the login
// for a while, whatever the password.
func (s *Service) Login(ctx context.Context, email, password, ip, userAgent string) (string, *certif.User, error) {
	byEmail, byIP, err := s.st.FailedLogins(ctx, email, ip, s.now().Add(-s.policy.FailureWindow))
	if err != nil {
		return "", nil, err
	}
	if byEmail >= s.policy.MaxFailuresUser || byIP >= s.policy.MaxFailuresIP {
		return "", nil, certif.Errorf(certif.ETooMany, "Trop de tentatives de connexion : réessayez dans %d minutes.", int(s.policy.FailureWindow.Minutes()))
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
	if err := s.st.CreateSession(ctx, tokenHash, u.ID, s.policy.SessionIdle, ip, userAgent); err != nil {
		return "", nil, err
	}
	return value, u, nil
}

func (s *Service) fail(ctx context.Context, email, ip string) error {
	if err := s.st.RecordLoginAttempt(ctx, email, ip, false); err != nil {
		return err
	}
	return errBadLogin
}

// touchEvery limits session writes: the expiry slides at most this often.
const touchEvery = time.Minute

// Session returns the user of a session cookie value, sliding its expiry.
func (s *Service) Session(ctx context.Context, value string) (*certif.User, error) {
	if value == "" {
		return nil, certif.Errorf(certif.EUnauthorized, "Connectez-vous pour continuer.")
	}
	h := HashToken(value)
	sess, u, err := s.st.SessionUser(ctx, h)
	if err != nil {
		return nil, err
	}
	now := s.now()
	if now.Sub(sess.CreatedAt) > s.policy.SessionMax {
		_ = s.st.DeleteSession(ctx, h)
		return nil, certif.Errorf(certif.EUnauthorized, "Session expirée : reconnectez-vous.")
	}
	if now.Sub(sess.LastSeen) > touchEvery {
		if err := s.st.TouchSession(ctx, h, s.policy.SessionIdle); err != nil {
			return nil, err
		}
	}
	return u, nil
}

// Logout ends the session of a cookie value.
func (s *Service) Logout(ctx context.Context, value string) error {
	if value == "" {
		return nil
	}
	return s.st.DeleteSession(ctx, HashToken(value))
}

// Bearer returns the user of an API token.
func (s *Service) Bearer(ctx context.Context, value string) (*certif.User, error) {
	return s.st.TokenUser(ctx, HashToken(value))
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
func (s *Service) CreateToken(ctx context.Context, actor store.Actor, userID int64, label string, days int) (string, store.APIToken, error) {
	if err := CheckTokenDays(days); err != nil {
		return "", store.APIToken{}, err
	}
	value, h := NewToken(TokenPrefix)
	t, err := s.st.CreateAPIToken(ctx, actor, userID, h, label, time.Duration(days)*24*time.Hour)
	return value, t, err
}
