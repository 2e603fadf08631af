package certificate

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// GenerateKey returns a new Ed25519 key pair (from crypto/rand).
func GenerateKey() (ed25519.PublicKey, ed25519.PrivateKey, error) {
	return ed25519.GenerateKey(rand.Reader)
}

// EncodePrivateKey is the PEM form ("PRIVATE KEY", PKCS #8), as openssl writes it.
func EncodePrivateKey(priv ed25519.PrivateKey) []byte {
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		panic(err) // an ed25519 key always marshals
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
}

// EncodePublicKey is the PEM form ("PUBLIC KEY", PKIX), the one to publish.
func EncodePublicKey(pub ed25519.PublicKey) []byte {
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		panic(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})
}

// ParsePrivateKey reads a private key in PEM (PKCS #8), or base64 of its 32-byte
// seed or 64-byte key.
func ParsePrivateKey(data []byte) (ed25519.PrivateKey, error) {
	if der, ok := pemBlock(data, "PRIVATE KEY"); ok {
		k, err := x509.ParsePKCS8PrivateKey(der)
		if priv, isEd := k.(ed25519.PrivateKey); err == nil && isEd {
			return priv, nil
		}
		return nil, errors.New("clé privée illisible : PKCS #8 Ed25519 attendu")
	}
	raw, err := decodeBase64(data)
	switch {
	case err == nil && len(raw) == ed25519.SeedSize:
		return ed25519.NewKeyFromSeed(raw), nil
	case err == nil && len(raw) == ed25519.PrivateKeySize:
		priv := ed25519.NewKeyFromSeed(raw[:ed25519.SeedSize])
		if string(priv) == string(raw) {
			return priv, nil
		}
	}
	return nil, errors.New("clé privée illisible : PEM « PRIVATE KEY » ou base64 d'une clé Ed25519 attendu")
}

// ParsePublicKey reads a public key in PEM (PKIX) or base64 of its 32 bytes.
func ParsePublicKey(data []byte) (ed25519.PublicKey, error) {
	if der, ok := pemBlock(data, "PUBLIC KEY"); ok {
		k, err := x509.ParsePKIXPublicKey(der)
		if pub, isEd := k.(ed25519.PublicKey); err == nil && isEd {
			return pub, nil
		}
		return nil, errors.New("clé publique illisible : PKIX Ed25519 attendu")
	}
	if raw, err := decodeBase64(data); err == nil && len(raw) == ed25519.PublicKeySize {
		return ed25519.PublicKey(raw), nil
	}
	return nil, errors.New("clé publique illisible : PEM « PUBLIC KEY » ou base64 d'une clé Ed25519 attendu")
}

func pemBlock(data []byte, typ string) ([]byte, bool) {
	b, _ := pem.Decode(data)
	if b == nil || b.Type != typ {
		return nil, false
	}
	return b.Bytes, true
}

func decodeBase64(data []byte) ([]byte, error) {
	s := strings.TrimSpace(string(data))
	if raw, err := base64.StdEncoding.DecodeString(s); err == nil {
		return raw, nil
	}
	return base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
}

// LoadOrCreateKey reads the private key at path, or when the file does not
// exist generates one and writes it there (PEM, mode 0600). created says which.
func LoadOrCreateKey(path string) (priv ed25519.PrivateKey, created bool, err error) {
	data, err := os.ReadFile(path)
	if err == nil {
		priv, err = ParsePrivateKey(data)
		if err != nil {
			return nil, false, fmt.Errorf("%s : %w", path, err)
		}
		return priv, false, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, false, err
	}
	_, priv, err = GenerateKey()
	if err != nil {
		return nil, false, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, false, err
	}
	if _, err = f.Write(EncodePrivateKey(priv)); err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, false, err
	}
	return priv, true, nil
}
