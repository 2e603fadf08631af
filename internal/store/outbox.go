package store

import (
	"cmp"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"certibloc/internal/certif"
)

// Mail is a message to send. Callers render it (package mail) and queue it in
// the transaction of the event that causes it, so that no mail is lost and
// none is sent for an event that was rolled back.
type Mail struct {
	Kind           string // invitation, password_reset, collection_table, reminder, census, planning...
	DedupKey       string // "" for none; a second mail with the same key is not queued
	To             []string
	Subject        string
	Text           string
	HTML           string
	AttachmentName string
	Attachment     []byte
	EmployerID     int64 // the employer the mail concerns, 0 if none
}

// enqueueMail queues a mail in the transaction; it reports false when a mail
// with the same dedup key was queued before.
func (tx *Tx) enqueueMail(m Mail) (bool, error) {
	if len(m.To) == 0 {
		return false, certif.Errorf(certif.EInvalid, "Aucun destinataire pour le courriel « %s ».", m.Subject)
	}
	var key any
	if m.DedupKey != "" {
		key = m.DedupKey
	}
	var attachment any
	if len(m.Attachment) > 0 {
		attachment = m.Attachment
	}
	now := stamp(tx.s.now())
	res, err := tx.exec(`INSERT INTO outbox (kind, dedup_key, recipients, subject, text_body, html_body, attachment_name, attachment, employer_id,
		next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedup_key) DO NOTHING`,
		m.Kind, key, strings.Join(m.To, ","), m.Subject, m.Text, m.HTML, m.AttachmentName, attachment, nullID(m.EmployerID), now, now)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// EnqueueMail queues one mail on its own (when no other change goes with it).
func (s *Store) EnqueueMail(ctx context.Context, by Caller, m Mail) (queued bool, err error) {
	err = s.write(ctx, by.Actor, func(tx *Tx) error {
		queued, err = tx.enqueueMail(m)
		return err
	})
	return queued, err
}

// MailStatus is where a queued mail stands.
type MailStatus string

// The statuses of the outbox, in the order a mail goes through them.
const (
	MailPending MailStatus = "pending" // waiting for its next attempt
	MailSending MailStatus = "sending" // claimed by a sender, under lease
	MailSent    MailStatus = "sent"
	MailFailed  MailStatus = "failed" // given up; the office may send it again
)

// MailStatuses lists the statuses, for filters.
var MailStatuses = []MailStatus{MailPending, MailSending, MailSent, MailFailed}

// Label is the French name of the status.
func (s MailStatus) Label() string {
	switch s {
	case MailPending:
		return "en attente"
	case MailSending:
		return "en cours"
	case MailSent:
		return "envoyé"
	case MailFailed:
		return "échec"
	}
	return string(s)
}

// OutboxMail is a row of the outbox: the mail and its delivery state.
type OutboxMail struct {
	ID int64
	Mail
	Status          MailStatus
	Attempts        int
	PermanentErrors int // 5xx answers received so far
	LastError       string
	CreatedAt       time.Time
	NextAttemptAt   time.Time // for a mail being sent: the end of the sender's lease
	LastAttemptAt   time.Time
	SentAt          time.Time
	LeaseToken      string // the claim of the sender holding the mail
}

// MessageID is the Message-ID header of the mail: the same at every attempt,
// so that a copy sent again after a crash is recognised as the same message.
func (m OutboxMail) MessageID() string { return "outbox-" + strconv.FormatInt(m.ID, 10) + "@certibloc" }

const outboxColumns = `id, kind, COALESCE(dedup_key, ''), recipients, subject, %s, attachment_name, COALESCE(employer_id, 0),
	status, attempts, permanent_errors, last_error, created_at, next_attempt_at, last_attempt_at, sent_at, lease_token`

var (
	// outboxFull reads a mail with its bodies and attachment (to send or show it).
	outboxFull = strings.Replace(outboxColumns, "%s", "text_body, html_body, attachment", 1)
	// outboxBrief leaves the bodies out (lists).
	outboxBrief = strings.Replace(outboxColumns, "%s", "'', '', NULL", 1)
)

func scanOutbox(r interface{ Scan(...any) error }) (OutboxMail, error) {
	var m OutboxMail
	var recipients, status string
	var created, next, last, sent sql.NullString
	err := r.Scan(&m.ID, &m.Kind, &m.DedupKey, &recipients, &m.Subject, &m.Text, &m.HTML, &m.Attachment, &m.AttachmentName, &m.EmployerID,
		&status, &m.Attempts, &m.PermanentErrors, &m.LastError, &created, &next, &last, &sent, &m.LeaseToken)
	if errors.Is(err, sql.ErrNoRows) {
		return m, notFound("Courriel introuvable.")
	}
	m.To = strings.Split(recipients, ",")
	m.Status = MailStatus(status)
	m.CreatedAt, m.NextAttemptAt, m.LastAttemptAt, m.SentAt = parseStamp(created), parseStamp(next), parseStamp(last), parseStamp(sent)
	return m, err
}

// ClaimMail takes up to limit mails due at now (waiting for an attempt, or
// left "sending" by a sender whose lease ran out), marks them "sending" under a
// lease that ends at now+lease, and counts the attempt. Two senders never hold
// the same mail: on PostgreSQL rows locked by another claim are skipped, on
// SQLite writes are serialised. The caller records the outcome of each mail
// with MarkMailSent, RetryMail, FailMail or ReleaseMail, before its lease ends.
func (s *Store) ClaimMail(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]OutboxMail, error) {
	token := newLeaseToken()
	due := `SELECT id FROM outbox WHERE status IN ('pending', 'sending') AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`
	if s.dialect.name == postgresDialect.name {
		due += ` FOR UPDATE SKIP LOCKED` // the one claim-specific difference between the two databases
	}
	var out []OutboxMail
	err := s.write(ctx, System, func(tx *Tx) error {
		rows, err := tx.query(`UPDATE outbox SET status = 'sending', lease_token = ?, attempts = attempts + 1, last_attempt_at = ?, next_attempt_at = ?
			WHERE id IN (`+due+`) RETURNING `+outboxFull, token, stamp(now), stamp(now.Add(lease)), stamp(now), limit)
		out, err = collect(rows, err, func(r *sql.Rows) (OutboxMail, error) { return scanOutbox(r) })
		return err
	})
	slices.SortFunc(out, func(a, b OutboxMail) int { return cmp.Compare(a.ID, b.ID) })
	return out, err
}

