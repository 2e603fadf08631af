package demo_test

import (
	"testing"

	"certibloc/internal/campaign"
	"certibloc/internal/certif"
	"certibloc/internal/demo"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// TestR5_TheDemoShowsACampaignWithReturnedLateAndMissingEmployers: on
// 02/03/2026 the demo shows campaign 2026-06 (due 27/02/2026) launched, with
// tables returned on time, late (juries blocked) and missing.
func TestR5_TheDemoShowsACampaignWithReturnedLateAndMissingEmployers(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		if _, err := demo.Load(ctx, st, today); err != nil {
			t.Fatal(err)
		}
		cp, err := st.Campaign(ctx, certif.MustMonth("2026-06"))
		if err != nil {
			t.Fatal(err)
		}
		b, err := campaign.BuildBoard(ctx, st, cp, today)
		if err != nil {
			t.Fatal(err)
		}
		returned, late, missing := b.Count(certif.CollectionReturned), b.Count(certif.CollectionLate), b.Count(certif.CollectionMissing)
		if returned < 3 || late < 3 || missing < 3 || returned+late+missing != len(b.Rows) || b.ToSend != 0 {
			t.Errorf("campagne de démonstration : %d retournés, %d en retard, %d manquants sur %d employeurs", returned, late, missing, len(b.Rows))
		}
		for _, r := range b.Rows {
			if r.Blocked != (r.Status == certif.CollectionLate || r.Status == certif.CollectionMissing) {
				t.Errorf("%s : %s, bloqué %v", r.EmployerCode, r.Status, r.Blocked)
			}
		}
	})
}
