package registrations

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

type candidatesData struct {
	Candidates []certif.Candidate
	Pager      kit.Pager
	Search     string
	Employer   string
	Employers  []certif.Employer
	AllScope   bool
}

func (s *Area) candidatesPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	d := candidatesData{Search: q.Get("q"), Employer: q.Get("employeur"), AllScope: kit.Scope(r) == store.All}
	page, _ := strconv.Atoi(q.Get("page"))
	list, total, err := s.Store.Candidates(r.Context(), store.CandidateFilter{Scope: kit.Scope(r), Search: d.Search, Employer: d.Employer, Page: page, PerPage: kit.PerPage})
	if err != nil {
		return err
	}
	d.Candidates, d.Pager = list, kit.NewPager(r, total, kit.PerPage)
	if d.AllScope {
		if d.Employers, err = s.Store.Employers(r.Context()); err != nil {
			return err
		}
	}
	return s.Show(w, r, "candidates.html", "Candidats", d)
}

type candidateForm struct {
	Candidate  certif.Candidate
	New        bool
	Employers  []certif.Employer // office: choose the employer
	Submission string            // a new candidate's form key: sent twice, it creates one candidate
}

func (s *Area) candidateFormData(r *http.Request, c certif.Candidate, isNew bool) (candidateForm, error) {
	f := candidateForm{Candidate: c, New: isNew, Submission: r.PostFormValue("submission")}
	if f.Submission == "" {
		f.Submission = kit.RandomToken()
	}
	var err error
	if isNew && kit.Principal(r).Is(certif.RoleOffice) {
		f.Employers, err = s.Store.Employers(r.Context())
	}
	return f, err
}

func (s *Area) newCandidateForm(w http.ResponseWriter, r *http.Request) error {
	f, err := s.candidateFormData(r, certif.Candidate{}, true)
	if err != nil {
		return err
	}
	return s.Show(w, r, "candidate_form.html", "Nouveau candidat", f)
}

// parseCandidate reads the identity form.
func parseCandidate(r *http.Request) (certif.Candidate, error) {
	f := r.PostForm
	c := certif.Candidate{
		BirthName: f.Get("birth_name"), UsageName: f.Get("usage_name"),
		FirstNames: []string{f.Get("first_name1"), f.Get("first_name2"), f.Get("first_name3")},
		Sex:        f.Get("sex"), BirthINSEE: f.Get("birth_insee"), BirthCountry: f.Get("birth_country"),
		Email: f.Get("email"), Phone: f.Get("phone"),
	}
	var v certif.Validation
	c.BirthDate = kit.DateField(&v, r, "birth_date", "Date de naissance", true)
	return c, v.Err()
}

func (s *Area) createCandidate(w http.ResponseWriter, r *http.Request) error {
	p := kit.Principal(r)
	c, err := parseCandidate(r)
	c.EmployerCode = p.User.EmployerCode
	if p.Is(certif.RoleOffice) {
		c.EmployerCode = r.PostFormValue("employer")
	}
	repeated := false
	if err == nil {
		entry := store.CandidateEntry{Submission: r.PostFormValue("submission"), Homonym: r.PostFormValue("homonym") == "on"}
		c, repeated, err = s.Store.AddCandidate(r.Context(), s.Caller(r), c, entry)
	}
	if repeated {
		return s.Redirect(w, r, fmt.Sprintf("/candidats/%d", c.ID), "Ce formulaire avait déjà été envoyé : le candidat "+c.PrintedName()+" est enregistré une seule fois.")
	}
	if err != nil {
		f, ferr := s.candidateFormData(r, c, true)
		if ferr != nil {
			return ferr
		}
		return s.ShowInvalid(w, r, "candidate_form.html", "Nouveau candidat", f, err)
	}
	flash := "Candidat enregistré : " + c.PrintedName() + "."
	if dups, err := s.Store.PossibleDuplicates(r.Context(), c); err == nil && len(dups) > 0 {
		flash += " Attention : une personne de même nom, prénom et date de naissance existe déjà ; l'équipe des examens vérifiera s'il s'agit d'un doublon."
	}
	return s.Redirect(w, r, fmt.Sprintf("/candidats/%d", c.ID), flash)
}

func (s *Area) editCandidateForm(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	c, err := s.Store.Candidate(r.Context(), id, kit.Scope(r))
	if err != nil {
		return err
	}
	return s.Show(w, r, "candidate_form.html", "Corriger l'identité", candidateForm{Candidate: c})
}

// identityEdit replaces the identity fields of a candidate with the form's.
func identityEdit(form certif.Candidate) func(*certif.Candidate) error {
	return func(c *certif.Candidate) error {
		c.BirthName, c.UsageName, c.FirstNames, c.Sex, c.BirthDate = form.BirthName, form.UsageName, form.FirstNames, form.Sex, form.BirthDate
		c.BirthINSEE, c.BirthCountry, c.Email, c.Phone = form.BirthINSEE, form.BirthCountry, form.Email, form.Phone
		return nil
	}
}

