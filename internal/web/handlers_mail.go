package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"certibloc/internal/auth"
	"certibloc/internal/certif"
	"certibloc/internal/mail"
	"certibloc/internal/store"
)

// Lifetimes of the links sent by mail, and the limits of "forgotten password".
const (
	invitationTTL = 7 * 24 * time.Hour
	resetTTL      = time.Hour
	resetWindow   = time.Hour
	resetPerEmail = 3  // mails per address and window; further requests get the same answer and no mail
	resetPerIP    = 10 // requests per client address and window; further ones are refused
)

// notifyMail nudges the mail sender after a page queued a mail.
func (s *Server) notifyMail() { s.cfg.Mail.Notify() }

// ---- Office: the outbox ----

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
	Pager    pager
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

func (s *Server) outboxPage(w http.ResponseWriter, r *http.Request) error {
	ctx, q := r.Context(), r.URL.Query()
	var v certif.Validation
	page, _ := strconv.Atoi(q.Get("page"))
	f := store.OutboxFilter{Status: mailStatus(&v, "statut", q.Get("statut")), Kind: q.Get("type"), Search: q.Get("q"), Page: page, PerPage: perPage}
	d := outboxData{Filter: f, Statuses: store.MailStatuses, Enabled: s.cfg.Mail.Enabled(), Back: r.URL.RequestURI()}
	kinds, err := s.st.MailKinds(ctx)
	if err != nil {
		return err
	}
	for _, k := range kinds {
		d.Kinds = append(d.Kinds, kindOption{Value: k, Label: mail.KindLabel(k)})
	}
	if d.Counts, err = s.st.MailCounts(ctx); err != nil {
		return err
	}
	if err := v.Err(); err != nil {
		return s.showInvalid(w, r, "mail_outbox.html", "Courriels", d, err)
	}
	rows, total, err := s.st.OutboxMails(ctx, f)
	if err != nil {
		return err
	}
	for _, m := range rows {
		d.Rows = append(d.Rows, rowOf(m))
	}
	d.Pager = newPager(r, total, perPage)
	return s.show(w, r, "mail_outbox.html", "Courriels", d)
}

type mailDetailData struct {
	Mail    mailRow
	Enabled bool
}

func (s *Server) outboxMailPage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	m, err := s.st.OutboxMailByID(r.Context(), id)
	if err != nil {
		return err
	}
	return s.show(w, r, "mail_detail.html", fmt.Sprintf("Courriel n° %d", id), mailDetailData{Mail: rowOf(m), Enabled: s.cfg.Mail.Enabled()})
}

// resendMail puts a failed mail back in the queue and goes back to the page
// the office came from.
func (s *Server) resendMail(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.st.ResendMail(r.Context(), actor(r), id); err != nil {
		return err
	}
	s.notifyMail()
	back := safeNext(r.PostFormValue("retour"))
	if back == "/" {
		back = fmt.Sprintf("/courriels/%d", id)
	}
	return s.redirect(w, r, back, fmt.Sprintf("Courriel n° %d remis dans la file d'envoi.%s", id, s.disabledNote()))
}

// disabledNote tells the office that queued mails wait for an SMTP server.
func (s *Server) disabledNote() string {
	if s.cfg.Mail.Enabled() {
		return ""
	}
	return " L'envoi des courriels est désactivé (aucun serveur SMTP configuré) : il partira quand un serveur sera configuré."
}

// ---- Office: invitations ----

type invitationsData struct {
	Invitations []store.Invitation
	Employers   []certif.Employer
	Roles       []certif.Role
	Now         time.Time
	Enabled     bool
}

func (s *Server) invitationsData(ctx context.Context) (invitationsData, error) {
	d := invitationsData{Roles: certif.Roles, Now: s.clock.Now(), Enabled: s.cfg.Mail.Enabled()}
	var err error
	if d.Invitations, err = s.st.Invitations(ctx, 200); err != nil {
		return d, err
	}
	d.Employers, err = s.st.Employers(ctx)
	return d, err
}

func (s *Server) invitationsPage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.invitationsData(r.Context())
	if err != nil {
		return err
	}
	return s.show(w, r, "invitations.html", "Inviter une personne", d)
}

// newLink makes the secret of a single-use link: the URL to mail, and what the
// store keeps (its hash).
func (s *Server) newLink(purpose store.LinkPurpose, ttl time.Duration) (string, store.AccountLink) {
	value, hash := auth.NewToken("")
	return s.cfg.BaseURL + "/mot-de-passe/nouveau?jeton=" + url.QueryEscape(value),
		store.AccountLink{TokenHash: hash, Purpose: purpose, ExpiresAt: s.clock.Now().Add(ttl)}
}

