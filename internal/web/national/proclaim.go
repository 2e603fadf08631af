package national

import (
	"net/http"

	"certibloc/internal/certif"
	"certibloc/internal/mail"
)

// proclaim publishes the jury's results (R10) with their certificates and
// one mail per candidate who has an address and one summary per employer, in
// the same transaction (mail.ResultMails).
func (s *Area) proclaim(w http.ResponseWriter, r *http.Request) error {
	v, _, err := s.juryView(r)
	if err != nil {
		return err
	}
	titles, _, err := s.QualificationTitles(r)
	if err != nil {
		return err
	}
	p, err := s.Store.Proclaim(r.Context(), s.Caller(r), v.Jury.Date, mail.ResultMails(s.BaseURL, titles), s.Issuer())
	switch certif.ErrorCode(err) {
	case certif.EInvalid, certif.EConflict:
		return s.ShowInvalid(w, r, "jury.html", "Jury national du "+v.Jury.Date.French(), v, err)
	}
	if err != nil {
		return err
	}
	s.NotifyMail()
	return s.Redirect(w, r, "/jurys-nationaux/"+v.Jury.Date.String(),
		"Résultats proclamés : "+certif.Count(p.Decisions, "décision publiée", "décisions publiées")+" ; les candidats et leurs employeurs sont prévenus."+s.MailDisabledNote())
}
