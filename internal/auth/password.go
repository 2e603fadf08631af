// Package auth handles who is calling: argon2id password hashes, login with rate
// limiting, server-side login sessions (the cookie holds a random value, the
// database only its SHA-256), form tokens bound to the login session
// (CSRFToken), and bearer tokens for the JSON API (stored hashed, expiring,
// revocable).
package auth

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"certibloc/internal/certif"

	"golang.org/x/crypto/argon2"
)

// hashCost is the work of an argon2id hash.
type hashCost struct {
	memory  uint32 // KiB
	time    uint32 // iterations
	threads uint8
}

// productionCost is the cost of the platform's hashes (OWASP: 19 MiB, 2
// iterations, 1 lane at least).
var productionCost = hashCost{memory: 19 * 1024, time: 2, threads: 1}

// cheapCost is the cost of hashes in tests (UseCheapHashesInTests): argon2id's
// smallest memory, one iteration.
var cheapCost = hashCost{memory: 8, time: 1, threads: 1}

// cost is the cost of new hashes: productionCost, unless a test binary
// lowered it.
var cost = productionCost

const (
	argonKeyLen = 32
	saltLen     = 16
)

// UseCheapHashesInTests makes the password hashes that the rest of a test
// binary makes cheap: tests create and log in many accounts, and each
// production hash takes 19 MiB and tens of milliseconds. Call it from
// TestMain, before the tests run. It panics outside a test binary: the
// platform's hashes always cost the production parameters.
func UseCheapHashesInTests() {
	if !testing.Testing() {
		panic("auth.UseCheapHashesInTests called outside a test binary")
	}
	cost = cheapCost
}

// MinPasswordLength is the shortest password accepted.
const MinPasswordLength = 12

// HashPassword returns the argon2id hash of a password in PHC string form.
func HashPassword(password string) (string, error) { return hashPassword(password, cost) }

func hashPassword(password string, c hashCost) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, c.time, c.memory, c.threads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, c.memory, c.time, c.threads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key)), nil
}

// VerifyPassword reports whether password matches a hash made by HashPassword.
func VerifyPassword(hash, password string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var memory uint32
	var time uint32
	var threads uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &memory, &time, &threads); err != nil {
		return false
	}
	salt, err := base64.RawStdEncoding.DecodeString(parts[4])
	if err != nil {
		return false
	}
	want, err := base64.RawStdEncoding.DecodeString(parts[5])
	if err != nil {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, time, memory, threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// CheckPassword applies the password policy, with a French message.
func CheckPassword(password string) error {
	if utf8.RuneCountInString(password) < MinPasswordLength {
		return &certif.Error{Code: certif.EInvalid, Message: "Mot de passe trop court.",
			Fields: map[string]string{"password": fmt.Sprintf("Le mot de passe doit comporter au moins %d caractères.", MinPasswordLength)}}
	}
	return nil
}

// passwordAlphabet has no look-alike characters (no 0/O, 1/l/I).
const passwordAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// GeneratePassword returns a random password of 16 characters, in groups of 4.
func GeneratePassword() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	var out strings.Builder
	for i, x := range b {
		if i > 0 && i%4 == 0 {
			out.WriteByte('-')
		}
		out.WriteByte(passwordAlphabet[int(x)%len(passwordAlphabet)])
	}
	return out.String()
}

// NewToken returns a random secret (for a cookie or a bearer token) and the hash
// under which the database keeps it.
func NewToken(prefix string) (value, hash string) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	value = prefix + base64.RawURLEncoding.EncodeToString(b)
	return value, HashToken(value)
}

// HashToken is the SHA-256 of a secret, hex encoded.
func HashToken(value string) string {
	sum := sha256.Sum256([]byte(value))
	return hex.EncodeToString(sum[:])
}

// CSRFToken is the form token of a login session: an HMAC keyed by the
// session's cookie value, so it is bound to that login session (another one,
// or none, has another token) and changes with it, at every login and logout.
// It reveals nothing of the cookie value, and the database, which keeps only
// the SHA-256 of that value, cannot make it.
func CSRFToken(loginSessionValue string) string {
	m := hmac.New(sha256.New, []byte(loginSessionValue))
	m.Write([]byte("certibloc csrf"))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}
