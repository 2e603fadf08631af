package certificate

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"strings"
)

// codeAlphabet is Crockford's base 32: no I, L, O or U.
const codeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// CodeLength is the number of characters of a short code (60 bits).
const CodeLength = 12

// Code is the short code printed under the QR code, for /verifier?code=, shown
// as "7KQ2-M9XD-4HRT". It is derived, not random: HMAC-SHA-256 of the number
// under a secret derived from the private key, so the same certificate always
// gets the same code and nobody without the key can compute one. Only the
// database can resolve it back to a certificate.
func (is Issuer) Code(number string) string {
	secret := sha256.Sum256(append([]byte("certibloc/code-court/v1\x00"), is.Key.Seed()...))
	mac := hmac.New(sha256.New, secret[:])
	mac.Write([]byte(number))
	sum := mac.Sum(nil)
	v := binary.BigEndian.Uint64(sum) // 5 bits per character, from the top
	var b strings.Builder
	for i := range CodeLength {
		if i > 0 && i%4 == 0 {
			b.WriteByte('-')
		}
		b.WriteByte(codeAlphabet[(v>>(59-5*i))&31])
	}
	return b.String()
}

// NormalizeCode reads a code as people type it: any case, with or without
// hyphens or spaces, O for 0 and I or L for 1. It returns the code in its
// printed form, or false when it cannot be one.
func NormalizeCode(s string) (string, bool) {
	var b strings.Builder
	n := 0
	for _, r := range strings.ToUpper(s) {
		switch r {
		case ' ', '-', '\t':
			continue
		case 'O':
			r = '0'
		case 'I', 'L':
			r = '1'
		}
		if r > 127 || !strings.ContainsRune(codeAlphabet, r) {
			return "", false
		}
		if n > 0 && n%4 == 0 {
			b.WriteByte('-')
		}
		b.WriteRune(r)
		n++
	}
	return b.String(), n == CodeLength
}
