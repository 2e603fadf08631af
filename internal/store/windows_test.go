package store_test

import (
	"strings"
	"testing"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// TestR1_StoreRunsBothModelsWithTheSameCode registers, changes and deletes
// through the same store calls with no window (2023 and after: R6 and R20)
// and with a window (the 2022 campaign model: the employer inside it only,
// the office outside it too, traced).
func TestR1_StoreRunsBothModelsWithTheSameCode(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, st *store.Store) {
		f := newRegFixture(t, st)
		on := func(by store.Caller, day string) store.Caller { by.Today = certif.MustDate(day); return by }
		req := certif.RegistrationRequest{Qualification: "COS", Path: certif.PathComplete, CertifiableFrom: certif.MustDate("2026-09-07"), Contract: certif.ContractCDI}

		// No window: all year round, R6 (period September 2026: register by 01/06/2026).
		if ws, err := st.RegistrationWindows(ctx); err != nil || len(ws) != 0 {
			t.Fatalf("aucune fenêtre par défaut : %v %v", ws, err)
		}
		g, err := st.CreateRegistration(ctx, on(f.hr, "2026-05-15"), f.lea.ID, req)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.UpdateRegistration(ctx, on(f.hr, "2026-06-10"), g.ID, req); !strings.Contains(certif.ErrorMessage(err), "seule l'équipe des examens peut encore modifier ou supprimer cette inscription") {
			t.Errorf("sans fenêtre, R20 : %v", err)
		}

		// The 2022 model: one window for every qualification, 01/06–20/06/2026.
		w, err := st.SaveRegistrationWindow(ctx, f.office, certif.RegistrationWindow{Opens: certif.MustDate("2026-06-01"), Closes: certif.MustDate("2026-06-20"), Label: "Session de septembre"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.UpdateRegistration(ctx, on(f.hr, "2026-06-10"), g.ID, req); err != nil {
			t.Errorf("dans la fenêtre, l'employeur modifie malgré R20 : %v", err)
		}
		if _, err := st.UpdateRegistration(ctx, on(f.hr, "2026-05-20"), g.ID, req); !strings.Contains(certif.ErrorMessage(err), "Prochaine ouverture : le 01/06/2026") {
			t.Errorf("avant la fenêtre : %v", err)
		}
		if err := st.DeleteRegistration(ctx, on(f.hr, "2026-06-21").Because("erreur"), g.ID, 0); certif.ErrorCode(err) != certif.EForbidden {
			t.Errorf("après la fenêtre, l'employeur ne supprime pas : %v", err)
		}
		late := req
		late.Qualification = "MOSS" // open to Maladie, Marc's branch
		late.CertifiableFrom = certif.MustDate("2026-10-05")
		if _, err := st.CreateRegistration(ctx, on(f.hr, "2026-06-21"), f.marc.ID, late); certif.ErrorCode(err) != certif.ENotFound {
			t.Errorf("portée de l'employeur : %v", err)
		}
		if _, err := st.CreateRegistration(ctx, on(f.hr, "2026-06-21"), f.lea.ID, certif.RegistrationRequest{Qualification: "CA", Path: certif.PathComplete,
			CertifiableFrom: certif.MustDate("2026-12-01"), Contract: certif.ContractCDI}); !strings.Contains(certif.ErrorMessage(err), "se font pendant la fenêtre d'inscription") {
			t.Errorf("après la fenêtre, l'employeur n'inscrit pas : %v", err)
		}
		office := on(f.office, "2026-06-21")
		if _, err := st.CreateRegistration(ctx, office, f.marc.ID, late); err != nil {
			t.Errorf("l'équipe des examens inscrit hors fenêtre : %v", err)
		}
		if err := st.DeleteRegistration(ctx, office.Because("le candidat a quitté l'organisme"), g.ID, 0); err != nil {
			t.Errorf("l'équipe des examens supprime hors fenêtre : %v", err)
		}
		events, _ := st.AuditEvents(ctx, store.SystemViewer("test"), store.AuditFilter{Entity: "registration"})
		outside := 0
		for _, e := range events {
			if e.Action == "outside_window" && e.UserEmail == "office@test.fr" && strings.Contains(e.Reason, "Hors de la fenêtre d'inscription") {
				outside++
			}
		}
		if outside != 2 {
			t.Errorf("actions hors fenêtre tracées : %d, attendu 2", outside)
		}

		// Managing windows is traced; a window of one CQP leaves the others all year round.
		w.Qualification, w.Period = "cos", certif.MustMonth("2026-09")
		if w, err = st.SaveRegistrationWindow(ctx, f.office, w); err != nil || w.Qualification != "COS" {
			t.Fatalf("fenêtre du COS : %+v %v", w, err)
		}
		if _, err := st.CreateRegistration(ctx, on(f.hr, "2026-06-21"), f.lea.ID, certif.RegistrationRequest{Qualification: "CA", Path: certif.PathComplete,
			CertifiableFrom: certif.MustDate("2026-12-01"), Contract: certif.ContractCDI}); err != nil {
			t.Errorf("hors de la portée de la fenêtre, R6 seul : %v", err)
		}
		if _, err := st.SaveRegistrationWindow(ctx, f.office, certif.RegistrationWindow{Opens: certif.MustDate("2026-06-20"), Closes: certif.MustDate("2026-06-01")}); certif.ErrorFields(err)["closes"] == "" {
			t.Errorf("fenêtre à l'envers : %v", err)
		}
		if _, err := st.SaveRegistrationWindow(ctx, f.office, certif.RegistrationWindow{Opens: certif.MustDate("2026-06-01"), Closes: certif.MustDate("2026-06-20"), Qualification: "NOPE"}); certif.ErrorFields(err)["qualification"] == "" {
			t.Errorf("CQP inconnu : %v", err)
		}
		if err := st.DeleteRegistrationWindow(ctx, f.office.Because("retour au modèle 2023"), w.ID); err != nil {
			t.Fatal(err)
		}
		if err := st.DeleteRegistrationWindow(ctx, f.office, w.ID); certif.ErrorCode(err) != certif.ENotFound {
			t.Errorf("fenêtre déjà supprimée : %v", err)
		}
		events, _ = st.AuditEvents(ctx, store.SystemViewer("test"), store.AuditFilter{Entity: "registration_window", EntityKey: idText(w.ID)})
		if len(events) < 3 || events[0].Action != "delete" || events[0].Reason != "retour au modèle 2023" || !hasEvent(events, "registration_window", "create") ||
			!hasEvent(events, "registration_window", "update") {
			t.Errorf("gestion des fenêtres tracée : %+v", events)
		}
	})
}
