package web

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"runtime/debug"
	"sync"
	"time"

	"certibloc/internal/certif"
	"certibloc/internal/progress"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

// Long requests (a large import checked line by line) run in the background:
// a route marked Progress runs its handler in a goroutine with a progress
// tracker. When the handler answers within progressAfter, its answer is given
// as usual; otherwise the browser is sent to /suivi/{id}, a page that shows how
// far the work has got and, once it is done, the answer itself. The page works
// without JavaScript (a link refreshes it); a few lines of app.js poll its
// JSON form and bring the answer as soon as it is ready.
//
// The instance that runs a job keeps it in memory and records, every
// jobFlushEvery and at the end, where it stands and then its answer in the
// database (store.SaveJob), from the job's own goroutine: behind several
// instances, any of them shows the progress page and the answer. A job whose
// instance stopped saying where it stands for jobSilence was interrupted.
const (
	defaultProgressAfter = time.Second
	jobTimeout           = 10 * time.Minute   // a job still running then is cancelled (its transaction rolls back)
	jobKept              = store.JobRetention // how long a finished job's answer can be shown again
	maxRunningJobs       = 8                  // beyond, long requests run in the request, as without JavaScript
	maxKeptJobs          = 64
	jobFlushEvery        = 500 * time.Millisecond
	jobSilence           = 30 * time.Second
)

// job is one long request running or done.
type job struct {
	id       string
	owner    int64 // the user who started it; nobody else can follow it
	started  time.Time
	tracker  progress.Tracker
	answer   recordedAnswer
	done     chan struct{}
	finished time.Time // guarded by jobs.mu
}

// jobs is the registry of the server's background jobs.
type jobs struct {
	mu      sync.Mutex
	byID    map[string]*job
	running sync.WaitGroup
	active  int
	ctx     context.Context // cancelled when the server stops waiting for jobs
	cancel  context.CancelFunc
	hold    <-chan struct{} // when set, new jobs wait before each step until it is closed (tests)
}

func newJobs() *jobs {
	ctx, cancel := context.WithCancel(context.Background())
	return &jobs{byID: map[string]*job{}, ctx: ctx, cancel: cancel}
}

// start registers a new job of owner, or reports false when too many run.
func (js *jobs) start(owner int64, now time.Time) (*job, bool) {
	js.mu.Lock()
	defer js.mu.Unlock()
	if js.active >= maxRunningJobs {
		return nil, false
	}
	js.sweep(now)
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	j := &job{id: hex.EncodeToString(b), owner: owner, started: now, done: make(chan struct{})}
	if js.hold != nil {
		j.tracker.Hold(js.hold)
	}
	js.byID[j.id] = j
	js.active++
	js.running.Add(1)
	return j, true
}

// sweep forgets the answers kept too long, and the oldest ones beyond
// maxKeptJobs. The caller holds js.mu.
func (js *jobs) sweep(now time.Time) {
	var oldest *job
	for id, j := range js.byID {
		if j.finished.IsZero() {
			continue
		}
		if now.Sub(j.finished) > jobKept {
			delete(js.byID, id)
		} else if oldest == nil || j.finished.Before(oldest.finished) {
			oldest = j
		}
	}
	if len(js.byID) >= maxKeptJobs && oldest != nil {
		delete(js.byID, oldest.id)
	}
}

func (js *jobs) finish(j *job, now time.Time) {
	js.mu.Lock()
	j.finished = now
	js.active--
	js.mu.Unlock()
	close(j.done)
	js.running.Done()
}

func (js *jobs) forget(j *job) {
	js.mu.Lock()
	delete(js.byID, j.id)
	js.mu.Unlock()
}

// find returns the job id of owner.
func (js *jobs) find(id string, owner int64) (*job, bool) {
	js.mu.Lock()
	defer js.mu.Unlock()
	j, ok := js.byID[id]
	if !ok || j.owner != owner {
		return nil, false
	}
	return j, true
}

