package campaigns

import (
	"net/http"

	"certibloc/internal/campaign"
	"certibloc/internal/certif"
	"certibloc/internal/web/kit"
)

// apiCampaignBoard is a campaign and where its employers stand.
type apiCampaignBoard struct {
	Campaign   certif.Month                    `json:"campaign"`
	ExamMonths []certif.Month                  `json:"exam_months"`
	Deadline   certif.Date                     `json:"deadline"`
	Counts     map[certif.CollectionStatus]int `json:"counts"`
	Employers  []campaign.BoardRow             `json:"employers"`
}

// apiCampaign answers the board of a campaign: every employer for the office
// and the certifier, its own row for an employer.
func (s *Area) apiCampaign(w http.ResponseWriter, r *http.Request) error {
	cp, err := s.campaignOf(r)
	if err != nil {
		return err
	}
	out := apiCampaignBoard{Campaign: cp.Name, ExamMonths: cp.ExamMonths, Deadline: cp.Deadline, Counts: map[certif.CollectionStatus]int{}}
	if kit.Principal(r).Is(certif.RoleEmployer) {
		e, err := s.OwnEmployer(r)
		if err != nil {
			return err
		}
		row, err := campaign.EmployerRow(r.Context(), s.Store, cp, e, s.Clock.Today())
		if err != nil {
			return err
		}
		out.Employers = []campaign.BoardRow{row}
	} else {
		b, err := campaign.BuildBoard(r.Context(), s.Store, cp, s.Clock.Today())
		if err != nil {
			return err
		}
		out.Employers = b.Rows
	}
	for _, row := range out.Employers {
		out.Counts[row.Status]++
	}
	if out.Employers == nil {
		out.Employers = []campaign.BoardRow{}
	}
	return kit.WriteJSON(w, http.StatusOK, out)
}
