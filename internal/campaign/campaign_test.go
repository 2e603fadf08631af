package campaign_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"certibloc/internal/campaign"
	"certibloc/internal/campaign/campaigntest"
	"certibloc/internal/certif"
	"certibloc/internal/progress"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

var ctx = context.Background()

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestR5_ACampaignConcernsGCAndCOSOfFamilleRecouvrementRetraiteNotStartechNorRepeating(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := campaigntest.New(t, st)
		tables, err := campaign.Tables(ctx, st, f.Campaign, "")
		must(t, err)
		got := map[string][]int64{}
		for _, tb := range tables {
			for _, l := range tb.Table.Lines {
				got[tb.Employer.Code] = append(got[tb.Employer.Code], l.RegistrationID)
			}
		}
		want := map[string][]int64{"CAF69": {f.Regs["ANDRE"], f.Regs["MARTIN"]}, "URSSAF-RA": {f.Regs["LEROY"]}}
		if len(got) != len(want) || !slices.Equal(got["CAF69"], want["CAF69"]) || !slices.Equal(got["URSSAF-RA"], want["URSSAF-RA"]) {
			t.Errorf("tableaux %v, attendu %v (ni CPAM, ni Startech, ni redoublant, ni MOSS, ni septembre)", got, want)
		}
		martin := tables[0].Table.Lines[1]
		if martin.Identity != "MARTIN Camille, née le 15/03/1990" || !slices.Equal(martin.Registered, []int{1, 3}) ||
			!slices.Equal(martin.Remaining, []int{1, 2, 3, 4}) || martin.Periods != "juin 2026" || martin.Specialty != "Famille" ||
			martin.Site != "Accueil de Lyon Part-Dieu" || martin.ReceptionHours != "Du lundi au vendredi, 8 h 30 – 16 h 30" {
			t.Errorf("ligne pré-remplie : %+v", martin)
		}
	})
}

func TestR5_LaunchSendsEachEmployerItsTableOnce(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := campaigntest.New(t, st)
		rep, err := campaign.Launch(ctx, st, campaigntest.Office, f.Campaign, "https://certibloc.example.fr")
		must(t, err)
		if !slices.Equal(rep.Sent, []string{"CAF69", "URSSAF-RA"}) || len(rep.Already) != 0 {
			t.Fatalf("lancement : %+v", rep)
		}
		mails, _, err := st.OutboxMails(ctx, store.OutboxFilter{Kind: "collection_table"})
		must(t, err)
		if len(mails) != 2 {
			t.Fatalf("%d courriels", len(mails))
		}
		m, err := st.OutboxMailByID(ctx, mails[1].ID)
		must(t, err)
		if strings.Join(m.To, ",") != "rh@caf69.test,formation@caf69.test" || m.AttachmentName != "recueil-2026-06-CAF69.xlsx" || len(m.Attachment) == 0 ||
			!strings.Contains(m.Subject, "au plus tard le 27/02/2026") || !strings.Contains(m.Text, "Il liste 2 inscriptions") ||
			!strings.Contains(m.Text, "https://certibloc.example.fr/recueil/2026-06") {
			t.Errorf("courriel : %+v\n%s", m.Mail, m.Text)
		}
		caf, _ := st.EmployerByCode(ctx, "CAF69")
		name, content, err := st.CollectionFile(ctx, f.Campaign.Name, caf.ID)
		if err != nil || name != "recueil-2026-06-CAF69.xlsx" || len(content) == 0 {
			t.Errorf("tableau gardé pour l'espace de l'employeur : %q %d %v", name, len(content), err)
		}
		rep, err = campaign.Launch(ctx, st, campaigntest.Office, f.Campaign, "")
		must(t, err)
		if len(rep.Sent) != 0 || !slices.Equal(rep.Already, []string{"CAF69", "URSSAF-RA"}) {
			t.Errorf("second lancement : %+v", rep)
		}
		if _, n, _ := st.OutboxMails(ctx, store.OutboxFilter{Kind: "collection_table"}); n != 2 {
			t.Errorf("%d courriels après le second lancement", n)
		}
		b, err := campaign.BuildBoard(ctx, st, f.Campaign, certif.MustDate("2026-02-01"))
		must(t, err)
		if b.Count(certif.CollectionPending) != 2 || len(b.Rows) != 2 || b.Rows[0].Candidates != 2 {
			t.Errorf("tableau de bord : %+v", b)
		}
	})
}

