package main

import (
	"context"
	"log/slog"
	"time"

	"certibloc/internal/auth"
	"certibloc/internal/campaign"
	"certibloc/internal/mail"
	"certibloc/internal/store"
)

// choresEvery is how often serve runs its background chores.
const choresEvery = time.Hour

// startChores runs the server's background chores now, then every hour,
// until ctx ends: the collection reminders due today (R5: D-30, D-7, D-1,
// campaign.Remind), the reminders of the jury members who have not given
// their availability (remindAvailability) and the purge of uploaded files past their retention
// (purgeUploads) and of the submissions remembered against double sends
// (purgeSubmissions), and the national statistics computed ahead of their
// readers (warmStatistics). The function it returns stops them and waits for a run in
// progress to end.
func startChores(ctx context.Context, st *store.Store, cfg *config, baseURL string, logger *slog.Logger) func() {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(choresEvery)
		defer tick.Stop()
		for {
			campaign.Remind(ctx, st, cfg.clock, baseURL, logger)
			purgeUploads(ctx, st, logger)
			purgeSubmissions(ctx, st, logger)
			purgeJobs(ctx, st, logger)
			remindAvailability(ctx, st, cfg, baseURL, logger)
			warmStatistics(ctx, st, cfg, logger)
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
		}
	}()
	return func() {
		cancel()
		<-done
	}
}

// purgeUploads forgets the uploaded files past store.UploadRetention and
// logs what it removed, or its error.
func purgeUploads(ctx context.Context, st *store.Store, logger *slog.Logger) {
	p, err := st.PurgeUploads(ctx, store.UploadRetention)
	switch {
	case err != nil && ctx.Err() == nil:
		logger.Error("purge des fichiers déposés", "error", err)
	case p.Deleted > 0 || p.Emptied > 0:
		logger.Info("fichiers déposés purgés", "never_committed", p.Deleted, "content_dropped", p.Emptied)
	}
}

// purgeSubmissions forgets the form and API submissions past
// store.SubmissionRetention.
func purgeSubmissions(ctx context.Context, st *store.Store, logger *slog.Logger) {
	if n, err := st.PurgeSubmissions(ctx, store.SubmissionRetention); err != nil && ctx.Err() == nil {
		logger.Error("purge des envois traités", "error", err)
	} else if n > 0 {
		logger.Info("envois traités oubliés", "count", n)
	}
}

// purgeJobs forgets the background jobs past store.JobRetention.
func purgeJobs(ctx context.Context, st *store.Store, logger *slog.Logger) {
	if n, err := st.PurgeJobs(ctx, store.JobRetention); err != nil && ctx.Err() == nil {
		logger.Error("purge des traitements longs", "error", err)
	} else if n > 0 {
		logger.Info("traitements longs oubliés", "count", n)
	}
}

// warmStatistics computes the national statistics (every year, in the
// office's scope, shared by every employer's national figures) so that the
// first reader after a start or a quiet hour does not wait for them: the
// years that have not changed since are kept and cost nothing
// (store/statistics_kept.go).
func warmStatistics(ctx context.Context, st *store.Store, cfg *config, logger *slog.Logger) {
	started := time.Now()
	if _, err := st.Statistics(ctx, 0, store.All, cfg.clock.Today()); err != nil {
		if ctx.Err() == nil {
			logger.Error("calcul des statistiques nationales", "error", err)
		}
		return
	}
	logger.Debug("statistiques nationales à jour", "duration", time.Since(started).String())
}

// startUsageFlush writes every auth.UsageFlushEvery when tokens and login
// sessions were last used (the requests only note it), and once more when
// it stops.
func startUsageFlush(ctx context.Context, svc *auth.Service, logger *slog.Logger) func() {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	flush := func(ctx context.Context) {
		if err := svc.FlushUsage(ctx); err != nil && ctx.Err() == nil {
			logger.Warn("dernière utilisation des jetons et sessions non enregistrée", "error", err)
		}
	}
	go func() {
		defer close(done)
		tick := time.NewTicker(auth.UsageFlushEvery)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				flush(ctx)
			}
		}
	}()
	return func() {
		cancel()
		<-done
		last, stop := context.WithTimeout(context.Background(), 5*time.Second)
		defer stop()
		flush(last)
	}
}

// remindAvailability queues the reminders of the availability requests due
// today (store.RemindAvailability: once per member and request).
func remindAvailability(ctx context.Context, st *store.Store, cfg *config, baseURL string, logger *slog.Logger) {
	if n, err := st.RemindAvailability(ctx, cfg.clock.Today(), mail.AvailabilityRequests(baseURL)); err != nil && ctx.Err() == nil {
		logger.Error("relances des demandes de disponibilités", "error", err)
	} else if n > 0 {
		logger.Info("relances des demandes de disponibilités mises en file", "count", n)
	}
}
