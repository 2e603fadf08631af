package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"certibloc/internal/certif"
)

// NewUser is what CreateUser needs; PasswordHash is already hashed (auth package).
type NewUser struct {
	Email        string
	Name         string
	Role         certif.Role
	EmployerCode string
	JuryMemberID int64
	CandidateID  int64
	BranchCode   string // a national fund's branch
	PasswordHash string
}

// NormalizeEmail is the form under which emails are stored and looked up.
func NormalizeEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// CreateUser adds an account. Employer accounts name their employer by code.
func (s *Store) CreateUser(ctx context.Context, by Caller, u NewUser) (*certif.User, error) {
	var id int64
	err := s.write(ctx, by.Actor, func(tx *Tx) error {
		var err error
		id, err = tx.createUser(u)
		return err
	})
	if err != nil {
		return nil, err
	}
	return s.UserByID(ctx, id)
}

// createUser checks and adds an account in the transaction, and returns its id.
func (tx *Tx) createUser(u NewUser) (int64, error) {
	u.Email = NormalizeEmail(u.Email)
	var v certif.Validation
	if !certif.ValidEmail(u.Email) {
		v.Add("email", "Adresse électronique invalide.")
	}
	if _, err := certif.ParseRole(string(u.Role)); err != nil {
		v.Add("role", certif.UnknownRole)
	}
	if u.Role.NeedsEmployer() && u.EmployerCode == "" {
		v.Add("employer", "Un compte employeur doit être rattaché à un employeur (code).")
	}
	if !u.Role.NeedsBranch() {
		u.BranchCode = ""
	} else if _, ok := certif.NationalFundOf(u.BranchCode); !ok {
		v.Add("branch", "Un compte de caisse nationale est celui d'une branche : choisissez-la.")
	}
	if err := v.Err(); err != nil {
		return 0, err
	}
	var employerID any
	if u.EmployerCode != "" {
		var eid int64
		if err := tx.queryRow(`SELECT id FROM employers WHERE code = ?`, u.EmployerCode).Scan(&eid); errors.Is(err, sql.ErrNoRows) {
			return 0, &certif.Error{Code: certif.EInvalid, Message: "Employeur inconnu.", Fields: map[string]string{"employer": "Aucun employeur n'a le code " + u.EmployerCode + "."}}
		} else if err != nil {
			return 0, err
		}
		employerID = eid
	}
	now := stamp(tx.s.now())
	id, err := tx.insert(`INSERT INTO users (email, name, role, employer_id, jury_member_id, candidate_id, branch_code, password_hash, created_at, password_set_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, u.Email, u.Name, string(u.Role), employerID, nullID(u.JuryMemberID), nullID(u.CandidateID), nullText(u.BranchCode),
		u.PasswordHash, now, now)
	if certif.ErrorCode(err) == certif.EConflict {
		return 0, &certif.Error{Code: certif.EConflict, Message: "Un compte existe déjà avec cette adresse.", Fields: map[string]string{"email": "Adresse déjà utilisée."}}
	}
	if err != nil {
		return 0, err
	}
	return id, tx.audit(certif.AuditEvent{Entity: "user", EntityKey: u.Email, Action: "create", After: string(u.Role)})
}

func nullText(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

const userSelect = `SELECT u.id, u.email, u.name, u.role, COALESCE(u.employer_id, 0), COALESCE(e.code, ''), COALESCE(e.name, ''), COALESCE(e.branch_code, ''),
	COALESCE(u.jury_member_id, 0), COALESCE(u.candidate_id, 0), COALESCE(c.sex, ''), COALESCE(u.branch_code, ''), u.disabled, u.created_at, u.last_login_at, u.password_set_at
	FROM users u LEFT JOIN employers e ON e.id = u.employer_id LEFT JOIN candidates c ON c.id = u.candidate_id`

func scanUser(r interface{ Scan(...any) error }) (*certif.User, error) {
	var u certif.User
	var role string
	var created, lastLogin, pwSet sql.NullString
	err := r.Scan(&u.ID, &u.Email, &u.Name, &role, &u.EmployerID, &u.EmployerCode, &u.EmployerName, &u.EmployerBranch, &u.JuryMemberID, &u.CandidateID, &u.CandidateSex, &u.BranchCode, &u.Disabled, &created, &lastLogin, &pwSet)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("Compte introuvable.")
	}
	u.Role = certif.Role(role)
	u.CreatedAt, u.LastLoginAt, u.PasswordSetAt = parseStamp(created), parseStamp(lastLogin), parseStamp(pwSet)
	return &u, err
}

// UserByID returns an account.
func (s *Store) UserByID(ctx context.Context, id int64) (*certif.User, error) {
	return scanUser(s.queryRow(ctx, userSelect+` WHERE u.id = ?`, id))
}

// UserByEmail returns an account with its password hash.
func (s *Store) UserByEmail(ctx context.Context, email string) (*certif.User, string, error) {
	u, err := scanUser(s.queryRow(ctx, userSelect+` WHERE u.email = ?`, NormalizeEmail(email)))
	if err != nil {
		return nil, "", err
	}
	var hash string
	err = s.queryRow(ctx, `SELECT password_hash FROM users WHERE id = ?`, u.ID).Scan(&hash)
	return u, hash, err
}

// Users lists the accounts, by role then email.
func (s *Store) Users(ctx context.Context) ([]*certif.User, error) {
	rows, err := s.query(ctx, userSelect+` ORDER BY u.role, u.email`)
	return collect(rows, err, func(r *sql.Rows) (*certif.User, error) { return scanUser(r) })
}

// SetPassword replaces a user's password hash, closes the user's login
// sessions and revokes the user's API tokens.
func (s *Store) SetPassword(ctx context.Context, by Caller, userID int64, hash string) error {
	return s.write(ctx, by.Actor, func(tx *Tx) error { return tx.setPassword(userID, hash, "") })
}

// setPassword replaces a password hash, closes the user's login sessions,
// revokes the user's API tokens and traces the change with its reason. Every
// way of setting a password (account page, link sent by mail) goes through it.
func (tx *Tx) setPassword(userID int64, hash, reason string) error {
	if _, err := tx.exec(`UPDATE users SET password_hash = ?, password_set_at = ? WHERE id = ?`, hash, stamp(tx.s.now()), userID); err != nil {
		return err
	}
	if _, err := tx.exec(`DELETE FROM sessions WHERE user_id = ?`, userID); err != nil {
		return err
	}
	if err := tx.audit(certif.AuditEvent{Entity: "user", EntityKey: idKey(userID), Action: "password", Reason: reason}); err != nil {
		return err
	}
	return tx.revokeTokens(userID, "mot de passe changé")
}

// revokeTokens revokes a user's live API tokens, each traced with the reason.
func (tx *Tx) revokeTokens(userID int64, reason string) error {
	now := stamp(tx.s.now())
	rows, err := tx.query(`SELECT id FROM api_tokens WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ? ORDER BY id`, userID, now)
	ids, err := collect(rows, err, scanID)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if _, err := tx.exec(`UPDATE api_tokens SET revoked_at = ? WHERE id = ?`, now, id); err != nil {
			return err
		}
		if err := tx.audit(certif.AuditEvent{Entity: "api_token", EntityKey: idKey(id), Action: "revoke", Reason: reason}); err != nil {
			return err
		}
	}
	return nil
}

// SetUserDisabled disables or re-enables an account; disabling closes its
// login sessions.
func (s *Store) SetUserDisabled(ctx context.Context, by Caller, userID int64, disabled bool) error {
	return s.write(ctx, by.Actor, func(tx *Tx) error {
		if _, err := tx.exec(`UPDATE users SET disabled = ? WHERE id = ?`, disabled, userID); err != nil {
			return err
		}
		if disabled {
			if _, err := tx.exec(`DELETE FROM sessions WHERE user_id = ?`, userID); err != nil {
				return err
			}
		}
		return tx.audit(certif.AuditEvent{Entity: "user", EntityKey: idKey(userID), Action: "update", Field: "disabled", After: boolText(disabled)})
	})
}

// LoginSession is a server-side login session: the browser holds a random
// cookie value, the database only its hash.
type LoginSession struct {
	UserID    int64
	CreatedAt time.Time
	ExpiresAt time.Time
	LastSeen  time.Time
}

// CreateLoginSession records a login session under the hash of its cookie
// value, removes the user's expired login sessions and stamps the login.
func (s *Store) CreateLoginSession(ctx context.Context, tokenHash string, userID int64, ttl time.Duration, ip, userAgent string) error {
	now := s.now()
	return s.write(ctx, System, func(tx *Tx) error {
		if _, err := tx.exec(`DELETE FROM sessions WHERE user_id = ? AND expires_at < ?`, userID, stamp(now)); err != nil {
			return err
		}
		if _, err := tx.exec(`INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			tokenHash, userID, stamp(now), stamp(now.Add(ttl)), stamp(now), ip, truncate(userAgent, 300)); err != nil {
			return err
		}
		_, err := tx.exec(`UPDATE users SET last_login_at = ? WHERE id = ?`, stamp(now), userID)
		return err
	})
}

