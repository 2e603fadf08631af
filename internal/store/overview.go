package store

import (
	"context"
	"database/sql"

	"certibloc/internal/certif"
)

// PeriodCounts counts, per certification period from a month on, the distinct
// candidates whose blocks wait for a jury in that period.
func (s *Store) PeriodCounts(ctx context.Context, sc Scope, from certif.Month) (map[certif.Month]int, error) {
	return memoized(s, memoKey("PeriodCounts", []any{sc, from}), func() (map[certif.Month]int, error) { return s.periodCounts(ctx, sc, from) })
}

func (s *Store) periodCounts(ctx context.Context, sc Scope, from certif.Month) (map[certif.Month]int, error) {
	where, args := sc.candidateRows("c")
	rows, err := s.query(ctx, `SELECT a.period, COUNT(DISTINCT a.candidate_id) FROM block_attempts a
		JOIN registrations r ON r.id = a.registration_id JOIN candidates c ON c.id = a.candidate_id
		WHERE r.deleted_at IS NULL AND a.status IN (?, ?, ?) AND a.period >= ?`+where+` GROUP BY a.period`,
		append([]any{string(certif.AttemptRegistered), string(certif.AttemptScheduled), string(certif.AttemptEvaluated), from.String()}, args...)...)
	type pc struct {
		period string
		n      int
	}
	list, err := collect(rows, err, func(r *sql.Rows) (pc, error) {
		var x pc
		return x, r.Scan(&x.period, &x.n)
	})
	out := map[certif.Month]int{}
	for _, x := range list {
		if m, perr := certif.ParseMonth(x.period); perr == nil {
			out[m] = x.n
		}
	}
	return out, err
}

// CandidatesWithoutRegistration counts the live candidates of a scope that have
// no live registration (R8: no registration, no exam).
func (s *Store) CandidatesWithoutRegistration(ctx context.Context, sc Scope) (int, error) {
	where, args := sc.candidateRows("c")
	return s.count(ctx, `SELECT COUNT(*) FROM candidates c WHERE c.deleted_at IS NULL`+where+`
		AND NOT EXISTS (SELECT 1 FROM registrations r WHERE r.candidate_id = c.id AND r.deleted_at IS NULL)`, args...)
}
