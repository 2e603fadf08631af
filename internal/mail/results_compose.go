package mail

import (
	"slices"
	"strconv"

	"certibloc/internal/certif"
	"certibloc/internal/store"
)

// ResultMails composes a proclamation's mails (R10): one per candidate who
// has an address, with their blocks' decisions and the CQP obtained whole,
// and one summary per employer with recipients. baseURL leads to the
// spaces; titles names the qualifications by code.
func ResultMails(baseURL string, titles map[string]string) store.ResultMails {
	named := func(code string) string {
		if t := titles[code]; t != "" {
			return "CQP " + t
		}
		return "CQP " + code
	}
	return func(res store.Results) ([]store.Mail, error) {
		jury := res.JuryDay
		byCandidate := map[int64]*ResultData{}
		byEmployer := map[int64]*ResultsSummaryData{}
		emailOf, recipientsOf := map[int64]string{}, map[int64][]string{}
		var candidates, employers []int64
		for _, d := range res.Decided {
			p := res.Parties[d.AttemptID]
			emailOf[p.Candidate.ID], recipientsOf[p.Employer.ID] = p.Candidate.Email, p.Recipients
			if c := byCandidate[p.Candidate.ID]; c == nil && p.Candidate.Email != "" {
				c = &ResultData{Candidate: d.CandidateName, Jury: jury, SpaceLink: baseURL + "/"}
				for _, q := range res.ObtainedBy(d.CandidateID) {
					c.Obtained = append(c.Obtained, named(q))
				}
				byCandidate[p.Candidate.ID] = c
				candidates = append(candidates, p.Candidate.ID)
			}
			if c := byCandidate[p.Candidate.ID]; c != nil {
				c.Lines = append(c.Lines, ResultLine{Qualification: named(d.Qualification), Block: d.Block, Decision: d.Decision.Label()})
			}
			e := byEmployer[p.Employer.ID]
			if e == nil && len(p.Recipients) > 0 {
				e = &ResultsSummaryData{Employer: p.Employer.Name, Jury: jury, SpaceLink: baseURL + "/inscriptions"}
				byEmployer[p.Employer.ID] = e
				employers = append(employers, p.Employer.ID)
			}
			if e != nil {
				e.Lines = append(e.Lines, ResultSummaryLine{Candidate: d.CandidateName, Qualification: named(d.Qualification), Block: d.Block, Decision: d.Decision.Label()})
				if d.Decision == certif.DecisionValidated {
					e.Validated++
				}
			}
		}
		var out []store.Mail
		for _, id := range candidates {
			m, err := Compose("result", *byCandidate[id], emailOf[id])
			if err != nil {
				return nil, err
			}
			m.DedupKey = "result:" + jury.String() + ":" + strconv.FormatInt(id, 10)
			out = append(out, m)
		}
		slices.Sort(employers)
		for _, id := range employers {
			m, err := Compose("results_summary", *byEmployer[id], recipientsOf[id]...)
			if err != nil {
				return nil, err
			}
			m.DedupKey, m.EmployerID = "results_summary:"+jury.String()+":"+strconv.FormatInt(id, 10), id
			out = append(out, m)
		}
		return out, nil
	}
}
