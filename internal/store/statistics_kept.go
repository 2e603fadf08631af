package store

import (
	"context"
	"database/sql"
	"errors"
	"runtime"
	"sync"
)

// A year's figures in a scope are kept until something they read changes:
// statistics_changes (migration 0035) counts, per year, the changes of the
// registrations, decisions and held sessions of that year, and in year 0
// those that move every year. Its triggers move it on every write, from
// any instance or the command line; a kept year serves while its count and
// year 0's are those it was computed under. The counts are read before the
// figures, so kept figures are never older than their counts: a change that
// lands in between is in the figures, and moves the count for the next
// reader.
//
// A closed year is computed once per scope and process; the current year
// again after each change of it (one year of data, not ten).

// keptStatisticsEntries bounds the years kept (scopes × years); beyond,
// the kept years start again empty.
const keptStatisticsEntries = 5000

type keptStatistics struct {
	mu    sync.Mutex
	years map[keptYear]keptFigures
}

type keptYear struct {
	scope Scope
	year  int
}

type keptFigures struct {
	changes, everyYear int64
	figures            yearFigures
}

// forget drops every kept year.
func (k *keptStatistics) forget() {
	k.mu.Lock()
	k.years = nil
	k.mu.Unlock()
}

// yearsFigures is the figures of every year with changes, in a scope: the
// kept ones that still hold, the others computed and kept.
func (s *Store) yearsFigures(ctx context.Context, sc Scope) (map[int]yearFigures, error) {
	changes := map[int]int64{}
	rows, err := s.query(ctx, `SELECT year, changes FROM statistics_changes`)
	err = each(rows, err, func(r *sql.Rows) error {
		var year int
		var n int64
		err := r.Scan(&year, &n)
		changes[year] = n
		return err
	})
	if err != nil {
		return nil, err
	}
	everyYear := changes[0]
	out := map[int]yearFigures{}
	var stale []int
	s.keptStatistics.mu.Lock()
	for year, n := range changes {
		kept, ok := s.keptStatistics.years[keptYear{sc, year}]
		switch {
		case year == 0:
		case ok && kept.changes == n && kept.everyYear == everyYear:
			out[year] = kept.figures
		default:
			stale = append(stale, year)
		}
	}
	s.keptStatistics.mu.Unlock()
	computed, err := s.computeYears(ctx, stale, sc)
	if err != nil {
		return nil, err
	}
	s.keptStatistics.mu.Lock()
	defer s.keptStatistics.mu.Unlock()
	if s.keptStatistics.years == nil || len(s.keptStatistics.years)+len(computed) > keptStatisticsEntries {
		s.keptStatistics.years = map[keptYear]keptFigures{}
	}
	for i, year := range stale {
		out[year] = computed[i]
		s.keptStatistics.years[keptYear{sc, year}] = keptFigures{changes[year], everyYear, computed[i]}
	}
	return out, nil
}

// computeYears computes the figures of the years in a scope, as many at a
// time as there are processors (each year reads its own rows: the first
// read of a process computes ten years).
func (s *Store) computeYears(ctx context.Context, years []int, sc Scope) ([]yearFigures, error) {
	out := make([]yearFigures, len(years))
	errs := make([]error, len(years))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(len(years), runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := range next {
				out[i], errs[i] = s.yearStatistics(ctx, years[i], sc)
			}
		})
	}
	for i := range years {
		next <- i
	}
	close(next)
	wg.Wait()
	return out, errors.Join(errs...)
}
