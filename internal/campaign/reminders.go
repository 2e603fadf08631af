package campaign

import (
	"context"
	"log/slog"

	"certibloc/internal/certif"
	"certibloc/internal/store"
)

// SendReminders queues the reminders due on day today (R5): for each
// campaign whose deadline is 30, 7 or 1 day(s) away or less, a reminder to
// every employer sent a table that has neither returned it nor declared
// "néant". Each reminder has its dedup key in the outbox
// (reminder:CAMPAIGN:EMPLOYER:D-7), so running this any number of times a day
// queues it once; a stage missed (server stopped) is sent late, an earlier
// stage overtaken is not. Employers without an HR address are skipped.
// baseURL makes the link of the mails ("" for none). It returns the number of
// reminders queued.
func SendReminders(ctx context.Context, st *store.Store, today certif.Date, baseURL string) (int, error) {
	cal, err := st.Calendar(ctx)
	if err != nil {
		return 0, err
	}
	var employers map[string]certif.Employer
	queued := 0
	for _, cp := range cal.Campaigns(0) {
		stage, due := certif.DueReminder(cp.Deadline, today)
		if !due {
			continue
		}
		returns, err := st.CollectionReturns(ctx, cp, store.All)
		if err != nil {
			return queued, err
		}
		for _, r := range returns {
			if r.Status(today) != certif.CollectionPending {
				continue
			}
			if employers == nil {
				if employers, err = employersByCode(ctx, st); err != nil {
					return queued, err
				}
			}
			e := employers[r.EmployerCode]
			if len(e.HREmails) == 0 {
				continue
			}
			m, err := reminderMail(cp, e, stage, today, baseURL)
			if err != nil {
				return queued, err
			}
			ok, err := st.EnqueueMail(ctx, store.Platform(), m)
			if err != nil {
				return queued, err
			}
			if ok {
				queued++
			}
		}
	}
	return queued, nil
}

func employersByCode(ctx context.Context, st *store.Store) (map[string]certif.Employer, error) {
	list, err := st.Employers(ctx)
	out := map[string]certif.Employer{}
	for _, e := range list {
		out[e.Code] = e
	}
	return out, err
}

// Clock gives the day the rules see (clock.Clock).
type Clock interface{ Today() certif.Date }

// Remind runs SendReminders for today and logs what it queued, or its
// error: the server does it every hour (the dedup keys make the repeated runs
// harmless, and a day is never missed by more than an hour).
func Remind(ctx context.Context, st *store.Store, clk Clock, baseURL string, log *slog.Logger) {
	if n, err := SendReminders(ctx, st, clk.Today(), baseURL); err != nil && ctx.Err() == nil {
		log.Error("relances des tableaux de recueil", "error", err)
	} else if n > 0 {
		log.Info("relances des tableaux de recueil mises en file", "count", n)
	}
}
