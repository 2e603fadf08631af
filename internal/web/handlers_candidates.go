package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"certibloc/internal/certif"
	"certibloc/internal/store"
)

// scope is the caller's view: one employer, or all of them.
func scope(r *http.Request) store.Scope { return store.ScopeOf(principal(r).User) }

// pathID reads the {id} of a route; a malformed id is simply not found.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, certif.Errorf(certif.ENotFound, "Élément introuvable.")
	}
	return id, nil
}

// pager is the pagination of a list.
type pager struct {
	Page, Pages, Total, PerPage int
	Prev, Next                  string // links, "" at the ends
}

func newPager(r *http.Request, total, perPage int) pager {
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	p := pager{Page: max(page, 1), Total: total, PerPage: perPage, Pages: max((total+perPage-1)/perPage, 1)}
	if p.Page > 1 {
		p.Prev = viewLink(r, "page", strconv.Itoa(p.Page-1))
	}
	if p.Page < p.Pages {
		p.Next = viewLink(r, "page", strconv.Itoa(p.Page+1))
	}
	return p
}

// viewLink is the address of the current view (path and every filter of its
// query) with the given parameters set; an empty value removes one. Templates
// put it whole in an href: the query is encoded once, here.
func viewLink(r *http.Request, keyValues ...string) string {
	q := r.URL.Query()
	for i := 0; i+1 < len(keyValues); i += 2 {
		if keyValues[i+1] == "" {
			q.Del(keyValues[i])
		} else {
			q.Set(keyValues[i], keyValues[i+1])
		}
	}
	if len(q) == 0 {
		return r.URL.Path
	}
	return r.URL.Path + "?" + q.Encode()
}

const perPage = 50

type candidatesData struct {
	Candidates []certif.Candidate
	Pager      pager
	Search     string
	Employer   string
	Employers  []certif.Employer
	AllScope   bool
}

func (s *Server) candidatesPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	d := candidatesData{Search: q.Get("q"), Employer: q.Get("employeur"), AllScope: scope(r) == store.All}
	page, _ := strconv.Atoi(q.Get("page"))
	list, total, err := s.st.Candidates(r.Context(), store.CandidateFilter{Scope: scope(r), Search: d.Search, Employer: d.Employer, Page: page, PerPage: perPage})
	if err != nil {
		return err
	}
	d.Candidates, d.Pager = list, newPager(r, total, perPage)
	if d.AllScope {
		if d.Employers, err = s.st.Employers(r.Context()); err != nil {
			return err
		}
	}
	return s.show(w, r, "candidates.html", "Candidats", d)
}

type candidateForm struct {
	Candidate  certif.Candidate
	New        bool
	Employers  []certif.Employer // office: choose the employer
	Submission string            // a new candidate's form key: sent twice, it creates one candidate
}

func (s *Server) candidateFormData(r *http.Request, c certif.Candidate, isNew bool) (candidateForm, error) {
	f := candidateForm{Candidate: c, New: isNew, Submission: r.PostFormValue("submission")}
	if f.Submission == "" {
		f.Submission = randomToken()
	}
	var err error
	if isNew && principal(r).Is(certif.RoleOffice) {
		f.Employers, err = s.st.Employers(r.Context())
	}
	return f, err
}

func (s *Server) newCandidateForm(w http.ResponseWriter, r *http.Request) error {
	f, err := s.candidateFormData(r, certif.Candidate{}, true)
	if err != nil {
		return err
	}
	return s.show(w, r, "candidate_form.html", "Nouveau candidat", f)
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
	c.BirthDate = dateField(&v, r, "birth_date", "Date de naissance", true)
	return c, v.Err()
}

func (s *Server) createCandidate(w http.ResponseWriter, r *http.Request) error {
	p := principal(r)
	c, err := parseCandidate(r)
	c.EmployerCode = p.User.EmployerCode
	if p.Is(certif.RoleOffice) {
		c.EmployerCode = r.PostFormValue("employer")
	}
	repeated := false
	if err == nil {
		entry := store.CandidateEntry{Submission: r.PostFormValue("submission"), Homonym: r.PostFormValue("homonym") == "on"}
		c, repeated, err = s.st.AddCandidate(r.Context(), actor(r), c, s.clock.Today(), entry)
	}
	if repeated {
		return s.redirect(w, r, fmt.Sprintf("/candidats/%d", c.ID), "Ce formulaire avait déjà été envoyé : le candidat "+c.PrintedName()+" est enregistré une seule fois.")
	}
	if err != nil {
		f, ferr := s.candidateFormData(r, c, true)
		if ferr != nil {
			return ferr
		}
		return s.showInvalid(w, r, "candidate_form.html", "Nouveau candidat", f, err)
	}
	flash := "Candidat enregistré : " + c.PrintedName() + "."
	if dups, err := s.st.PossibleDuplicates(r.Context(), c); err == nil && len(dups) > 0 {
		flash += " Attention : une personne de même nom, prénom et date de naissance existe déjà ; l'équipe des examens vérifiera s'il s'agit d'un doublon."
	}
	return s.redirect(w, r, fmt.Sprintf("/candidats/%d", c.ID), flash)
}

