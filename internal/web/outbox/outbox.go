package outbox

import (
	"fmt"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"

	"certibloc/internal/certif"
	"certibloc/internal/mail"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

// mailRow is an outbox row as the pages show it.
type mailRow struct {
	store.OutboxMail
	KindLabel    string
	Confidential bool
}

// Badge is the style of the status badge.
func (m mailRow) Badge() string {
	return map[store.MailStatus]string{store.MailSent: "ok", store.MailFailed: "late", store.MailPending: "todo"}[m.Status]
}

func rowOf(m store.OutboxMail) mailRow {
	return mailRow{OutboxMail: m, KindLabel: mail.KindLabel(m.Kind), Confidential: mail.Confidential(m.Kind)}
}

type kindOption struct{ Value, Label string }

type outboxData struct {
	Rows     []mailRow
	Pager    kit.Pager
	Filter   store.OutboxFilter
	Statuses []store.MailStatus
	Kinds    []kindOption
	Counts   map[store.MailStatus]int
	Enabled  bool
	Back     string // this view, to come back to after an action
}

// mailStatus reads a status filter ("" for all).
func mailStatus(v *certif.Validation, field, value string) store.MailStatus {
	st := store.MailStatus(value)
	if value != "" && !slices.Contains(store.MailStatuses, st) {
		v.Add(field, "État inconnu : pending, sending, sent ou failed.")
	}
	return st
}

func (s *Area) outboxPage(w http.ResponseWriter, r *http.Request) error {
	ctx, q := r.Context(), r.URL.Query()
	var v certif.Validation
	page, _ := strconv.Atoi(q.Get("page"))
	f := store.OutboxFilter{Status: mailStatus(&v, "statut", q.Get("statut")), Kind: q.Get("type"), Search: q.Get("q"), Page: page, PerPage: kit.PerPage}
	d := outboxData{Filter: f, Statuses: store.MailStatuses, Enabled: s.Mail.Enabled(), Back: r.URL.RequestURI()}
	kinds, err := s.Store.MailKinds(ctx)
	if err != nil {
		return err
	}
	for _, k := range kinds {
		d.Kinds = append(d.Kinds, kindOption{Value: k, Label: mail.KindLabel(k)})
	}
	if d.Counts, err = s.Store.MailCounts(ctx); err != nil {
		return err
	}
	if err := v.Err(); err != nil {
		return s.ShowInvalid(w, r, "mail_outbox.html", "Courriels", d, err)
	}
	rows, total, err := s.Store.OutboxMails(ctx, f)
	if err != nil {
		return err
	}
	for _, m := range rows {
		d.Rows = append(d.Rows, rowOf(m))
	}
	d.Pager = kit.NewPager(r, total, kit.PerPage)
	return s.Show(w, r, "mail_outbox.html", "Courriels", d)
}

type mailDetailData struct {
	Mail    mailRow
	Enabled bool
}

// mailOf reads the mail of the path's {id}.
func (s *Area) mailOf(r *http.Request) (store.OutboxMail, error) {
	id, err := kit.PathID(r)
	if err != nil {
		return store.OutboxMail{}, err
	}
	return s.Store.OutboxMailByID(r.Context(), id)
}

func (s *Area) outboxMailPage(w http.ResponseWriter, r *http.Request) error {
	m, err := s.mailOf(r)
	if err != nil {
		return err
	}
	return s.Show(w, r, "mail_detail.html", fmt.Sprintf("Courriel n° %d", m.ID), mailDetailData{Mail: rowOf(m), Enabled: s.Mail.Enabled()})
}

// resendMail puts a failed mail back in the queue and goes back to the page
// the office came from.
func (s *Area) resendMail(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	if err := s.Store.ResendMail(r.Context(), s.Caller(r), id); err != nil {
		return err
	}
	s.NotifyMail()
	back := kit.SafeNext(r.PostFormValue("retour"))
	if back == "/" {
		back = fmt.Sprintf("/courriels/%d", id)
	}
	return s.Redirect(w, r, back, fmt.Sprintf("Courriel n° %d remis dans la file d'envoi.%s", id, s.MailDisabledNote()))
}

// attachment downloads a mail's attachment (a collection table, a
// convocation's calendar file), as its recipients received it; nothing for a
// confidential mail, whose content the office does not see.
func (s *Area) attachment(w http.ResponseWriter, r *http.Request) error {
	m, err := s.mailOf(r)
	if err != nil {
		return err
	}
	if len(m.Attachment) == 0 || mail.Confidential(m.Kind) {
		return certif.Errorf(certif.ENotFound, "Ce courriel n'a pas de pièce jointe à télécharger.")
	}
	contentType := "application/octet-stream"
	switch path.Ext(strings.ToLower(m.AttachmentName)) {
	case ".ics":
		contentType = "text/calendar; charset=utf-8"
	case ".xlsx":
		contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case ".csv":
		contentType = "text/csv; charset=utf-8"
	}
	return kit.Download(w, m.AttachmentName, contentType, m.Attachment)
}
