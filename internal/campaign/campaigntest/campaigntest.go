// Package campaigntest sets up collection campaigns for tests: a store with
// the 2026 calendar, employers of the four branches and registrations inside
// and outside campaign 2026-06, and helpers to fill a collection table as an
// employer would in Excel.
package campaigntest

import (
	"bytes"
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"certibloc/internal/calendar"
	"certibloc/internal/certif"
	"certibloc/internal/seed"
	"certibloc/internal/store"
)

var ctx = context.Background()

// RegisteredOn is the day the fixture registers its candidates: on time (R6)
// for June 2026 and after.
var RegisteredOn = certif.MustDate("2026-01-10")

// Fixture is a store with the 2026 calendar and, registered on 10/01/2026 by
// the office: at CAF69 (famille, one site with opening hours) MARTIN (COS
// blocks 1 and 3, June), ANDRE (GC, July), BERNARD (COS, June, repeating),
// PETIT (MOSS, June), ROUX (COS block 2, September); at URSSAF-RA
// (recouvrement) LEROY (GC, June); at CPAM33 (maladie) MOREAU (GC, June,
// outside the branch with the office's reason) and
// FABRE (GC through the programme STARTECH, June, confirmed by the office); CARSAT-AQ (retraite) has nobody.
type Fixture struct {
	St       *store.Store
	Campaign calendar.CollectionCampaign // 2026-06: June and July, due 27/02/2026
	Regs     map[string]int64            // registration id by candidate's birth name
}

// New loads the fixture into a fresh store.
func New(t testing.TB, st *store.Store) *Fixture {
	t.Helper()
	if _, err := seed.Load(ctx, st); err != nil {
		t.Fatal(err)
	}
	st.SetClock(func() time.Time { return time.Date(2026, 1, 10, 9, 0, 0, 0, time.UTC) })
	startech, err := st.Programme(ctx, "STARTECH")
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SaveProgramme(ctx, store.Platform(), startech, true); err != nil {
		t.Fatal(err)
	}
	for _, e := range []certif.Employer{
		{Code: "CAF69", Name: "CAF du Rhône", Type: "CAF", Branch: "famille", HREmails: []string{"rh@caf69.test", "formation@caf69.test"}},
		{Code: "URSSAF-RA", Name: "Urssaf Rhône-Alpes", Type: "URSSAF", Branch: "recouvrement", HREmails: []string{"rh@urssaf-ra.test"}},
		{Code: "CPAM33", Name: "CPAM de la Gironde", Type: "CPAM", Branch: "maladie", HREmails: []string{"rh@cpam33.test"}},
		{Code: "CARSAT-AQ", Name: "Carsat Aquitaine", Type: "CARSAT", Branch: "retraite", HREmails: []string{"rh@carsat-aq.test"}},
	} {
		if _, err := st.CreateEmployer(ctx, store.Platform(), e); err != nil {
			t.Fatal(err)
		}
	}
	caf, err := st.EmployerByCode(ctx, "CAF69")
	must(t, err)
	_, err = st.SaveEmployerSite(ctx, store.Platform(), caf.ID, store.EmployerSite{Name: "Accueil de Lyon Part-Dieu",
		ReceptionHours: "Du lundi au vendredi, 8 h 30 – 16 h 30", PhoneHours: "Du lundi au vendredi, 9 h – 12 h"})
	must(t, err)
	f := &Fixture{St: st, Regs: map[string]int64{}}
	june, july, sept := certif.MustDate("2026-06-10"), certif.MustDate("2026-07-01"), certif.MustDate("2026-09-10")
	for _, r := range []struct {
		employer, name string
		req            certif.RegistrationRequest
		reason         string // the office's, outside the employer's branch
	}{
		{"CAF69", "MARTIN", certif.RegistrationRequest{Qualification: "COS", Path: certif.PathPartial, Blocks: []int{1, 3}, CertifiableFrom: june, Specialty: "Famille"}, ""},
		{"CAF69", "ANDRE", certif.RegistrationRequest{Qualification: "GC", Path: certif.PathComplete, CertifiableFrom: july}, ""},
		{"CAF69", "BERNARD", certif.RegistrationRequest{Qualification: "COS", Path: certif.PathComplete, CertifiableFrom: june, Repeating: true}, ""},
		{"CAF69", "PETIT", certif.RegistrationRequest{Qualification: "MOSS", Path: certif.PathPartial, Blocks: []int{1}, CertifiableFrom: june}, ""},
		{"CAF69", "ROUX", certif.RegistrationRequest{Qualification: "COS", Path: certif.PathPartial, Blocks: []int{2}, CertifiableFrom: sept}, ""},
		{"URSSAF-RA", "LEROY", certif.RegistrationRequest{Qualification: "GC", Path: certif.PathComplete, CertifiableFrom: june}, ""},
		{"CPAM33", "MOREAU", certif.RegistrationRequest{Qualification: "GC", Path: certif.PathComplete, CertifiableFrom: june}, "mutation vers la CAF de la Gironde"},
		{"CPAM33", "FABRE", certif.RegistrationRequest{Qualification: "STARTECH", Path: certif.PathComplete, CertifiableFrom: june}, ""},
	} {
		c, err := st.CreateCandidate(ctx, store.PlatformOn(RegisteredOn), certif.Candidate{EmployerCode: r.employer, BirthName: r.name, FirstNames: []string{"Camille"},
			Sex: "F", BirthDate: certif.MustDate("1990-03-15"), BirthINSEE: "69123"})
		must(t, err)
		r.req.Contract = certif.ContractCDI
		reg, err := st.CreateRegistration(ctx, store.PlatformOn(RegisteredOn).Because(r.reason), c.ID, r.req)
		if err != nil {
			t.Fatalf("inscription de %s : %v", r.name, err)
		}
		f.Regs[r.name] = reg.ID
	}
	f.Campaign, err = st.Campaign(ctx, certif.MustMonth("2026-06"))
	must(t, err)
	return f
}

