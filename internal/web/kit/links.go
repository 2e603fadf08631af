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

// InvitationMail renders the invitation of an account and its link.
func (s *Site) InvitationMail(ctx context.Context, name, email string, role certif.Role, employerCode string) (store.Mail, store.AccountLink, error) {
	link, l := s.NewLink(store.LinkInvitation, InvitationTTL)
	employer := employerCode
	if e, err := s.Store.EmployerByCode(ctx, employerCode); employerCode != "" && err == nil {
		employer = e.Name
	}
	m, err := mail.Compose("invitation", mail.InvitationData{Name: name, Email: email, Role: role.Label(), Employer: employer,
		Link: link, ExpiresAt: l.ExpiresAt}, email)
	return m, l, err
}

// UnusablePassword is the hash of a password nobody knows: an invited account
// opens only through the link of its invitation.
func UnusablePassword() (string, error) { return auth.HashPassword(RandomToken()) }
