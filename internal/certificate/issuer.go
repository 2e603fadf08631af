package certificate

import (
	"crypto/ed25519"
	"net/url"
	"strings"
)

// Issuer issues certificates: the platform's private key and public address.
type Issuer struct {
	Key     ed25519.PrivateKey
	BaseURL string // "https://certibloc.example.fr", without a trailing slash
}

// VerificationURL is BASE/verifier?p=PAYLOAD, what the QR code encodes.
func (is Issuer) VerificationURL(c Certificate) (string, error) {
	p, err := is.Payload(c)
	if err != nil {
		return "", err
	}
	return verificationURL(is.BaseURL, p), nil
}

func verificationURL(base, payload string) string {
	return strings.TrimRight(base, "/") + "/verifier?p=" + payload
}

// payloadOfURL returns the p parameter of a verification URL.
func payloadOfURL(s string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || !strings.HasSuffix(u.Path, "/verifier") {
		return "", false
	}
	p := u.Query().Get("p")
	return p, p != ""
}