// Office is the exam office writing what no rule of a day governs (a
// launch, a lifted hold); Caller gives it a day.
var Office = store.Caller{Actor: store.Actor{Email: "bureau@test.fr"}, Role: certif.RoleOffice, Scope: store.All}

// Caller is an employer's HR (or the office when employer is "") writing on
// a day (YYYY-MM-DD).
func (f *Fixture) Caller(t testing.TB, employer string, today string) store.Caller {
	t.Helper()
	if employer == "" {
		office := Office
		office.Today = certif.MustDate(today)
		return office
	}
	e, err := f.St.EmployerByCode(ctx, employer)
	must(t, err)
	return store.Caller{Actor: store.Actor{Email: "rh@" + employer}, Role: certif.RoleEmployer, Scope: store.Scope{EmployerID: e.ID}, Today: certif.MustDate(today)}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// FillTable writes cells of a collection table, by line and header, as an
// employer would in Excel.
func FillTable(t testing.TB, data []byte, cells map[int]map[string]any) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	must(t, err)
	defer f.Close()
	rows, err := f.GetRows("Recueil")
	must(t, err)
	for line, values := range cells {
		for header, v := range values {
			col := -1
			for i, h := range rows[0] {
				if h == header {
					col = i
				}
			}
			if col < 0 {
				t.Fatalf("colonne %q absente du tableau", header)
			}
			cell, err := excelize.CoordinatesToCellName(col+1, line)
			must(t, err)
			must(t, f.SetCellValue("Recueil", cell, v))
		}
	}
	buf, err := f.WriteToBuffer()
	must(t, err)
	return buf.Bytes()
}

// LineOf returns the line of the table that holds a registration.
func LineOf(t testing.TB, data []byte, regID int64) int {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	must(t, err)
	defer f.Close()
	rows, err := f.GetRows("Recueil")
	must(t, err)
	for i, r := range rows {
		if len(r) > 1 && r[1] == strconv.FormatInt(regID, 10) {
			return i + 1
		}
	}
	t.Fatalf("inscription %d absente du tableau", regID)
	return 0
}
