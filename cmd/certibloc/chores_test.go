package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"certibloc/internal/campaign/campaigntest"
	"certibloc/internal/certif"
	"certibloc/internal/clock"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// TestServeRunsItsChoresInTheBackground: as soon as it starts, serve queues
// the collection reminders due (R5, D-30 here) and forgets the files uploaded
// and never committed past their retention; recent ones stay; the national
// statistics are computed ahead of their first reader.
func TestServeRunsItsChoresInTheBackground(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, db string) {
		f := campaigntest.New(t, storetest.OpenDSN(t, db))
		if code, _, errOut := cli(t, "recueil", "lancer", "--campaign", "2026-06", "--db", db, "--today", "2026-01-20"); code != 0 {
			t.Fatal(errOut)
		}
		st := f.St
		caf, err := st.EmployerByCode(ctx, "CAF69")
		if err != nil {
			t.Fatal(err)
		}
		upload := func(ago time.Duration) int64 {
			t.Helper()
			served, _ := clock.New("2026-01-28") // the server's day below: its timestamps fall on it
			st.SetClock(func() time.Time { return served.Now().Add(-ago) })
			defer st.SetClock(time.Now)
			id, err := st.SaveUpload(ctx, store.Caller{Actor: store.Actor{Email: "rh@caf69.test"}, Role: certif.RoleEmployer, Scope: store.Scope{EmployerID: caf.ID}}, caf.ID, "inscriptions.csv", []byte("Nom de naissance\n"))
			if err != nil {
				t.Fatal(err)
			}
			return id
		}
		old, recent := upload(store.UploadRetention+time.Hour), upload(time.Hour)
		var errOut syncBuffer
		done := func() bool {
			_, n, _ := st.OutboxMails(ctx, store.OutboxFilter{Kind: "reminder"})
			_, err := st.LoadUpload(ctx, old, store.All)
			return n == 2 && certif.ErrorCode(err) == certif.ENotFound && strings.Contains(errOut.String(), `"msg":"statistiques nationales à jour"`)
		}
		runCtx, stop := context.WithCancel(ctx)
		defer stop()
		a := &app{stdout: new(syncBuffer), stderr: &errOut, getenv: noEnv, onListen: func(string) {
			defer stop()
			for deadline := time.Now().Add(10 * time.Second); !done() && time.Now().Before(deadline); {
				time.Sleep(20 * time.Millisecond)
			}
		}}
		if code := a.run(runCtx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0", "--log-format", "json", "--log-level", "debug", "--today", "2026-01-28"}); code != 0 {
			t.Fatalf("serve : code %d\n%s", code, errOut.String())
		}
		if !done() {
			t.Errorf("relances ou purge non faites au démarrage :\n%s", errOut.String())
		}
		if _, err := st.LoadUpload(ctx, recent, store.All); err != nil {
			t.Errorf("fichier récent purgé : %v", err)
		}
		if log := errOut.String(); !strings.Contains(log, `"msg":"fichiers déposés purgés","never_committed":1,"content_dropped":0`) {
			t.Errorf("purge non journalisée :\n%s", log)
		}
	})
}