// LoginSessionUser returns the live login session of a cookie hash and its
// enabled user. A session is live until its expiry, or until seenUntil when
// its use since the last RecordUsage keeps it so (zero: no such use).
func (s *Store) LoginSessionUser(ctx context.Context, tokenHash string, seenUntil time.Time) (LoginSession, *certif.User, error) {
	var sess LoginSession
	var created, expires, seen sql.NullString
	err := s.queryRow(ctx, `SELECT user_id, created_at, expires_at, last_seen_at FROM sessions WHERE token_hash = ?`, tokenHash).
		Scan(&sess.UserID, &created, &expires, &seen)
	if errors.Is(err, sql.ErrNoRows) {
		return sess, nil, certif.Errorf(certif.EUnauthorized, "Session expirée : reconnectez-vous.")
	}
	if err != nil {
		return sess, nil, err
	}
	sess.CreatedAt, sess.ExpiresAt, sess.LastSeen = parseStamp(created), parseStamp(expires), parseStamp(seen)
	if now := s.now(); !now.Before(sess.ExpiresAt) && !now.Before(seenUntil) {
		return sess, nil, certif.Errorf(certif.EUnauthorized, "Session expirée : reconnectez-vous.")
	}
	u, err := s.UserByID(ctx, sess.UserID)
	if err != nil || u.Disabled {
		return sess, nil, certif.Errorf(certif.EUnauthorized, "Compte désactivé.")
	}
	return sess, u, nil
}

