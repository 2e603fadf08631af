package storetest

import (
	"database/sql"
	"strconv"
	"strings"
	"testing"

	"certibloc/internal/certif"
)

// CQPCertificate writes, straight into the database of dsn, the valid CQP
// certificate of a candidate for a qualification, as a proclaimed national
// jury of juryDay would have issued it (the identity snapshotted from the
// candidate's file): the accrochage's tests need CQPs obtained without
// running a whole national jury for each.
func CQPCertificate(t testing.TB, dsn string, candidateID int64, qual string, juryDay certif.Date, number, code string) {
	t.Helper()
	driver, source := "pgx", dsn
	query := `INSERT INTO certificates (number, kind, code, candidate_id, employer_id, qualification_code, block_number,
		birth_name, usage_name, first_name, birth_date, issued_on, jury_day, created_at)
		SELECT ?, 'CQP', ?, c.id, c.employer_id, ?, 0, c.birth_name, c.usage_name, c.first_name1, c.birth_date, ?, ?, ? FROM candidates c WHERE c.id = ?`
	if path, ok := strings.CutPrefix(dsn, "sqlite:"); ok {
		driver, source = "sqlite", "file:"+path+"?_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)"
	} else {
		for n := 1; strings.Contains(query, "?"); n++ {
			query = strings.Replace(query, "?", "$"+strconv.Itoa(n), 1)
		}
	}
	db, err := sql.Open(driver, source)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	day := juryDay.String()
	if _, err := db.Exec(query, number, code, qual, day, day, day+"T12:00:00.000000Z", candidateID); err != nil {
		t.Fatalf("certificat %s : %v", number, err)
	}
}
