package kit

import (
	"context"
	"net/url"
	"time"

	"certibloc/internal/auth"
	"certibloc/internal/certif"
	"certibloc/internal/mail"
	"certibloc/internal/store"
)

// InvitationTTL is how long the link of an invitation opens the account.
const InvitationTTL = 7 * 24 * time.Hour

// NewLink makes the secret of a single-use link: the URL to mail, and what the
// store keeps of it (its hash, purpose and expiry).
func (s *Site) NewLink(purpose store.LinkPurpose, ttl time.Duration) (string, store.AccountLink) {
	value, hash := auth.NewToken("")
	return s.BaseURL + "/mot-de-passe/nouveau?jeton=" + url.QueryEscape(value),
		store.AccountLink{TokenHash: hash, Purpose: purpose, ExpiresAt: s.Clock.Now().Add(ttl)}
}

// InvitationMail renders the invitation of an account and its link; the
// mail names the account's employer or national fund.
func (s *Site) InvitationMail(ctx context.Context, u store.NewUser) (store.Mail, store.AccountLink, error) {
	link, l := s.NewLink(store.LinkInvitation, InvitationTTL)
	of := u.EmployerCode
	if e, err := s.Store.EmployerByCode(ctx, u.EmployerCode); u.EmployerCode != "" && err == nil {
		of = e.Name
	}
	if f, ok := certif.NationalFundOf(u.BranchCode); ok && u.Role.NeedsBranch() {
		of = f.Title
	}
	m, err := mail.Compose("invitation", mail.InvitationData{Name: u.Name, Email: u.Email, Role: u.Role.Label(), Employer: of,
		Link: link, ExpiresAt: l.ExpiresAt}, u.Email)
	return m, l, err
}

// UnusablePassword is the hash of a password nobody knows: an invited account
// opens only through the link of its invitation.
func UnusablePassword() (string, error) { return auth.HashPassword(RandomToken()) }
