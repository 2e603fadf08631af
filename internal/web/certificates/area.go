// Package certificates is the area of the certificates (R16): the list of a
// scope's certificates with their PDF, and the public verification page
// (/verifier), which anyone reaches from a certificate's QR code or short code.
package certificates

import (
	"crypto/ed25519"
	"embed"
	"net/http"
	"strings"

	"certibloc/internal/certificate"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

//go:embed templates
var templates embed.FS

// Area serves the pages of the area; internal/web assembles its Routes.
type Area struct{ *kit.Pages }

// New parses the area's pages (a broken template fails here, at start).
func New(site *kit.Site) (*Area, error) {
	pages, err := site.Pages(templates)
	return &Area{pages}, err
}

// Routes are the certificates' pages.
func (s *Area) Routes() []kit.Route {
	return []kit.Route{
		{Method: "GET", Path: "/certificats", Roles: kit.ResultReaders, Scoped: true, Nav: "Certificats", Summary: "Certificats délivrés : un employeur, ceux de ses candidats ; un candidat, les siens", Handle: s.listPage},
		{Method: "GET", Path: "/certificats/{number}/pdf", Roles: kit.ResultReaders, Scoped: true, File: true, Summary: "Télécharger un certificat (PDF avec son code de vérification)", Handle: s.pdf},
		{Method: "GET", Path: "/verifier/cle-publique.pem", Public: true, File: true, Summary: "Clé publique qui vérifie les certificats hors ligne (certibloc verify --public-key)", Handle: s.publicKey},
		{Method: "GET", Path: "/api/v1/verify/{code}", Public: true, API: true, Summary: "Vérifier un certificat par son code court : valid, revoked, replaced ou unknown", Handle: s.apiVerify},
		{Method: "GET", Path: "/api/v1/certificates", Roles: kit.ResultReaders, Scoped: true, API: true, Summary: "Certificats délivrés : un employeur, ceux de ses candidats ; un candidat, les siens", Handle: s.apiCertificates},
		{Method: "GET", Path: "/verifier", Public: true, Summary: "Vérifier un certificat (code court ou QR code), sans connexion", Handle: s.verifyPage},
	}
}

func (s *Area) issuer() certificate.Issuer {
	return certificate.Issuer{Key: s.CertificateKey, BaseURL: s.BaseURL}
}

// certificateOf is a stored certificate as the certificate package prints it.
func certificateOf(c store.CertificateRow) certificate.Certificate {
	out := certificate.Certificate{Number: c.Number, Kind: c.Kind, Holder: c.Holder, IssuedOn: c.IssuedOn, JuryDate: c.JuryDay,
		Status: c.Status, ReplacedBy: c.ReplacedBy,
		Qualification: certificate.Qualification{Code: c.Qual.Code, Title: c.Qual.Title, RNCP: c.Qual.RNCP}}
	if c.Kind == certificate.CCP {
		b, _ := c.Qual.Block(c.Block)
		out.Block = certificate.Block{Number: c.Block, RNCP: b.Code}
		if !b.Placeholder {
			out.Block.Title = b.Title
		}
	}
	return out
}

type listView struct{ Certificates []store.CertificateRow }

func (s *Area) listPage(w http.ResponseWriter, r *http.Request) error {
	list, err := s.Store.Certificates(r.Context(), kit.Scope(r))
	if err != nil {
		return err
	}
	return s.Show(w, r, "certificates.html", "Certificats", listView{list})
}

func (s *Area) pdf(w http.ResponseWriter, r *http.Request) error {
	c, err := s.Store.Certificate(r.Context(), r.PathValue("number"), kit.Scope(r))
	if err != nil {
		return err
	}
	b, err := s.issuer().PDFBytes(certificateOf(c))
	if err != nil {
		return err
	}
	return kit.Download(w, c.Number+".pdf", "application/pdf", b)
}

type verifyView struct {
	Asked       bool
	Found       *store.CertificateRow
	Claims      *certificate.Claims
	Code        string
	Unknown     bool
	StatusLabel string
}

// verifyPage checks a certificate from its QR code's payload (?p=) or its
// short code (?code=): valid, revoked or replaced, with the holder and the
// certification; "certificat inconnu ou falsifié" otherwise, never an error page.
func (s *Area) verifyPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	v := verifyView{Code: strings.TrimSpace(q.Get("code"))}
	switch {
	case q.Get("p") != "":
		v.Asked = true
		claims, err := certificate.Verify(s.CertificateKey.Public().(ed25519.PublicKey), q.Get("p"))
		if err != nil {
			v.Unknown = true
			break
		}
		v.Claims = &claims
		if c, err := s.Store.CertificateByCode(r.Context(), s.issuer().Code(claims.Number)); err == nil {
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
	if v.Found != nil {
		v.StatusLabel = v.Found.Status.French()
	}
	if v.Asked {
		s.logVerification(r, "page", q.Get("p")+v.Code, v.Found, v.Unknown)
	}
	return s.Show(w, r, "verify.html", "Vérifier un certificat", v)
}

// publicKey publishes the key that checks certificates offline.
func (s *Area) publicKey(w http.ResponseWriter, r *http.Request) error {
	pub := s.CertificateKey.Public().(ed25519.PublicKey)
	return kit.Download(w, "certibloc-certificats.pem", "application/x-pem-file", certificate.EncodePublicKey(pub))
}
