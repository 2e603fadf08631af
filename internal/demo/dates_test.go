package demo_test

import (
	"crypto/ed25519"
	"crypto/rand"
	"strconv"
	"testing"
	"time"

	"certibloc/internal/certif"
	"certibloc/internal/certificate"
	"certibloc/internal/clock"
	"certibloc/internal/demo"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// TestTheDemoReadsInOrder: loaded for its today as serve wires it (the
// store's timestamps on that day), the demo writes nothing after today, a
// candidate exists before being registered, a collection table is sent
// before it returns, and each past national jury is proclaimed on its day.
func TestTheDemoReadsInOrder(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		day := certif.MustDate("2026-12-02")
		st.SetClock(clock.Fixed(day).Now)
		_, key, _ := ed25519.GenerateKey(rand.Reader)
		st.SetCertificateIssuer(certificate.Issuer{Key: key})
		if _, err := demo.LoadWith(ctx, st, day, demo.Options{History: true}); err != nil {
			t.Fatal(err)
		}
		paris := func(at interface {
			In(*time.Location) time.Time
		}) certif.Date {
			return certif.DateOf(at.In(clock.Paris))
		}
		var events []certif.AuditEvent
		for _, entity := range []string{"", "candidate", "registration"} { // the newest 1,000 of all, and these two whole
			list, err := st.AuditEvents(ctx, store.Viewer{Role: certif.RoleOffice, Scope: store.All}, store.AuditFilter{Entity: entity, Limit: 1000})
			if err != nil || len(list) == 0 || len(list) == 1000 && entity != "" {
				t.Fatalf("journal %q : %d événements, %v", entity, len(list), err)
			}
			events = append(events, list...)
		}
		created, registered := map[int64]certif.Date{}, map[int64]certif.Date{}
		for _, e := range events {
			on := paris(e.At)
			if on.After(day) {
				t.Errorf("écrit après le %s : %+v", day.French(), e)
			}
			switch {
			case e.Entity == "candidate" && e.Action == "create":
				id, _ := strconv.ParseInt(e.EntityKey, 10, 64)
				created[id] = on
			case e.Entity == "registration" && e.Action == "create":
				if first, ok := registered[e.CandidateID]; !ok || on.Before(first) {
					registered[e.CandidateID] = on
				}
			}
		}
		for id, on := range registered {
			if c, ok := created[id]; !ok || on.Before(c) {
				t.Errorf("candidat %d inscrit le %s, créé le %s", id, on.French(), c.French())
			}
		}
		cal, err := st.Calendar(ctx)
		if err != nil {
			t.Fatal(err)
		}
		returned := 0
		for _, cp := range cal.Campaigns(0) {
			list, err := st.CollectionReturns(ctx, cp, store.All)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range list {
				if r.ReturnedAt.IsZero() {
					continue
				}
				returned++
				if r.SentAt.IsZero() || r.ReturnedAt.Before(r.SentAt) || paris(r.ReturnedAt) != r.ReturnedOn {
					t.Errorf("tableau de %s (campagne %s) envoyé le %v, retourné le %v (jour %s)", r.EmployerCode, cp.Name, r.SentAt, r.ReturnedAt, r.ReturnedOn.French())
				}
			}
		}
		if returned == 0 {
			t.Error("aucun tableau retourné dans la démonstration")
		}
		proclaimed, err := st.Proclamations(ctx)
		if err != nil || len(proclaimed) != 2 {
			t.Fatalf("proclamations : %v %v", proclaimed, err)
		}
		for jury, p := range proclaimed {
			if paris(p.ProclaimedAt) != jury {
				t.Errorf("jury du %s proclamé le %s", jury.French(), paris(p.ProclaimedAt).French())
			}
		}
	})
}
