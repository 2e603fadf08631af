package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"certibloc/internal/certif"
)

// JobRetention is how long a job and its answer are kept.
const JobRetention = 30 * time.Minute

// Job is a long request run in the background, as every instance of the
// server sees it: where it stands and, once finished, its answer.
type Job struct {
	ID        string
	OwnerID   int64 // the account that started it: nobody else follows it
	Phase     string
	Done      int
	Total     int
	StartedAt time.Time
	Heartbeat time.Time // the last time the running instance said where it stands
	Finished  bool
	Status    int // the answer, once finished
	Header    http.Header
	Body      []byte
}

// SaveJob records where a job stands, or its answer once finished. The
// running instance calls it from the job's own goroutine, off any request.
func (s *Store) SaveJob(ctx context.Context, j Job) error {
	header, err := json.Marshal(j.Header)
	if err != nil {
		return err
	}
	var finished any
	if j.Finished {
		finished = stamp(j.Heartbeat)
	}
	return s.write(ctx, System, func(tx *Tx) error {
		_, err := tx.exec(`INSERT INTO jobs (id, owner_id, phase, done, total, started_at, heartbeat_at, finished_at, status, header, body)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET phase = excluded.phase, done = excluded.done, total = excluded.total,
			heartbeat_at = excluded.heartbeat_at, finished_at = excluded.finished_at, status = excluded.status,
			header = excluded.header, body = excluded.body`,
			j.ID, j.OwnerID, j.Phase, j.Done, j.Total, stamp(j.StartedAt), stamp(j.Heartbeat), finished, j.Status, string(header), j.Body)
		return err
	})
}

// JobOf returns a job of its owner; another account's job, or one forgotten,
// is not found.
func (s *Store) JobOf(ctx context.Context, id string, ownerID int64) (Job, error) {
	j := Job{ID: id, OwnerID: ownerID}
	var started, heartbeat, finished sql.NullString
	var header string
	err := s.queryRow(ctx, `SELECT phase, done, total, started_at, heartbeat_at, finished_at, status, header, body FROM jobs
		WHERE id = ? AND owner_id = ?`, id, ownerID).Scan(&j.Phase, &j.Done, &j.Total, &started, &heartbeat, &finished, &j.Status, &header, &j.Body)
	if errors.Is(err, sql.ErrNoRows) {
		return j, certif.Errorf(certif.ENotFound, "Traitement introuvable.")
	}
	if err != nil {
		return j, err
	}
	j.StartedAt, j.Heartbeat, j.Finished = parseStamp(started), parseStamp(heartbeat), finished.Valid
	if header != "" && header != "null" {
		if err := json.Unmarshal([]byte(header), &j.Header); err != nil {
			return j, err
		}
	}
	return j, nil
}

// PurgeJobs forgets the jobs started longer ago than retention: their
// answers are kept for a while, not forever.
func (s *Store) PurgeJobs(ctx context.Context, retention time.Duration) (int64, error) {
	var n int64
	err := s.write(ctx, System, func(tx *Tx) error {
		res, err := tx.exec(`DELETE FROM jobs WHERE started_at < ?`, stamp(s.now().Add(-retention)))
		if err == nil {
			n, _ = res.RowsAffected()
		}
		return err
	})
	return n, err
}
