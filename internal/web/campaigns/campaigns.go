package campaigns

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"

	"certibloc/internal/calendar"
	"certibloc/internal/campaign"
	"certibloc/internal/certif"
	"certibloc/internal/web/kit"
)

// campaignOf returns the campaign named in the path ({name}, YYYY-MM).
func (s *Area) campaignOf(r *http.Request) (calendar.CollectionCampaign, error) {
	name, err := certif.ParseMonth(r.PathValue("name"))
	if err != nil {
		return calendar.CollectionCampaign{}, certif.Errorf(certif.ENotFound, "Campagne de recueil introuvable.")
	}
	return s.Store.Campaign(r.Context(), name)
}

// campaignListRow is a campaign in the list, with where it stands.
type campaignListRow struct {
	calendar.CollectionCampaign
	Months string
	Open   bool                            // the deadline has not passed
	Counts map[certif.CollectionStatus]int // office and certifier: employers by status (tables sent)
	Mine   *campaign.BoardRow              // employer: where it stands
}

type campaignListData struct {
	Year, Prev, Next int
	Rows             []campaignListRow
}

// campaignsPage lists the campaigns of a year: for the office and the
// certifier with the employers by status, for an employer with its own status.
func (s *Area) campaignsPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	today := s.Clock.Today()
	year := s.YearParam(r.URL.Query().Get("annee"))
	cal, err := s.Store.Calendar(ctx)
	if err != nil {
		return err
	}
	d := campaignListData{Year: year, Prev: year - 1, Next: year + 1}
	var own *certif.Employer
	if kit.Principal(r).Is(certif.RoleEmployer) {
		e, err := s.OwnEmployer(r)
		if err != nil {
			return err
		}
		own = &e
	}
	for _, cp := range cal.Campaigns(year) {
		row := campaignListRow{CollectionCampaign: cp, Months: monthsOf(cp), Open: !today.After(cp.Deadline)}
		if own != nil {
			mine, err := campaign.EmployerRow(ctx, s.Store, cp, *own, today)
			if err != nil {
				return err
			}
			row.Mine = &mine
		} else {
			returns, err := s.Store.CollectionReturns(ctx, cp, kit.Scope(r))
			if err != nil {
				return err
			}
			row.Counts = map[certif.CollectionStatus]int{}
			for _, ret := range returns {
				row.Counts[ret.Status(today)]++
			}
		}
		d.Rows = append(d.Rows, row)
	}
	return s.Show(w, r, "campaigns.html", fmt.Sprintf("Campagnes de recueil %d", year), d)
}

// monthsOf names the exam months of a campaign: "juin 2026, juillet 2026".
func monthsOf(cp calendar.CollectionCampaign) string {
	s := make([]string, len(cp.ExamMonths))
	for i, m := range cp.ExamMonths {
		s[i] = m.French()
	}
	return strings.Join(s, ", ")
}

type campaignBoardData struct {
	Board    campaign.Board
	Months   string
	Open     bool
	IsOffice bool
	Statuses []certif.CollectionStatus
}

// campaignPage is the board of a campaign (office, certifier) or the
// employer's page of the campaign.
func (s *Area) campaignPage(w http.ResponseWriter, r *http.Request) error {
	if kit.Principal(r).Is(certif.RoleEmployer) {
		d, err := s.employerCampaign(r)
		if err != nil {
			return err
		}
		return s.Show(w, r, "campaign_employer.html", "Recueil "+certif.OfMonth(d.Campaign.Name), d)
	}
	cp, err := s.campaignOf(r)
	if err != nil {
		return err
	}
	d, err := s.campaignBoard(r, cp)
	if err != nil {
		return err
	}
	return s.Show(w, r, "campaign_board.html", "Campagne de recueil "+certif.OfMonth(cp.Name), d)
}

// officeCampaignEmployer is an employer's page of a campaign, for the office
// recording a table the employer sent another way (mail, post).
func (s *Area) officeCampaignEmployer(w http.ResponseWriter, r *http.Request) error {
	d, err := s.employerCampaign(r)
	if err != nil {
		return err
	}
	return s.Show(w, r, "campaign_employer.html", "Recueil "+certif.OfMonth(d.Campaign.Name)+" · "+d.Employer.Name, d)
}