func (s *Server) editCandidateForm(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	c, err := s.st.Candidate(r.Context(), id, scope(r))
	if err != nil {
		return err
	}
	return s.show(w, r, "candidate_form.html", "Corriger l'identité", candidateForm{Candidate: c})
}

// identityEdit replaces the identity fields of a candidate with the form's.
func identityEdit(form certif.Candidate) func(*certif.Candidate) error {
	return func(c *certif.Candidate) error {
		c.BirthName, c.UsageName, c.FirstNames, c.Sex, c.BirthDate = form.BirthName, form.UsageName, form.FirstNames, form.Sex, form.BirthDate
		c.BirthINSEE, c.BirthCountry, c.Email, c.Phone = form.BirthINSEE, form.BirthCountry, form.Email, form.Phone
		return nil
	}
}

func (s *Server) updateCandidate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	old, err := s.st.Candidate(r.Context(), id, scope(r))
	if err != nil {
		return err
	}
	c, err := parseCandidate(r)
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	c.ID, c.EmployerCode, c.Version = id, old.EmployerCode, version
	if err == nil {
		var saved certif.Candidate
		saved, err = s.st.EditCandidate(r.Context(), actor(r), id, scope(r), version, identityEdit(c), s.clock.Today(), strings.TrimSpace(r.PostFormValue("reason")))
		if err == nil {
			c = saved
		}
	}
	if err != nil {
		// Refused as stale, the form keeps what was typed and now stands on the current version.
		c.Version = staleVersion(err, version, old.Version)
		return s.showInvalid(w, r, "candidate_form.html", "Corriger l'identité", candidateForm{Candidate: c}, err)
	}
	return s.redirect(w, r, fmt.Sprintf("/candidats/%d", id), "Identité enregistrée : "+c.PrintedName()+".")
}

func (s *Server) deleteCandidate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.st.DeleteCandidate(r.Context(), actor(r), id, scope(r), r.PostFormValue("reason")); err != nil {
		return err
	}
	return s.redirect(w, r, "/candidats", "Candidat supprimé.")
}

func (s *Server) transferCandidate(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	moved, err := s.st.TransferCandidate(r.Context(), actor(r), id, r.PostFormValue("employer"), r.PostFormValue("reason"))
	if err != nil {
		return s.candidateInvalid(w, r, id, err)
	}
	return s.redirect(w, r, fmt.Sprintf("/candidats/%d", id), "Candidat rattaché à "+r.PostFormValue("employer")+" : il garde son historique et ses blocs validés."+handOverText(moved))
}

func (s *Server) recordPriorValidation(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var v certif.Validation
	on := dateField(&v, r, "validated_on", "Date de validation", true)
	block, _ := strconv.Atoi(r.PostFormValue("block"))
	err = v.Err()
	if err == nil {
		err = s.st.RecordPriorValidation(r.Context(), store.ChangeBy(principal(r).User, s.clock.Today(), ""), id, r.PostFormValue("qualification"), block, on, r.PostFormValue("note"))
	}
	if err != nil {
		return s.candidateInvalid(w, r, id, err)
	}
	return s.redirect(w, r, fmt.Sprintf("/candidats/%d", id), "Bloc validé enregistré : il ne sera jamais présenté de nouveau.")
}

type duplicatesData struct {
	Groups []store.DuplicateGroup
}

func (s *Server) duplicatesPage(w http.ResponseWriter, r *http.Request) error {
	groups, err := s.st.Duplicates(r.Context())
	if err != nil {
		return err
	}
	return s.show(w, r, "duplicates.html", "Doublons possibles", duplicatesData{groups})
}

func (s *Server) mergeCandidates(w http.ResponseWriter, r *http.Request) error {
	keep, _ := strconv.ParseInt(r.PostFormValue("keep"), 10, 64)
	drop, _ := strconv.ParseInt(r.PostFormValue("drop"), 10, 64)
	moved, err := s.st.MergeCandidates(r.Context(), actor(r), keep, drop, r.PostFormValue("reason"))
	if err != nil {
		groups, gerr := s.st.Duplicates(r.Context())
		if gerr != nil {
			return gerr
		}
		return s.showInvalid(w, r, "duplicates.html", "Doublons possibles", duplicatesData{groups}, err)
	}
	return s.redirect(w, r, fmt.Sprintf("/candidats/%d", keep), "Candidats fusionnés : inscriptions, blocs validés et historique sont réunis."+handOverText(moved))
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

func (s *Server) reportIdentity(w http.ResponseWriter, r *http.Request) error {
	u := principal(r).User
	if u.CandidateID == 0 {
		return certif.Errorf(certif.ENotFound, "Votre compte n'est rattaché à aucun candidat.")
	}
	if err := s.st.ReportIdentityError(r.Context(), actor(r), u.CandidateID, r.PostFormValue("message")); err != nil {
		if certif.ErrorCode(err) != certif.EInvalid {
			return err
		}
		return s.redirect(w, r, "/?"+url.Values{"signalement": {"vide"}}.Encode(), "Signalement non envoyé : décrivez l'erreur.")
	}
	return s.redirect(w, r, "/", "Signalement transmis à votre service RH et à l'équipe des examens.")
}
