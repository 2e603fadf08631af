package store

import (
	"context"
	"time"
)

// UploadRetention is how long an uploaded file is kept in the database after
// its preview (registration files, collection tables, census files): long
// enough to commit it, no longer.
const UploadRetention = 24 * time.Hour

// uploadGone is the French error of a kept file that is not, or no longer,
// there (what: "Fichier d'import").
func uploadGone(what string) error {
	return notFound("%s introuvable : un fichier déposé et non validé est effacé %d heures après son aperçu ; déposez-le de nouveau.",
		what, int(UploadRetention.Hours()))
}

// UploadsPurged counts what PurgeUploads removed.
type UploadsPurged struct {
	Deleted int64 // files never committed, forgotten with their record
	Emptied int64 // committed files whose content was dropped, their record kept
}

// PurgeUploads forgets the uploaded files older than retention: a file never
// committed goes with its record; a committed one keeps its record (name,
// SHA-256, who, when, summary) and loses its content, which nothing reads
// after the commit. The collection table an employer returned is kept with
// its return (collection_returns), where the office downloads it: that copy
// is not touched. The server runs this every hour; it can run at any time.
func (s *Store) PurgeUploads(ctx context.Context, retention time.Duration) (UploadsPurged, error) {
	var p UploadsPurged
	before := stamp(s.now().Add(-retention))
	err := s.write(ctx, System, func(tx *Tx) error {
		for _, table := range []string{"imports", "census_imports"} {
			res, err := tx.exec(`DELETE FROM `+table+` WHERE committed_at IS NULL AND created_at < ?`, before)
			if err != nil {
				return err
			}
			n, _ := res.RowsAffected()
			p.Deleted += n
			if res, err = tx.exec(`UPDATE `+table+` SET content = ? WHERE committed_at IS NOT NULL AND committed_at < ? AND LENGTH(content) > 0`,
				[]byte{}, before); err != nil {
				return err
			}
			n, _ = res.RowsAffected()
			p.Emptied += n
		}
		return nil
	})
	return p, err
}
