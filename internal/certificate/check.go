package certificate

import (
	"bytes"
	"crypto/ed25519"
	"strings"
)

// Form is what Check was given.
type Form string

const (
	FormPDF        Form = "PDF"
	FormPayload    Form = "charge utile"
	FormURL        Form = "adresse de vérification"
	FormCredential Form = "attestation vérifiable (Open Badges 3.0)"
)

// Check verifies, with the public key alone, whatever a person holds: a
// certificate PDF (its payload is in the document's keywords), a verification
// URL, a bare payload or a VC-JWT. It says what it read; anything that does
// not verify is ErrForged. Only the signed facts are checked: whether the
// certificate was since revoked or replaced is for the database to say.
func Check(pub ed25519.PublicKey, input []byte) (Claims, Form, error) {
	if bytes.HasPrefix(input, []byte("%PDF-")) {
		p, ok := payloadOfPDF(input)
		if !ok {
			return Claims{}, FormPDF, ErrForged
		}
		cl, err := Verify(pub, p)
		return cl, FormPDF, err
	}
	s := strings.TrimSpace(string(input))
	switch {
	case strings.Contains(s, "/verifier?"):
		p, ok := payloadOfURL(s)
		if !ok {
			return Claims{}, FormURL, ErrForged
		}
		cl, err := Verify(pub, p)
		return cl, FormURL, err
	case strings.Count(s, ".") == 2:
		cl, err := VerifyCredential(pub, s)
		return cl, FormCredential, err
	}
	cl, err := Verify(pub, s)
	return cl, FormPayload, err
}

// payloadOfPDF finds the payload after its marker in the document's
// information dictionary (written uncompressed by fpdf).
func payloadOfPDF(doc []byte) (string, bool) {
	_, rest, ok := bytes.Cut(doc, []byte(payloadMarker))
	if !ok {
		return "", false
	}
	end := 0
	for end < len(rest) && isBase64URL(rest[end]) {
		end++
	}
	return string(rest[:end]), end > 0
}

func isBase64URL(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}
