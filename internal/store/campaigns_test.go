package store_test

import (
	"testing"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// TestR5_ALaunchIsOneTransaction: when one employer's mail cannot be queued,
// no table of the launch is kept and no mail is queued.
func TestR5_ALaunchIsOneTransaction(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		seeded(t, st)
		var ids []int64
		for _, code := range []string{"CAF69", "CAF33"} {
			e, err := st.CreateEmployer(ctx, store.Platform(), certif.Employer{Code: code, Name: "CAF " + code, Type: "CAF", Branch: "famille"})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, e.ID)
		}
		campaign := certif.MustMonth("2026-06")
		good := store.Mail{Kind: "collection_table", To: []string{"rh@caf69.test"}, Subject: "Tableau", Text: "ci-joint", DedupKey: "collection_table:2026-06:CAF69"}
		bad := store.Mail{Kind: "collection_table", Subject: "Tableau sans destinataire", Text: "ci-joint"}
		tables := []store.CollectionTable{
			{EmployerID: ids[0], Filename: "a.xlsx", Content: []byte("a"), Rows: 1, Mail: &good},
			{EmployerID: ids[1], Filename: "b.xlsx", Content: []byte("b"), Rows: 1, Mail: &bad},
		}
		if _, err := st.LaunchCollection(ctx, store.Platform(), campaign, tables); err == nil {
			t.Fatal("lancement accepté malgré un courriel sans destinataire")
		}
		if _, _, err := st.CollectionFile(ctx, campaign, ids[0]); certif.ErrorCode(err) != certif.ENotFound {
			t.Errorf("tableau gardé d'un lancement annulé : %v", err)
		}
		if _, n, _ := st.OutboxMails(ctx, store.OutboxFilter{}); n != 0 {
			t.Errorf("%d courriel(s) d'un lancement annulé", n)
		}
		tables[1].Mail = nil
		sent, err := st.LaunchCollection(ctx, store.Platform(), campaign, tables)
		if err != nil || len(sent) != 2 {
			t.Fatalf("lancement : %v %v", sent, err)
		}
		if name, content, err := st.CollectionFile(ctx, campaign, ids[1]); err != nil || name != "b.xlsx" || string(content) != "b" {
			t.Errorf("tableau gardé : %q %q %v", name, content, err)
		}
		if sent, _ := st.LaunchCollection(ctx, store.Platform(), campaign, tables); len(sent) != 0 {
			t.Errorf("tableaux envoyés deux fois : %v", sent)
		}
		if _, err := st.Campaign(ctx, certif.MustMonth("2026-07")); certif.ErrorCode(err) != certif.ENotFound {
			t.Errorf("2026-07 n'est pas le nom d'une campagne : %v", err)
		}
	})
}
