package certificate

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"

	"github.com/go-jose/go-jose/v4"
)

func TestCredentialRoundTrip(t *testing.T) {
	is := testIssuer()
	for _, c := range []Certificate{sampleCCP(), sampleCQP()} {
		token := must(is.Credential(c))
		got, err := VerifyCredential(pub(is), token)
		if err != nil || got != c.Claims() {
			t.Fatalf("%s : %v %+v", c.Number, err, got)
		}
		parts := strings.Split(token, ".")
		header, _ := base64.RawURLEncoding.DecodeString(parts[0])
		body, _ := base64.RawURLEncoding.DecodeString(parts[1])
		var h struct{ Alg, Typ string }
		var b struct {
			VC map[string]any `json:"vc"`
		}
		if json.Unmarshal(header, &h) != nil || h.Alg != "EdDSA" || json.Unmarshal(body, &b) != nil {
			t.Fatalf("en-tête %s", header)
		}
		types, _ := json.Marshal(b.VC["type"])
		if string(types) != `["VerifiableCredential","OpenBadgeCredential"]` || !strings.HasPrefix(b.VC["id"].(string), is.BaseURL+"/verifier?p=") {
			t.Errorf("attestation : %s", body)
		}
		if !strings.Contains(string(body), c.Qualification.RNCP) || !strings.Contains(string(body), "Léa") && c.Kind == CCP {
			t.Errorf("RNCP ou titulaire absent : %s", body)
		}
	}
}

// Each JSON value of the credential changed and re-encoded, the signature
// kept: refused. Re-signed by another key: refused. Re-signed by the right key
// with a holder that disagrees with its payload: refused.
func TestCredentialTamperedRefused(t *testing.T) {
	is := testIssuer()
	token := must(is.Credential(sampleCCP()))
	parts := strings.Split(token, ".")
	body, _ := base64.RawURLEncoding.DecodeString(parts[1])
	for _, old := range []string{"Léa", "CCP-2026-000123", "RNCP35729BC02", "2026-12-17T00:00:00Z", "UCANSS", "Bloc 2"} {
		forged := strings.Replace(string(body), old, old+"x", 1)
		tok := parts[0] + "." + base64.RawURLEncoding.EncodeToString([]byte(forged)) + "." + parts[2]
		if _, err := VerifyCredential(pub(is), tok); err != ErrForged {
			t.Errorf("%q modifié : %v", old, err)
		}
	}
	if _, err := VerifyCredential(pub(is), token[:len(token)-3]); err != ErrForged {
		t.Errorf("tronquée : %v", err)
	}
	sign := func(is Issuer, payload string) string {
		s, _ := jose.NewSigner(jose.SigningKey{Algorithm: jose.EdDSA, Key: is.Key}, nil)
		jws, _ := s.Sign([]byte(payload))
		return must(jws.CompactSerialize())
	}
	other, _, _ := GenerateKey()
	if _, err := VerifyCredential(other, token); err != ErrForged {
		t.Errorf("autre clé : %v", err)
	}
	changed := strings.Replace(string(body), `"identityHash":"MARTIN`, `"identityHash":"DUPONT`, 1)
	if _, err := VerifyCredential(pub(is), sign(is, changed)); err != ErrForged {
		t.Errorf("titulaire contredisant la charge utile : %v", err)
	}
}
