package minutes

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"os"
	"time"

	"github.com/digitorus/pdf"
	"github.com/digitorus/pdfsign/sign"

	"certibloc/internal/certificate"
)

// Signer is the platform's identity that signs the minutes: an ECDSA P-256
// key and its self-signed X.509 certificate in the certifier's name. Not the
// certificates' Ed25519 key: poppler's NSS backend (pdfsig) does not check
// Ed25519 CMS signatures, ECDSA P-256 it does, like every PDF reader.
type Signer struct {
	Key         *ecdsa.PrivateKey
	Certificate *x509.Certificate
}

// Name is the signer's name, the certificate's common name.
func (s *Signer) Name() string { return s.Certificate.Subject.CommonName }

// The certificate is valid for this long on either side of its creation: a
// date fixed by --today never falls outside it.
const validity = 30 * 365 * 24 * time.Hour

// NewSigner generates a key and its self-signed certificate in the
// certifier's name; now is when it is made (the certificate's validity is
// centred on it).
func NewSigner(now time.Time) (*Signer, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject: pkix.Name{CommonName: certificate.Certifier, Organization: []string{"UCANSS"},
			OrganizationalUnit: []string{"Procès-verbaux des jurys paritaires nationaux"}, Country: []string{"FR"}},
		NotBefore:             now.Add(-validity).UTC(),
		NotAfter:              now.Add(validity).UTC(),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection},
		BasicConstraintsValid: true,
		IsCA:                  true, // self-signed: its own issuer, the certificate a reader trusts
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	return &Signer{Key: key, Certificate: cert}, err
}

// CertificatePEM is the certificate alone ("CERTIFICATE"), the one to publish.
func (s *Signer) CertificatePEM() []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: s.Certificate.Raw})
}

// PEM is the key (PKCS #8 "PRIVATE KEY") followed by the certificate, as the
// signer's file keeps them.
func (s *Signer) PEM() []byte {
	der, err := x509.MarshalPKCS8PrivateKey(s.Key)
	if err != nil {
		panic(err) // a P-256 key always marshals
	}
	return append(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), s.CertificatePEM()...)
}

// ParseSigner reads a signer's file: a PKCS #8 ECDSA key and the
// certificate of its public key, in PEM, in any order.
func ParseSigner(data []byte) (*Signer, error) {
	s := &Signer{}
	for {
		var b *pem.Block
		if b, data = pem.Decode(data); b == nil {
			break
		}
		switch b.Type {
		case "PRIVATE KEY":
			k, err := x509.ParsePKCS8PrivateKey(b.Bytes)
			key, ok := k.(*ecdsa.PrivateKey)
			if err != nil || !ok {
				return nil, errors.New("clé privée illisible : PKCS #8 ECDSA attendu")
			}
			s.Key = key
		case "CERTIFICATE":
			c, err := x509.ParseCertificate(b.Bytes)
			if err != nil {
				return nil, fmt.Errorf("certificat illisible : %w", err)
			}
			s.Certificate = c
		}
	}
	if s.Key == nil || s.Certificate == nil {
		return nil, errors.New("« PRIVATE KEY » et « CERTIFICATE » attendus (PEM)")
	}
	if pub, ok := s.Certificate.PublicKey.(*ecdsa.PublicKey); !ok || !pub.Equal(s.Key.Public()) {
		return nil, errors.New("le certificat n'est pas celui de la clé")
	}
	return s, nil
}

// LoadOrCreateSigner reads the signer at path, or when the file does not
// exist generates one (NewSigner) and writes it there (mode 0600). created
// says which.
func LoadOrCreateSigner(path string, now time.Time) (s *Signer, created bool, err error) {
	data, err := os.ReadFile(path)
	if err == nil {
		if s, err = ParseSigner(data); err != nil {
			return nil, false, fmt.Errorf("%s : %w", path, err)
		}
		return s, false, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, false, err
	}
	if s, err = NewSigner(now); err != nil {
		return nil, false, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, false, err
	}
	if _, err = f.Write(s.PEM()); err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, false, err
	}
	return s, true, nil
}

// Sign adds to a PDF a certification signature (CMS detached, SHA-256, the
// signer's certificate embedded) that forbids any later change; reason and
// at are the signature's stated reason and time. The reason is plain text:
// pdfsign writes it unescaped in UTF-16.
func (s *Signer) Sign(doc []byte, reason string, at time.Time) ([]byte, error) {
	rdr, err := pdf.NewReader(bytes.NewReader(doc), int64(len(doc)))
	if err != nil {
		return nil, fmt.Errorf("PDF à signer illisible : %w", err)
	}
	var out bytes.Buffer
	err = sign.Sign(bytes.NewReader(doc), &out, rdr, int64(len(doc)), sign.SignData{
		Signature: sign.SignDataSignature{
			CertType:   sign.CertificationSignature,
			DocMDPPerm: sign.DoNotAllowAnyChangesPerms,
			Info:       sign.SignDataSignatureInfo{Name: s.Name(), Reason: reason, Date: at},
		},
		Signer:          s.Key,
		DigestAlgorithm: crypto.SHA256,
		Certificate:     s.Certificate,
	})
	if err != nil {
		return nil, fmt.Errorf("signature du PDF : %w", err)
	}
	return out.Bytes(), nil
}
