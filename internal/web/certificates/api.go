package certificates

import (
	"net/http"
	"strings"

	"certibloc/internal/certif"
	"certibloc/internal/certificate"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

// logVerification records a verification; a log that cannot be written is
// reported, the answer stands.
func (s *Area) logVerification(r *http.Request, via, asked string, found *store.CertificateRow, unknown bool) {
	result, number := "unknown", ""
	if found != nil && !unknown {
		result, number = string(found.Status), found.Number
	}
	if err := s.Store.LogVerification(r.Context(), via, asked, result, number); err != nil {
		s.Log.Error("journal des vérifications", "id", kit.RequestID(r), "error", err)
	}
}

type apiVerification struct {
	Status        string       `json:"status"` // valid, revoked, replaced, unknown
	Number        string       `json:"number,omitempty"`
	Kind          string       `json:"kind,omitempty"`
	Holder        string       `json:"holder,omitempty"`
	Certification string       `json:"certification,omitempty"`
	IssuedOn      *certif.Date `json:"issued_on,omitempty"`
	ReplacedBy    string       `json:"replaced_by,omitempty"`
}

// apiVerify answers whether a short code names a certificate (public, logged).
func (s *Area) apiVerify(w http.ResponseWriter, r *http.Request) error {
	asked := r.PathValue("code")
	out := apiVerification{Status: "unknown"}
	var found *store.CertificateRow
	if code, ok := certificate.NormalizeCode(asked); ok {
		if c, err := s.Store.CertificateByCode(r.Context(), code); err == nil {
			found = &c
			claims := c.Certificate().Claims()
			out = apiVerification{Status: string(c.Status), Number: c.Number, Kind: string(c.Kind), Holder: claims.Holder,
				Certification: claims.Certification(), IssuedOn: &c.IssuedOn, ReplacedBy: c.ReplacedBy}
		} else if certif.ErrorCode(err) != certif.ENotFound {
			return err
		}
	}
	s.logVerification(r, "api", asked, found, found == nil)
	return kit.WriteJSON(w, http.StatusOK, out)
}

// certificateJSON is a certificate as the API gives it.
type certificateJSON struct {
	Number           string      `json:"number"`
	Kind             string      `json:"kind"`
	Qualification    string      `json:"qualification"`
	Block            int         `json:"block,omitempty"`
	Certification    string      `json:"certification"`
	Holder           string      `json:"holder"`
	IssuedOn         certif.Date `json:"issued_on"`
	NationalJury     certif.Date `json:"national_jury"`
	Status           string      `json:"status"`
	ReplacedBy       string      `json:"replaced_by,omitempty"`
	Replaces         string      `json:"replaces,omitempty"`
	VerificationCode string      `json:"verification_code"`
}

func jsonOf(c store.CertificateRow) certificateJSON {
	return certificateJSON{Number: c.Number, Kind: string(c.Kind), Qualification: c.Qual.Code, Block: c.Block,
		Certification: c.Certificate().Claims().Certification(), Holder: c.Holder.Printed(), IssuedOn: c.IssuedOn,
		NationalJury: c.JuryDay, Status: string(c.Status), ReplacedBy: c.ReplacedBy, Replaces: c.Replaces, VerificationCode: c.Code}
}

// apiCertificates lists the certificates of the caller's scope.
func (s *Area) apiCertificates(w http.ResponseWriter, r *http.Request) error {
	list, err := s.Store.Certificates(r.Context(), kit.Scope(r))
	if err != nil {
		return err
	}
	out := make([]certificateJSON, 0, len(list))
	for _, c := range list {
		out = append(out, jsonOf(c))
	}
	return kit.WriteJSON(w, http.StatusOK, out)
}

// apiCertificate gives one certificate of the caller's scope: as JSON, or
// its PDF ({number}.pdf) or its verifiable credential ({number}.jwt).
func (s *Area) apiCertificate(w http.ResponseWriter, r *http.Request) error {
	number, format, _ := strings.Cut(r.PathValue("number"), ".")
	c, err := s.Store.Certificate(r.Context(), number, kit.Scope(r))
	if err != nil {
		return err
	}
	switch strings.ToLower(format) {
	case "":
		return kit.WriteJSON(w, http.StatusOK, jsonOf(c))
	case "pdf":
		return s.sendPDF(w, r, c)
	case "jwt":
		return s.sendCredential(w, c)
	}
	return certif.Errorf(certif.ENotFound, "Format inconnu : .pdf ou .jwt, ou rien pour le JSON.")
}
