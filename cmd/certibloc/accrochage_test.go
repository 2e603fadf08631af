package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"certibloc/internal/accrochage"
	"certibloc/internal/accrochage/accrochagetest"
	"certibloc/internal/certif"
	"certibloc/internal/seed"
	"certibloc/internal/store"
	"certibloc/internal/store/storetest"
)

// accrochageDB is a database with two GCs obtained on 15/06/2026, one
// complete, one whose holder's country of birth is entered by its name.
func accrochageDB(t *testing.T) string {
	t.Helper()
	dsn := tempDB(t)
	st := storetest.OpenDSN(t, dsn)
	if _, err := seed.Load(ctx, st); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateEmployer(ctx, store.Platform(), certif.Employer{Code: "CAF69", Name: "CAF du Rhône", Type: "CAF", Branch: "famille", Region: "Auvergne-Rhône-Alpes"}); err != nil {
		t.Fatal(err)
	}
	today := certif.MustDate("2026-10-01")
	for i, c := range []certif.Candidate{
		{BirthName: "Durand", FirstNames: []string{"Léa"}, Sex: "F", BirthDate: certif.MustDate("1990-04-02"), BirthINSEE: "69123"},
		{BirthName: "García", FirstNames: []string{"Lucía"}, Sex: "F", BirthDate: certif.MustDate("1991-07-07"), BirthCountry: "Espagne"},
	} {
		c.EmployerCode = "CAF69"
		saved, err := st.CreateCandidate(ctx, store.PlatformOn(today), c)
		if err != nil {
			t.Fatal(err)
		}
		n := string(rune('1' + i))
		storetest.CQPCertificate(t, dsn, saved.ID, "GC", certif.MustDate("2026-06-15"), "CQP-2026-00000"+n, "CODE-"+n)
	}
	if err := st.SaveAccrochageSettings(ctx, store.Platform(), store.AccrochageSettings{ClientID: "UCANSS01", ContractID: "CTR-2026-01"}); err != nil {
		t.Fatal(err)
	}
	return dsn
}

func TestAccrochageExportThenAcknowledgement(t *testing.T) {
	t.Parallel()
	dsn := accrochageDB(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "flux.xml")
	code, out, errOut := cli(t, "accrochage", "export", "--db", dsn, "--dry-run", "--output", file, "--base-url", "https://certibloc.example.fr")
	if code != 0 || !strings.Contains(out, "Essai (--dry-run) : rien n'est enregistré ; le flux n° 1 compterait 1 certification.") ||
		!strings.Contains(out, "Non déclarable : CQP-2026-000002 (GARCÍA Lucía, née le 07/07/1991, CQP GC) : naissance : code du pays « ESPAGNE » invalide (3 caractères attendus)") {
		t.Fatalf("essai : %d\n%s\n%s", code, out, errOut)
	}
	flow, err := os.ReadFile(file)
	if err != nil || !strings.Contains(string(flow), "<urlPreuve>https://certibloc.example.fr/verifier?code=CODE-1</urlPreuve>") {
		t.Fatalf("flux de l'essai : %v\n%s", err, flow)
	}
	t.Run("xmllint", func(t *testing.T) { accrochagetest.Validate(t, flow) })
	code, out, errOut = cli(t, "accrochage", "export", "--db", dsn, "--from", "2026-06-01", "--to", "2026-06-30", "--output", file)
	if code != 0 || !strings.Contains(out, "Flux n° 1 enregistré : 1 certification, à déposer sur le portail de la Caisse des Dépôts sous le nom accrochage_UCANSS01_000001.xml.") {
		t.Fatalf("export : %d\n%s\n%s", code, out, errOut)
	}
	if code, out, _ = cli(t, "accrochage", "export", "--db", dsn, "--output", file); code != 0 || !strings.Contains(out, "Aucune certification à déclarer : pas de flux.") {
		t.Errorf("second export : %d %s", code, out)
	}
	report := filepath.Join(dir, "accuse.xml")
	if err := os.WriteFile(report, accrochage.ReportXML("accrochage_UCANSS01_000001.xml", []string{"CQP-2026-000001"}, nil), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = cli(t, "accrochage", "ack", "--db", dsn, report)
	if code != 0 || !strings.Contains(out, "Accusé de traitement du flux n° 1 (accrochage_UCANSS01_000001.xml) enregistré : 1 enregistrement accepté, 0 rejeté.") {
		t.Errorf("accusé : %d\n%s\n%s", code, out, errOut)
	}
	if err := os.WriteFile(report, []byte("<rapport><nomFichier>autre.xml</nomFichier></rapport>"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = cli(t, "accrochage", "ack", "--db", dsn, report)
	if code != 1 || strings.TrimSpace(errOut) != "Erreur : Accusé de traitement refusé : l'accusé de traitement concerne le fichier « autre.xml », qui n'est pas un flux envoyé par la plateforme. Rien n'a été modifié." {
		t.Errorf("accusé d'un autre flux : %d %q", code, errOut)
	}
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"accrochage", "ack", "--db", dsn}, 2, "indiquez le FICHIER"},
		{[]string{"accrochage", "ack", "--db", dsn, filepath.Join(dir, "absent.xml")}, 1, "introuvable"},
		{[]string{"accrochage", "export", "--db", dsn, "--from", "01/06/2026"}, 2, "--from : date invalide"},
	} {
		if code, _, errOut := cli(t, c.args...); code != c.code || !strings.Contains(errOut, c.want) {
			t.Errorf("%v : %d %q", c.args, code, errOut)
		}
	}
}
