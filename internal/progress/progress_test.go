package progress_test

import (
	"context"
	"sync"
	"testing"

	"certibloc/internal/progress"
)

func TestTrackerFollowsPhasesAndSteps(t *testing.T) {
	var tr progress.Tracker
	ctx := progress.WithTracker(context.Background(), &tr)
	progress.Phase(ctx, "Lecture du fichier", 0)
	if got := tr.Snapshot(); got.Phase != "Lecture du fichier" || got.Total != 0 || got.Percent() != 0 {
		t.Fatalf("after the first phase: %+v", got)
	}
	progress.Phase(ctx, "Vérification des lignes", 4)
	progress.Advance(ctx)
	progress.Advance(ctx)
	got := tr.Snapshot()
	if got.Phase != "Vérification des lignes" || got.Done != 2 || got.Total != 4 || got.Percent() != 50 {
		t.Fatalf("half way: %+v, %d %%", got, got.Percent())
	}
	progress.Phase(ctx, "Enregistrement", 1)
	if got := tr.Snapshot(); got.Done != 0 {
		t.Fatalf("a new phase starts from zero: %+v", got)
	}
}

func TestWorkWithoutTrackerReportsNothing(t *testing.T) {
	ctx := context.Background()
	progress.Phase(ctx, "Vérification des lignes", 10) // must not panic
	progress.Advance(ctx)
}

func TestTrackerIsSafeForAReaderAndAWriter(t *testing.T) {
	var tr progress.Tracker
	ctx := progress.WithTracker(context.Background(), &tr)
	progress.Phase(ctx, "Vérification des lignes", 1000)
	var wg sync.WaitGroup
	wg.Go(func() {
		for range 1000 {
			progress.Advance(ctx)
		}
	})
	for tr.Snapshot().Done < 1000 {
		if s := tr.Snapshot(); s.Percent() > 100 {
			t.Fatalf("percent over 100: %+v", s)
		}
	}
	wg.Wait()
}
