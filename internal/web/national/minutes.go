package national

import (
	"net/http"

	"certibloc/internal/certif"
	"certibloc/internal/minutes"
	"certibloc/internal/web/kit"
)

// sign draws up, signs and archives the jury's minutes (the certifier): from
// then on its decisions are final.
func (s *Area) sign(w http.ResponseWriter, r *http.Request) error {
	v, _, err := s.juryView(r)
	if err != nil {
		return err
	}
	signed, err := minutes.Archive(r.Context(), s.Store, s.MinutesSigner, s.Caller(r), v.Jury.Date)
	switch certif.ErrorCode(err) {
	case certif.EInvalid, certif.EConflict, certif.EStale:
		return s.ShowInvalid(w, r, "jury.html", "Jury national du "+v.Jury.Date.French(), v, err)
	}
	if err != nil {
		return err
	}
	return s.Redirect(w, r, "/jurys-nationaux/"+v.Jury.Date.String(),
		"Procès-verbal signé : "+certif.Count(signed.Decisions, "décision définitive", "décisions définitives")+" ; les résultats peuvent être proclamés.")
}

// minutesPDF downloads the jury's signed minutes, as archived.
func (s *Area) minutesPDF(w http.ResponseWriter, r *http.Request) error {
	d, err := certif.ParseDate(r.PathValue("date"))
	if err != nil {
		return certif.Errorf(certif.ENotFound, "Jury national introuvable.")
	}
	pdf, _, err := s.Store.NationalMinutesPDF(r.Context(), d)
	if err != nil {
		return err
	}
	return kit.Download(w, "proces-verbal-jury-national-"+d.String()+".pdf", "application/pdf", pdf)
}

// signingCertificate publishes the certificate of the identity that signs the
// minutes, for a PDF reader to trust it.
func (s *Area) signingCertificate(w http.ResponseWriter, r *http.Request) error {
	return kit.Download(w, "certibloc-proces-verbaux.pem", "application/x-pem-file", s.MinutesSigner.CertificatePEM())
}