func (s *Area) updateCandidate(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	old, err := s.Store.Candidate(r.Context(), id, kit.Scope(r))
	if err != nil {
		return err
	}
	c, err := parseCandidate(r)
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	c.ID, c.EmployerCode, c.Version = id, old.EmployerCode, version
	if err == nil {
		var saved certif.Candidate
		saved, err = s.Store.EditCandidate(r.Context(), s.Caller(r).Because(strings.TrimSpace(r.PostFormValue("reason"))), id, version, identityEdit(c))
		if err == nil {
			c = saved
		}
	}
	if err != nil {
		// Refused as stale, the form keeps what was typed and now stands on the current version.
		c.Version = staleVersion(err, version, old.Version)
		return s.ShowInvalid(w, r, "candidate_form.html", "Corriger l'identité", candidateForm{Candidate: c}, err)
	}
	return s.Redirect(w, r, fmt.Sprintf("/candidats/%d", id), "Identité enregistrée : "+c.PrintedName()+".")
}

func (s *Area) deleteCandidate(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	if err := s.Store.DeleteCandidate(r.Context(), s.Caller(r).Because(r.PostFormValue("deletion_reason")), id, version); err != nil {
		if code := certif.ErrorCode(err); code == certif.EStale || code == certif.EConflict {
			// the file as it is now, the reason typed kept
			return s.candidateInvalid(w, r, id, err)
		}
		return err
	}
	return s.Redirect(w, r, "/candidats", "Candidat supprimé.")
}

func (s *Area) transferCandidate(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	moved, err := s.Store.TransferCandidate(r.Context(), s.Caller(r).Because(r.PostFormValue("reason")), id, r.PostFormValue("employer"))
	if err != nil {
		return s.candidateInvalid(w, r, id, err)
	}
	return s.Redirect(w, r, fmt.Sprintf("/candidats/%d", id), "Candidat rattaché à "+r.PostFormValue("employer")+" : il garde son historique et ses blocs validés."+handOverText(moved))
}

func (s *Area) recordPriorValidation(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	var v certif.Validation
	on := kit.DateField(&v, r, "validated_on", "Date de validation", true)
	block, _ := strconv.Atoi(r.PostFormValue("block"))
	err = v.Err()
	if err == nil {
		err = s.Store.RecordPriorValidation(r.Context(), s.Caller(r), id, r.PostFormValue("qualification"), block, on, r.PostFormValue("note"))
	}
	if err != nil {
		return s.candidateInvalid(w, r, id, err)
	}
	return s.Redirect(w, r, fmt.Sprintf("/candidats/%d", id), "Bloc validé enregistré : il ne sera jamais présenté de nouveau.")
}

type duplicatesData struct {
	Groups []store.DuplicateGroup
}

func (s *Area) duplicatesPage(w http.ResponseWriter, r *http.Request) error {
	groups, err := s.Store.Duplicates(r.Context())
	if err != nil {
		return err
	}
	return s.Show(w, r, "duplicates.html", "Doublons possibles", duplicatesData{groups})
}

func (s *Area) mergeCandidates(w http.ResponseWriter, r *http.Request) error {
	keep, _ := strconv.ParseInt(r.PostFormValue("keep"), 10, 64)
	drop, _ := strconv.ParseInt(r.PostFormValue("drop"), 10, 64)
	moved, err := s.Store.MergeCandidates(r.Context(), s.Caller(r).Because(r.PostFormValue("reason")), keep, drop)
	if err != nil {
		groups, gerr := s.Store.Duplicates(r.Context())
		if gerr != nil {
			return gerr
		}
		return s.ShowInvalid(w, r, "duplicates.html", "Doublons possibles", duplicatesData{groups}, err)
	}
	return s.Redirect(w, r, fmt.Sprintf("/candidats/%d", keep), "Candidats fusionnés : inscriptions, blocs validés et historique sont réunis."+handOverText(moved))
}

// handOverText tells the office what became of the registrations in progress
// of a candidate who changed employer.
func handOverText(moved int) string {
	switch moved {
	case 0:
		return ""
	case 1:
		return " Son inscription en cours passe au nouvel employeur, sans les données de santé déclarées par le précédent : à lui de les déclarer de nouveau si besoin."
	}
	return fmt.Sprintf(" Ses %d inscriptions en cours passent au nouvel employeur, sans les données de santé déclarées par le précédent : à lui de les déclarer de nouveau si besoin.", moved)
}

func (s *Area) reportIdentity(w http.ResponseWriter, r *http.Request) error {
	u := kit.Principal(r).User
	if u.CandidateID == 0 {
		return certif.Errorf(certif.ENotFound, "Votre compte n'est rattaché à aucun candidat.")
	}
	if err := s.Store.ReportIdentityError(r.Context(), s.Caller(r), u.CandidateID, r.PostFormValue("message")); err != nil {
		if certif.ErrorCode(err) != certif.EInvalid {
			return err
		}
		return s.Redirect(w, r, "/?"+url.Values{"signalement": {"vide"}}.Encode(), "Signalement non envoyé : décrivez l'erreur.")
	}
	return s.Redirect(w, r, "/", "Signalement transmis à votre service RH et à l'équipe des examens.")
}
