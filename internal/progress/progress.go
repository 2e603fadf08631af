// Package progress lets long work, such as a large file checked line by line,
// say how far it has got without knowing who is watching: the work calls
// [Phase] and [Advance] on its context, and whoever started it with a
// [Tracker] reads a [Snapshot] at any time. Without a tracker in the context
// both calls do nothing, so the same code runs from the CLI, the tests and the
// web server.
package progress

import (
	"context"
	"sync"
)

// Snapshot is where a piece of work stands.
type Snapshot struct {
	Phase string // French label of the current step, e.g. "Vérification des lignes"
	Done  int    // units done in this phase
	Total int    // units in this phase; 0 when unknown
}

// Percent is the share of the phase done, 0 to 100; 0 when the total is unknown.
func (s Snapshot) Percent() int {
	if s.Total <= 0 {
		return 0
	}
	return min(100, s.Done*100/s.Total)
}

// Tracker records the progress of one piece of work. It is safe for
// concurrent use: the work advances it while another goroutine reads it.
type Tracker struct {
	mu   sync.Mutex
	now  Snapshot
	hold <-chan struct{}
}

// Hold makes the tracked work wait before each step it counts until release
// is closed (or its context ends): a test sees work under way for sure.
func (t *Tracker) Hold(release <-chan struct{}) {
	t.mu.Lock()
	t.hold = release
	t.mu.Unlock()
}

// Snapshot returns where the work stands now.
func (t *Tracker) Snapshot() Snapshot {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.now
}

type trackerKey struct{}

// WithTracker returns a context whose work reports to t.
func WithTracker(ctx context.Context, t *Tracker) context.Context {
	return context.WithValue(ctx, trackerKey{}, t)
}

func from(ctx context.Context) *Tracker {
	t, _ := ctx.Value(trackerKey{}).(*Tracker)
	return t
}

// Phase starts a new step of the work, of total units (0 when unknown).
func Phase(ctx context.Context, label string, total int) {
	if t := from(ctx); t != nil {
		t.mu.Lock()
		t.now = Snapshot{Phase: label, Total: total}
		t.mu.Unlock()
	}
}

// Advance counts one more unit of the current step as done.
func Advance(ctx context.Context) {
	t := from(ctx)
	if t == nil {
		return
	}
	t.mu.Lock()
	hold := t.hold
	t.mu.Unlock()
	if hold != nil {
		select {
		case <-hold:
		case <-ctx.Done():
		}
	}
	t.mu.Lock()
	t.now.Done++
	t.mu.Unlock()
}

// The steps of an import, as the person who uploaded the file reads them.
const (
	Reading  = "Lecture du fichier"
	Checking = "Vérification des lignes"
	Saving   = "Enregistrement des lignes"
)

// Lines starts the step of an import that goes through n lines: checking them
// for a preview, saving them for a commit.
func Lines(ctx context.Context, commit bool, n int) {
	if commit {
		Phase(ctx, Saving, n)
	} else {
		Phase(ctx, Checking, n)
	}
}
