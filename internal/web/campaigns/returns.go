package campaigns

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"certibloc/internal/calendar"
	"certibloc/internal/campaign"
	"certibloc/internal/certif"
	"certibloc/internal/intake"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

// campaignEmployerData is an employer's page of a campaign: where it stands,
// its table, the upload form or the preview of a returned table. The office
// has the same page for each employer, to record a table the employer sent
// another way (OnBehalf).
type campaignEmployerData struct {
	Campaign   calendar.CollectionCampaign
	Employer   certif.Employer
	Base       string // the page's address, where its forms post
	OnBehalf   bool   // the page of an employer seen by the office or the certifier
	CanRecord  bool   // the caller may upload the table or declare néant: the employer, or the office for it
	ReceivedOn certif.Date
	Reason     string // why the office dates the table before today
	Months     string
	Row        campaign.BoardRow
	Hold       string // R5: why the employer's candidates cannot be presented, "" if they can
	Open       bool   // the deadline has not passed
	Past       bool   // the campaign's exam months are over
	Report     *campaign.Report
	UploadID   int64
}

// returnEmployer is the employer whose table a request is about: the
// caller's own, or for the office the one the path names.
func (s *Area) returnEmployer(r *http.Request) (certif.Employer, bool, error) {
	if kit.Principal(r).Is(certif.RoleEmployer) {
		e, err := s.OwnEmployer(r)
		return e, false, err
	}
	e, err := s.Store.EmployerByCode(r.Context(), r.PathValue("code"))
	return e, true, err
}

// employerCampaign is the page of the campaign the path names ({name}) for
// the employer of the request (returnEmployer).
func (s *Area) employerCampaign(r *http.Request) (campaignEmployerData, error) {
	cp, err := s.campaignOf(r)
	if err != nil {
		return campaignEmployerData{}, err
	}
	today := s.Clock.Today()
	d := campaignEmployerData{Campaign: cp, Months: monthsOf(cp), Open: !today.After(cp.Deadline), ReceivedOn: today,
		Past: len(cp.ExamMonths) > 0 && cp.ExamMonths[len(cp.ExamMonths)-1].Last().Before(today)}
	e, onBehalf, err := s.returnEmployer(r)
	if err != nil {
		return d, err
	}
	d.Employer, d.OnBehalf, d.Base = e, onBehalf, "/recueil/"+cp.Name.String()
	d.CanRecord = kit.Principal(r).Is(certif.RoleEmployer, certif.RoleOffice)
	if onBehalf {
		d.Base += "/employeurs/" + e.Code
	}
	if d.Row, err = campaign.EmployerRow(r.Context(), s.Store, cp, e, today); err != nil {
		return d, err
	}
	if h, ok := d.Row.Hold(today, nil); ok {
		d.Hold = h.Reason
	}
	return d, nil
}

// ownTable downloads the employer's table: the one sent, or, before the
// launch, one made now from its registrations.
func (s *Area) ownTable(w http.ResponseWriter, r *http.Request) error {
	cp, err := s.campaignOf(r)
	if err != nil {
		return err
	}
	e, err := s.OwnEmployer(r)
	if err != nil {
		return err
	}
	name, content, err := s.Store.CollectionFile(r.Context(), cp.Name, e.ID)
	if certif.ErrorCode(err) == certif.ENotFound {
		name, content, err = s.freshTable(r, cp, e)
	}
	if err != nil {
		return err
	}
	return kit.Download(w, name, kit.XLSXType, content)
}

// freshTable makes the employer's table from its current registrations.
func (s *Area) freshTable(r *http.Request, cp calendar.CollectionCampaign, e certif.Employer) (string, []byte, error) {
	tables, err := campaign.Tables(r.Context(), s.Store, cp, e.Code)
	if err != nil {
		return "", nil, err
	}
	if len(tables) == 0 {
		return "", nil, certif.Errorf(certif.ENotFound, "Aucun candidat %s n'est concerné par la campagne %s : pas de tableau de recueil.", certif.De(e.Name), certif.OfMonth(cp.Name))
	}
	content, err := intake.CollectionTableXLSX(tables[0].Table)
	return campaign.Filename(cp.Name, e.Code), content, err
}

// campaignReturnInvalid shows the employer's page with a refused file.
func (s *Area) campaignReturnInvalid(w http.ResponseWriter, r *http.Request, d campaignEmployerData, err error) error {
	return s.ShowInvalid(w, r, "campaign_employer.html", "Recueil "+certif.OfMonth(d.Campaign.Name), d, err)
}

// refusedFile reports whether err refuses a file (its rows, its format), as
// opposed to a failure of the platform.
func refusedFile(err error) bool {
	code := certif.ErrorCode(err)
	return code == certif.EInvalid || code == certif.EBadRequest || code == certif.EConflict
}

// campaignReturnPreview reads a returned table, checks every row and shows
// what committing it would change. A refused file is not kept.
func (s *Area) campaignReturnPreview(w http.ResponseWriter, r *http.Request) error {
	d, err := s.employerCampaign(r)
	if err != nil {
		return err
	}
	cp := d.Campaign
	name, content, err := kit.UploadedFile(w, r)
	if err != nil {
		return s.campaignReturnInvalid(w, r, d, err)
	}
	by, err := s.returnCaller(r, &d)
	if err != nil {
		return s.campaignReturnInvalid(w, r, d, err)
	}
	rep, err := campaign.Return(r.Context(), s.Store, by, &cp, d.Employer.Code, name, content, false, 0)
	d.Report = &rep
	if err != nil {
		if refusedFile(err) {
			return s.campaignReturnInvalid(w, r, d, err)
		}
		return err
	}
	if d.UploadID, err = s.Store.SaveUpload(r.Context(), s.Caller(r), d.Employer.ID, name, content); err != nil {
		return err
	}
	return s.Show(w, r, "campaign_employer.html", "Aperçu du tableau de recueil "+certif.OfMonth(cp.Name), d)
}

