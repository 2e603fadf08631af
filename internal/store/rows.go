package store

import (
	"fmt"
	"slices"
	"strings"

	"certibloc/internal/certif"
)

// rowsPerInsert is how many rows of cols columns one INSERT carries: as many
// as the placeholder limits of SQLite (32,766) and PostgreSQL (65,535) allow,
// at most 1,000.
func rowsPerInsert(cols []string) int {
	return max(1, min(1000, 30000/len(cols)))
}

// insertRows inserts rows in multi-row INSERTs.
func (tx *Tx) insertRows(table string, cols []string, rows [][]any) error {
	_, err := tx.insertEach(table, cols, rows, false)
	return err
}

// insertIDs inserts rows in multi-row INSERTs and returns their new ids, in
// the order of rows. Both databases number the rows of one INSERT in the
// order of its values (SQLite's single writer takes the next rowid, a
// PostgreSQL sequence only grows), but neither promises the order RETURNING
// gives them back in: they are sorted.
func (tx *Tx) insertIDs(table string, cols []string, rows [][]any) ([]int64, error) {
	return tx.insertEach(table, cols, rows, true)
}

func (tx *Tx) insertEach(table string, cols []string, rows [][]any, ids bool) ([]int64, error) {
	per := rowsPerInsert(cols)
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	var out []int64
	for start := 0; start < len(rows); start += per {
		chunk := rows[start:min(start+per, len(rows))]
		var q strings.Builder
		q.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ")
		args := make([]any, 0, len(chunk)*len(cols))
		for i, r := range chunk {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString(one)
			args = append(args, r...)
		}
		if !ids {
			if _, err := tx.exec(q.String(), args...); err != nil {
				return nil, err
			}
			continue
		}
		rs, err := tx.query(q.String()+" RETURNING id", args...)
		got, err := collect(rs, mapConstraint(err), scanID)
		if err != nil {
			return nil, mapConstraint(err)
		}
		if len(got) != len(chunk) {
			return nil, fmt.Errorf("%s : %d lignes insérées pour %d", table, len(got), len(chunk))
		}
		slices.Sort(got)
		out = append(out, got...)
	}
	return out, nil
}

var auditColumns = []string{"at", "user_id", "user_email", "entity", "entity_key", "action", "field", "before_value", "after_value", "reason", "candidate_id", "employer_id"}

// auditRow is the row tx.audit would insert for e, dated at, for a change to a
// file of employerID's (0: none).
func (tx *Tx) auditRow(at string, employerID int64, e certif.AuditEvent) []any {
	var userID any
	if tx.actor.UserID != 0 {
		userID = tx.actor.UserID
	}
	return []any{at, userID, tx.actor.Email, e.Entity, e.EntityKey, e.Action, e.Field, e.Before, e.After, e.Reason, nullID(e.CandidateID), nullID(employerID)}
}

// inList is "(?, ?, …)" for n values.
func inList(n int) string {
	return "(" + strings.TrimSuffix(strings.Repeat("?, ", n), ", ") + ")"
}

// chunks calls fn with successive parts of values of at most 500 (an IN list
// well inside both databases' placeholder limits).
func chunks[T any](values []T, fn func(part []T) error) error {
	for start := 0; start < len(values); start += 500 {
		if err := fn(values[start:min(start+500, len(values))]); err != nil {
			return err
		}
	}
	return nil
}

// anys converts values to query arguments.
func anys[T any](values []T) []any {
	out := make([]any, len(values))
	for i, v := range values {
		out[i] = v
	}
	return out
}