// invitationMail renders the invitation of an account and its link.
func (s *Server) invitationMail(ctx context.Context, name, email string, role certif.Role, employerCode string) (store.Mail, store.AccountLink, error) {
	link, l := s.newLink(store.LinkInvitation, invitationTTL)
	employer := employerCode
	if e, err := s.st.EmployerByCode(ctx, employerCode); employerCode != "" && err == nil {
		employer = e.Name
	}
	m, err := mail.Compose("invitation", mail.InvitationData{Name: name, Email: email, Role: role.Label(), Employer: employer,
		Link: link, ExpiresAt: l.ExpiresAt}, email)
	return m, l, err
}

// invite creates an account that opens only through the link of its
// invitation, and queues the invitation, in one transaction.
func (s *Server) invite(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	nu := store.NewUser{Email: store.NormalizeEmail(r.PostFormValue("email")), Name: strings.TrimSpace(r.PostFormValue("name")),
		Role: certif.Role(r.PostFormValue("role"))}
	if nu.Role.NeedsEmployer() {
		nu.EmployerCode = r.PostFormValue("employer")
	}
	// A password nobody knows: the account opens only through the link.
	hash, err := auth.HashPassword(randomToken())
	if err != nil {
		return err
	}
	nu.PasswordHash = hash
	m, l, err := s.invitationMail(ctx, nu.Name, nu.Email, nu.Role, nu.EmployerCode)
	if err != nil {
		return err
	}
	u, err := s.st.InviteUser(ctx, actor(r), nu, l, m)
	if err != nil {
		d, derr := s.invitationsData(ctx)
		if derr != nil {
			return derr
		}
		return s.showInvalid(w, r, "invitations.html", "Inviter une personne", d, err)
	}
	s.notifyMail()
	return s.redirect(w, r, "/comptes/invitations", fmt.Sprintf("Compte %s créé : invitation envoyée, lien valable 7 jours.%s", u.Email, s.disabledNote()))
}

// reinvite sends a new invitation link to an account that never used one.
func (s *Server) reinvite(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	u, err := s.st.UserByID(ctx, id)
	if err != nil {
		return err
	}
	m, l, err := s.invitationMail(ctx, u.Name, u.Email, u.Role, u.EmployerCode)
	if err != nil {
		return err
	}
	if err := s.st.ReinviteUser(ctx, actor(r), u.ID, l, m); err != nil {
		return err
	}
	s.notifyMail()
	return s.redirect(w, r, "/comptes/invitations", fmt.Sprintf("Nouveau lien d'invitation envoyé à %s, valable 7 jours.%s", u.Email, s.disabledNote()))
}

// ---- Anyone: forgotten password ----

func (s *Server) forgotForm(w http.ResponseWriter, r *http.Request) error {
	return s.show(w, r, "password_forgot.html", "Mot de passe oublié", nil)
}

// forgot answers the same whether the address has an account or not; it mails
// a link valid 1 hour to an enabled account, at most resetPerEmail times an
// hour, and refuses a client that asks more than resetPerIP times an hour.
func (s *Server) forgot(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	email := store.NormalizeEmail(r.PostFormValue("email"))
	if !certif.ValidEmail(email) {
		return s.showInvalid(w, r, "password_forgot.html", "Mot de passe oublié", nil, &certif.Error{Code: certif.EInvalid,
			Message: "Adresse électronique invalide.", Fields: map[string]string{"email": "Saisissez l'adresse électronique de votre compte, ex. prenom.nom@organisme.fr."}})
	}
	byEmail, byIP, err := s.st.RecordResetRequest(ctx, email, clientIP(r), s.clock.Now().Add(-resetWindow))
	if err != nil {
		return err
	}
	if byIP > resetPerIP {
		return s.showInvalid(w, r, "password_forgot.html", "Mot de passe oublié", nil,
			certif.Errorf(certif.ETooMany, "Trop de demandes depuis votre poste : réessayez dans une heure."))
	}
	if byEmail <= resetPerEmail {
		if err := s.sendReset(ctx, email); err != nil {
			return err
		}
	}
	return s.redirect(w, r, "/mot-de-passe/oubli", "Si un compte existe à l'adresse "+email+", un courriel vient d'y être envoyé avec un lien "+
		"valable une heure pour choisir un nouveau mot de passe. Pensez à regarder dans les courriels indésirables.")
}

