package store_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"certibloc/internal/accrochage"
	"certibloc/internal/accrochage/accrochagetest"
	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// accrochageFixture is a store with CQPs obtained by six holders of CAF69:
// three complete GCs of 15/06/2026 (RNCP35729 in force), a GC of 01/09/2026
// (after RNCP35729 ended, no renewal yet), a MOSS (not on the RNCP) and a
// GC whose holder was born abroad with the country entered by its name.
type accrochageFixture struct {
	st         *store.Store
	candidates map[string]certif.Candidate // by certificate number
}

func newAccrochageFixture(t *testing.T, dialect string) accrochageFixture {
	t.Helper()
	dsn := storetest.DSN(t, dialect)
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	st.SetClock(func() time.Time { return time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC) })
	seeded(t, st)
	if _, err := st.CreateEmployer(ctx, store.Platform(), certif.Employer{Code: "CAF69", Name: "CAF du Rhône", Type: "CAF", Branch: "famille", Region: "Auvergne-Rhône-Alpes"}); err != nil {
		t.Fatal(err)
	}
	today := certif.MustDate("2026-10-01")
	f := accrochageFixture{st: st, candidates: map[string]certif.Candidate{}}
	for _, c := range []struct {
		number, qual, day string
		cand              certif.Candidate
	}{
		{"CQP-2026-000001", "GC", "2026-06-15", certif.Candidate{BirthName: "Durand", UsageName: "Martin", FirstNames: []string{"Léa", "Marie"}, Sex: "F", BirthDate: certif.MustDate("1990-04-02"), BirthINSEE: "69123"}},
		{"CQP-2026-000002", "GC", "2026-06-15", certif.Candidate{BirthName: "Lefèvre", FirstNames: []string{"Paul"}, Sex: "M", BirthDate: certif.MustDate("1985-01-20"), BirthINSEE: "75056"}},
		{"CQP-2026-000003", "GC", "2026-06-15", certif.Candidate{BirthName: "Petit", FirstNames: []string{"Zoé"}, Sex: "F", BirthDate: certif.MustDate("1992-12-01"), BirthINSEE: "2A004"}},
		{"CQP-2026-000004", "GC", "2026-09-01", certif.Candidate{BirthName: "Roux", FirstNames: []string{"Inès"}, Sex: "F", BirthDate: certif.MustDate("1994-05-05"), BirthINSEE: "13055"}},
		{"CQP-2026-000005", "MOSS", "2026-06-15", certif.Candidate{BirthName: "Blanc", FirstNames: []string{"Hugo"}, Sex: "M", BirthDate: certif.MustDate("1980-03-03"), BirthINSEE: "33063"}},
		{"CQP-2026-000006", "GC", "2026-06-15", certif.Candidate{BirthName: "García", FirstNames: []string{"Lucía"}, Sex: "F", BirthDate: certif.MustDate("1991-07-07"), BirthCountry: "Espagne"}},
	} {
		c.cand.EmployerCode = "CAF69"
		saved, err := st.CreateCandidate(ctx, store.PlatformOn(today), c.cand)
		if err != nil {
			t.Fatal(err)
		}
		storetest.CQPCertificate(t, dsn, saved.ID, c.qual, certif.MustDate(c.day), c.number, "CODE-"+c.number[len(c.number)-1:])
		f.candidates[c.number] = saved
	}
	return f
}

var office = store.Caller{Actor: store.Actor{Email: "examens@ucanss.test"}, Role: certif.RoleOffice, Scope: store.All, Today: certif.MustDate("2026-10-01")}

func certificates(items []store.AccrochageItem) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Certificate)
	}
	slices.Sort(out)
	return out
}

func TestAccrochageFlowAcknowledgementAndResend(t *testing.T) {
	t.Parallel()
	for _, dialect := range storetest.Dialects(t) {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			testAccrochage(t, newAccrochageFixture(t, dialect))
		})
	}
}

