package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"certibloc/internal/store"
	"certibloc/internal/web"
)

// holdWriter takes the store's single writer until the returned function is
// called: an import started meanwhile waits at its first write, so a test
// sees it running without racing against it.
func (e *env) holdWriter() (release func()) {
	e.t.Helper()
	held, done := make(chan struct{}), make(chan struct{})
	errc := make(chan error, 1)
	go func() {
		errc <- e.st.BulkLoad(context.Background(), store.Platform(), func(*store.Bulk) error {
			close(held)
			<-done
			return nil
		})
	}()
	select {
	case <-held:
	case err := <-errc:
		e.t.Fatalf("writer not taken: %v", err)
	}
	return func() {
		close(done)
		if err := <-errc; err != nil {
			e.t.Error(err)
		}
	}
}

type jobState struct {
	Phase    string `json:"phase"`
	Done     int    `json:"done"`
	Total    int    `json:"total"`
	Percent  int    `json:"percent"`
	Finished bool   `json:"finished"`
}

// jobState reads the JSON form of a progress page.
func (c *client) jobState(path string) jobState {
	c.e.t.Helper()
	req, _ := http.NewRequest("GET", c.e.ts.URL+path, nil)
	req.Header.Set("Accept", "application/json")
	res := c.do(req)
	var s jobState
	if res.StatusCode != http.StatusOK {
		c.e.t.Fatalf("état de %s : %d", path, res.StatusCode)
	}
	if err := json.NewDecoder(res.Body).Decode(&s); err != nil {
		c.e.t.Fatal(err)
	}
	return s
}

// waitJob polls a job until done says its state is reached (the deadline
// only stops a hung test).
func (c *client) waitJob(path string, done func(jobState) bool) {
	c.e.t.Helper()
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if done(c.jobState(path)) {
			return
		}
	}
	c.e.t.Fatalf("%s : état attendu jamais atteint (%+v)", path, c.jobState(path))
}

// waitFinished polls a job until it is done.
func (c *client) waitFinished(path string) {
	c.e.t.Helper()
	c.waitJob(path, func(s jobState) bool { return s.Finished })
}

// waitChecking polls a job until it checks its lines (it first reads the file).
func (c *client) waitChecking(path string) {
	c.e.t.Helper()
	c.waitJob(path, func(s jobState) bool { return s.Phase == "Vérification des lignes" })
}

func quickProgress(c *web.Config) { c.ProgressAfter = time.Millisecond }