// sendReset queues the reset mail of an enabled account; nothing for an
// unknown or disabled address.
func (s *Server) sendReset(ctx context.Context, email string) error {
	u, _, err := s.st.UserByEmail(ctx, email)
	if certif.ErrorCode(err) == certif.ENotFound || (err == nil && u.Disabled) {
		return nil
	}
	if err != nil {
		return err
	}
	link, l := s.newLink(store.LinkPasswordReset, resetTTL)
	m, err := mail.Compose("password_reset", mail.PasswordResetData{Name: u.Name, Email: u.Email, Link: link, ExpiresAt: l.ExpiresAt}, u.Email)
	if err != nil {
		return err
	}
	if err := s.st.CreatePasswordReset(ctx, u.ID, l, m); err != nil {
		return err
	}
	s.notifyMail()
	return nil
}

// ---- Anyone: choose a password through a link ----

type newPasswordData struct {
	Token      string
	User       *certif.User // nil when the link cannot be used
	Invitation bool
}

// linkPage shows the form of a link, or why the link cannot serve.
func (s *Server) linkPage(w http.ResponseWriter, r *http.Request, token string, formErr error) error {
	d := newPasswordData{Token: token}
	var purpose store.LinkPurpose
	var err error
	if token == "" {
		err = certif.Errorf(certif.EBadRequest, "Lien incomplet : ouvrez le lien reçu par courriel en entier, ou demandez-en un nouveau.")
	} else {
		d.User, purpose, err = s.st.AccountLinkUser(r.Context(), auth.HashToken(token))
	}
	d.Invitation = purpose == store.LinkInvitation
	title := "Nouveau mot de passe"
	if d.Invitation {
		title = "Choisir votre mot de passe"
	}
	if err != nil {
		d.User = nil
		return s.showInvalid(w, r, "password_new.html", title, d, err)
	}
	if formErr != nil {
		return s.showInvalid(w, r, "password_new.html", title, d, formErr)
	}
	return s.show(w, r, "password_new.html", title, d)
}

func (s *Server) newPasswordForm(w http.ResponseWriter, r *http.Request) error {
	return s.linkPage(w, r, r.URL.Query().Get("jeton"), nil)
}

// newPassword sets the password chosen through a link: the link is used up,
// the account's sessions are closed, and the change is traced.
func (s *Server) newPassword(w http.ResponseWriter, r *http.Request) error {
	token, password := r.PostFormValue("jeton"), r.PostFormValue("password")
	var v certif.Validation
	if perr := auth.CheckPassword(password); perr != nil {
		v.Add("password", certif.ErrorFields(perr)["password"])
	}
	if password != r.PostFormValue("confirm") {
		v.Add("confirm", "La confirmation ne correspond pas au mot de passe.")
	}
	if err := v.Err(); err != nil || token == "" {
		return s.linkPage(w, r, token, err)
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return err
	}
	if _, err := s.st.UseAccountLink(r.Context(), auth.HashToken(token), hash); err != nil {
		return s.linkPage(w, r, token, err)
	}
	// Whoever was logged in on this browser is logged out: the person logs in
	// with the password just chosen.
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := s.auth.Logout(r.Context(), c.Value); err != nil {
			return err
		}
	}
	s.clearCookie(w, r, sessionCookie)
	return s.redirect(w, r, "/connexion", "Mot de passe enregistré : connectez-vous avec votre adresse électronique et ce mot de passe.")
}

// ---- API ----

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

func (s *Server) apiMails(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	var v certif.Validation
	page, per := apiPaging(&v, r)
	f := store.OutboxFilter{Status: mailStatus(&v, "status", q.Get("status")), Kind: q.Get("kind"), Search: q.Get("q"), Page: page, PerPage: per}
	if err := v.Err(); err != nil {
		return err
	}
	rows, total, err := s.st.OutboxMails(r.Context(), f)
	if err != nil {
		return err
	}
	out := apiListPage[apiMail]{Total: total, Page: page, PerPage: per, Items: []apiMail{}}
	for _, m := range rows {
		out.Items = append(out.Items, apiMailOf(m))
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiResendMail(w http.ResponseWriter, r *http.Request) error {
	id, err := apiPathID(r)
	if err != nil {
		return err
	}
	if err := s.st.ResendMail(r.Context(), actor(r), id); err != nil {
		return err
	}
	s.notifyMail()
	m, err := s.st.OutboxMailByID(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, apiMailOf(m))
}
