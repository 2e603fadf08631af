package certificates

import (
	"net/http"

	"certibloc/internal/certif"
	"certibloc/internal/certificate"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

type certificateView struct {
	C         store.CertificateRow
	Label     string // what it certifies, as people read it
	Verify    string // the verification page's address
	CanRevoke bool
	Reason    string // the revocation's reason as typed, shown again when refused
}

func (s *Area) certificateView(r *http.Request) (certificateView, error) {
	c, err := s.Store.Certificate(r.Context(), r.PathValue("number"), kit.Scope(r))
	if err != nil {
		return certificateView{}, err
	}
	cert := c.Certificate()
	link, err := s.Issuer().VerificationURL(cert)
	return certificateView{C: c, Label: cert.Claims().Certification(), Verify: link,
		CanRevoke: kit.Principal(r).Is(certif.RoleCertifier) && c.Status == certificate.Valid}, err
}

// certificatePage shows one certificate of the caller's scope.
func (s *Area) certificatePage(w http.ResponseWriter, r *http.Request) error {
	v, err := s.certificateView(r)
	if err != nil {
		return err
	}
	return s.Show(w, r, "certificate.html", "Certificat "+v.C.Number, v)
}

func (s *Area) pdf(w http.ResponseWriter, r *http.Request) error {
	c, err := s.Store.Certificate(r.Context(), r.PathValue("number"), kit.Scope(r))
	if err != nil {
		return err
	}
	return s.sendPDF(w, r, c)
}

// sendPDF answers a certificate's PDF: the one kept at its proclamation
// while it still prints what the certificate says, else rendered now
// (store.CertificatePDF).
func (s *Area) sendPDF(w http.ResponseWriter, r *http.Request, c store.CertificateRow) error {
	b, err := s.Store.CertificatePDF(r.Context(), c, s.Issuer())
	if err != nil {
		return err
	}
	return kit.Download(w, c.Number+".pdf", "application/pdf", b)
}

// credentialType is the media type of a credential secured as a JWT (VC-JOSE-COSE).
const credentialType = "application/vc+jwt"

// credential downloads the certificate as an Open Badges 3.0 verifiable
// credential, signed with the platform's key (VC-JWT, EdDSA).
func (s *Area) credential(w http.ResponseWriter, r *http.Request) error {
	c, err := s.Store.Certificate(r.Context(), r.PathValue("number"), kit.Scope(r))
	if err != nil {
		return err
	}
	return s.sendCredential(w, c)
}

// sendCredential answers a certificate's verifiable credential.
func (s *Area) sendCredential(w http.ResponseWriter, c store.CertificateRow) error {
	token, err := s.Issuer().Credential(c.Certificate())
	if err != nil {
		return err
	}
	return kit.Download(w, c.Number+".jwt", credentialType, []byte(token))
}

// revoke revokes a certificate with its reason (the certifier).
func (s *Area) revoke(w http.ResponseWriter, r *http.Request) error {
	v, err := s.certificateView(r)
	if err != nil {
		return err
	}
	if err := s.Store.RevokeCertificate(r.Context(), s.Caller(r), v.C.Number, r.PostFormValue("reason")); err != nil {
		switch certif.ErrorCode(err) {
		case certif.EInvalid, certif.EConflict:
			v.Reason = r.PostFormValue("reason")
			return s.ShowInvalid(w, r, "certificate.html", "Certificat "+v.C.Number, v, err)
		}
		return err
	}
	return s.Redirect(w, r, "/certificats/"+v.C.Number, "Certificat "+v.C.Number+" révoqué : la page de vérification le dit désormais.")
}