func testAccrochage(t *testing.T, f accrochageFixture) {
	st := f.st
	const base = "https://certibloc.example.fr"
	if _, err := st.PrepareAccrochageFlow(ctx, store.AccrochageFilter{}, base); certif.ErrorCode(err) != certif.EInvalid || !strings.Contains(certif.ErrorMessage(err), "paramètres de la Caisse des Dépôts") {
		t.Errorf("flux sans paramètres CDC : %v", err)
	}
	if err := st.SaveAccrochageSettings(ctx, office, store.AccrochageSettings{ClientID: "UCANSS", ContractID: ""}); certif.ErrorFields(err)["client_id"] == "" || certif.ErrorFields(err)["contract_id"] == "" {
		t.Errorf("paramètres invalides acceptés : %v", err)
	}
	if err := st.SaveAccrochageSettings(ctx, office, store.AccrochageSettings{ClientID: "ucanss01", ContractID: "CTR-2026-01"}); err != nil {
		t.Fatal(err)
	}
	p, err := st.ExportAccrochageFlow(ctx, office, store.AccrochageFilter{}, base, false)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("xmllint", func(t *testing.T) { accrochagetest.Validate(t, p.XML) })
	if got := certificates(p.Sent); !slices.Equal(got, []string{"CQP-2026-000001", "CQP-2026-000002", "CQP-2026-000003"}) {
		t.Errorf("envoyés %v", got)
	}
	if p.FileName != "accrochage_UCANSS01_000001.xml" || !strings.Contains(string(p.XML), "<urlPreuve>"+base+"/verifier?code=CODE-1</urlPreuve>") ||
		!strings.Contains(string(p.XML), "<horodatage>2026-10-01T10:00:00+02:00</horodatage>") || !strings.Contains(string(p.XML), "<code>RNCP35729</code>") {
		t.Errorf("flux %s :\n%s", p.FileName, p.XML)
	}
	refused := strings.Join(p.RefusalLines(), "\n")
	for _, want := range []string{
		"CQP-2026-000004 (ROUX Inès, née le 05/05/1994, CQP GC) : certification : aucun enregistrement RNCP en vigueur le 01/09/2026",
		"CQP-2026-000005 (BLANC Hugo, né le 03/03/1980, CQP MOSS) : certification : le CQP MOSS n'a aucun enregistrement RNCP dans le référentiel",
		"CQP-2026-000006 (GARCÍA Lucía, née le 07/07/1991, CQP GC) : naissance : code du pays « ESPAGNE » invalide (3 caractères attendus)",
	} {
		if !strings.Contains(refused, want) {
			t.Errorf("refus : %q absent de\n%s", want, refused)
		}
	}
	o, err := st.Accrochage(ctx, store.AccrochageFilter{}, base, office.Today)
	if err != nil {
		t.Fatal(err)
	}
	if got := certificates(o.InStatus(accrochage.Sent)); len(got) != 3 || o.LastFlow != 1 || len(o.ToSend()) != 0 || len(o.NotReportable()) != 3 {
		t.Errorf("après le flux 1 : envoyés %v, dernier flux %d, à envoyer %d, non déclarables %d", got, o.LastFlow, len(o.ToSend()), len(o.NotReportable()))
	}
	if again, err := st.PrepareAccrochageFlow(ctx, store.AccrochageFilter{}, base); err != nil || again.XML != nil {
		t.Errorf("renvoi sans accusé : %v %s", err, again.XML)
	}

	// The acknowledgement: one accepted, one rejected, one already there.
	for _, bad := range []struct{ data, want string }{
		{"PK\x03\x04 classeur", "ce n'est pas un XML valide"},
		{string(accrochage.ReportXML("accrochage_UCANSS01_000009.xml", []string{"CQP-2026-000001"}, nil)), "« accrochage_UCANSS01_000009.xml », qui n'est pas un flux envoyé"},
	} {
		if _, err := st.UploadAccrochageReport(ctx, office, "accuse.xml", []byte(bad.data)); certif.ErrorCode(err) != certif.EInvalid ||
			!strings.Contains(certif.ErrorMessage(err), bad.want) || !strings.Contains(certif.ErrorMessage(err), "Rien n'a été modifié") {
			t.Errorf("accusé %q : %v", bad.want, err)
		}
	}
	report := accrochage.ReportXML(p.FileName, []string{"CQP-2026-000001"}, []accrochage.Outcome{
		{ID: "CQP-2026-000002", Message: "Titulaire non identifié : date de naissance incohérente"},
		{ID: "CQP-2026-000003", Message: "Le passage de certification existe déjà pour ce titulaire"},
	})
	res, err := st.UploadAccrochageReport(ctx, office, "accuse_1.xml", report)
	if err != nil {
		t.Fatal(err)
	}
	if res.Flow != 1 || res.Accepted != 2 || res.Existing != 1 || res.Rejected != 1 || len(res.Unknown) != 0 {
		t.Errorf("résultat %+v", res)
	}
	if want := "Accusé de traitement du flux n° 1 (accrochage_UCANSS01_000001.xml) enregistré : 2 enregistrements acceptés (dont 1 déjà présent à la Caisse des Dépôts), 1 rejeté."; res.Message() != want {
		t.Errorf("message %q", res.Message())
	}
	o, _ = st.Accrochage(ctx, store.AccrochageFilter{}, base, office.Today)
	if got := certificates(o.InStatus(accrochage.Accepted)); !slices.Equal(got, []string{"CQP-2026-000001", "CQP-2026-000003"}) {
		t.Errorf("acceptés %v", got)
	}
	rejected := o.InStatus(accrochage.Rejected)
	if len(rejected) != 1 || rejected[0].Certificate != "CQP-2026-000002" || rejected[0].Reason != "Titulaire non identifié : date de naissance incohérente" {
		t.Errorf("rejetés %+v", rejected)
	}
	if name, data, err := st.AccrochageFlowFile(ctx, 1, true); err != nil || name != "accuse_1.xml" || string(data) != string(report) {
		t.Errorf("accusé conservé : %s %v", name, err)
	}
	if p, _ := st.PrepareAccrochageFlow(ctx, store.AccrochageFilter{}, base); p.XML != nil {
		t.Errorf("un rejet non corrigé est renvoyé :\n%s", p.XML)
	}

	// The rejected holder's birth date is corrected, the GC renewed: the next
	// flow sends the correction and the GC of 01/09/2026, nothing else.
	paul := f.candidates["CQP-2026-000002"]
	st.SetCertificateIssuer(testIssuer) // the correction re-issues the certificates
	paul.BirthDate = certif.MustDate("1985-01-21")
	if paul, err = st.UpdateCandidate(ctx, office.Because("date de naissance erronée"), paul.ID, paul); err != nil {
		t.Fatal(err)
	}
	if err := st.SaveRNCPRegistrations(ctx, office, "GC", []accrochage.Registration{{Code: "RNCP35729", Until: certif.MustDate("2026-07-08")},
		{Code: "RNCP40999", From: certif.MustDate("2026-07-09")}}); err != nil {
		t.Fatal(err)
	}
	p2, err := st.PrepareAccrochageFlow(ctx, store.AccrochageFilter{}, base)
	if err != nil {
		t.Fatal(err)
	}
	// The correction re-issued Paul's certificate (R16): its new number is sent, the replaced one no more.
	renewed, err := st.Certificate(ctx, "CQP-2026-000002", store.All)
	if err != nil || renewed.ReplacedBy == "" {
		t.Fatalf("certificat réédité : %+v %v", renewed, err)
	}
	want := []string{"CQP-2026-000004", renewed.ReplacedBy}
	slices.Sort(want)
	if got := certificates(p2.Sent); !slices.Equal(got, want) || p2.Header.Number != 2 {
		t.Fatalf("flux 2 : %v (n° %d)", got, p2.Header.Number)
	}
	// Something moves between the plan and its recording: refused, nothing written.
	paul.Phone = "0601020304"
	if _, err = st.UpdateCandidate(ctx, office, paul.ID, paul); err != nil {
		t.Fatal(err)
	}
	if err := st.RecordAccrochageFlow(ctx, office, p2); certif.ErrorCode(err) != certif.EStale {
		t.Errorf("flux enregistré malgré un changement : %v", err)
	}
	if flows, _ := st.AccrochageFlows(ctx); len(flows) != 1 {
		t.Errorf("flux après le refus : %+v", flows)
	}
	p2, err = st.ExportAccrochageFlow(ctx, office, store.AccrochageFilter{From: certif.MustDate("2026-06-01"), To: certif.MustDate("2026-09-30")}, base, false)
	if err != nil || len(p2.Sent) != 2 || !strings.Contains(string(p2.XML), "<code>RNCP40999</code>") || !strings.Contains(string(p2.XML), "<jourNaissance>21</jourNaissance>") {
		t.Fatalf("flux 2 : %v\n%s", err, p2.XML)
	}
	t.Run("xmllint", func(t *testing.T) { accrochagetest.Validate(t, p2.XML) })
	if err := st.RecordAccrochageFlow(ctx, office, p2); certif.ErrorCode(err) != certif.EStale {
		t.Errorf("le même flux enregistré deux fois : %v", err)
	}
	if p, _ := st.PrepareAccrochageFlow(ctx, store.AccrochageFilter{From: certif.MustDate("2026-09-01")}, base); p.XML != nil || len(p.Refused) != 0 {
		t.Errorf("du 01/09/2026 : rien à envoyer ni à refuser, %d refusés", len(p.Refused))
	}

	// Marked by hand: a reason is required, a stale page refused.
	o, _ = st.Accrochage(ctx, store.AccrochageFilter{}, base, office.Today)
	item, _ := o.Item(renewed.ReplacedBy)
	if item.Status != accrochage.Sent || item.Flow != 2 || item.Version == 0 {
		t.Fatalf("renvoyé : %+v", item)
	}
	if err := st.MarkAccrochageRecord(ctx, office, item.Certificate, accrochage.Accepted, item.Version); certif.ErrorFields(err)["reason"] == "" {
		t.Errorf("marquage sans motif : %v", err)
	}
	if err := st.MarkAccrochageRecord(ctx, office.Because("visible sur le portail"), item.Certificate, accrochage.Accepted, item.Version-1); certif.ErrorCode(err) != certif.EStale {
		t.Errorf("marquage d'une page périmée : %v", err)
	}
	if err := st.MarkAccrochageRecord(ctx, office.Because("visible sur le portail de la Caisse des Dépôts"), item.Certificate, accrochage.Accepted, item.Version); err != nil {
		t.Fatal(err)
	}
	if err := st.MarkAccrochageRecord(ctx, office.Because("déclaré par courrier, refusé"), "CQP-2026-000005", accrochage.Rejected, 0); err != nil {
		t.Fatal(err)
	}
	o, _ = st.Accrochage(ctx, store.AccrochageFilter{}, base, office.Today)
	if item, _ := o.Item(renewed.ReplacedBy); item.Status != accrochage.Accepted || item.MarkedBy != office.Actor.Email || item.Reason != "visible sur le portail de la Caisse des Dépôts" {
		t.Errorf("marqué accepté : %+v", item)
	}
	if item, _ := o.Item("CQP-2026-000005"); item.Status != accrochage.Rejected || item.Corrected || len(o.NotReportable()) != 1 {
		t.Errorf("marqué rejeté : %+v, non déclarables %d", item, len(o.NotReportable()))
	}
	// Late: obtained on 15/06/2026, due by 15/09/2026, not accepted on 01/10/2026.
	if got := certificates(o.LateItems()); !slices.Equal(got, []string{"CQP-2026-000005", "CQP-2026-000006"}) {
		t.Errorf("en retard %v", got)
	}
	events, err := st.AuditEvents(ctx, store.SystemViewer("test"), store.AuditFilter{Entity: "accrochage_record", EntityKey: "CQP-2026-000002"})
	if err != nil || len(events) != 4 {
		t.Errorf("historique de l'enregistrement : %d %v", len(events), err)
	}
	for _, e := range events {
		if e.Action == "mark" && (e.Reason != "visible sur le portail de la Caisse des Dépôts" || e.CandidateID != paul.ID) {
			t.Errorf("marquage tracé : %+v", e)
		}
	}
}

