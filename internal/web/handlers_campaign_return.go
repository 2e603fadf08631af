package web

import (
	"errors"
	"fmt"
	"net/http"

	"certibloc/internal/calendar"
	"certibloc/internal/campaign"
	"certibloc/internal/certif"
	"certibloc/internal/intake"
	"certibloc/internal/store"
)

// campaignEmployerData is an employer's page of a campaign: where it stands,
// its table, the upload form or the preview of a returned table.
type campaignEmployerData struct {
	Campaign calendar.CollectionCampaign
	Months   string
	Row      campaign.BoardRow
	Hold     string // R5: why the employer's candidates cannot be presented, "" if they can
	Open     bool   // the deadline has not passed
	Past     bool   // the campaign's exam months are over
	Report   *campaign.Report
	UploadID int64
}

func (s *Server) employerCampaign(r *http.Request, cp calendar.CollectionCampaign) (campaignEmployerData, error) {
	today := s.clock.Today()
	d := campaignEmployerData{Campaign: cp, Months: monthsOf(cp), Open: !today.After(cp.Deadline),
		Past: len(cp.ExamMonths) > 0 && cp.ExamMonths[len(cp.ExamMonths)-1].Last().Before(today)}
	e, err := s.ownEmployer(r)
	if err != nil {
		return d, err
	}
	if d.Row, err = campaign.EmployerRow(r.Context(), s.st, cp, e, today); err != nil {
		return d, err
	}
	if h, ok := d.Row.Hold(today, nil); ok {
		d.Hold = h.Reason
	}
	return d, nil
}

// ownTable downloads the employer's table: the one sent, or, before the
// launch, one made now from its registrations.
func (s *Server) ownTable(w http.ResponseWriter, r *http.Request) error {
	cp, err := s.campaignOf(r)
	if err != nil {
		return err
	}
	e, err := s.ownEmployer(r)
	if err != nil {
		return err
	}
	name, content, err := s.st.CollectionFile(r.Context(), cp.Name, e.ID, false)
	if certif.ErrorCode(err) == certif.ENotFound {
		name, content, err = s.freshTable(r, cp, e)
	}
	if err != nil {
		return err
	}
	return download(w, name, xlsxType, content)
}

// freshTable makes the employer's table from its current registrations.
func (s *Server) freshTable(r *http.Request, cp calendar.CollectionCampaign, e certif.Employer) (string, []byte, error) {
	tables, err := campaign.Tables(r.Context(), s.st, cp, e.Code)
	if err != nil {
		return "", nil, err
	}
	if len(tables) == 0 {
		return "", nil, certif.Errorf(certif.ENotFound, "Aucun candidat de %s n'est concerné par la campagne %s : pas de tableau de recueil.", e.Code, cp.Name)
	}
	content, err := intake.CollectionTableXLSX(tables[0].Table)
	return campaign.Filename(cp.Name, e.Code), content, err
}

// campaignReturnInvalid shows the employer's page with a refused file.
func (s *Server) campaignReturnInvalid(w http.ResponseWriter, r *http.Request, d campaignEmployerData, err error) error {
	return s.showInvalid(w, r, "campaign_employer.html", "Recueil "+d.Campaign.Name.String(), d, err)
}

// refusedFile reports whether err refuses a file (its rows, its format), as
// opposed to a failure of the platform.
func refusedFile(err error) bool {
	code := certif.ErrorCode(err)
	return code == certif.EInvalid || code == certif.EBadRequest || code == certif.EConflict
}

// campaignReturnPreview reads a returned table, checks every row and shows
// what committing it would change. A refused file is not kept.
func (s *Server) campaignReturnPreview(w http.ResponseWriter, r *http.Request) error {
	cp, err := s.campaignOf(r)
	if err != nil {
		return err
	}
	d, err := s.employerCampaign(r, cp)
	if err != nil {
		return err
	}
	name, content, err := uploadedFile(w, r)
	if err != nil {
		return s.campaignReturnInvalid(w, r, d, err)
	}
	u := principal(r).User
	rep, err := campaign.Return(r.Context(), s.st, store.ChangeBy(u, s.clock.Today(), ""), &cp, u.EmployerCode, name, content, false, 0)
	d.Report = &rep
	if err != nil {
		if refusedFile(err) {
			return s.campaignReturnInvalid(w, r, d, err)
		}
		return err
	}
	if d.UploadID, err = s.st.SaveUpload(r.Context(), actor(r), u.EmployerID, name, content); err != nil {
		return err
	}
	return s.show(w, r, "campaign_employer.html", "Aperçu du tableau de recueil "+cp.Name.String(), d)
}

// campaignReturnCommit applies a previewed table, all or nothing, and dates
// the return: after the deadline it is late (R5).
func (s *Server) campaignReturnCommit(w http.ResponseWriter, r *http.Request) error {
	cp, err := s.campaignOf(r)
	if err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	up, err := s.st.LoadUpload(r.Context(), id, scope(r))
	if err != nil {
		return err
	}
	page := "/recueil/" + cp.Name.String()
	if up.Committed {
		return s.redirect(w, r, page, "Ce tableau est déjà enregistré : "+up.Summary+".")
	}
	u := principal(r).User
	rep, err := campaign.Return(r.Context(), s.st, store.ChangeBy(u, s.clock.Today(), ""), &cp, u.EmployerCode, up.Filename, up.Content, true, up.ID)
	if err != nil {
		if !refusedFile(err) {
			return err
		}
		if derr := s.st.DeleteUpload(r.Context(), up.ID); derr != nil {
			return errors.Join(err, derr)
		}
		d, derr := s.employerCampaign(r, cp)
		if derr != nil {
			return derr
		}
		d.Report = &rep
		return s.campaignReturnInvalid(w, r, d, &certif.Error{Code: certif.EInvalid,
			Message: "Le tableau n'est plus valable (les inscriptions ont changé depuis l'aperçu) : rien n'a été enregistré ; déposez-le de nouveau. " + rep.Message})
	}
	msg := fmt.Sprintf("Tableau de recueil enregistré le %s : %d ligne(s), %d inscription(s) modifiée(s).", rep.ReturnedOn.French(), rep.Accepted, rep.Changed)
	if rep.Late {
		msg += fmt.Sprintf(" Il est arrivé après la date limite du %s : vos candidats de cette campagne ne peuvent pas être présentés à un jury professionnel tant que l'équipe des examens n'a pas levé le blocage (R5).", cp.Deadline.French())
	}
	return s.redirect(w, r, page, msg)
}

// campaignNil records that the employer presents nobody in the campaign (R17).
func (s *Server) campaignNil(w http.ResponseWriter, r *http.Request) error {
	cp, err := s.campaignOf(r)
	if err != nil {
		return err
	}
	err = s.st.DeclareCollectionNil(r.Context(), actor(r), cp, principal(r).User.EmployerCode, s.clock.Today())
	if refusedFile(err) {
		d, derr := s.employerCampaign(r, cp)
		if derr != nil {
			return derr
		}
		return s.campaignReturnInvalid(w, r, d, err)
	}
	if err != nil {
		return err
	}
	return s.redirect(w, r, "/recueil/"+cp.Name.String(), fmt.Sprintf("Déclaration « néant » enregistrée pour la campagne %s.", cp.Name))
}