func TestLargeImportShowsItsProgressThenItsResult(t *testing.T) {
	t.Parallel()
	e := newEnv(t, quickProgress)
	hr, others := e.as("employer"), []*client{e.as("employerB"), e.as("office")} // logged in before the writer is held
	file := importHeader +
		"Lefèvre;;Élodie;F;15/03/1990;69123;;COS;partiel;1 et 3;05/04/2027;CDI;non;Accueil;non;\r\n" +
		"Benali;;Nadia;F;28/02/1985;;Maroc;CA;complet;;05/04/2027;CDI;non;;oui;Tiers temps\r\n" +
		"Morel;;Paul;M;02/02/1988;69123;;GC;complet;;01/06/2027;CDD;non;;non;\r\n"
	release := e.srv.HoldJobs()
	res := hr.upload("/imports", "inscriptions.csv", []byte(file))
	job := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(job, "/suivi/") {
		release()
		t.Fatalf("un import long doit mener à sa page d'avancement : %d %q", res.StatusCode, job)
	}
	hr.waitChecking(job) // the job is held at its first line
	page := body(t, hr.get(job))
	for _, want := range []string{"Traitement en cours", "Vérification des lignes", `max="3" value="0"`, "0 sur 3 lignes (0 %)", `data-job="` + job + `"`} {
		if !strings.Contains(page, want) {
			t.Errorf("page d'avancement : %q absent", want)
		}
	}
	if got := hr.jobState(job); got != (jobState{Phase: "Vérification des lignes", Total: 3}) {
		t.Errorf("état JSON : %+v", got)
	}
	for _, other := range others {
		if res := other.get(job); res.StatusCode != http.StatusNotFound {
			t.Errorf("un autre compte suit l'import : %d", res.StatusCode)
		}
	}
	release()
	hr.waitFinished(job)
	for range 2 { // the answer can be shown again (a reload, a second tab)
		res = hr.get(job)
		page = body(t, res)
		if res.StatusCode != http.StatusOK || !strings.Contains(page, "3 nouveaux candidats, 3 inscriptions à créer") {
			t.Fatalf("résultat de l'aperçu : %d\n%.1500s", res.StatusCode, page)
		}
	}
	m := commitForm.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("pas de formulaire de validation dans le résultat")
	}
	release = e.holdWriter() // the commit checks its lines, then waits for the writer in the background
	res = hr.post(m[1], nil)
	job = res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(job, "/suivi/") {
		release()
		t.Fatalf("validation longue : %d %q", res.StatusCode, job)
	}
	release()
	hr.waitFinished(job)
	if got := hr.jobState(job); got != (jobState{Phase: "Enregistrement des lignes", Done: 3, Total: 3, Percent: 100, Finished: true}) {
		t.Errorf("état final : %+v", got)
	}
	res = hr.get(job)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/inscriptions?tri=recent" {
		t.Fatalf("fin de la validation : %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	if list := body(t, hr.get("/inscriptions")); !strings.Contains(list, "MOREL Paul") {
		t.Error("import validé en arrière-plan mais inscriptions absentes")
	}
}

// TestAnImportPreviewDoesNotWaitForTheWriter: checking a file reads what it
// needs outside any transaction, so every line is checked while another
// import (here, a held transaction) writes; keeping the checked file for its
// commit is the only write of a preview, one row once the checks are done.
func TestAnImportPreviewDoesNotWaitForTheWriter(t *testing.T) {
	t.Parallel()
	eachDialect(t, func(t *testing.T, e *env) {
		hr := e.as("employer")
		release := e.holdWriter()
		res := hr.upload("/imports", "inscriptions.csv", []byte(manyLines(3)))
		job := res.Header.Get("Location")
		if res.StatusCode != http.StatusSeeOther {
			release()
			t.Fatalf("statut : %d", res.StatusCode)
		}
		hr.waitJob(job, func(s jobState) bool { return s.Done == 3 || s.Finished })
		release()
		hr.waitFinished(job)
		if page := body(t, hr.get(job)); !strings.Contains(page, "3 inscriptions à créer") {
			t.Fatalf("aperçu : %.1500s", page)
		}
	}, quickProgress)
}

func TestRefusedImportInTheBackgroundKeepsNothing(t *testing.T) {
	t.Parallel()
	e := newEnv(t, quickProgress)
	hr := e.as("employer")
	bad := importHeader + "Benali;;Nadia;F;28/02/1985;69123;;ZZZ;partiel;1;05/04/2027;CDI;non;;non;\r\n" // refused by the rules, not the reading
	release := e.srv.HoldJobs()
	res := hr.upload("/imports", "inscriptions.csv", []byte(bad))
	job := res.Header.Get("Location")
	release()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("statut : %d", res.StatusCode)
	}
	hr.waitFinished(job)
	res = hr.get(job)
	page := body(t, res)
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "Ligne 2, colonne « CQP »") {
		t.Fatalf("refus : %d\n%.1500s", res.StatusCode, page)
	}
	if page := body(t, hr.get("/candidats?q=benali")); strings.Contains(page, "BENALI") {
		t.Error("un fichier refusé ne doit rien enregistrer")
	}
}

