package web_test

import (
	"strings"
	"testing"
)

// TestBrowserACandidateDownloadsACertificateThatAnyoneVerifies: the
// candidate finds her certificate in her space and downloads its PDF and its
// credential; a stranger, without an account, follows the certificate's
// verification address, then types its short code on /verifier.
func TestBrowserACandidateDownloadsACertificateThatAnyoneVerifies(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	cert := proclaimLea(t, e)
	tab := browsers.Get(t).NewTab(t)
	loginInBrowser(t, e, tab, "candidate")
	tab.Navigate(e.ts.URL + "/certificats")
	tab.CheckA11y()
	tab.Click(`a[href="/certificats/` + cert.Number + `"]`)
	if got := tab.Text("main"); !strings.Contains(got, "MARTIN (DURAND) Léa, né·e le 03/02/1991") || !strings.Contains(got, "valide") {
		t.Fatalf("page du certificat : %.1500s", got)
	}
	tab.CheckA11y()
	if f := tab.Fetch(`/certificats/` + cert.Number + `/pdf`); f.Status != 200 || f.Type != "application/pdf" || !strings.HasPrefix(f.Head, "%PDF-") {
		t.Errorf("PDF téléchargé : %+v", f)
	}
	if f := tab.Fetch(`/certificats/` + cert.Number + `/attestation`); f.Status != 200 || f.Type != "application/vc+jwt" || !strings.HasPrefix(f.Head, "eyJ") {
		t.Errorf("attestation téléchargée : %+v", f)
	}
	verifyURL := tab.HTML()
	_, after, _ := strings.Cut(verifyURL, `Adresse de vérification : <a href="`)
	link, _, _ := strings.Cut(after, `"`)
	link = strings.ReplaceAll(link, "&amp;", "&")
	if !strings.Contains(link, "/verifier?p=") {
		t.Fatalf("adresse de vérification : %q", link)
	}

	stranger := browsers.Get(t).NewTab(t)
	stranger.Navigate(e.ts.URL + link[strings.Index(link, "/verifier"):])
	if got := stranger.Text("#verification"); !strings.Contains(got, "Certificat valide") || !strings.Contains(got, cert.Number) {
		t.Fatalf("vérification par le QR code : %q", got)
	}
	stranger.CheckA11y()
	stranger.Fill("#code", strings.ToLower(strings.ReplaceAll(cert.Code, "-", " ")))
	stranger.Click(`form[action="/verifier"] button[type=submit]`)
	if got := stranger.Text("#verification"); !strings.Contains(got, "Certificat valide") || !strings.Contains(got, "MARTIN (DURAND) Léa") {
		t.Fatalf("vérification par le code : %q", got)
	}
	stranger.CheckA11y()
	stranger.Fill("#code", "ZZZZ-ZZZZ-ZZZZ")
	stranger.Click(`form[action="/verifier"] button[type=submit]`)
	if got := stranger.Text("#verification"); !strings.Contains(got, "Certificat inconnu ou falsifié") {
		t.Fatalf("code inconnu : %q", got)
	}
	stranger.CheckA11y()
}