// launched is a fixture whose campaign 2026-06 was launched, with the CAF's table.
func launched(t *testing.T, st *store.Store) (*campaigntest.Fixture, []byte) {
	t.Helper()
	f := campaigntest.New(t, st)
	_, err := campaign.Launch(ctx, st, campaigntest.Office, f.Campaign, "")
	must(t, err)
	caf, _ := st.EmployerByCode(ctx, "CAF69")
	_, data, err := st.CollectionFile(ctx, f.Campaign.Name, caf.ID)
	must(t, err)
	return f, data
}

func TestR18_RoundTripExportFillImport(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f, data := launched(t, st)
		martin, andre := campaigntest.LineOf(t, data, f.Regs["MARTIN"]), campaigntest.LineOf(t, data, f.Regs["ANDRE"])
		filled := campaigntest.FillTable(t, data, map[int]map[string]any{
			martin: {"Blocs à évaluer": "3", "Spécialité (filière)": "Recouvrement", "Aménagements nécessaires": "Salle accessible en fauteuil"},
			andre:  {"Horaires de la plateforme téléphonique": "9 h – 12 h et 14 h – 16 h"},
		})
		by := f.Caller(t, "CAF69", "2026-02-20")
		var checked, saved progress.Tracker
		rep, err := campaign.Return(progress.WithTracker(ctx, &checked), st, by, &f.Campaign, "CAF69", "recueil.xlsx", filled, false, 0)
		if err != nil {
			t.Fatalf("aperçu : %v %+v", err, rep.Lines)
		}
		if got := checked.Snapshot(); got != (progress.Snapshot{Phase: progress.Checking, Done: 2, Total: 2}) {
			t.Errorf("avancement de l'aperçu : %+v", got)
		}
		if rep.Accepted != 2 || rep.Changed != 1 || rep.Late {
			t.Errorf("aperçu : %+v", rep.CollectionReport)
		}
		var changes []string
		for _, l := range rep.Lines {
			changes = append(changes, l.Changes...)
		}
		want := []string{"Bloc 1 retiré : inscrit pour la campagne mais non évalué (inscription du bloc retirée)",
			"Spécialité (filière) : « Famille » devient « Recouvrement »", "Aménagements demandés (donnée de santé) : « Salle accessible en fauteuil »"}
		if !slices.Equal(changes, want) {
			t.Errorf("changements %q\nattendus %q", changes, want)
		}
		if reg, _ := st.Registration(ctx, f.Regs["MARTIN"], store.All); reg.Specialty != "Famille" {
			t.Fatal("l'aperçu a modifié l'inscription")
		}
		if _, err := campaign.Return(progress.WithTracker(ctx, &saved), st, by, &f.Campaign, "CAF69", "recueil.xlsx", filled, true, 0); err != nil {
			t.Fatal(err)
		}
		if got := saved.Snapshot(); got != (progress.Snapshot{Phase: progress.Saving, Done: 2, Total: 2}) {
			t.Errorf("avancement de l'enregistrement : %+v", got)
		}
		reg, err := st.Registration(ctx, f.Regs["MARTIN"], store.All)
		must(t, err)
		health := []certif.Registration{reg}
		must(t, st.RevealHealth(ctx, store.SystemViewer("test"), health))
		reg = health[0]
		if reg.Specialty != "Recouvrement" || !reg.Disability || reg.Adjustments != "Salle accessible en fauteuil" || reg.Attempts[0].Status != certif.AttemptWithdrawn {
			t.Errorf("inscription après retour : %+v", reg)
		}
		history, err := st.AuditEvents(ctx, store.SystemViewer("test"), store.AuditFilter{CandidateID: reg.CandidateID})
		must(t, err)
		if !slices.ContainsFunc(history, func(e certif.AuditEvent) bool {
			return e.Field == "specialty" && e.After == "Recouvrement" && e.Reason == "Tableau de recueil de la campagne de juin 2026"
		}) {
			t.Errorf("changement non tracé : %+v", history)
		}
		caf, _ := st.EmployerByCode(ctx, "CAF69")
		rows, err := st.CollectionRows(ctx, f.Campaign.Name, caf.ID)
		must(t, err)
		if r := rows[f.Regs["ANDRE"]]; r.PhoneHours != "9 h – 12 h et 14 h – 16 h" || r.ReceptionHours != "Du lundi au vendredi, 8 h 30 – 16 h 30" || !slices.Equal(r.Blocks, []int{1, 2, 3}) {
			t.Errorf("ligne gardée : %+v", r)
		}
		b, err := campaign.BuildBoard(ctx, st, f.Campaign, certif.MustDate("2026-03-10"))
		must(t, err)
		if b.Rows[0].Status != certif.CollectionReturned || b.Rows[0].ReturnedOn != certif.MustDate("2026-02-20") || b.Rows[1].Status != certif.CollectionMissing {
			t.Errorf("tableau de bord : %+v", b.Rows)
		}
		holds, err := st.CollectionHolds(ctx, caf.ID, certif.MustDate("2026-03-10"))
		if err != nil || len(holds) != 0 {
			t.Errorf("retour à temps : aucun blocage attendu, %+v %v", holds, err)
		}
	})
}

