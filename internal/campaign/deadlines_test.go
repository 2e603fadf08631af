package campaign_test

import (
	"bytes"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"github.com/tealeg/xlsx/v3"

	"certibloc/internal/campaign"
	"certibloc/internal/campaign/campaigntest"
	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

func TestR5_ALateReturnIsAcceptedButTheJuryIsNotOrganisableUntilTheOfficeLiftsIt(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f, data := launched(t, st)
		caf, _ := st.EmployerByCode(ctx, "CAF69")
		rep, err := campaign.Return(ctx, st, f.Caller(t, "CAF69", "2026-03-03"), &f.Campaign, "CAF69", "recueil.xlsx", data, true, 0)
		if err != nil {
			t.Fatalf("retour en retard refusé : %v %+v", err, rep.Lines)
		}
		if !rep.Late || rep.ReturnedOn != certif.MustDate("2026-03-03") {
			t.Errorf("retour non marqué en retard : %+v", rep.CollectionReport)
		}
		today := certif.MustDate("2026-03-10")
		holds, err := st.CollectionHolds(ctx, caf.ID, today)
		must(t, err)
		reg, err := st.Registration(ctx, f.Regs["MARTIN"], store.All)
		must(t, err)
		e := certif.AttemptEligibility(reg.Attempts[0], reg, nil, holds...)
		if e.Eligible || !strings.Contains(strings.Join(e.Reasons, " "), "Jury non organisable : tableau de recueil de la campagne de juin 2026 retourné le 03/03/2026, après la date limite du 27/02/2026") {
			t.Errorf("éligibilité : %+v", e)
		}
		roux, _ := st.Registration(ctx, f.Regs["ROUX"], store.All)
		if e := certif.AttemptEligibility(roux.Attempts[0], roux, nil, holds...); !e.Eligible {
			t.Errorf("un candidat d'une autre campagne n'est pas bloqué : %+v", e)
		}
		b, err := campaign.BuildBoard(ctx, st, f.Campaign, today)
		must(t, err)
		if b.Rows[0].Status != certif.CollectionLate || !b.Rows[0].Blocked || b.Count(certif.CollectionLate) != 1 || b.Count(certif.CollectionMissing) != 1 {
			t.Errorf("tableau de bord : %+v", b.Counts)
		}
		if err := st.LiftCollectionHold(ctx, campaigntest.Office.Because(" "), f.Campaign.Name, "CAF69"); certif.ErrorFields(err)["reason"] == "" {
			t.Errorf("levée sans motif : %v", err)
		}
		must(t, st.LiftCollectionHold(ctx, campaigntest.Office.Because("Retard dû à une panne de messagerie"), f.Campaign.Name, "CAF69"))
		if holds, _ := st.CollectionHolds(ctx, caf.ID, today); len(holds) != 0 {
			t.Errorf("blocage toujours actif : %+v", holds)
		}
		if err := st.LiftCollectionHold(ctx, campaigntest.Office.Because("encore"), f.Campaign.Name, "CAF69"); certif.ErrorCode(err) != certif.EConflict {
			t.Errorf("seconde levée : %v", err)
		}
		events, err := st.AuditEvents(ctx, store.SystemViewer("test"), store.AuditFilter{Entity: "collection", EntityKey: "2026-06/CAF69"})
		must(t, err)
		if !slices.ContainsFunc(events, func(e certif.AuditEvent) bool {
			return e.Action == "lift_hold" && e.Reason == "Retard dû à une panne de messagerie" && e.UserEmail == "bureau@test.fr"
		}) {
			t.Errorf("levée non tracée : %+v", events)
		}
		// The Urssaf, which never returned its table, is blocked too.
		urssaf, _ := st.EmployerByCode(ctx, "URSSAF-RA")
		if holds, _ := st.CollectionHolds(ctx, urssaf.ID, today); len(holds) != 1 || !strings.Contains(holds[0].Reason, "aucun tableau de recueil retourné") {
			t.Errorf("tableau manquant : %+v", holds)
		}
	})
}

func TestR5_AnEmployerReturnsLateWithoutChangingRegistrationsAfterTheirDeadline(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f, data := launched(t, st)
		filled := campaigntest.FillTable(t, data, map[int]map[string]any{campaigntest.LineOf(t, data, f.Regs["MARTIN"]): {"Blocs à évaluer": "1"}})
		rep, err := campaign.Return(ctx, st, f.Caller(t, "CAF69", "2026-03-03"), &f.Campaign, "CAF69", "recueil.xlsx", filled, false, 0)
		if err == nil || len(rep.Lines) == 0 || !strings.Contains(strings.Join(rep.Lines[1].Errors, ""), "seule l'équipe des examens peut encore modifier ou supprimer cette inscription") {
			t.Errorf("retrait d'un bloc après la date limite de modification : %v %+v", err, rep.Lines)
		}
		if _, err := campaign.Return(ctx, st, f.Caller(t, "", "2026-03-03"), &f.Campaign, "CAF69", "recueil.xlsx", filled, true, 0); err != nil {
			t.Errorf("l'équipe des examens importe le même tableau : %v", err)
		}
	})
}