func TestUnknownProgressPageIsNotFound(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	res := e.as("employer").get("/suivi/0123456789abcdef0123456789abcdef")
	if page := body(t, res); res.StatusCode != http.StatusNotFound || !strings.Contains(page, "Ce traitement est introuvable") {
		t.Errorf("%d\n%.800s", res.StatusCode, page)
	}
}

func TestOversizedUploadIsRefusedInFrench(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	res := e.as("employer").upload("/imports", "enorme.csv", bytes.Repeat([]byte("x;"), 4<<20))
	if page := body(t, res); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, "Envoi trop volumineux") {
		t.Errorf("%d\n%.800s", res.StatusCode, page)
	}
}

// TestShutdownCancelsTheJobsStillRunning: when the server stops, an import
// still running past the grace period is cancelled (a transaction it had
// begun would roll back), and the shutdown says so.
func TestShutdownCancelsTheJobsStillRunning(t *testing.T) {
	t.Parallel()
	e := newEnv(t, quickProgress)
	hr := e.as("employer")
	release := e.srv.HoldJobs()
	defer release()
	res := hr.upload("/imports", "inscriptions.csv", []byte(manyLines(3)))
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("statut : %d", res.StatusCode)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := e.srv.Shutdown(ctx); err == nil {
		t.Fatal("l'arrêt doit signaler le traitement annulé")
	}
	if err := e.srv.Shutdown(context.Background()); err != nil {
		t.Errorf("plus rien ne tourne après l'annulation : %v", err)
	}
}

// TestAJobStartedOnOneServerIsFollowedOnAnother: behind two servers on one
// database, the progress and the answer of a long import started on one are
// shown by the other; a job whose server stopped is said interrupted.
func TestAJobStartedOnOneServerIsFollowedOnAnother(t *testing.T) {
	t.Parallel()
	eachDialect(t, func(t *testing.T, a *env) {
		b := a.secondServer(t)
		onA := a.as("employer")
		release := a.srv.HoldJobs() // the import waits on its first line: it outlasts the millisecond before the progress page
		res := onA.upload("/imports", "inscriptions.csv", []byte(manyLines(300)))
		release()
		job := res.Header.Get("Location")
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(job, "/suivi/") {
			t.Fatalf("import long : %d %q", res.StatusCode, job)
		}
		onB := onA.on(b) // the same browser, sent to the other server
		for deadline := time.Now().Add(time.Minute); ; time.Sleep(50 * time.Millisecond) {
			req, _ := http.NewRequest("GET", b.ts.URL+job, nil)
			req.Header.Set("Accept", "application/json")
			res := onB.do(req)
			var s jobState
			_ = json.NewDecoder(res.Body).Decode(&s)
			if res.StatusCode == http.StatusOK && s.Finished {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("l'autre serveur ne voit pas la fin du traitement : %d %+v", res.StatusCode, s)
			}
		}
		res = onB.get(job)
		if page := body(t, res); res.StatusCode != http.StatusOK || !strings.Contains(page, "300 nouveaux candidats, 300 inscriptions à créer") {
			t.Fatalf("réponse montrée par l'autre serveur : %d\n%.1000s", res.StatusCode, page)
		}
		if res := b.as("employerB").get(job); res.StatusCode != http.StatusNotFound {
			t.Errorf("un autre compte suit le traitement sur l'autre serveur : %d", res.StatusCode)
		}

		// A job whose server stopped saying where it stands was interrupted.
		old := a.clock.Now().Add(-time.Hour)
		if err := a.st.SaveJob(t.Context(), store.Job{ID: "interrompu", OwnerID: a.users["employer"].ID, Phase: "Vérification des lignes",
			StartedAt: old, Heartbeat: old}); err != nil {
			t.Fatal(err)
		}
		res = onB.get("/suivi/interrompu")
		if page := body(t, res); res.StatusCode != http.StatusConflict || !strings.Contains(page, "a été interrompu") {
			t.Errorf("traitement interrompu : %d\n%.1000s", res.StatusCode, page)
		}
	}, quickProgress)
}