// shutdown waits for the running jobs until ctx ends, then cancels them
// (their transactions roll back: nothing half-imported) and waits again.
func (js *jobs) shutdown(ctx context.Context) error {
	idle := make(chan struct{})
	go func() { js.running.Wait(); close(idle) }()
	select {
	case <-idle:
		return nil
	case <-ctx.Done():
		js.cancel()
		<-idle
		return fmt.Errorf("traitements en cours annulés à l'arrêt : %w", ctx.Err())
	}
}

// Shutdown lets the background jobs finish until ctx ends, then cancels the
// ones still running. Call it after the HTTP server's own Shutdown.
func (s *Server) Shutdown(ctx context.Context) error { return s.jobs.shutdown(ctx) }

// recordedAnswer is a response kept in memory, to be given later.
type recordedAnswer struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (a *recordedAnswer) Header() http.Header {
	if a.header == nil {
		a.header = http.Header{}
	}
	return a.header
}

// Started reports whether the answer has begun.
func (a *recordedAnswer) Started() bool { return a.status != 0 }

func (a *recordedAnswer) WriteHeader(status int) {
	if a.status == 0 {
		a.status = status
	}
}

func (a *recordedAnswer) Write(b []byte) (int, error) {
	a.WriteHeader(http.StatusOK)
	return a.body.Write(b)
}

// replay gives the kept answer to w.
func (a *recordedAnswer) replay(w http.ResponseWriter) {
	for k, v := range a.header {
		w.Header()[k] = v
	}
	w.WriteHeader(max(a.status, http.StatusOK))
	_, _ = w.Write(a.body.Bytes())
}

// runTracked runs a long handler as a background job (see the top of this file).
func (s *Server) runTracked(w http.ResponseWriter, r *http.Request, handle kit.Handler) {
	inline := func() { // as without a job: the handler answers in the request
		if err := handle(w, r); err != nil {
			s.Fail(w, r, err)
		}
	}
	if readForm(r) != nil { // the handler names what is wrong with the form
		inline()
		return
	}
	j, ok := s.jobs.start(kit.Principal(r).User.ID, s.Clock.Now())
	if !ok {
		inline()
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), jobTimeout)
	stop := context.AfterFunc(s.jobs.ctx, cancel)
	ctx = progress.WithTracker(ctx, &j.tracker)
	progress.Phase(ctx, progress.Reading, 0)
	bg := r.Clone(ctx)
	bg.Body = http.NoBody // already read into bg.Form / bg.MultipartForm
	go s.recordJob(j)
	go func() {
		defer s.jobs.finish(j, s.Clock.Now())
		defer cancel()
		defer stop()
		defer func() {
			if p := recover(); p != nil {
				s.Log.Error("panique", "id", kit.RequestID(bg), "panic", p, "stack", string(debug.Stack()))
				s.Fail(&j.answer, bg, certif.Errorf(certif.EInternal, "Erreur interne."))
			}
		}()
		if err := handle(&j.answer, bg); err != nil {
			if ctx.Err() != nil { // cancelled at shutdown, or past jobTimeout
				err = errJobInterrupted
			}
			s.Fail(&j.answer, bg.WithContext(context.WithoutCancel(ctx)), err)
		}
	}()
	timer := time.NewTimer(s.progressAfter)
	defer timer.Stop()
	select {
	case <-j.done:
		s.jobs.forget(j)
		j.answer.replay(w)
	case <-timer.C:
		http.Redirect(w, r, "/suivi/"+j.id, http.StatusSeeOther)
	}
}

// readForm reads the whole form of a request, file included, so that the
// handler can run after the request is over.
func readForm(r *http.Request) error {
	if r.MultipartForm != nil || r.PostForm != nil {
		return nil // the CSRF check has read it
	}
	if err := r.ParseMultipartForm(kit.MaxUpload); err != http.ErrNotMultipart {
		return err
	}
	return r.ParseForm()
}

