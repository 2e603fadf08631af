package web

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"

	"certibloc/internal/calendar"
	"certibloc/internal/campaign"
	"certibloc/internal/certif"
	"certibloc/internal/store"
)

// xlsxType is the media type of an Excel workbook.
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// campaignOf returns the campaign named in the path ({name}, YYYY-MM).
func (s *Server) campaignOf(r *http.Request) (calendar.CollectionCampaign, error) {
	name, err := certif.ParseMonth(r.PathValue("name"))
	if err != nil {
		return calendar.CollectionCampaign{}, certif.Errorf(certif.ENotFound, "Campagne de recueil introuvable.")
	}
	return s.st.Campaign(r.Context(), name)
}

// holdsOf returns the R5 blocks of an employer's candidates today (their
// collection table missing or late), for the eligibility of their attempts
// (R8); a failure to read them is logged and shows no block.
func (s *Server) holdsOf(r *http.Request, employerID int64) []certif.CollectionHold {
	holds, err := s.st.CollectionHolds(r.Context(), employerID, s.clock.Today())
	if err != nil {
		s.log.Error("blocages R5", "id", reqID(r), "error", err)
	}
	return holds
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
func (s *Server) campaignsPage(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	today := s.clock.Today()
	year := s.yearParam(r.URL.Query().Get("annee"))
	cal, err := s.st.Calendar(ctx)
	if err != nil {
		return err
	}
	d := campaignListData{Year: year, Prev: year - 1, Next: year + 1}
	var own *certif.Employer
	if principal(r).Is(certif.RoleEmployer) {
		e, err := s.ownEmployer(r)
		if err != nil {
			return err
		}
		own = &e
	}
	for _, cp := range cal.Campaigns(year) {
		row := campaignListRow{CollectionCampaign: cp, Months: monthsOf(cp), Open: !today.After(cp.Deadline)}
		if own != nil {
			mine, err := campaign.EmployerRow(ctx, s.st, cp, *own, today)
			if err != nil {
				return err
			}
			row.Mine = &mine
		} else {
			returns, err := s.st.CollectionReturns(ctx, cp, store.All)
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
	return s.show(w, r, "campaigns.html", fmt.Sprintf("Campagnes de recueil %d", year), d)
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
func (s *Server) campaignPage(w http.ResponseWriter, r *http.Request) error {
	if principal(r).Is(certif.RoleEmployer) {
		d, err := s.employerCampaign(r)
		if err != nil {
			return err
		}
		return s.show(w, r, "campaign_employer.html", "Recueil "+d.Campaign.Name.String(), d)
	}
	cp, err := s.campaignOf(r)
	if err != nil {
		return err
	}
	d, err := s.campaignBoard(r, cp)
	if err != nil {
		return err
	}
	return s.show(w, r, "campaign_board.html", "Campagne de recueil "+cp.Name.String(), d)
}

// officeCampaignEmployer is an employer's page of a campaign, for the office
// recording a table the employer sent another way (mail, post).
func (s *Server) officeCampaignEmployer(w http.ResponseWriter, r *http.Request) error {
	d, err := s.employerCampaign(r)
	if err != nil {
		return err
	}
	return s.show(w, r, "campaign_employer.html", "Recueil "+d.Campaign.Name.String()+" · "+d.Employer.Code, d)
}

func (s *Server) campaignBoard(r *http.Request, cp calendar.CollectionCampaign) (campaignBoardData, error) {
	b, err := campaign.BuildBoard(r.Context(), s.st, cp, s.clock.Today())
	return campaignBoardData{Board: b, Months: monthsOf(cp), Open: !s.clock.Today().After(cp.Deadline),
		IsOffice: principal(r).Is(certif.RoleOffice), Statuses: certif.CollectionStatuses}, err
}

// launchCampaign sends their collection table to every employer the campaign
// concerns that was not sent one yet (office).
func (s *Server) launchCampaign(w http.ResponseWriter, r *http.Request) error {
	cp, err := s.campaignOf(r)
	if err != nil {
		return err
	}
	rep, err := campaign.Launch(r.Context(), s.st, actor(r), cp, s.cfg.BaseURL)
	if err != nil {
		return err
	}
	msg := fmt.Sprintf("Campagne %s : aucun nouvel employeur concerné, rien n'a été envoyé.", cp.Name)
	if len(rep.Sent) > 0 {
		msg = fmt.Sprintf("Campagne %s lancée : tableau de recueil envoyé à %d employeur(s) (%s).", cp.Name, len(rep.Sent), strings.Join(rep.Sent, ", "))
	}
	if len(rep.Already) > 0 {
		msg += fmt.Sprintf(" Déjà envoyé avant : %s.", strings.Join(rep.Already, ", "))
	}
	if len(rep.NoAddress) > 0 {
		msg += fmt.Sprintf(" Sans adresse RH, donc sans courriel (le tableau est dans leur espace) : %s.", strings.Join(rep.NoAddress, ", "))
	}
	return s.redirect(w, r, "/recueil/"+cp.Name.String(), msg)
}

// liftCampaignHold lifts the R5 block of an employer with a reason (office).
func (s *Server) liftCampaignHold(w http.ResponseWriter, r *http.Request) error {
	cp, err := s.campaignOf(r)
	if err != nil {
		return err
	}
	code := strings.ToUpper(r.PathValue("code"))
	err = s.st.LiftCollectionHold(r.Context(), actor(r), cp.Name, code, r.PostFormValue("reason"))
	if certif.ErrorCode(err) == certif.EInvalid {
		d, derr := s.campaignBoard(r, cp)
		if derr != nil {
			return derr
		}
		field := "reason-" + code
		return s.showInvalid(w, r, "campaign_board.html", "Campagne de recueil "+cp.Name.String(), d,
			&certif.Error{Code: certif.EInvalid, Message: certif.ErrorMessage(err), Fields: map[string]string{field: certif.ErrorFields(err)["reason"]}})
	}
	if err != nil {
		return err
	}
	return s.redirect(w, r, "/recueil/"+cp.Name.String(), fmt.Sprintf("Blocage levé pour %s : ses candidats de la campagne %s peuvent être présentés à un jury.", code, cp.Name))
}

// sentTable and returnedTable download an employer's tables (office, certifier).
func (s *Server) sentTable(w http.ResponseWriter, r *http.Request) error {
	return s.staffTable(w, r, false)
}

func (s *Server) returnedTable(w http.ResponseWriter, r *http.Request) error {
	return s.staffTable(w, r, true)
}

func (s *Server) staffTable(w http.ResponseWriter, r *http.Request, returned bool) error {
	cp, err := s.campaignOf(r)
	if err != nil {
		return err
	}
	e, err := s.st.EmployerByCode(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	var name string
	var content []byte
	if returned {
		name, content, err = s.st.ReturnedCollectionFile(r.Context(), viewer(r), cp.Name, e.ID)
	} else {
		name, content, err = s.st.CollectionFile(r.Context(), cp.Name, e.ID)
	}
	if err != nil {
		return err
	}
	contentType := xlsxType
	if !bytes.HasPrefix(content, []byte("PK")) { // a table returned as CSV
		contentType = "text/csv; charset=utf-8"
	}
	return download(w, name, contentType, content)
}