func (s *Area) campaignBoard(r *http.Request, cp calendar.CollectionCampaign) (campaignBoardData, error) {
	b, err := campaign.BuildBoard(r.Context(), s.Store, cp, s.Clock.Today())
	return campaignBoardData{Board: b, Months: monthsOf(cp), Open: !s.Clock.Today().After(cp.Deadline),
		IsOffice: kit.Principal(r).Is(certif.RoleOffice), Statuses: certif.CollectionStatuses}, err
}

// launchCampaign sends their collection table to every employer the campaign
// concerns that was not sent one yet (office).
func (s *Area) launchCampaign(w http.ResponseWriter, r *http.Request) error {
	cp, err := s.campaignOf(r)
	if err != nil {
		return err
	}
	rep, err := campaign.Launch(r.Context(), s.Store, s.Caller(r), cp, s.BaseURL)
	if err != nil {
		return err
	}
	msg := fmt.Sprintf("Campagne %s : aucun nouvel employeur concerné, rien n'a été envoyé.", certif.OfMonth(cp.Name))
	if len(rep.Sent) > 0 {
		msg = fmt.Sprintf("Campagne %s lancée : tableau de recueil envoyé à %s (%s).", certif.OfMonth(cp.Name), certif.Count(len(rep.Sent), "employeur", "employeurs"), strings.Join(rep.Sent, ", "))
	}
	if len(rep.Already) > 0 {
		msg += fmt.Sprintf(" Déjà envoyé avant : %s.", strings.Join(rep.Already, ", "))
	}
	if len(rep.NoAddress) > 0 {
		msg += fmt.Sprintf(" Sans adresse RH, donc sans courriel (le tableau est dans leur espace) : %s.", strings.Join(rep.NoAddress, ", "))
	}
	return s.Redirect(w, r, "/recueil/"+cp.Name.String(), msg)
}

// liftCampaignHold lifts the R5 block of an employer with a reason (office).
func (s *Area) liftCampaignHold(w http.ResponseWriter, r *http.Request) error {
	cp, err := s.campaignOf(r)
	if err != nil {
		return err
	}
	code := strings.ToUpper(r.PathValue("code"))
	err = s.Store.LiftCollectionHold(r.Context(), s.Caller(r).Because(r.PostFormValue("reason")), cp.Name, code)
	if certif.ErrorCode(err) == certif.EInvalid {
		d, derr := s.campaignBoard(r, cp)
		if derr != nil {
			return derr
		}
		field := "reason-" + code
		return s.ShowInvalid(w, r, "campaign_board.html", "Campagne de recueil "+certif.OfMonth(cp.Name), d,
			&certif.Error{Code: certif.EInvalid, Message: certif.ErrorMessage(err), Fields: map[string]string{field: certif.ErrorFields(err)["reason"]}})
	}
	if err != nil {
		return err
	}
	return s.Redirect(w, r, "/recueil/"+cp.Name.String(), fmt.Sprintf("Blocage levé pour %s : ses candidats de la campagne %s peuvent être présentés à un jury.", code, certif.OfMonth(cp.Name)))
}

// sentTable and returnedTable download an employer's tables (office, certifier).
func (s *Area) sentTable(w http.ResponseWriter, r *http.Request) error {
	return s.staffTable(w, r, false)
}

func (s *Area) returnedTable(w http.ResponseWriter, r *http.Request) error {
	return s.staffTable(w, r, true)
}

func (s *Area) staffTable(w http.ResponseWriter, r *http.Request, returned bool) error {
	cp, err := s.campaignOf(r)
	if err != nil {
		return err
	}
	e, err := s.Store.EmployerByCode(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	var name string
	var content []byte
	if returned {
		name, content, err = s.Store.ReturnedCollectionFile(r.Context(), kit.Viewer(r), cp.Name, e.ID)
	} else {
		name, content, err = s.Store.CollectionFile(r.Context(), cp.Name, e.ID)
	}
	if err != nil {
		return err
	}
	contentType := kit.XLSXType
	if !bytes.HasPrefix(content, []byte("PK")) { // a table returned as CSV
		contentType = "text/csv; charset=utf-8"
	}
	return kit.Download(w, name, contentType, content)
}