// RecordUsage writes when tokens and sessions were last used, and slides the
// sessions' expiry, in one transaction: the requests only note it in memory.
func (s *Store) RecordUsage(ctx context.Context, u Usage) error {
	if len(u.Tokens) == 0 && len(u.Sessions) == 0 {
		return nil
	}
	return s.writeLog(ctx, System, func(tx *Tx) error {
		for id, at := range u.Tokens {
			if _, err := tx.exec(`UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)`,
				stamp(at), id, stamp(at)); err != nil {
				return err
			}
		}
		for hash, at := range u.Sessions {
			if _, err := tx.exec(`UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE token_hash = ? AND last_seen_at < ?`,
				stamp(at), stamp(at.Add(u.SessionIdle)), hash, stamp(at)); err != nil {
				return err
			}
		}
		return nil
	})
}

// Usage is when API tokens and login sessions were last used, recorded in
// memory by the requests and written now and then (RecordUsage): a request
// that only reads writes nothing.
type Usage struct {
	Tokens      map[int64]time.Time  // by token id
	Sessions    map[string]time.Time // by session hash
	SessionIdle time.Duration        // a session's expiry slides this far after its last use
}

// DeleteLoginSession ends a login session (logout).
func (s *Store) DeleteLoginSession(ctx context.Context, tokenHash string) error {
	return s.write(ctx, System, func(tx *Tx) error {
		_, err := tx.exec(`DELETE FROM sessions WHERE token_hash = ?`, tokenHash)
		return err
	})
}

// APIToken describes a bearer token (never its value).
type APIToken struct {
	ID        int64
	UserID    int64
	Label     string
	CreatedAt time.Time
	LastUsed  time.Time
	ExpiresAt time.Time
	Revoked   bool
	Expired   bool // at the time of reading
}

