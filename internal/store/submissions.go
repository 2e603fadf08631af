package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
)

// claimSubmission records that the transaction's actor handles a submission
// (a form's hidden key, an API Idempotency-Key). It returns the result of the
// earlier handling of the same key ("" when this one is the first). A key
// sent twice at once makes the second insert fail as a conflict, after the
// first commits. No key, or no account (the platform itself), claims nothing.
func (tx *Tx) claimSubmission(key string) (string, error) {
	key = strings.TrimSpace(key)
	if key == "" || tx.actor.UserID == 0 {
		return "", nil
	}
	var result string
	err := tx.queryRow(`SELECT result FROM submissions WHERE user_id = ? AND key = ?`, tx.actor.UserID, key).Scan(&result)
	if err == nil || !errors.Is(err, sql.ErrNoRows) {
		return result, err
	}
	_, err = tx.exec(`INSERT INTO submissions (user_id, key, created_at) VALUES (?, ?, ?)`, tx.actor.UserID, key, stamp(tx.s.now()))
	return "", err
}

// completeSubmission keeps what the claimed submission produced.
func (tx *Tx) completeSubmission(key, result string) error {
	key = strings.TrimSpace(key)
	if key == "" || tx.actor.UserID == 0 {
		return nil
	}
	_, err := tx.exec(`UPDATE submissions SET result = ? WHERE user_id = ? AND key = ?`, result, tx.actor.UserID, key)
	return err
}

// submissionResult reads what an earlier submission of the actor produced ("" if none).
func (s *Store) submissionResult(ctx context.Context, actor Actor, key string) (string, error) {
	var result string
	err := s.queryRow(ctx, `SELECT result FROM submissions WHERE user_id = ? AND key = ?`, actor.UserID, strings.TrimSpace(key)).Scan(&result)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return result, err
}

// SubmissionRetention is how long a handled submission is remembered: a form
// sent again later than that is a new submission.
const SubmissionRetention = 24 * time.Hour

// PurgeSubmissions forgets the submissions handled before retention; it
// returns how many.
func (s *Store) PurgeSubmissions(ctx context.Context, retention time.Duration) (int64, error) {
	var n int64
	err := s.write(ctx, System, func(tx *Tx) error {
		res, err := tx.exec(`DELETE FROM submissions WHERE created_at < ?`, stamp(s.now().Add(-retention)))
		if err == nil {
			n, _ = res.RowsAffected()
		}
		return err
	})
	return n, err
}
