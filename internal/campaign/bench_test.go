package campaign_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"certibloc/internal/campaign"
	"certibloc/internal/campaign/campaigntest"
	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// BenchmarkReturnsAtTheDeadlinePeak: the week before a collection deadline,
// employers return their tables at the same time. 100 employers of 20
// candidates each (2,000 registrations) return their filled table, 8 at a
// time: each checks it (preview) then records it (commit), on SQLite. One
// op is the whole round of 100 returns.
func BenchmarkReturnsAtTheDeadlinePeak(b *testing.B) {
	const employers, perEmployer, parallel = 100, 20, 8
	st := storetest.Open(b, "sqlite")
	f := campaigntest.New(b, st)
	office := store.PlatformOn(campaigntest.RegisteredOn)
	var codes []string
	for i := range employers {
		code := fmt.Sprintf("CAF%03d", i)
		codes = append(codes, code)
		if _, err := st.CreateEmployer(ctx, store.Platform(), certif.Employer{Code: code, Name: "CAF " + code, Type: "CAF", Branch: "famille"}); err != nil {
			b.Fatal(err)
		}
		for j := range perEmployer {
			c, err := st.CreateCandidate(ctx, store.PlatformOn(campaigntest.RegisteredOn), certif.Candidate{EmployerCode: code, BirthName: "Martin", FirstNames: []string{"Camille"},
				Sex: "F", BirthDate: certif.MustDate("1980-01-01").AddDays(j), BirthINSEE: "69123"})
			must(b, err)
			_, err = st.CreateRegistration(ctx, office, c.ID, certif.RegistrationRequest{Qualification: "COS", Path: certif.PathComplete,
				CertifiableFrom: certif.MustDate("2026-06-10"), Contract: certif.ContractCDI, Specialty: "Famille"})
			must(b, err)
		}
	}
	_, err := campaign.Launch(ctx, st, campaigntest.Office, f.Campaign, "")
	must(b, err)
	filled := map[string][]byte{}
	for _, code := range codes {
		e, err := st.EmployerByCode(ctx, code)
		must(b, err)
		_, data, err := st.CollectionFile(ctx, f.Campaign.Name, e.ID)
		must(b, err)
		cells := map[int]map[string]any{}
		for line := 2; line <= perEmployer+1; line++ {
			cells[line] = map[string]any{"Horaires d'ouverture de l'accueil": "8 h 30 – 16 h 30", "Horaires de la plateforme téléphonique": "9 h – 12 h"}
		}
		filled[code] = campaigntest.FillTable(b, data, cells)
	}
	start := time.Now()
	for b.Loop() {
		work := make(chan string)
		var wg sync.WaitGroup
		for range parallel {
			wg.Go(func() {
				for code := range work {
					by := f.Caller(b, code, "2026-02-20")
					for _, commit := range []bool{false, true} {
						if rep, err := campaign.Return(ctx, st, by, &f.Campaign, code, "recueil.xlsx", filled[code], commit, 0); err != nil || rep.Accepted != perEmployer {
							b.Errorf("%s : %v %+v", code, err, rep.Lines)
						}
					}
				}
			})
		}
		for _, code := range codes {
			work <- code
		}
		close(work)
		wg.Wait()
	}
	b.ReportMetric(float64(b.N*employers)/time.Since(start).Seconds(), "returns/s")
}
