package certificates

import (
	"crypto/ed25519"
	"net/http"
	"strings"

	"certibloc/internal/certificate"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

type verifyView struct {
	Asked      bool
	Found      *store.CertificateRow
	Claims     *certificate.Claims
	Form       certificate.Form // what was given, when it was a signed form
	Code       string
	Credential string
	Unknown    bool
}

// verifyPage checks a certificate from its QR code's payload (?p=), its
// short code (?code=) or what a holder shows (?attestation=: a verifiable
// credential, a verification address or a payload): valid, revoked or
// replaced, with the holder and the certification; "certificat inconnu ou
// falsifié" otherwise, never an error page.
func (s *Area) verifyPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	v := verifyView{Code: strings.TrimSpace(q.Get("code")), Credential: strings.TrimSpace(q.Get("attestation"))}
	signed := q.Get("p")
	if v.Credential != "" {
		signed = v.Credential
	}
	switch {
	case signed != "":
		v.Asked = true
		claims, form, err := certificate.Check(s.CertificateKey.Public().(ed25519.PublicKey), []byte(signed))
		if err != nil {
			v.Unknown = true
			break
		}
		v.Claims, v.Form = &claims, form
		if c, err := s.Store.CertificateByCode(r.Context(), s.Issuer().Code(claims.Number)); err == nil {
			v.Found = &c
		}
	case v.Code != "":
		v.Asked = true
		code, ok := certificate.NormalizeCode(v.Code)
		c, err := s.Store.CertificateByCode(r.Context(), code)
		if !ok || err != nil {
			v.Unknown = true
			break
		}
		v.Found = &c
	}
	if v.Asked {
		s.logVerification(r, "page", signed+v.Code, v.Found, v.Unknown)
	}
	return s.Show(w, r, "verify.html", "Vérifier un certificat", v)
}

// publicKey publishes the key that checks certificates offline.
func (s *Area) publicKey(w http.ResponseWriter, r *http.Request) error {
	pub := s.CertificateKey.Public().(ed25519.PublicKey)
	return kit.Download(w, "certibloc-certificats.pem", "application/x-pem-file", certificate.EncodePublicKey(pub))
}