// CreateAPIToken stores the hash of a new bearer token, valid for lifetime,
// and returns it.
func (s *Store) CreateAPIToken(ctx context.Context, by Caller, userID int64, tokenHash, label string, lifetime time.Duration) (APIToken, error) {
	now := s.now()
	t := APIToken{UserID: userID, Label: label, CreatedAt: now.UTC(), ExpiresAt: now.Add(lifetime).UTC()}
	err := s.write(ctx, by.Actor, func(tx *Tx) error {
		var err error
		t.ID, err = tx.insert(`INSERT INTO api_tokens (user_id, token_hash, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
			userID, tokenHash, label, stamp(t.CreatedAt), stamp(t.ExpiresAt))
		if err != nil {
			return err
		}
		return tx.audit(certif.AuditEvent{Entity: "api_token", EntityKey: idKey(t.ID), Action: "create", After: label})
	})
	return t, err
}

// TokenUser returns the enabled user of a live (not revoked, not expired)
// token, and the token's id; it writes nothing (see RecordUsage).
func (s *Store) TokenUser(ctx context.Context, tokenHash string) (*certif.User, int64, error) {
	var id, userID int64
	now := s.now()
	err := s.queryRow(ctx, `SELECT id, user_id FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?`, tokenHash, stamp(now)).Scan(&id, &userID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, certif.Errorf(certif.EUnauthorized, "Jeton d'accès invalide, expiré ou révoqué.")
	}
	if err != nil {
		return nil, 0, err
	}
	u, err := s.UserByID(ctx, userID)
	if err != nil || u.Disabled {
		return nil, 0, certif.Errorf(certif.EUnauthorized, "Compte désactivé.")
	}
	return u, id, nil
}

// APITokens lists a user's tokens.
func (s *Store) APITokens(ctx context.Context, userID int64) ([]APIToken, error) {
	now := s.now()
	rows, err := s.query(ctx, `SELECT id, user_id, label, created_at, last_used_at, expires_at, revoked_at FROM api_tokens WHERE user_id = ? ORDER BY id`, userID)
	return collect(rows, err, func(r *sql.Rows) (APIToken, error) {
		var t APIToken
		var created, used, expires, revoked sql.NullString
		err := r.Scan(&t.ID, &t.UserID, &t.Label, &created, &used, &expires, &revoked)
		t.CreatedAt, t.LastUsed, t.ExpiresAt, t.Revoked = parseStamp(created), parseStamp(used), parseStamp(expires), revoked.Valid
		t.Expired = !now.Before(t.ExpiresAt)
		return t, err
	})
}

// RevokeAPIToken revokes one of a user's tokens.
func (s *Store) RevokeAPIToken(ctx context.Context, by Caller, userID, tokenID int64) error {
	return s.write(ctx, by.Actor, func(tx *Tx) error {
		res, err := tx.exec(`UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL`, stamp(s.now()), tokenID, userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("Jeton introuvable.")
		}
		return tx.audit(certif.AuditEvent{Entity: "api_token", EntityKey: idKey(tokenID), Action: "revoke"})
	})
}

// RecordLoginAttempt keeps a login attempt for rate limiting and audit.
func (s *Store) RecordLoginAttempt(ctx context.Context, email, ip string, success bool) error {
	return s.write(ctx, System, func(tx *Tx) error {
		_, err := tx.exec(`INSERT INTO login_attempts (at, email, ip, success) VALUES (?, ?, ?, ?)`, stamp(s.now()), NormalizeEmail(email), ip, success)
		return err
	})
}

// LoginFailures selects failed logins: of an email, from a client address,
// or both; an empty field matches every value.
type LoginFailures struct {
	Email string
	IP    string
}

// NthLatestFailure returns the time of the n-th latest failed login of f at
// or after since, and false when there are fewer than n: a limit of n
// failures within a window is reached until that time plus the window.
func (s *Store) NthLatestFailure(ctx context.Context, f LoginFailures, since time.Time, n int) (time.Time, bool, error) {
	q, args := `SELECT at FROM login_attempts WHERE success = FALSE AND at >= ?`, []any{stamp(since)}
	if f.Email != "" {
		q, args = q+` AND email = ?`, append(args, NormalizeEmail(f.Email))
	}
	if f.IP != "" {
		q, args = q+` AND ip = ?`, append(args, f.IP)
	}
	var at sql.NullString
	err := s.queryRow(ctx, q+` ORDER BY at DESC LIMIT 1 OFFSET ?`, append(args, n-1)...).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, false, nil
	}
	return parseStamp(at), err == nil, err
}

// LoggedInFrom reports whether an email logged in from a client address at
// or after since.
func (s *Store) LoggedInFrom(ctx context.Context, email, ip string, since time.Time) (bool, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM login_attempts WHERE success = TRUE AND email = ? AND ip = ? AND at >= ?`,
		NormalizeEmail(email), ip, stamp(since)).Scan(&n)
	return n > 0, err
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}

func boolText(b bool) string {
	if b {
		return "oui"
	}
	return "non"
}