func newLeaseToken() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// ErrLeaseLost is returned when a sender records the outcome of a mail it no
// longer holds (its lease ran out and another claim took the mail).
var ErrLeaseLost = &certif.Error{Code: certif.EConflict, Message: "Ce courriel a été repris par un autre envoi : résultat ignoré."}

// finishMail records the outcome of a claimed mail, if the claim still holds it.
func (s *Store) finishMail(ctx context.Context, m OutboxMail, set string, args ...any) error {
	return s.write(ctx, System, func(tx *Tx) error {
		res, err := tx.exec(`UPDATE outbox SET `+set+`, lease_token = '' WHERE id = ? AND status = 'sending' AND lease_token = ?`,
			append(args, m.ID, m.LeaseToken)...)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return ErrLeaseLost
		}
		return nil
	})
}

// ErasedBody replaces the bodies of a sent mail that carried a personal link.
const ErasedBody = "[Contenu effacé après l'envoi : ce courriel contenait un lien personnel de connexion.]"

// MarkMailSent records that the SMTP server accepted a claimed mail; erase
// drops its bodies (a personal link must not outlive its sending in the
// database).
func (s *Store) MarkMailSent(ctx context.Context, m OutboxMail, at time.Time, erase bool) error {
	if erase {
		return s.finishMail(ctx, m, `status = 'sent', sent_at = ?, last_error = '', text_body = ?, html_body = ''`, stamp(at), ErasedBody)
	}
	return s.finishMail(ctx, m, `status = 'sent', sent_at = ?, last_error = ''`, stamp(at))
}

// RetryMail records a failed attempt (its French message) and schedules the
// next one; permanent counts a 5xx answer.
func (s *Store) RetryMail(ctx context.Context, m OutboxMail, message string, permanent bool, next time.Time) error {
	return s.finishMail(ctx, m, `status = 'pending', last_error = ?, permanent_errors = permanent_errors + ?, next_attempt_at = ?`,
		message, boolInt(permanent), stamp(next))
}

// FailMail records a failed attempt and gives up on the mail.
func (s *Store) FailMail(ctx context.Context, m OutboxMail, message string, permanent bool) error {
	return s.finishMail(ctx, m, `status = 'failed', last_error = ?, permanent_errors = permanent_errors + ?`, message, boolInt(permanent))
}

