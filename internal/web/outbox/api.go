package outbox

import (
	"net/http"
	"time"

	"certibloc/internal/certif"
	"certibloc/internal/mail"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

// apiMail is an outbox row as the API shows it (never its content).
type apiMail struct {
	ID            int64     `json:"id"`
	Kind          string    `json:"kind"`
	KindLabel     string    `json:"kind_label"`
	To            []string  `json:"to"`
	Subject       string    `json:"subject"`
	Status        string    `json:"status"`
	StatusLabel   string    `json:"status_label"`
	Attempts      int       `json:"attempts"`
	LastError     string    `json:"last_error"`
	DedupKey      string    `json:"dedup_key,omitempty"`
	EmployerID    int64     `json:"employer_id,omitempty"`
	CreatedAt     time.Time `json:"created_at"`
	LastAttemptAt time.Time `json:"last_attempt_at,omitzero"`
	NextAttemptAt time.Time `json:"next_attempt_at,omitzero"`
	SentAt        time.Time `json:"sent_at,omitzero"`
}

func apiMailOf(m store.OutboxMail) apiMail {
	a := apiMail{ID: m.ID, Kind: m.Kind, KindLabel: mail.KindLabel(m.Kind), To: m.To, Subject: m.Subject, Status: string(m.Status),
		StatusLabel: m.Status.Label(), Attempts: m.Attempts, LastError: m.LastError, DedupKey: m.DedupKey, EmployerID: m.EmployerID,
		CreatedAt: m.CreatedAt, LastAttemptAt: m.LastAttemptAt, SentAt: m.SentAt}
	if m.Status == store.MailPending {
		a.NextAttemptAt = m.NextAttemptAt
	}
	return a
}

func (s *Area) apiMails(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	var v certif.Validation
	page, per := kit.APIPaging(&v, r)
	f := store.OutboxFilter{Status: mailStatus(&v, "status", q.Get("status")), Kind: q.Get("kind"), Search: q.Get("q"), Page: page, PerPage: per}
	if err := v.Err(); err != nil {
		return err
	}
	rows, total, err := s.Store.OutboxMails(r.Context(), f)
	if err != nil {
		return err
	}
	out := kit.ListPage[apiMail]{Total: total, Page: page, PerPage: per, Items: []apiMail{}}
	for _, m := range rows {
		out.Items = append(out.Items, apiMailOf(m))
	}
	return kit.WriteJSON(w, http.StatusOK, out)
}

func (s *Area) apiResendMail(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.APIPathID(r)
	if err != nil {
		return err
	}
	if err := s.Store.ResendMail(r.Context(), s.Caller(r), id); err != nil {
		return err
	}
	s.NotifyMail()
	m, err := s.Store.OutboxMailByID(r.Context(), id)
	if err != nil {
		return err
	}
	return kit.WriteJSON(w, http.StatusOK, apiMailOf(m))
}
