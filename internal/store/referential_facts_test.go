package store_test

import (
	"slices"
	"strings"
	"testing"

	"certibloc/internal/accrochage"
	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// TestMigration27EmptiesPlaceholderTitlesAndShipsFacts: a database seeded
// before migration 0027 held "Intitulé à compléter" as block titles; after
// it they are empty (shown "Bloc n"), a title the office entered stays, and
// the public facts (NSF, Formacode, certifiers, regulated) are filled in;
// after 0028 the Maladie programmes no longer read as CQPs "à compléter",
// and after 0033 they are programmes (the CQP they most likely lead to
// proposed, to confirm), no longer qualifications.
func TestMigration27EmptiesPlaceholderTitlesAndShipsFacts(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects(t) {
		t.Run(d, func(t *testing.T) {
			t.Parallel()
			st, err := store.OpenMigratedTo(ctx, storetest.DSN(t, d), 26)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			for _, q := range []string{
				`INSERT INTO qualifications (code, title, rncp, level, route) VALUES ('COS', 'Conseiller offres de services de la Sécurité sociale', 'RNCP35543', 4, 'collection_table')`,
				`INSERT INTO qualifications (code, title, rncp, level, route) VALUES ('IR', 'Inspecteur du recouvrement', 'RNCP35744', 7, 'training_planning')`,
				`INSERT INTO branches (code, name, remote_tool, position) VALUES ('maladie', 'Maladie', 'Zoom', 1)`,
				`INSERT INTO qualifications (code, title, route) VALUES ('GC', 'Gestionnaire conseil de la Sécurité sociale', 'collection_table')`,
				`INSERT INTO qualifications (code, title, route) VALUES ('GCAM', 'CQP GCAM (intitulé complet à compléter)', 'census')`,
				`INSERT INTO qualifications (code, title, route) VALUES ('DNS', 'CQP DNS (intitulé complet à compléter)', 'census')`,
				`INSERT INTO blocks (qualification_code, number, title, placeholder, modalities) VALUES ('COS', 1, 'Intitulé à compléter', TRUE, 'observation')`,
				`INSERT INTO blocks (qualification_code, number, title, placeholder, modalities) VALUES ('COS', 2, 'Accueillir et orienter le public', FALSE, 'observation')`,
				`INSERT INTO blocks (qualification_code, number, title, placeholder, modalities) VALUES ('IR', 1, 'Intitulé à compléter', TRUE, 'oral')`,
			} {
				if err := st.Exec(ctx, q); err != nil {
					t.Fatal(err)
				}
			}
			if applied, err := st.Migrate(ctx); err != nil || !slices.Contains(applied, "0027_referential_facts.sql") || !slices.Contains(applied, "0028_maladie_programmes.sql") {
				t.Fatalf("migration : %v %v", applied, err)
			}
			cos, err := st.Qualification(ctx, "COS")
			if err != nil {
				t.Fatal(err)
			}
			if b := cos.Blocks[0]; b.Title != "" || b.Placeholder || b.Label() != "Bloc 1" {
				t.Errorf("intitulé provisoire non vidé : %+v", b)
			}
			if b := cos.Blocks[1]; b.Label() != "Bloc 2 – Accueillir et orienter le public" {
				t.Errorf("intitulé saisi perdu : %q", b.Label())
			}
			if cos.UntitledBlocks() != 1 || !slices.Equal(cos.NSF, []string{"310", "300"}) || !slices.Equal(cos.Formacodes, []string{"13236"}) || cos.Regulated {
				t.Errorf("faits du COS : %+v", cos)
			}
			ir, err := st.Qualification(ctx, "IR")
			if err != nil || !ir.Regulated || len(ir.Certifiers) != 2 || !strings.HasPrefix(ir.Certifiers[0], "UCANSS") {
				t.Errorf("faits de l'IR : %+v %v", ir, err)
			}
			if _, err := st.Qualification(ctx, "GCAM"); certif.ErrorCode(err) != certif.ENotFound {
				t.Errorf("GCAM est encore un CQP : %v", err)
			}
			progs, err := st.Programmes(ctx)
			if err != nil || len(progs) != 2 {
				t.Fatalf("programmes : %+v %v", progs, err)
			}
			if g := progs[0]; g.Code != "GCAM" || g.Branch != "maladie" || g.Qualification != "GC" || g.Confirmed() || g.Route != certif.RouteCensus {
				t.Errorf("GCAM : %+v", g)
			}
			if d := progs[1]; d.Code != "DNS" || d.Qualification != "" || d.Confirmed() {
				t.Errorf("DNS : %+v", d)
			}
		})
	}
}

// testRNCPRegistrationsEdit: the office renews a CQP's registration under a
// new number; the change is traced, an invalid list is refused in French, and
// an edit made on registrations someone changed since is refused (stale).
func testRNCPRegistrationsEdit(t *testing.T, st *store.Store) {
	office := store.Caller{Actor: store.Actor{Email: "office@test.fr"}, Role: certif.RoleOffice, Scope: store.All}
	all, err := st.RNCPRegistrations(ctx)
	if err != nil || len(all["GC"]) != 1 || all["GC"][0].Code != "RNCP35729" {
		t.Fatalf("enregistrement livré du GC : %+v %v", all["GC"], err)
	}
	read := store.RNCPVersion(all["GC"])
	renewed := []accrochage.Registration{{Code: "RNCP35729", Until: certif.MustDate("2026-07-08")},
		{Code: "rncp 41234", From: certif.MustDate("2026-07-09"), Until: certif.MustDate("2031-07-08")}}
	if err := st.ReviseRNCPRegistrations(ctx, office, "GC", read, renewed); err != nil {
		t.Fatal(err)
	}
	all, err = st.RNCPRegistrations(ctx)
	if err != nil || len(all["GC"]) != 2 || all["GC"][1].Code != "RNCP41234" || all["GC"][1].Until.String() != "2031-07-08" {
		t.Fatalf("renouvellement perdu : %+v %v", all["GC"], err)
	}
	events, err := st.AuditEvents(ctx, store.SystemViewer("test"), store.AuditFilter{Entity: "qualification", EntityKey: "GC"})
	if err != nil || len(events) == 0 || events[0].Field != "rncp_registrations" || events[0].UserEmail != "office@test.fr" ||
		!strings.Contains(events[0].After, "RNCP41234 (du 09/07/2026 au 08/07/2031)") {
		t.Errorf("modification non tracée : %+v %v", events, err)
	}
	// A second editor still holds the first version: refused, nothing written.
	if err := st.ReviseRNCPRegistrations(ctx, office, "GC", read, renewed[:1]); certif.ErrorCode(err) != certif.EStale {
		t.Errorf("modification sur une version dépassée acceptée : %v", err)
	}
	overlap := []accrochage.Registration{{Code: "RNCP35729", Until: certif.MustDate("2026-07-08")}, {Code: "RNCP41234", From: certif.MustDate("2026-07-01")}}
	err = st.ReviseRNCPRegistrations(ctx, office, "GC", store.RNCPVersion(all["GC"]), overlap)
	if certif.ErrorCode(err) != certif.EInvalid || !strings.Contains(certif.ErrorFields(err)["rncp"], "en vigueur en même temps") {
		t.Errorf("chevauchement accepté : %v", err)
	}
	if after, _ := st.RNCPRegistrations(ctx); len(after["GC"]) != 2 || after["GC"][1].From.String() != "2026-07-09" {
		t.Errorf("un refus a modifié les enregistrements : %+v", after["GC"])
	}
	if err := st.ReviseRNCPRegistrations(ctx, office, "NOPE", "", nil); certif.ErrorCode(err) != certif.ENotFound {
		t.Errorf("certification inconnue : %v", err)
	}
}
