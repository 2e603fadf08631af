package accounts

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"certibloc/internal/certif"
	"certibloc/internal/store"
	"certibloc/internal/web/kit"
)

// Lifetimes of the links sent by mail, and the limits of "forgotten password".
const (
	resetTTL      = time.Hour
	resetWindow   = time.Hour
	resetPerEmail = 3  // mails per address and window; further requests get the same answer and no mail
	resetPerIP    = 10 // requests per client address and window; further ones are refused
)

type invitationsData struct {
	Invitations []store.Invitation
	Employers   []certif.Employer
	Funds       []certif.NationalFund
	Roles       []certif.Role
	Now         time.Time
	Enabled     bool
}

func (s *Area) invitationsData(ctx context.Context) (invitationsData, error) {
	d := invitationsData{Roles: certif.Roles, Funds: certif.NationalFunds, Now: s.Clock.Now(), Enabled: s.Mail.Enabled()}
	var err error
	if d.Invitations, err = s.Store.Invitations(ctx, 200); err != nil {
		return d, err
	}
	d.Employers, err = s.Store.Employers(ctx)
	return d, err
}

func (s *Area) invitationsPage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.invitationsData(r.Context())
	if err != nil {
		return err
	}
	return s.Show(w, r, "invitations.html", "Inviter une personne", d)
}

// invite creates an account that opens only through the link of its
// invitation, and queues the invitation, in one transaction.
func (s *Area) invite(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	nu := store.NewUser{Email: store.NormalizeEmail(r.PostFormValue("email")), Name: strings.TrimSpace(r.PostFormValue("name")),
		Role: certif.Role(r.PostFormValue("role"))}
	accountOf(r, &nu)
	hash, err := kit.UnusablePassword()
	if err != nil {
		return err
	}
	nu.PasswordHash = hash
	m, l, err := s.InvitationMail(ctx, nu)
	if err != nil {
		return err
	}
	u, err := s.Store.InviteUser(ctx, s.Caller(r), nu, l, m)
	if err != nil {
		d, derr := s.invitationsData(ctx)
		if derr != nil {
			return derr
		}
		return s.ShowInvalid(w, r, "invitations.html", "Inviter une personne", d, err)
	}
	s.NotifyMail()
	return s.Redirect(w, r, "/comptes/invitations", fmt.Sprintf("Compte %s créé : invitation envoyée, lien valable 7 jours.%s", u.Email, s.MailDisabledNote()))
}

// reinvite sends a new invitation link to an account that never used one.
func (s *Area) reinvite(w http.ResponseWriter, r *http.Request) error {
	id, err := kit.PathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	u, err := s.Store.UserByID(ctx, id)
	if err != nil {
		return err
	}
	m, l, err := s.InvitationMail(ctx, store.NewUser{Name: u.Name, Email: u.Email, Role: u.Role, EmployerCode: u.EmployerCode, BranchCode: u.BranchCode})
	if err != nil {
		return err
	}
	if err := s.Store.ReinviteUser(ctx, s.Caller(r), u.ID, l, m); err != nil {
		return err
	}
	s.NotifyMail()
	return s.Redirect(w, r, "/comptes/invitations", fmt.Sprintf("Nouveau lien d'invitation envoyé à %s, valable 7 jours.%s", u.Email, s.MailDisabledNote()))
}

// ---- Anyone: forgotten password ----
