package mail

import (
	"context"
	"errors"
	"log/slog"
	"strconv"
	"time"

	"certibloc/internal/store"
)

// Deliverer sends one message: the Sender, or a stand-in in tests.
type Deliverer interface {
	Send(ctx context.Context, m Message) error
}

// Options tune the Worker; zero values take the defaults.
type Options struct {
	Interval     time.Duration    // between two looks at the outbox when nobody calls Notify (5 s)
	Lease        time.Duration    // how long a claimed mail stays reserved to this worker (5 min, 1 min at least)
	Batch        int              // mails claimed at once (10)
	Backoff      []time.Duration  // delays before the 2nd, 3rd… attempt; the last one repeats (1, 5, 15 min, 1 h, 3 h)
	MaxPermanent int              // 5xx answers after which a mail fails (3)
	GiveUpAfter  time.Duration    // age after which a mail still failing temporarily fails (72 h)
	Now          func() time.Time // the store's clock (its Now) unless given
}

// DefaultBackoff is the delay before each new attempt.
var DefaultBackoff = []time.Duration{time.Minute, 5 * time.Minute, 15 * time.Minute, time.Hour, 3 * time.Hour}

func (o Options) withDefaults() Options {
	if o.Interval <= 0 {
		o.Interval = 5 * time.Second
	}
	if o.Lease <= 0 {
		o.Lease = 5 * time.Minute
	}
	o.Lease = max(o.Lease, time.Minute) // room for one attempt and its outcome
	if o.Batch <= 0 {
		o.Batch = 10
	}
	if len(o.Backoff) == 0 {
		o.Backoff = DefaultBackoff
	}
	if o.MaxPermanent <= 0 {
		o.MaxPermanent = 3
	}
	if o.GiveUpAfter <= 0 {
		o.GiveUpAfter = 72 * time.Hour
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// leaseMargin is kept at the end of a lease to record the outcome.
const leaseMargin = 5 * time.Second

// Worker delivers the outbox in the background.
type Worker struct {
	st   *store.Store
	send Deliverer
	log  *slog.Logger
	opts Options
	wake chan struct{}
}

// NewWorker returns a worker; Run starts it.
func NewWorker(st *store.Store, send Deliverer, log *slog.Logger, opts Options) *Worker {
	if log == nil {
		log = slog.Default()
	}
	if opts.Now == nil {
		opts.Now = st.Now // the mails' timestamps are the store's
	}
	return &Worker{st: st, send: send, log: log, opts: opts.withDefaults(), wake: make(chan struct{}, 1)}
}

// Notify wakes the worker up: a mail was just queued. A nil worker (mail
// disabled) ignores it.
func (w *Worker) Notify() {
	if w == nil {
		return
	}
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// Enabled reports whether mail is sent (a nil worker: no SMTP host).
func (w *Worker) Enabled() bool { return w != nil }

// Run delivers the due mails, then waits for Notify or the interval, until
// ctx ends. The mail being sent when ctx ends is finished; the others it had
// claimed are given back.
func (w *Worker) Run(ctx context.Context) {
	w.log.Info("envoi des courriels démarré", "interval", w.opts.Interval.String())
	for {
		if _, err := w.Flush(ctx); err != nil && ctx.Err() == nil {
			w.log.Error("envoi des courriels", "error", err)
		}
		select {
		case <-ctx.Done():
			w.log.Info("envoi des courriels arrêté")
			return
		case <-w.wake:
		case <-time.After(w.opts.Interval):
		}
	}
}

// Report counts the outcomes of a Flush.
type Report struct {
	Sent, Retried, Failed, Released int
}

// Flush delivers every mail due now, batch after batch, and reports what
// became of them.
func (w *Worker) Flush(ctx context.Context) (Report, error) {
	var rep Report
	for ctx.Err() == nil {
		batch, err := w.st.ClaimMail(ctx, w.opts.Now(), w.opts.Lease, w.opts.Batch)
		if err != nil {
			return rep, err
		}
		for _, m := range batch {
			if err := w.deliver(ctx, m, &rep); err != nil && !errors.Is(err, store.ErrLeaseLost) {
				return rep, err
			}
		}
		if len(batch) < w.opts.Batch {
			break
		}
	}
	return rep, nil
}

// deliver sends one claimed mail and records the outcome, unless the worker is
// stopping or the lease is too short to send it safely: then it gives it back.
func (w *Worker) deliver(ctx context.Context, m store.OutboxMail, rep *Report) error {
	// The outcome is recorded even when ctx ends during the attempt.
	bg := context.WithoutCancel(ctx)
	left := m.NextAttemptAt.Sub(w.opts.Now()) - leaseMargin
	if ctx.Err() != nil || left <= 0 {
		rep.Released++
		return w.st.ReleaseMail(bg, m, w.opts.Now())
	}
	sendCtx, cancel := context.WithTimeout(bg, left)
	err := w.send.Send(sendCtx, messageOf(m))
	cancel()
	now := w.opts.Now()
	if err == nil {
		rep.Sent++
		w.log.Info("courriel envoyé", "id", m.ID, "kind", m.Kind, "to", m.To, "attempt", m.Attempts)
		return w.st.MarkMailSent(bg, m, now, Confidential(m.Kind))
	}
	d := asDelivery(err)
	permanent := d.Permanent()
	switch {
	case permanent && m.PermanentErrors+1 >= w.opts.MaxPermanent:
		rep.Failed++
		w.log.Warn("courriel en échec : refus définitif", "id", m.ID, "kind", m.Kind, "error", d.Message)
		return w.st.FailMail(bg, m, d.Message, true)
	case !permanent && now.Sub(m.CreatedAt) >= w.opts.GiveUpAfter:
		rep.Failed++
		w.log.Warn("courriel en échec : abandon", "id", m.ID, "kind", m.Kind, "error", d.Message)
		return w.st.FailMail(bg, m, d.Message+" Abandon après "+frenchDuration(w.opts.GiveUpAfter)+" d'essais.", false)
	}
	next := now.Add(w.backoff(m.Attempts))
	rep.Retried++
	w.log.Warn("courriel non envoyé : nouvel essai prévu", "id", m.ID, "kind", m.Kind, "attempt", m.Attempts, "next", next, "error", d.Message)
	return w.st.RetryMail(bg, m, d.Message, permanent, next)
}

// backoff is the delay after the attempt-th attempt (from 1).
func (w *Worker) backoff(attempt int) time.Duration {
	return w.opts.Backoff[min(max(attempt, 1), len(w.opts.Backoff))-1]
}

func asDelivery(err error) *DeliveryError {
	var d *DeliveryError
	if errors.As(err, &d) {
		return d
	}
	return &DeliveryError{Temporary: true, Message: "Envoi impossible : " + err.Error(), Err: err}
}

func messageOf(m store.OutboxMail) Message {
	return Message{MessageID: m.MessageID(), To: m.To, Subject: m.Subject, Text: m.Text, HTML: m.HTML,
		AttachmentName: m.AttachmentName, Attachment: m.Attachment}
}

// frenchDuration writes a delay in French: "3 jours", "2 h", "90 s".
func frenchDuration(d time.Duration) string {
	switch {
	case d >= 48*time.Hour && d%(24*time.Hour) == 0:
		return strconv.Itoa(int(d/(24*time.Hour))) + " jours"
	case d >= time.Hour && d%time.Hour == 0:
		return strconv.Itoa(int(d/time.Hour)) + " h"
	case d >= time.Minute && d%time.Minute == 0:
		return strconv.Itoa(int(d/time.Minute)) + " min"
	}
	return strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + " s"
}
