package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"certibloc/internal/certif"
	"certibloc/internal/certificate"
	"certibloc/internal/store/storetest"
)

// verifyFixture writes the public key, a certificate PDF and its credential.
func verifyFixture(t *testing.T) (keyPath, pdfPath, jwtPath, payload string) {
	t.Helper()
	pub, priv, err := certificate.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	is := certificate.Issuer{Key: priv, BaseURL: "https://certibloc.example.fr"}
	c := certificate.Certificate{
		Number: "CCP-2026-000123", Kind: certificate.CCP,
		Qualification: certificate.Qualification{Code: "GC", Title: "Gestionnaire conseil de la Sécurité sociale", RNCP: "RNCP35729"},
		Block:         certificate.Block{Number: 2, RNCP: "RNCP35729BC02"},
		Holder:        certificate.Holder{Sex: "F", BirthName: "Durand", UsageName: "Martin", FirstName: "Léa", BirthDate: certif.MustDate("1991-02-03")},
		IssuedOn:      certif.MustDate("2026-12-17"), JuryDate: certif.MustDate("2026-12-17"),
	}
	dir := t.TempDir()
	keyPath, pdfPath, jwtPath = filepath.Join(dir, "cle.pub"), filepath.Join(dir, "certificat.pdf"), filepath.Join(dir, "attestation.jwt")
	pdf, err := is.PDFBytes(c)
	if err != nil {
		t.Fatal(err)
	}
	jwt, err := is.Credential(c)
	if err != nil {
		t.Fatal(err)
	}
	payload, _ = is.Payload(c)
	for path, data := range map[string][]byte{keyPath: certificate.EncodePublicKey(pub), pdfPath: pdf, jwtPath: []byte(jwt)} {
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return keyPath, pdfPath, jwtPath, payload
}

func TestVerifyAcceptsPDFPayloadURLAndCredential(t *testing.T) {
	t.Parallel()
	key, pdf, jwt, payload := verifyFixture(t)
	for _, arg := range []string{pdf, jwt, payload, "https://certibloc.example.fr/verifier?p=" + payload} {
		code, out, errOut := cli(t, "verify", arg, "--public-key", key)
		if code != 0 {
			t.Fatalf("%.40s : code %d %s", arg, code, errOut)
		}
		for _, want := range []string{"Certificat authentique", "n° CCP-2026-000123", "Titulaire : MARTIN (DURAND) Léa, née le 03/02/1991",
			"Bloc 2 (RNCP35729BC02), du CQP Gestionnaire conseil de la Sécurité sociale (RNCP35729)", "17/12/2026"} {
			if !strings.Contains(out, want) {
				t.Errorf("%.40s : %q absent :\n%s", arg, want, out)
			}
		}
	}
}

func TestVerifyRefusesTamperedOrForeignAndSaysWhyInFrench(t *testing.T) {
	t.Parallel()
	key, pdf, _, payload := verifyFixture(t)
	otherKey, _, _, _ := verifyFixture(t)
	data, _ := os.ReadFile(pdf)
	tampered := filepath.Join(t.TempDir(), "modifie.pdf")
	os.WriteFile(tampered, []byte(strings.Replace(string(data), "certibloc-verification:AQ", "certibloc-verification:AR", 1)), 0o600)
	for name, args := range map[string][]string{
		"charge modifiée": {"verify", payload[:20] + "x" + payload[21:], "--public-key", key},
		"tronquée":        {"verify", payload[:len(payload)-10], "--public-key", key},
		"PDF modifié":     {"verify", tampered, "--public-key", key},
		"autre clé":       {"verify", pdf, "--public-key", otherKey},
	} {
		code, out, errOut := cli(t, args...)
		if code != 1 || out != "" || !strings.Contains(errOut, "certificat inconnu ou falsifié") {
			t.Errorf("%s : code %d, %q %q", name, code, out, errOut)
		}
	}
}

func TestVerifyUsageErrors(t *testing.T) {
	t.Parallel()
	key, pdf, _, _ := verifyFixture(t)
	bad := filepath.Join(t.TempDir(), "cle")
	os.WriteFile(bad, []byte("pas une clé"), 0o600)
	for _, args := range [][]string{
		{"verify", pdf},
		{"verify", "--public-key", key},
		{"verify", pdf, pdf, "--public-key", key},
		{"verify", pdf, "--public-key", filepath.Join(t.TempDir(), "absente")},
		{"verify", pdf, "--public-key", bad},
		{"verify", "introuvable.pdf", "--public-key", key},
	} {
		if code, _, errOut := cli(t, args...); code != 2 || !strings.Contains(errOut, "Erreur : ") {
			t.Errorf("%v : code %d %s", args, code, errOut)
		}
	}
}

func TestVerifyCodeAsksTheDatabaseAndLogsIt(t *testing.T) {
	t.Parallel()
	eachDB(t, func(t *testing.T, dsn string) {
		for _, asked := range []string{"ABCD-EFGH-JKMN", "pas un code"} {
			code, out, errOut := cli(t, "verify", "--code", asked, "--db", dsn)
			if code != 1 || out != "" || !strings.Contains(errOut, "certificat inconnu ou falsifié") {
				t.Errorf("%s : code %d, %q %q", asked, code, out, errOut)
			}
		}
		if n, err := storetest.OpenDSN(t, dsn).Verifications(ctx); err != nil || n["unknown"] != 2 {
			t.Errorf("vérifications journalisées : %v %v", n, err)
		}
		if code, _, errOut := cli(t, "verify", "--code", "ABCD-EFGH-JKMN", "fichier.pdf", "--db", dsn); code != 2 || !strings.Contains(errOut, "--code se suffit") {
			t.Errorf("--code avec un fichier : %d %s", code, errOut)
		}
	})
}