// recordJob saves where the job stands every jobFlushEvery, then its answer,
// so that every instance can show them. A save that fails is logged and
// tried again at the next tick; the answer is saved until it is.
func (s *Server) recordJob(j *job) {
	tick := time.NewTicker(jobFlushEvery)
	defer tick.Stop()
	for {
		select {
		case <-j.done:
			for try := 0; try < 20; try++ {
				if s.saveJob(j, true) == nil {
					return
				}
				time.Sleep(jobFlushEvery)
			}
			return
		case <-tick.C:
			_ = s.saveJob(j, false)
		}
	}
}

func (s *Server) saveJob(j *job, finished bool) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	now := j.tracker.Snapshot()
	rec := store.Job{ID: j.id, OwnerID: j.owner, Phase: now.Phase, Done: now.Done, Total: now.Total, StartedAt: j.started,
		Heartbeat: s.Clock.Now(), Finished: finished}
	if finished {
		rec.Status, rec.Header, rec.Body = max(j.answer.status, http.StatusOK), j.answer.header, j.answer.body.Bytes()
	}
	err := s.Store.SaveJob(ctx, rec)
	if err != nil {
		s.Log.Warn("état d'un traitement long non enregistré", "job", j.id, "error", err)
	}
	return err
}

// jobView is a job as its page shows it, from this instance's memory or from the database.
type jobView struct {
	progress progress.Snapshot
	finished bool
	answer   recordedAnswer
}

// findJob returns the job of the caller: this instance's own, or one another
// instance runs or ran.
func (s *Server) findJob(r *http.Request) (jobView, error) {
	id, owner := r.PathValue("id"), kit.Principal(r).User.ID
	if j, ok := s.jobs.find(id, owner); ok {
		v := jobView{progress: j.tracker.Snapshot()}
		select {
		case <-j.done:
			v.finished, v.answer = true, j.answer
		default:
		}
		return v, nil
	}
	rec, err := s.Store.JobOf(r.Context(), id, owner)
	if certif.ErrorCode(err) == certif.ENotFound || (err == nil && !rec.Finished && s.Clock.Now().Sub(rec.Heartbeat) > jobSilence) {
		if err == nil {
			return jobView{}, errJobInterrupted
		}
		return jobView{}, certif.Errorf(certif.ENotFound, "Ce traitement est introuvable : il a été lancé par un autre compte, ou il est terminé depuis plus de %d minutes.", int(jobKept.Minutes()))
	}
	if err != nil {
		return jobView{}, err
	}
	v := jobView{progress: progress.Snapshot{Phase: rec.Phase, Done: rec.Done, Total: rec.Total}, finished: rec.Finished}
	v.answer.header, v.answer.status = rec.Header, rec.Status
	v.answer.body.Write(rec.Body)
	return v, nil
}

var errJobInterrupted = certif.Errorf(certif.EConflict,
	"Ce traitement a été interrompu (arrêt du serveur qui le menait) : rien n'a été enregistré. Déposez le fichier de nouveau.")

// progressView is the page of a job still running.
type progressView struct {
	ID       string
	Progress progress.Snapshot
}

// jobPage shows how far a job has got, or its answer once it is done. With
// Accept: application/json it answers the progress as JSON (app.js polls it).
func (s *Server) jobPage(w http.ResponseWriter, r *http.Request) error {
	v, err := s.findJob(r)
	if err != nil {
		return err
	}
	now := v.progress
	if wantsJSON(r) {
		return kit.WriteJSON(w, http.StatusOK, jobStatus{Phase: now.Phase, Done: now.Done, Total: now.Total, Percent: now.Percent(), Finished: v.finished})
	}
	if v.finished {
		v.answer.replay(w)
		return nil
	}
	return s.pages.Show(w, r, "progress.html", "Traitement en cours", progressView{ID: r.PathValue("id"), Progress: now})
}

// jobStatus is the JSON form of the progress page.
type jobStatus struct {
	Phase    string `json:"phase,omitempty"`
	Done     int    `json:"done"`
	Total    int    `json:"total"`
	Percent  int    `json:"percent"`
	Finished bool   `json:"finished"`
}

func wantsJSON(r *http.Request) bool {
	return r.Header.Get("Accept") == "application/json"
}
