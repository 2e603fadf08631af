package national

import (
	"context"
	"net/http"
	"slices"
	"strconv"

	"certibloc/internal/certif"
	"certibloc/internal/certificate"
	"certibloc/internal/mail"
	"certibloc/internal/store"
)

// proclaim publishes the jury's results (R10) with one mail per candidate
// who has an address and one summary per employer, in the same transaction.
func (s *Area) proclaim(w http.ResponseWriter, r *http.Request) error {
	v, _, err := s.juryView(r)
	if err != nil {
		return err
	}
	mails, err := s.resultMails(r.Context(), v.Jury.Date, v.Decided)
	if err != nil {
		return err
	}
	issuer := certificate.Issuer{Key: s.CertificateKey, BaseURL: s.BaseURL}
	p, err := s.Store.Proclaim(r.Context(), s.Caller(r), v.Jury.Date, mails, issuer.Code)
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

// resultMails composes the proclamation's mails: each candidate's results,
// each employer's summary.
func (s *Area) resultMails(ctx context.Context, jury certif.Date, decided []store.NationalDecisionRow) ([]store.Mail, error) {
	ids := make([]int64, len(decided))
	for i, d := range decided {
		ids[i] = d.AttemptID
	}
	parties, err := s.Store.SlotParties(ctx, ids)
	if err != nil {
		return nil, err
	}
	byCandidate := map[int64]*mail.ResultData{}
	byEmployer := map[int64]*mail.ResultsSummaryData{}
	emailOf, recipientsOf := map[int64]string{}, map[int64][]string{}
	var candidates, employers []int64
	for _, d := range decided {
		p := parties[d.AttemptID]
		emailOf[p.Candidate.ID], recipientsOf[p.Employer.ID] = p.Candidate.Email, p.Recipients
		if c := byCandidate[p.Candidate.ID]; c == nil && p.Candidate.Email != "" {
			byCandidate[p.Candidate.ID] = &mail.ResultData{Candidate: d.CandidateName, Jury: jury, SpaceLink: s.BaseURL + "/"}
			candidates = append(candidates, p.Candidate.ID)
		}
		if c := byCandidate[p.Candidate.ID]; c != nil {
			c.Lines = append(c.Lines, mail.ResultLine{Qualification: d.Qualification, Block: d.Block, Decision: d.Decision.Label()})
		}
		e := byEmployer[p.Employer.ID]
		if e == nil && len(p.Recipients) > 0 {
			e = &mail.ResultsSummaryData{Employer: p.Employer.Name, Jury: jury, SpaceLink: s.BaseURL + "/inscriptions"}
			byEmployer[p.Employer.ID] = e
			employers = append(employers, p.Employer.ID)
		}
		if e != nil {
			e.Lines = append(e.Lines, mail.ResultSummaryLine{Candidate: d.CandidateName, Qualification: d.Qualification, Block: d.Block, Decision: d.Decision.Label()})
			if d.Decision == certif.DecisionValidated {
				e.Validated++
			}
		}
	}
	var out []store.Mail
	for _, id := range candidates {
		m, err := mail.Compose("result", *byCandidate[id], emailOf[id])
		if err != nil {
			return nil, err
		}
		m.DedupKey = "result:" + jury.String() + ":" + strconv.FormatInt(id, 10)
		out = append(out, m)
	}
	slices.Sort(employers)
	for _, id := range employers {
		m, err := mail.Compose("results_summary", *byEmployer[id], recipientsOf[id]...)
		if err != nil {
			return nil, err
		}
		m.DedupKey, m.EmployerID = "results_summary:"+jury.String()+":"+strconv.FormatInt(id, 10), id
		out = append(out, m)
	}
	return out, nil
}
