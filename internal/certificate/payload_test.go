package certificate

import (
	"crypto/ed25519"
	"errors"
	"strings"
	"testing"

	"certibloc/internal/certif"
)

func TestPayloadRoundTrip(t *testing.T) {
	is := testIssuer()
	for _, c := range []Certificate{sampleCCP(), sampleCQP()} {
		p, err := is.Payload(c)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Verify(pub(is), p)
		if err != nil {
			t.Fatalf("%s : %v", c.Number, err)
		}
		if got != c.Claims() {
			t.Errorf("%s : %+v, attendu %+v", c.Number, got, c.Claims())
		}
	}
	got, _ := Verify(pub(is), must(is.Payload(sampleCCP())))
	if got.Holder != "MARTIN (DURAND) Léa, né·e le 03/02/1991" {
		t.Errorf("identité R16 : %q", got.Holder)
	}
}

// Each field changed, the signature kept: refused.
func TestPayloadTamperedFieldRefused(t *testing.T) {
	is := testIssuer()
	cl := sampleCCP().Claims()
	raw, _ := b64.DecodeString(must(is.Payload(sampleCCP())))
	sig := raw[len(raw)-ed25519.SignatureSize:]
	for i := range cl.fields() {
		f := cl.fields()
		f[i] += "x"
		body := []byte{payloadVersion}
		for _, s := range f {
			body = append(append(body, byte(len(s))), s...)
		}
		forged := b64.EncodeToString(append(body, sig...))
		if _, err := Verify(pub(is), forged); !errors.Is(err, ErrForged) || err.Error() != "certificat inconnu ou falsifié" {
			t.Errorf("champ %d modifié : %v", i, err)
		}
	}
}

// Every byte flipped, every truncation, another key: refused.
func TestPayloadBitFlipsTruncationsOtherKeyRefused(t *testing.T) {
	is := testIssuer()
	p := must(is.Payload(sampleCQP()))
	raw, _ := b64.DecodeString(p)
	for i := range raw {
		b := []byte(string(raw))
		b[i] ^= 0x01
		if _, err := Verify(pub(is), b64.EncodeToString(b)); err == nil {
			t.Errorf("octet %d modifié : accepté", i)
		}
	}
	for n := range len(p) {
		if _, err := Verify(pub(is), p[:n]); err == nil {
			t.Errorf("tronquée à %d : acceptée", n)
		}
	}
	other, _, _ := GenerateKey()
	if _, err := Verify(other, p); err == nil {
		t.Error("autre clé : acceptée")
	}
	forger := Issuer{Key: ed25519.NewKeyFromSeed(make([]byte, 32))}
	if _, err := Verify(pub(is), must(forger.Payload(sampleCQP()))); err == nil {
		t.Error("signée par un faussaire : acceptée")
	}
	if _, err := Verify(pub(is), p+"A"); err == nil {
		t.Error("caractère ajouté : accepté")
	}
}

func TestPayloadRefusesIncompleteCertificate(t *testing.T) {
	is := testIssuer()
	for name, edit := range map[string]func(*Certificate){
		"numéro":         func(c *Certificate) { c.Number = "CQP-2026-000123" },
		"sans bloc":      func(c *Certificate) { c.Block.Number = 0 },
		"sans naissance": func(c *Certificate) { c.Holder.BirthDate = certif.Date{} },
		"avant le jury":  func(c *Certificate) { c.IssuedOn = c.JuryDate.AddDays(-1) },
		"titre trop long": func(c *Certificate) {
			c.Block.Title = strings.Repeat("é", 200)
		},
	} {
		c := sampleCCP()
		edit(&c)
		var e *certif.Error
		if _, err := is.Payload(c); !errors.As(err, &e) {
			t.Errorf("%s : %v", name, err)
		}
	}
}

func TestBlockWithoutTitlePrintsBlocN(t *testing.T) {
	if got := (Block{Number: 3}).Label(); got != "Bloc 3" {
		t.Errorf("%q", got)
	}
}

func FuzzVerify(f *testing.F) {
	is := testIssuer()
	p := must(is.Payload(sampleCCP()))
	f.Add(p)
	f.Add(must(is.Payload(sampleCQP())))
	f.Add(p[:len(p)/2])
	f.Add("")
	f.Add("AQ")
	f.Add(strings.Repeat("_", 200))
	f.Fuzz(func(t *testing.T, s string) {
		cl, err := Verify(pub(is), s)
		if err != nil {
			if !errors.Is(err, ErrForged) {
				t.Fatalf("erreur inattendue : %v", err)
			}
			return
		}
		if cl.validate() != nil {
			t.Fatalf("accepté mais invalide : %+v", cl)
		}
		_, _, _ = Check(pub(is), []byte(s))
	})
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestCheckTellsWhatItRead(t *testing.T) {
	is := testIssuer()
	c := sampleCCP()
	for form, input := range map[Form]string{
		FormPayload:    must(is.Payload(c)),
		FormURL:        must(is.VerificationURL(c)),
		FormCredential: must(is.Credential(c)),
		FormPDF:        string(must(is.PDFBytes(c))),
	} {
		if form != FormPDF {
			input = " " + input + "\n" // as pasted
		}
		cl, got, err := Check(pub(is), []byte(input))
		if err != nil || got != form || cl != c.Claims() {
			t.Errorf("%s : %s %v", form, got, err)
		}
	}
	if _, _, err := Check(pub(is), []byte("%PDF-1.4 sans charge utile")); err != ErrForged {
		t.Errorf("PDF sans charge utile : %v", err)
	}
}