// ReleaseMail gives a claimed mail back untried (the sender is stopping): it
// is due again at once and the attempt is not counted.
func (s *Store) ReleaseMail(ctx context.Context, m OutboxMail, now time.Time) error {
	return s.finishMail(ctx, m, `status = 'pending', attempts = attempts - 1, next_attempt_at = ?`, stamp(now))
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ResendMail puts a failed mail back in the queue, due at once, with its
// attempts counted from zero; the office's action is traced.
func (s *Store) ResendMail(ctx context.Context, by Caller, id int64) error {
	return s.write(ctx, by.Actor, func(tx *Tx) error {
		var status string
		if err := tx.queryRow(`SELECT status FROM outbox WHERE id = ?`, id).Scan(&status); errors.Is(err, sql.ErrNoRows) {
			return notFound("Courriel introuvable.")
		} else if err != nil {
			return err
		}
		if MailStatus(status) != MailFailed {
			return certif.Errorf(certif.EConflict, "Ce courriel est %s : seuls les courriels en échec peuvent être renvoyés.", MailStatus(status).Label())
		}
		if _, err := tx.exec(`UPDATE outbox SET status = 'pending', attempts = 0, permanent_errors = 0, next_attempt_at = ? WHERE id = ?`,
			stamp(tx.s.now()), id); err != nil {
			return err
		}
		return tx.audit(certif.AuditEvent{Entity: "mail", EntityKey: idKey(id), Action: "resend", Before: string(MailFailed), After: string(MailPending)})
	})
}

// OutboxFilter selects outbox rows; empty fields match everything.
type OutboxFilter struct {
	Status  MailStatus
	Kind    string
	Search  string // part of a recipient or of the subject
	Page    int    // from 1
	PerPage int
}

// OutboxMails lists the outbox, newest first, without the bodies, and counts
// the rows that match.
func (s *Store) OutboxMails(ctx context.Context, f OutboxFilter) ([]OutboxMail, int, error) {
	where, args := " WHERE 1 = 1", []any{}
	if f.Status != "" {
		where += ` AND status = ?`
		args = append(args, string(f.Status))
	}
	if f.Kind != "" {
		where += ` AND kind = ?`
		args = append(args, f.Kind)
	}
	if q := strings.ToLower(strings.TrimSpace(f.Search)); q != "" {
		where += ` AND (LOWER(recipients) LIKE ? OR LOWER(subject) LIKE ?)`
		args = append(args, "%"+q+"%", "%"+q+"%")
	}
	var total int
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM outbox`+where, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	if f.PerPage <= 0 || f.PerPage > 500 {
		f.PerPage = 50
	}
	offset := (max(f.Page, 1) - 1) * f.PerPage
	rows, err := s.query(ctx, `SELECT `+outboxBrief+` FROM outbox`+where+` ORDER BY id DESC LIMIT `+strconv.Itoa(f.PerPage)+` OFFSET `+strconv.Itoa(offset), args...)
	list, err := collect(rows, err, func(r *sql.Rows) (OutboxMail, error) { return scanOutbox(r) })
	return list, total, err
}

// OutboxMailByID returns one mail of the outbox with its bodies.
func (s *Store) OutboxMailByID(ctx context.Context, id int64) (OutboxMail, error) {
	return scanOutbox(s.queryRow(ctx, `SELECT `+outboxFull+` FROM outbox WHERE id = ?`, id))
}

// MailCounts counts the outbox rows of each status.
func (s *Store) MailCounts(ctx context.Context) (map[MailStatus]int, error) {
	rows, err := s.query(ctx, `SELECT status, COUNT(*) FROM outbox GROUP BY status`)
	type count struct {
		status MailStatus
		n      int
	}
	list, err := collect(rows, err, func(r *sql.Rows) (count, error) {
		var c count
		err := r.Scan(&c.status, &c.n)
		return c, err
	})
	out := map[MailStatus]int{}
	for _, c := range list {
		out[c.status] = c.n
	}
	return out, err
}

// MailKinds lists the kinds of mail found in the outbox.
func (s *Store) MailKinds(ctx context.Context) ([]string, error) {
	rows, err := s.query(ctx, `SELECT DISTINCT kind FROM outbox ORDER BY kind`)
	return collect(rows, err, func(r *sql.Rows) (string, error) {
		var k string
		return k, r.Scan(&k)
	})
}
