package certificate

import (
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"

	"certibloc/internal/certif"
)

// ErrForged is the one answer to a payload, credential or file that does not
// verify: tampered, truncated, forged, signed with another key or unreadable.
var ErrForged = errors.New("certificat inconnu ou falsifié")

// The payload is base64url (no padding) of
//
//	version (1 byte) | fields | signature (64 bytes)
//
// where each field is one length byte then its bytes, in this order: number,
// kind, holder, qualification code, title, RNCP, block number (as text), block
// title, block RNCP, issued date, national jury date (ISO). The signature is
// Ed25519 over signingContext then version and fields.
const (
	payloadVersion = 1
	signingContext = "certibloc/certificat/v1\x00"
)

var b64 = base64.RawURLEncoding.Strict()

// Payload is the signed verification payload of a certificate, URL-safe.
func (is Issuer) Payload(c Certificate) (string, error) {
	cl := c.Claims()
	if err := cl.validate(); err != nil {
		return "", err
	}
	body := cl.encode()
	sig := ed25519.Sign(is.Key, append([]byte(signingContext), body...))
	return b64.EncodeToString(append(body, sig...)), nil
}

func (c Claims) fields() []string {
	block := ""
	if c.Block.Number != 0 {
		block = strconv.Itoa(c.Block.Number)
	}
	return []string{c.Number, string(c.Kind), c.Holder, c.Qualification.Code, c.Qualification.Title, c.Qualification.RNCP,
		block, c.Block.Title, c.Block.RNCP, c.IssuedOn.String(), c.JuryDate.String()}
}

func (c Claims) encode() []byte {
	out := []byte{payloadVersion}
	for _, f := range c.fields() {
		out = append(out, byte(len(f)))
		out = append(out, f...)
	}
	return out
}

// Verify checks a payload with the public key alone and returns what it
// certifies, or ErrForged.
func Verify(pub ed25519.PublicKey, payload string) (Claims, error) {
	raw, err := b64.DecodeString(strings.TrimSpace(payload))
	if err != nil || len(pub) != ed25519.PublicKeySize || len(raw) < 1+ed25519.SignatureSize || raw[0] != payloadVersion {
		return Claims{}, ErrForged
	}
	body, sig := raw[:len(raw)-ed25519.SignatureSize], raw[len(raw)-ed25519.SignatureSize:]
	if !ed25519.Verify(pub, append([]byte(signingContext), body...), sig) {
		return Claims{}, ErrForged
	}
	cl, ok := decode(body[1:])
	if !ok || cl.validate() != nil {
		return Claims{}, ErrForged
	}
	return cl, nil
}

func decode(b []byte) (Claims, bool) {
	var f [11]string
	for i := range f {
		if len(b) == 0 || len(b) < 1+int(b[0]) {
			return Claims{}, false
		}
		f[i], b = string(b[1:1+int(b[0])]), b[1+int(b[0]):]
	}
	if len(b) != 0 {
		return Claims{}, false
	}
	cl := Claims{Number: f[0], Kind: Kind(f[1]), Holder: f[2], Qualification: Qualification{f[3], f[4], f[5]},
		Block: Block{Title: f[7], RNCP: f[8]}}
	if f[6] != "" {
		n, ok := atoi(f[6])
		if !ok {
			return Claims{}, false
		}
		cl.Block.Number = n
	}
	var err1, err2 error
	cl.IssuedOn, err1 = certif.ParseDate(f[9])
	cl.JuryDate, err2 = certif.ParseDate(f[10])
	return cl, err1 == nil && err2 == nil
}

// atoi reads 1 to 2 digits without a leading zero.
func atoi(s string) (int, bool) {
	if len(s) == 0 || len(s) > 2 || s[0] == '0' {
		return 0, false
	}
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
		n = n*10 + int(r-'0')
	}
	return n, true
}
