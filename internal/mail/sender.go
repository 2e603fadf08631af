package mail

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	netmail "net/mail"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"

	"certibloc/internal/ics"
)

// Security is how the connection to the SMTP server is protected.
type Security string

// The security modes of the SMTP connection.
const (
	StartTLS Security = "starttls" // plain connection upgraded by STARTTLS, required (port 587)
	TLS      Security = "tls"      // TLS from the start (port 465)
	NoTLS    Security = "none"     // no encryption: a relay on the same machine or network only
)

// DefaultFrom is the sender address when none is configured.
const DefaultFrom = "certibloc <noreply@certibloc.local>"

// Config is the SMTP settings. An empty Host disables sending.
type Config struct {
	Host      string
	Port      int
	Security  Security
	Username  string // "" for no authentication
	Password  string
	From      string        // "Nom <adresse>" or an address
	Timeout   time.Duration // of the connection and of each command
	TLSConfig *tls.Config   // nil for the system's certificates and Host as server name
}

// Enabled reports whether a host is configured.
func (c Config) Enabled() bool { return c.Host != "" }

// String names the server, e.g. "smtp.example.fr:587 (starttls)".
func (c Config) String() string {
	return c.Host + ":" + strconv.Itoa(c.Port) + " (" + string(c.Security) + ")"
}

// Check validates the settings, with French messages naming each setting.
func (c Config) Check() error {
	switch c.Security {
	case StartTLS, TLS, NoTLS:
	default:
		return fmt.Errorf("sécurité SMTP « %s » inconnue : choisissez starttls, tls ou none", c.Security)
	}
	if c.Port < 1 || c.Port > 65535 {
		return fmt.Errorf("port SMTP %d invalide : entre 1 et 65535 (587 pour starttls, 465 pour tls)", c.Port)
	}
	if _, err := netmail.ParseAddress(c.From); err != nil {
		return fmt.Errorf("adresse d'expédition « %s » invalide : « Nom <adresse@domaine> » ou « adresse@domaine » attendu", c.From)
	}
	if c.Username != "" && c.Security == NoTLS {
		return fmt.Errorf("authentification SMTP sans chiffrement refusée : choisissez starttls ou tls pour envoyer un identifiant")
	}
	if c.Timeout <= 0 {
		return fmt.Errorf("délai SMTP %s invalide : une durée positive est attendue (ex. 30s)", c.Timeout)
	}
	return nil
}

// Message is one mail to send.
type Message struct {
	MessageID      string // without angle brackets, e.g. outbox-12@certibloc
	To             []string
	Subject        string
	Text           string
	HTML           string // "" for a plain-text mail
	AttachmentName string
	Attachment     []byte
}

// Sender sends mail through one SMTP server.
type Sender struct {
	cfg  Config
	from *netmail.Address
}

// NewSender checks the settings and returns a sender.
func NewSender(cfg Config) (*Sender, error) {
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	from, err := netmail.ParseAddress(cfg.From)
	if err != nil {
		return nil, err
	}
	return &Sender{cfg: cfg, from: from}, nil
}

// Config returns the settings of the sender.
func (s *Sender) Config() Config { return s.cfg }

// Send delivers one message over a connection of its own. A message the
// server accepted is sent, even if the connection then fails. The error is a
// *DeliveryError: temporary (retry) or permanent, with a French message.
func (s *Sender) Send(ctx context.Context, m Message) error {
	msg, err := s.build(m)
	if err != nil {
		return &DeliveryError{Message: "Courriel impossible à composer : " + err.Error()}
	}
	client, err := gomail.NewClient(s.cfg.Host, s.options()...)
	if err != nil {
		return &DeliveryError{Message: "Réglages SMTP invalides : " + err.Error()}
	}
	err = client.DialAndSendWithContext(ctx, msg)
	if msg.IsDelivered() {
		return nil
	}
	return classify(err, s.cfg)
}

func (s *Sender) options() []gomail.Option {
	opts := []gomail.Option{gomail.WithPort(s.cfg.Port), gomail.WithTimeout(s.cfg.Timeout)}
	switch s.cfg.Security {
	case TLS:
		opts = append(opts, gomail.WithSSL())
	case StartTLS:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	default:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	}
	if s.cfg.TLSConfig != nil {
		opts = append(opts, gomail.WithTLSConfig(s.cfg.TLSConfig))
	}
	if s.cfg.Username != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover), gomail.WithUsername(s.cfg.Username), gomail.WithPassword(s.cfg.Password))
	}
	return opts
}

// build composes the MIME message: plain text, with the HTML as alternative,
// and the attachment if any.
func (s *Sender) build(m Message) (*gomail.Msg, error) {
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	msg.FromMailAddress(s.from)
	if err := msg.To(m.To...); err != nil {
		return nil, fmt.Errorf("destinataire invalide (%v)", m.To)
	}
	msg.Subject(m.Subject)
	msg.SetMessageIDWithValue(m.MessageID)
	msg.SetDate()
	msg.SetGenHeader(gomail.HeaderContentLang, "fr")
	msg.SetGenHeader(gomail.Header("Auto-Submitted"), "auto-generated")
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	if len(m.Attachment) > 0 {
		if err := msg.AttachReader(m.AttachmentName, bytes.NewReader(m.Attachment), attachmentOptions(m.AttachmentName, m.Attachment)...); err != nil {
			return nil, fmt.Errorf("pièce jointe %s : %v", m.AttachmentName, err)
		}
	}
	return msg, nil
}

// attachmentOptions gives an ".ics" file the content type calendar programs
// expect of an invitation, text/calendar with the METHOD of its content
// (RFC 6047); other files keep the type of their extension.
func attachmentOptions(name string, data []byte) []gomail.FileOption {
	if !strings.EqualFold(filepath.Ext(name), ".ics") {
		return nil
	}
	ct := "text/calendar; charset=utf-8"
	if method := ics.MethodOf(data); method != "" {
		ct += "; method=" + string(method)
	}
	return []gomail.FileOption{gomail.WithFileContentType(gomail.ContentType(ct))}
}
