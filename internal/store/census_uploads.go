package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"time"
)

// CensusUpload is a census file of the office, kept between its preview and
// its commit.
type CensusUpload struct {
	ID          int64
	Filename    string
	SHA256      string
	Content     []byte
	RowsRead    int
	CreatedBy   string
	CreatedAt   time.Time
	Committed   bool
	CommittedAt time.Time
	Summary     string
}

// SaveCensusUpload keeps a previewed census file for its commit.
func (s *Store) SaveCensusUpload(ctx context.Context, by Caller, filename string, content []byte, rows int) (int64, error) {
	sum := sha256.Sum256(content)
	var id int64
	err := s.write(ctx, by.Actor, func(tx *Tx) error {
		var err error
		id, err = tx.insert(`INSERT INTO census_imports (filename, sha256, content, rows_read, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			filename, hex.EncodeToString(sum[:]), content, rows, by.Actor.Email, stamp(s.now()))
		return err
	})
	return id, err
}

const censusUploadColumns = `id, filename, sha256, rows_read, created_by, created_at, committed_at, summary`

func scanCensusUpload(r interface{ Scan(...any) error }, content *[]byte) (CensusUpload, error) {
	var u CensusUpload
	var created, committed sql.NullString
	dest := []any{&u.ID, &u.Filename, &u.SHA256, &u.RowsRead, &u.CreatedBy, &created, &committed, &u.Summary}
	if content != nil {
		dest = append(dest, content)
	}
	err := r.Scan(dest...)
	u.CreatedAt, u.CommittedAt, u.Committed = parseStamp(created), parseStamp(committed), committed.Valid
	return u, err
}

// LoadCensusUpload returns a kept census file with its content.
func (s *Store) LoadCensusUpload(ctx context.Context, id int64) (CensusUpload, error) {
	var content []byte
	u, err := scanCensusUpload(s.queryRow(ctx, `SELECT `+censusUploadColumns+`, content FROM census_imports WHERE id = ?`, id), &content)
	if errors.Is(err, sql.ErrNoRows) {
		return u, uploadGone("Fichier de recensement")
	}
	u.Content = content
	return u, err
}

// CensusUploads lists the committed census files, newest first.
func (s *Store) CensusUploads(ctx context.Context, limit int) ([]CensusUpload, error) {
	if limit <= 0 || limit > 200 {
		limit = 20
	}
	rows, err := s.query(ctx, `SELECT `+censusUploadColumns+` FROM census_imports WHERE committed_at IS NOT NULL ORDER BY id DESC LIMIT ?`, limit)
	return collect(rows, err, func(r *sql.Rows) (CensusUpload, error) { return scanCensusUpload(r, nil) })
}

// DeleteCensusUpload forgets a census file that was not committed: nothing
// of a refused file is kept.
func (s *Store) DeleteCensusUpload(ctx context.Context, id int64) error {
	return s.write(ctx, System, func(tx *Tx) error {
		_, err := tx.exec(`DELETE FROM census_imports WHERE id = ? AND committed_at IS NULL`, id)
		return err
	})
}