// campaignReturnCommit applies a previewed table, all or nothing, and dates
// the return: after the deadline it is late (R5).
func (s *Area) campaignReturnCommit(w http.ResponseWriter, r *http.Request) error {
	d, err := s.employerCampaign(r)
	if err != nil {
		return err
	}
	cp := d.Campaign
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	up, err := s.Store.LoadUpload(r.Context(), id, kit.Scope(r))
	if err == nil && up.EmployerID != d.Employer.ID {
		err = certif.Errorf(certif.ENotFound, "Fichier d'import introuvable.")
	}
	if err != nil {
		return err
	}
	page := d.Base
	if d.OnBehalf {
		page = "/recueil/" + cp.Name.String()
	}
	if up.Committed {
		return s.Redirect(w, r, page, "Ce tableau est déjà enregistré : "+up.Summary+".")
	}
	by, err := s.returnCaller(r, &d)
	if err != nil {
		return s.campaignReturnInvalid(w, r, d, err)
	}
	rep, err := campaign.Return(r.Context(), s.Store, by, &cp, d.Employer.Code, up.Filename, up.Content, true, up.ID)
	if err != nil {
		if !refusedFile(err) {
			return err
		}
		if derr := s.Store.DeleteUpload(r.Context(), up.ID); derr != nil {
			return errors.Join(err, derr)
		}
		d.Report = &rep
		return s.campaignReturnInvalid(w, r, d, &certif.Error{Code: certif.EInvalid,
			Message: "Le tableau n'est plus valable (les inscriptions ont changé depuis l'aperçu) : rien n'a été enregistré ; déposez-le de nouveau. " + rep.Message})
	}
	msg := fmt.Sprintf("Tableau de recueil enregistré le %s : %s, %s.", rep.ReturnedOn.French(), certif.Count(rep.Accepted, "ligne", "lignes"), certif.Count(rep.Changed, "inscription modifiée", "inscriptions modifiées"))
	if d.OnBehalf {
		msg = fmt.Sprintf("Tableau de recueil %s enregistré, daté du %s : %s, %s.", certif.De(d.Employer.Code), rep.ReturnedOn.French(), certif.Count(rep.Accepted, "ligne", "lignes"), certif.Count(rep.Changed, "inscription modifiée", "inscriptions modifiées"))
	}
	if rep.Late {
		msg += fmt.Sprintf(" Il est arrivé après la date limite du %s : les candidats de cette campagne ne peuvent pas être présentés à un jury professionnel tant que l'équipe des examens n'a pas levé le blocage.", cp.Deadline.French())
	}
	return s.Redirect(w, r, page, msg)
}

// returnCaller is who records a table, and the day it is dated: today for
// the employer; for the office, the day the table was received (form field
// received_on, today by default, the caller's EffectiveOn), an earlier day
// with its reason (traced).
func (s *Area) returnCaller(r *http.Request, d *campaignEmployerData) (store.Caller, error) {
	by := s.Caller(r)
	today := by.Today
	if !d.OnBehalf {
		return by, nil
	}
	d.Reason = strings.TrimSpace(r.PostFormValue("reason"))
	if raw := r.PostFormValue("received_on"); raw != "" {
		on, err := certif.ParseDate(raw)
		if err != nil {
			return store.Caller{}, &certif.Error{Code: certif.EInvalid, Message: "Date de réception invalide.",
				Fields: map[string]string{"received_on": "Date invalide : choisissez le jour où le tableau a été reçu."}}
		}
		d.ReceivedOn = on
	}
	switch {
	case d.ReceivedOn.After(today):
		return store.Caller{}, &certif.Error{Code: certif.EInvalid, Message: "La date de réception ne peut pas être postérieure à aujourd'hui.",
			Fields: map[string]string{"received_on": "Date postérieure à aujourd'hui (" + today.French() + ")."}}
	case d.ReceivedOn.Before(today) && d.Reason == "":
		return store.Caller{}, &certif.Error{Code: certif.EInvalid, Message: "Un tableau daté d'avant aujourd'hui demande un motif.",
			Fields: map[string]string{"reason": "Indiquez comment le tableau a été reçu ce jour-là (par exemple : courriel de l'employeur du " + d.ReceivedOn.French() + ")."}}
	case len(d.Reason) > 500:
		return store.Caller{}, &certif.Error{Code: certif.EInvalid, Message: "Motif trop long.", Fields: map[string]string{"reason": "500 caractères au plus."}}
	}
	by.EffectiveOn = d.ReceivedOn
	return by.Because(d.Reason), nil
}

// campaignNil records that the employer presents nobody in the campaign (R17).
func (s *Area) campaignNil(w http.ResponseWriter, r *http.Request) error {
	d, err := s.employerCampaign(r)
	if err != nil {
		return err
	}
	cp := d.Campaign
	err = s.Store.DeclareCollectionNil(r.Context(), s.Caller(r), cp, d.Employer.Code)
	if refusedFile(err) {
		return s.campaignReturnInvalid(w, r, d, err)
	}
	if err != nil {
		return err
	}
	return s.Redirect(w, r, d.Base, fmt.Sprintf("Déclaration « néant » enregistrée pour la campagne %s (%s).", certif.OfMonth(cp.Name), d.Employer.Name))
}