func TestR5_RemindersAtD30D7D1AreSentOnceHoweverOftenTheSchedulerRuns(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f, data := launched(t, st)
		run := func(day string, want int) {
			t.Helper()
			for i := range 3 {
				n, err := campaign.SendReminders(ctx, st, certif.MustDate(day), "")
				must(t, err)
				if i == 0 && n != want || i > 0 && n != 0 {
					t.Errorf("le %s, passage %d : %d relance(s) mises en file", day, i+1, n)
				}
			}
		}
		run("2026-01-27", 0) // D-31
		run("2026-01-28", 2) // D-30: CAF and Urssaf
		run("2026-02-10", 0)
		_, err := campaign.Return(ctx, st, f.Caller(t, "CAF69", "2026-02-15"), &f.Campaign, "CAF69", "recueil.xlsx", data, true, 0)
		must(t, err)
		run("2026-02-22", 1) // D-5: only the Urssaf, D-7 caught up
		run("2026-02-26", 1) // D-1
		run("2026-02-27", 0) // the deadline itself: D-1 already sent
		run("2026-03-01", 0) // after the deadline
		mails, _, err := st.OutboxMails(ctx, store.OutboxFilter{Kind: "reminder", PerPage: 100})
		must(t, err)
		var keys []string
		for _, m := range mails {
			keys = append(keys, m.DedupKey)
		}
		slices.Sort(keys)
		want := []string{"reminder:2026-06:CAF69:D-30", "reminder:2026-06:URSSAF-RA:D-1", "reminder:2026-06:URSSAF-RA:D-30", "reminder:2026-06:URSSAF-RA:D-7"}
		if !slices.Equal(keys, want) {
			t.Errorf("relances %q\nattendues %q", keys, want)
		}
		m, err := st.OutboxMailByID(ctx, mails[0].ID)
		must(t, err)
		if m.Subject != "Relance : tableau de recueil de juin 2026 d'URSSAF-RA attendu demain" || !strings.Contains(m.Text, "au plus tard le 27/02/2026, soit demain") {
			t.Errorf("relance D-1 : %q\n%s", m.Subject, m.Text)
		}
	})
}

func TestR17_AnEmployerWithNobodyDeclaresNilForTheCampaign(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := campaigntest.New(t, st)
		if err := st.DeclareCollectionNil(ctx, f.Caller(t, "", "2026-02-01"), f.Campaign, "CAF69"); certif.ErrorCode(err) != certif.EConflict {
			t.Errorf("néant d'un employeur qui présente des candidats : %v", err)
		}
		must(t, st.DeclareCollectionNil(ctx, f.Caller(t, "", "2026-02-01"), f.Campaign, "CARSAT-AQ"))
		b, err := campaign.BuildBoard(ctx, st, f.Campaign, certif.MustDate("2026-03-10"))
		must(t, err)
		if b.Count(certif.CollectionNil) != 1 || b.Count(certif.CollectionNotSent) != 2 || b.ToSend != 2 {
			t.Errorf("tableau de bord : %+v", b.Counts)
		}
		carsat, _ := st.EmployerByCode(ctx, "CARSAT-AQ")
		decl, err := st.NilDeclarations(ctx, store.Scope{EmployerID: carsat.ID})
		must(t, err)
		if len(decl) != 2 || decl[0].Period != certif.MustMonth("2026-07") || decl[1].Period != certif.MustMonth("2026-06") {
			t.Errorf("déclarations néant (R17) : %+v", decl)
		}
		if n, _ := campaign.SendReminders(ctx, st, certif.MustDate("2026-02-26"), ""); n != 0 {
			t.Errorf("relance d'un employeur « néant » ou sans tableau : %d", n)
		}
	})
}

func TestR5_ATableWrittenByAnotherXLSXWriterImports(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := campaigntest.New(t, st)
		file := xlsx.NewFile()
		sh, err := file.AddSheet("Recueil")
		must(t, err)
		for _, values := range [][]any{
			{"Campagne", "N° inscription", "Blocs à évaluer", "Site d'évaluation", "Horaires d'ouverture de l'accueil", "Horaires de la plateforme téléphonique"},
			{"2026-06", f.Regs["LEROY"], "1;2;3", "", "8 h – 17 h", "9 h – 12 h"},
		} {
			row := sh.AddRow()
			for _, v := range values {
				row.AddCell().SetValue(v)
			}
		}
		var buf bytes.Buffer
		must(t, file.Write(&buf))
		rep, err := campaign.Return(ctx, st, f.Caller(t, "", "2026-02-20"), nil, "URSSAF-RA", "recueil.xlsx", buf.Bytes(), true, 0)
		if err != nil || rep.Accepted != 1 || rep.Campaign != f.Campaign.Name {
			t.Fatalf("classeur écrit par un autre logiciel : %v %+v %+v", err, rep.CollectionReport, rep.Lines)
		}
	})
}

type fixedDay certif.Date

func (d fixedDay) Today() certif.Date { return certif.Date(d) }

// TestR5_RemindQueuesTheDueRemindersAndLogsThem: one run of the server's
// hourly chore queues the reminders due (D-7 here) and says how many; serve
// runs it in the background (cmd/certibloc TestServeRunsItsChoresInTheBackground).
func TestR5_RemindQueuesTheDueRemindersAndLogsThem(t *testing.T) {
	t.Parallel()
	st := storetest.Open(t, "sqlite")
	launched(t, st)
	var log bytes.Buffer
	campaign.Remind(ctx, st, fixedDay(certif.MustDate("2026-02-20")), "", slog.New(slog.NewTextHandler(&log, nil)))
	_, n, err := st.OutboxMails(ctx, store.OutboxFilter{Kind: "reminder"})
	must(t, err)
	if n != 2 || !strings.Contains(log.String(), `msg="relances des tableaux de recueil mises en file" count=2`) {
		t.Errorf("%d relance(s), 2 attendues (D-7) ; journal :\n%s", n, log.String())
	}
}