// TestR16_ACertificateNamesTheRNCPRegistrationInForceOnItsDay: a GC obtained
// before its registration ended names it; one obtained after, none until the
// office enters the renewal, then the renewal's number.
func TestR16_ACertificateNamesTheRNCPRegistrationInForceOnItsDay(t *testing.T) {
	t.Parallel()
	for _, dialect := range storetest.Dialects(t) {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			f := newAccrochageFixture(t, dialect)
			rncp := func(number string) string {
				c, err := f.st.Certificate(ctx, number, store.All)
				if err != nil {
					t.Fatal(err)
				}
				return c.Qual.RNCP
			}
			if got := rncp("CQP-2026-000001"); got != "RNCP35729" {
				t.Errorf("GC du 15/06/2026 : %q, RNCP35729 attendu", got)
			}
			if got := rncp("CQP-2026-000004"); got != "" {
				t.Errorf("GC du 01/09/2026, enregistrement échu le 08/07/2026 : %q, aucun attendu", got)
			}
			if err := f.st.SaveRNCPRegistrations(ctx, office, "GC", []accrochage.Registration{{Code: "RNCP35729", Until: certif.MustDate("2026-07-08")},
				{Code: "RNCP40123", From: certif.MustDate("2026-07-09")}}); err != nil {
				t.Fatal(err)
			}
			if got, old := rncp("CQP-2026-000004"), rncp("CQP-2026-000001"); got != "RNCP40123" || old != "RNCP35729" {
				t.Errorf("après le renouvellement : %q et %q", got, old)
			}
		})
	}
}
