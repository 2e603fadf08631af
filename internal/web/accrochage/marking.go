package accrochage

import (
	"net/http"
	"strconv"

	cdc "certibloc/internal/accrochage"
	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

// marking is a state the office may set by hand.
type marking struct {
	Status cdc.Status
	Label  string
}

var markings = []marking{
	{cdc.Accepted, "Acceptée par la Caisse des Dépôts"},
	{cdc.Rejected, "Rejetée par la Caisse des Dépôts (renvoyée une fois corrigée)"},
	{cdc.NotSent, "À renvoyer telle quelle dans le prochain flux"},
}

type itemView struct {
	Item     store.AccrochageItem
	Markings []marking
}

func (s *Area) item(r *http.Request) (itemView, error) {
	o, err := s.Store.Accrochage(r.Context(), store.AccrochageFilter{}, s.BaseURL, s.Clock.Today())
	if err != nil {
		return itemView{}, err
	}
	it, ok := o.Item(r.PathValue("number"))
	if !ok {
		return itemView{}, certif.Errorf(certif.ENotFound, "Certification introuvable parmi les CQP délivrés.")
	}
	return itemView{Item: it, Markings: markings}, nil
}

func (s *Area) itemPage(w http.ResponseWriter, r *http.Request) error {
	v, err := s.item(r)
	if err != nil {
		return err
	}
	return s.Show(w, r, "item.html", "Certification "+v.Item.Certificate, v)
}

func (s *Area) mark(w http.ResponseWriter, r *http.Request) error {
	v, err := s.item(r)
	if err != nil {
		return err
	}
	status, err := kit.FormValue(r, "status")
	if err == nil {
		version, _ := strconv.Atoi(r.PostFormValue("version"))
		by := s.Caller(r).Because(r.PostFormValue("reason"))
		err = s.Store.MarkAccrochageRecord(r.Context(), by, v.Item.Certificate, cdc.Status(status), version)
	}
	switch certif.ErrorCode(err) {
	case "":
		return s.Redirect(w, r, "/accrochage", "État de la certification "+v.Item.Certificate+" enregistré.")
	case certif.EInvalid, certif.EStale:
		return s.ShowInvalid(w, r, "item.html", "Certification "+v.Item.Certificate, v, err)
	}
	return err
}

type apiRecord struct {
	Certificate   string      `json:"certificate"`
	IDTechnique   string      `json:"id_technique"`
	CandidateID   int64       `json:"candidate_id"`
	Qualification string      `json:"qualification"`
	Holder        string      `json:"holder"`
	Obtained      certif.Date `json:"obtained"`
	Due           certif.Date `json:"due"`
	Late          bool        `json:"late"`
	Status        string      `json:"status"` // not_sent, sent, accepted, rejected
	Flow          int         `json:"flow,omitempty"`
	Reason        string      `json:"reason,omitempty"`
	Corrected     bool        `json:"corrected"`
	Problems      []string    `json:"problems"`
}

// apiRecords lists every CQP obtained and where it stands with the CDC.
func (s *Area) apiRecords(w http.ResponseWriter, r *http.Request) error {
	o, err := s.Store.Accrochage(r.Context(), store.AccrochageFilter{}, s.BaseURL, s.Clock.Today())
	if err != nil {
		return err
	}
	out := make([]apiRecord, 0, len(o.Items))
	for _, it := range o.Items {
		problems := it.Problems
		if problems == nil {
			problems = []string{}
		}
		out = append(out, apiRecord{it.Certificate, it.IDTechnique, it.CandidateID, it.Qualification, it.Holder, it.Obtained, it.Due, it.Late,
			string(it.Status), it.Flow, it.Reason, it.Corrected, problems})
	}
	return kit.WriteJSON(w, http.StatusOK, out)
}
