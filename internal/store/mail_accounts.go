package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"certibloc/internal/certif"
	"certibloc/internal/clock"
)

// LinkPurpose is what a single-use account link is for.
type LinkPurpose string

// The purposes of account links.
const (
	LinkInvitation    LinkPurpose = "invitation"     // a new account chooses its first password
	LinkPasswordReset LinkPurpose = "password_reset" // "mot de passe oublié"
)

// AccountLink is a single-use link, as the store keeps it: the hash of its
// secret (auth.HashToken), never the secret itself.
type AccountLink struct {
	TokenHash string
	Purpose   LinkPurpose
	ExpiresAt time.Time
}

// insertLink records a link of a user in the transaction.
func (tx *Tx) insertLink(userID int64, l AccountLink) error {
	_, err := tx.exec(`INSERT INTO account_links (token_hash, user_id, purpose, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
		l.TokenHash, userID, string(l.Purpose), stamp(tx.s.now()), stamp(l.ExpiresAt))
	return err
}

// sendLink records a link and queues the mail that carries it.
func (tx *Tx) sendLink(userID int64, l AccountLink, m Mail) error {
	if err := tx.insertLink(userID, l); err != nil {
		return err
	}
	_, err := tx.enqueueMail(m)
	return err
}

// InviteUser creates an account that cannot log in yet, with its invitation
// link, and queues the invitation mail, all in one transaction: no account
// without its mail, no mail without its account.
func (s *Store) InviteUser(ctx context.Context, by Caller, u NewUser, l AccountLink, m Mail) (*certif.User, error) {
	var id int64
	err := s.write(ctx, by.Actor, func(tx *Tx) error {
		var err error
		if id, err = tx.createUser(u); err != nil {
			return err
		}
		if err := tx.sendLink(id, l, m); err != nil {
			return err
		}
		return tx.audit(certif.AuditEvent{Entity: "user", EntityKey: idKey(id), Action: "invite", After: stamp(l.ExpiresAt)})
	})
	if err != nil {
		return nil, err
	}
	return s.UserByID(ctx, id)
}

// ReinviteUser sends a new invitation link to an account that has never used
// one; the links sent before stay valid until they expire.
func (s *Store) ReinviteUser(ctx context.Context, by Caller, userID int64, l AccountLink, m Mail) error {
	return s.write(ctx, by.Actor, func(tx *Tx) error {
		var invited, used int
		if err := tx.queryRow(`SELECT COUNT(*), COUNT(used_at) FROM account_links WHERE user_id = ? AND purpose = 'invitation'`, userID).Scan(&invited, &used); err != nil {
			return err
		}
		if invited == 0 {
			return notFound("Aucune invitation pour ce compte.")
		}
		if used > 0 {
			return certif.Errorf(certif.EConflict, "Invitation déjà acceptée : la personne a choisi son mot de passe. En cas d'oubli, elle utilise « Mot de passe oublié ».")
		}
		if err := tx.sendLink(userID, l, m); err != nil {
			return err
		}
		return tx.audit(certif.AuditEvent{Entity: "user", EntityKey: idKey(userID), Action: "reinvite", After: stamp(l.ExpiresAt)})
	})
}

// CreatePasswordReset records a reset link of a user and queues its mail.
func (s *Store) CreatePasswordReset(ctx context.Context, userID int64, l AccountLink, m Mail) error {
	return s.write(ctx, System, func(tx *Tx) error { return tx.sendLink(userID, l, m) })
}

// RecordResetRequest keeps a "forgotten password" request (known address or
// not) and returns how many were made since a time for the address and from
// the client address, this one included.
func (s *Store) RecordResetRequest(ctx context.Context, email, ip string, since time.Time) (byEmail, byIP int, err error) {
	email = NormalizeEmail(email)
	err = s.write(ctx, System, func(tx *Tx) error {
		if _, err := tx.exec(`INSERT INTO password_reset_requests (at, email, ip) VALUES (?, ?, ?)`, stamp(tx.s.now()), email, ip); err != nil {
			return err
		}
		return tx.queryRow(`SELECT COALESCE(SUM(CASE WHEN email = ? THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN ip = ? THEN 1 ELSE 0 END), 0)
			FROM password_reset_requests WHERE at >= ? AND (email = ? OR ip = ?)`, email, ip, stamp(since), email, ip).Scan(&byEmail, &byIP)
	})
	return byEmail, byIP, err
}

// link is a stored account link with its state.
type link struct {
	id      int64
	userID  int64
	purpose LinkPurpose
	expires time.Time
	used    bool
}

// rowFunc runs a query that returns one row: in a transaction or not.
type rowFunc func(query string, args ...any) *sql.Row

// checkLink says in French why a link cannot be used, nil when it can.
func (s *Store) checkLink(queryRow rowFunc, tokenHash string) (link, *certif.User, error) {
	var l link
	var purpose string
	var expires, used sql.NullString
	err := queryRow(`SELECT id, user_id, purpose, expires_at, used_at FROM account_links WHERE token_hash = ?`, tokenHash).
		Scan(&l.id, &l.userID, &purpose, &expires, &used)
	l.purpose, l.expires, l.used = LinkPurpose(purpose), parseStamp(expires), used.Valid
	if errors.Is(err, sql.ErrNoRows) {
		return l, nil, certif.Errorf(certif.ENotFound, "Ce lien n'est pas valable : vérifiez qu'il est complet, ou demandez-en un nouveau.")
	}
	if err != nil {
		return l, nil, err
	}
	if l.used {
		return l, nil, certif.Errorf(certif.EConflict, "Ce lien a déjà servi : il n'est utilisable qu'une fois. Connectez-vous, ou demandez un nouveau lien avec « Mot de passe oublié ».")
	}
	if !s.now().Before(l.expires) {
		return l, nil, certif.Errorf(certif.EConflict, "Ce lien a expiré le %s : demandez un nouveau lien.", clock.FormatParis(l.expires))
	}
	u, err := scanUser(queryRow(userSelect+` WHERE u.id = ?`, l.userID))
	if err != nil {
		return l, nil, err
	}
	if u.Disabled {
		return l, nil, certif.Errorf(certif.EForbidden, "Ce compte est désactivé : adressez-vous à l'équipe des examens.")
	}
	return l, u, nil
}

// AccountLinkUser returns the account of a link that can still be used, or a
// French error saying why it cannot (unknown, already used, expired).
func (s *Store) AccountLinkUser(ctx context.Context, tokenHash string) (*certif.User, LinkPurpose, error) {
	l, u, err := s.checkLink(func(q string, args ...any) *sql.Row { return s.queryRow(ctx, q, args...) }, tokenHash)
	return u, l.purpose, err
}

// UseAccountLink sets the password of the account of a valid link, marks the
// link and every other link of the account used, and closes the account's
// login sessions; the change is traced as made by the person.
func (s *Store) UseAccountLink(ctx context.Context, tokenHash, passwordHash string) (*certif.User, error) {
	var u *certif.User
	err := s.write(ctx, System, func(tx *Tx) error {
		l, user, err := s.checkLink(tx.queryRow, tokenHash)
		if err != nil {
			return err
		}
		u, tx.actor = user, ActorOf(user)
		res, err := tx.exec(`UPDATE account_links SET used_at = ? WHERE user_id = ? AND used_at IS NULL`, stamp(tx.s.now()), u.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return certif.Errorf(certif.EConflict, "Ce lien a déjà servi : il n'est utilisable qu'une fois.")
		}
		reason := "lien « mot de passe oublié »"
		if l.purpose == LinkInvitation {
			reason = "invitation acceptée"
		}
		return tx.setPassword(u.ID, passwordHash, reason)
	})
	return u, err
}

// Invitation is an invited account and where its invitation stands.
type Invitation struct {
	User      *certif.User
	SentAt    time.Time // the latest link
	ExpiresAt time.Time // of the latest link
	Accepted  bool
}

// Expired reports whether the invitation can no longer be accepted at now.
func (i Invitation) Expired(now time.Time) bool { return !i.Accepted && !now.Before(i.ExpiresAt) }

// Invitations lists the invited accounts, latest invitation first.
func (s *Store) Invitations(ctx context.Context, limit int) ([]Invitation, error) {
	rows, err := s.query(ctx, `SELECT user_id, MAX(created_at), MAX(expires_at), COUNT(used_at) FROM account_links
		WHERE purpose = 'invitation' GROUP BY user_id ORDER BY MAX(created_at) DESC, user_id DESC LIMIT ?`, limit)
	type row struct {
		userID        int64
		sent, expires sql.NullString
		used          int
	}
	list, err := collect(rows, err, func(r *sql.Rows) (row, error) {
		var x row
		return x, r.Scan(&x.userID, &x.sent, &x.expires, &x.used)
	})
	if err != nil {
		return nil, err
	}
	users, err := s.Users(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[int64]*certif.User{}
	for _, u := range users {
		byID[u.ID] = u
	}
	out := make([]Invitation, 0, len(list))
	for _, x := range list {
		out = append(out, Invitation{User: byID[x.userID], SentAt: parseStamp(x.sent), ExpiresAt: parseStamp(x.expires), Accepted: x.used > 0})
	}
	return out, nil
}
