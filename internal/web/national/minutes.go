package national

import (
	"net/http"
	"strings"

	"certibloc/internal/certif"
	"certibloc/internal/minutes"
	"certibloc/internal/web/kit"
)

// sign draws up, signs and archives the jury's minutes (the certifier): its
// decisions become final.
func (s *Area) sign(w http.ResponseWriter, r *http.Request) error {
	v, _, err := s.juryView(r)
	if err != nil {
		return err
	}
	m, err := minutes.Archive(r.Context(), s.Store, s.MinutesSigner, s.Caller(r), v.Jury.Date)
	switch certif.ErrorCode(err) {
	case certif.EInvalid, certif.EConflict, certif.EStale:
		return s.ShowInvalid(w, r, "jury.html", "Jury national du "+v.Jury.Date.French(), v, err)
	}
	if err != nil {
		return err
	}
	return s.Redirect(w, r, "/jurys-nationaux/"+v.Jury.Date.String(),
		"Procès-verbal signé : "+certif.Count(m.Decisions, "décision définitive", "décisions définitives")+".")
}

// minutesPDF downloads the jury's signed minutes (the staff; not found
// while they are not signed).
func (s *Area) minutesPDF(w http.ResponseWriter, r *http.Request) error {
	day, err := certif.ParseDate(strings.TrimSpace(r.PathValue("date")))
	if err != nil {
		return certif.Errorf(certif.ENotFound, "Jury national introuvable.")
	}
	pdf, _, err := s.Store.NationalMinutesPDF(r.Context(), day)
	if err != nil {
		return err
	}
	return kit.Download(w, "proces-verbal-jury-national-"+day.String()+".pdf", "application/pdf", pdf)
}

// signingCertificate publishes the certificate that checks the minutes'
// signature: a reader who trusts it sees the minutes signed by the certifier.
func (s *Area) signingCertificate(w http.ResponseWriter, r *http.Request) error {
	return kit.Download(w, "certibloc-proces-verbaux.pem", "application/x-pem-file", s.MinutesSigner.CertificatePEM())
}

// setProclamationDay configures the day the jury's results are proclaimed.
func (s *Area) setProclamationDay(w http.ResponseWriter, r *http.Request) error {
	v, _, err := s.juryView(r)
	if err != nil {
		return err
	}
	var check certif.Validation
	on := kit.DateField(&check, r, "proclamation_date", "Jour de proclamation", true)
	if err = check.Err(); err == nil {
		err = s.Store.SetProclamationDay(r.Context(), s.Caller(r), v.Jury.Date, on)
	}
	switch certif.ErrorCode(err) {
	case certif.EInvalid, certif.EConflict:
		return s.ShowInvalid(w, r, "jury.html", "Jury national du "+v.Jury.Date.French(), v, err)
	}
	if err != nil {
		return err
	}
	return s.Redirect(w, r, "/jurys-nationaux/"+v.Jury.Date.String(), "Résultats à proclamer le "+on.French()+".")
}
