package juries

import (
	"net/http"
	"strconv"
	"strings"

	"certibloc/internal/certif"
	"certibloc/internal/mail"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

type requestsView struct {
	Requests []certif.AvailabilityRequest
	Members  []certif.JuryMember  // active members in the caller's scope, to choose from
	Fund     *certif.NationalFund // the caller's national fund, nil for the office
	Request  certif.AvailabilityRequest
	Chosen   map[int64]bool
}

func (s *Area) requestsView(r *http.Request, req certif.AvailabilityRequest, chosen map[int64]bool) (requestsView, error) {
	v := requestsView{Request: req, Chosen: chosen, Fund: fundOf(r)}
	var err error
	if v.Requests, err = s.Store.AvailabilityRequests(r.Context(), kit.Scope(r)); err != nil {
		return v, err
	}
	v.Members, err = s.Store.JuryMembers(r.Context(), store.JuryMemberFilter{Scope: kit.Scope(r), Status: certif.MemberActive})
	return v, err
}

func (s *Area) requestsPage(w http.ResponseWriter, r *http.Request) error {
	next := s.Clock.Today().MonthOf().Add(1)
	req := certif.AvailabilityRequest{From: next.First(), To: next.Last(), AnswerBy: s.Clock.Today().AddDays(14)}
	v, err := s.requestsView(r, req, nil)
	if err != nil {
		return err
	}
	v.Chosen = map[int64]bool{}
	for _, m := range v.Members {
		v.Chosen[m.ID] = true
	}
	return s.Show(w, r, "requests.html", "Demandes de disponibilités", v)
}

func (s *Area) createRequest(w http.ResponseWriter, r *http.Request) error {
	var v certif.Validation
	req := certif.AvailabilityRequest{From: kit.DateField(&v, r, "from", "Début", true), To: kit.DateField(&v, r, "to", "Fin", true),
		AnswerBy: kit.DateField(&v, r, "answer_by", "Date de réponse", true), Message: strings.TrimSpace(r.PostFormValue("message"))}
	chosen := map[int64]bool{}
	var ids []int64
	for _, raw := range r.PostForm["members"] {
		id, err := strconv.ParseInt(raw, 10, 64)
		if err != nil {
			v.Add("members", "Membre invalide.")
			continue
		}
		ids, chosen[id] = append(ids, id), true
	}
	err := v.Err()
	if err == nil {
		req, err = s.Store.RequestAvailability(r.Context(), s.Caller(r), req, ids, mail.AvailabilityRequests(s.BaseURL))
	}
	if certif.ErrorCode(err) == certif.EInvalid {
		view, verr := s.requestsView(r, req, chosen)
		if verr != nil {
			return verr
		}
		return s.ShowInvalid(w, r, "requests.html", "Demandes de disponibilités", view, err)
	}
	if err != nil {
		return err
	}
	s.NotifyMail()
	return s.Redirect(w, r, "/demandes-disponibilites/"+strconv.FormatInt(req.ID, 10),
		"Demande envoyée à "+certif.Count(req.Members, "membre", "membres")+" ; une relance part deux jours avant le "+req.AnswerBy.French()+" vers ceux qui n'ont pas répondu."+s.MailDisabledNote())
}

type requestView struct {
	Request certif.AvailabilityRequest
	Members []store.RequestedMember
}

func (s *Area) requestPage(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	req, members, err := s.Store.AvailabilityRequest(r.Context(), id, kit.Scope(r))
	if err != nil {
		return err
	}
	return s.Show(w, r, "request.html", "Demande de disponibilités", requestView{Request: req, Members: members})
}
