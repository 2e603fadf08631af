package store

import (
	"context"
	"strings"

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
func (s *Store) EnqueueMail(ctx context.Context, actor Actor, m Mail) (queued bool, err error) {
	err = s.write(ctx, actor, func(tx *Tx) error {
		queued, err = tx.enqueueMail(m)
		return err
	})
	return queued, err
}