func TestR5_RowErrorsNameTheRowAndTheColumnAndNothingIsKept(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f, data := launched(t, st)
		martin, andre := campaigntest.LineOf(t, data, f.Regs["MARTIN"]), campaigntest.LineOf(t, data, f.Regs["ANDRE"])
		filled := campaigntest.FillTable(t, data, map[int]map[string]any{
			martin: {"Blocs à évaluer": "2", "Spécialité (filière)": "Recouvrement"},
			andre:  {"Horaires d'ouverture de l'accueil": "", "Site d'évaluation": "Site inconnu"},
		})
		rep, err := campaign.Return(ctx, st, f.Caller(t, "CAF69", "2026-02-20"), &f.Campaign, "CAF69", "recueil.xlsx", filled, true, 0)
		if certif.ErrorCode(err) != certif.EInvalid || !rep.FileRefused || rep.Refused != 2 {
			t.Fatalf("fichier accepté : %v %+v", err, rep.CollectionReport)
		}
		var errs []string
		for _, l := range rep.Lines {
			errs = append(errs, l.Errors...)
		}
		want := []string{
			"Ligne 2, colonne « Horaires d'ouverture de l'accueil » : horaires manquants : ils sont nécessaires pour organiser l'observation en situation réelle de travail.",
			"Ligne 3, colonne « Blocs à évaluer » : le bloc 2 n'est pas inscrit pour cette campagne (blocs inscrits : 1, 3) : inscrivez-le d'abord sur la plateforme.",
		}
		if !slices.Equal(errs, want) {
			t.Errorf("erreurs %q\nattendues %q", errs, want)
		}
		if reg, _ := st.Registration(ctx, f.Regs["MARTIN"], store.All); reg.Specialty != "Famille" {
			t.Error("un fichier refusé a modifié une inscription")
		}
		caf, _ := st.EmployerByCode(ctx, "CAF69")
		if r, _ := st.CollectionReturnOf(ctx, f.Campaign, caf); !r.ReturnedAt.IsZero() {
			t.Error("un fichier refusé a été enregistré comme retour")
		}
		other := campaigntest.FillTable(t, data, map[int]map[string]any{martin: {"N° inscription": f.Regs["LEROY"]}, andre: {"Campagne": "2026-09"}})
		rep, _ = campaign.Return(ctx, st, f.Caller(t, "CAF69", "2026-02-20"), &f.Campaign, "CAF69", "recueil.xlsx", other, false, 0)
		errs = nil
		for _, l := range rep.Lines {
			errs = append(errs, l.Errors...)
		}
		leroy := fmt.Sprintf("colonne « N° inscription » : l'inscription n° %d ne fait pas partie du tableau de CAF69 pour la campagne de juin 2026", f.Regs["LEROY"])
		if len(errs) != 2 || !strings.Contains(errs[0], "colonne « Campagne » : ligne de la campagne 2026-09") || !strings.Contains(errs[1], leroy) {
			t.Errorf("lignes d'une autre campagne ou d'un autre employeur : %q", errs)
		}
	})
}

func TestR5_HostileFilesAreRefusedCleanly(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f, data := launched(t, st)
		for name, file := range map[string][]byte{
			"pas un classeur": []byte("%PDF-1.4 pas un tableur"),
			"zip tronqué":     data[:len(data)/3],
			"vide":            nil,
		} {
			rep, err := campaign.Return(ctx, st, f.Caller(t, "CAF69", "2026-02-20"), &f.Campaign, "CAF69", "recueil.xlsx", file, true, 0)
			if code := certif.ErrorCode(err); (code != certif.EInvalid && code != certif.EBadRequest) || !rep.FileRefused || rep.Message == "" {
				t.Errorf("%s : %v %+v", name, err, rep)
			}
		}
	})
}
