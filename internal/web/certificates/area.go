// Package certificates is the area of the certificates (R16): the list of a
// scope's certificates, each one's page with its PDF and its verifiable
// credential (Open Badges 3.0), the certifier's revocation, and the public
// verification page (/verifier), which anyone reaches from a certificate's QR
// code, its short code or its credential.
package certificates

import (
	"embed"
	"net/http"

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
		{Method: "GET", Path: "/certificats", Roles: kit.ResultReaders, Scoped: true, Nav: "Certificats", Group: kit.GroupResults, Summary: "Certificats délivrés : un employeur, ceux de ses candidats ; un candidat, les siens", Handle: s.listPage},
		{Method: "GET", Path: "/certificats/{number}", Roles: kit.ResultReaders, Scoped: true, Summary: "Un certificat : titulaire, certification, statut, remplacements, téléchargements", Handle: s.certificatePage},
		{Method: "GET", Path: "/certificats/{number}/pdf", Roles: kit.ResultReaders, Scoped: true, File: true, Summary: "Télécharger un certificat (PDF avec son code de vérification)", Handle: s.pdf},
		{Method: "GET", Path: "/certificats/{number}/attestation", Roles: kit.ResultReaders, Scoped: true, File: true, Summary: "Télécharger l'attestation vérifiable d'un certificat (Open Badges 3.0, VC-JWT signé)", Handle: s.credential},
		{Method: "POST", Path: "/certificats/{number}/revocation", Roles: kit.Certifier, Summary: "Révoquer un certificat, avec son motif", Handle: s.revoke},
		{Method: "GET", Path: "/verifier/cle-publique.pem", Public: true, File: true, Summary: "Clé publique qui vérifie les certificats hors ligne (certibloc verify --public-key)", Handle: s.publicKey},
		{Method: "GET", Path: "/api/v1/verify/{code}", Public: true, API: true, Summary: "Vérifier un certificat par son code court : valid, revoked, replaced ou unknown", Handle: s.apiVerify},
		{Method: "GET", Path: "/api/v1/certificates", Roles: kit.ResultReaders, Scoped: true, API: true, Summary: "Certificats délivrés : un employeur, ceux de ses candidats ; un candidat, les siens", Handle: s.apiCertificates},
		{Method: "GET", Path: "/api/v1/certificates/{number}", Roles: kit.ResultReaders, Scoped: true, API: true, Summary: "Un certificat par son numéro ; {number}.pdf son PDF, {number}.jwt son attestation vérifiable", Handle: s.apiCertificate},
		{Method: "GET", Path: "/verifier", Public: true, Nav: "Vérifier un certificat", Group: kit.GroupResults, Summary: "Vérifier un certificat (code court, QR code ou attestation numérique), sans connexion", Handle: s.verifyPage},
	}
}

type listView struct{ Certificates []store.CertificateRow }

func (s *Area) listPage(w http.ResponseWriter, r *http.Request) error {
	list, err := s.Store.Certificates(r.Context(), kit.Scope(r))
	if err != nil {
		return err
	}
	return s.Show(w, r, "certificates.html", "Certificats", listView{list})
}
