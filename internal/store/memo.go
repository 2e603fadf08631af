package store

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"
)

// Aggregates that read many rows (the total of a list, the counts of a home
// page) are kept for a moment instead of being recomputed on every page: a
// kept value serves until this process changes any data (write moves
// Store.changes; appending to the logs does not) and for memoTTL at most, which bounds how long the writes of
// another instance on the same database, or of the command line, go unseen.
const (
	memoTTL     = 10 * time.Second
	memoEntries = 2000 // beyond, the memo starts again empty
)

type memo struct {
	mu      sync.Mutex
	entries map[string]memoEntry
}

type memoEntry struct {
	value  any
	writes int64
	at     time.Time
}

// memoized returns the value kept under key, or computes and keeps it.
func memoized[T any](s *Store, key string, compute func() (T, error)) (T, error) {
	writes, now := s.changes.Load(), time.Now()
	s.memo.mu.Lock()
	e, ok := s.memo.entries[key]
	s.memo.mu.Unlock()
	if ok && e.writes == writes && now.Sub(e.at) < memoTTL {
		return e.value.(T), nil
	}
	v, err := compute()
	if err != nil {
		return v, err
	}
	s.memo.mu.Lock()
	if s.memo.entries == nil || len(s.memo.entries) >= memoEntries {
		s.memo.entries = map[string]memoEntry{}
	}
	s.memo.entries[key] = memoEntry{value: v, writes: writes, at: now}
	s.memo.mu.Unlock()
	return v, nil
}

// count runs a SELECT COUNT query, kept as memoized says.
func (s *Store) count(ctx context.Context, query string, args ...any) (int, error) {
	return memoized(s, memoKey(query, args), func() (int, error) {
		var n int
		return n, s.queryRow(ctx, query, args...).Scan(&n)
	})
}

// memoKey names a query with its arguments.
func memoKey(query string, args []any) string {
	return query + fmt.Sprintf("%q", args)
}

// keptList is memoized for a list of reference data (qualifications,
// branches, employers…), which every page reads: each caller gets its own
// copy, made by copy (nil: a shallow copy of elements without slices), so
// that what a caller changes never changes what the others read.
func keptList[S ~[]E, E any](s *Store, key string, compute func() (S, error), copy func(E) E) (S, error) {
	list, err := memoized(s, key, compute)
	out := slices.Clone(list)
	if copy != nil {
		for i := range out {
			out[i] = copy(out[i])
		}
	}
	return out, err
}
