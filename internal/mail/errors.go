package mail

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/textproto"
	"strconv"
	"strings"
	"syscall"

	gomail "github.com/wneessen/go-mail"
)

// DeliveryError is a failed attempt to send a mail, explained in French.
type DeliveryError struct {
	Temporary bool   // retry later: server unreachable, timeout, 4xx answer
	Code      int    // SMTP reply code, 0 when the server gave none
	Message   string // French, for the office and the command line
	Err       error  // the underlying error
}

func (e *DeliveryError) Error() string { return e.Message }

func (e *DeliveryError) Unwrap() error { return e.Err }

// Permanent reports whether the server refused the mail for good (5xx).
func (e *DeliveryError) Permanent() bool { return !e.Temporary && e.Code >= 500 }

// classify explains a go-mail error in French and says whether to retry.
func classify(err error, cfg Config) *DeliveryError {
	server := cfg.Host + ":" + fmt.Sprint(cfg.Port)
	d := &DeliveryError{Temporary: true, Err: err}
	var sendErr *gomail.SendError
	var proto *textproto.Error
	var dnsErr *net.DNSError
	var netErr net.Error
	var certErr *tls.CertificateVerificationError
	var unknownAuthority x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var record tls.RecordHeaderError
	switch {
	case errors.As(err, &sendErr) && sendErr.ErrorCode() != 0:
		d.Code = sendErr.ErrorCode()
		d.Message = refusal(d.Code, reply(err))
	case errors.As(err, &proto):
		d.Code = proto.Code
		d.Message = refusal(proto.Code, fmt.Sprintf("%d %s", proto.Code, proto.Msg))
		if strings.Contains(err.Error(), "SMTP AUTH failed") {
			d.Message = fmt.Sprintf("Authentification refusée par le serveur SMTP %s (%d %s) : vérifiez l'identifiant et le mot de passe SMTP.", server, proto.Code, proto.Msg)
		}
	case errors.Is(err, syscall.ECONNREFUSED):
		d.Message = fmt.Sprintf("Serveur SMTP %s injoignable : connexion refusée.", server)
	case errors.As(err, &dnsErr):
		d.Message = fmt.Sprintf("Serveur SMTP %s introuvable : le nom %s ne se résout pas.", server, cfg.Host)
	case errors.As(err, &certErr), errors.As(err, &unknownAuthority), errors.As(err, &hostname):
		d.Message = fmt.Sprintf("Certificat du serveur SMTP %s refusé : %v.", server, err)
	case errors.As(err, &record):
		d.Message = fmt.Sprintf("Échec de la connexion TLS au serveur SMTP %s : le serveur ne parle pas TLS sur ce port (essayez --smtp-security starttls ou le port 465).", server)
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		d.Message = fmt.Sprintf("Serveur SMTP %s : pas de réponse dans le délai de %s.", server, frenchDuration(cfg.Timeout))
	case strings.Contains(err.Error(), "STARTTLS"):
		d.Message = fmt.Sprintf("Le serveur SMTP %s ne propose pas STARTTLS : choisissez --smtp-security tls ou none.", server)
	case strings.Contains(err.Error(), "SMTP AUTH"):
		d.Message = fmt.Sprintf("Authentification SMTP impossible auprès de %s (%v).", server, err)
	default:
		d.Message = fmt.Sprintf("Envoi au serveur SMTP %s impossible : %v.", server, err)
	}
	d.Temporary = d.Code < 500
	return d
}

// refusal is the French message of a 4xx or 5xx answer.
func refusal(code int, answer string) string {
	if code >= 500 {
		return "Refus définitif du serveur SMTP : " + answer
	}
	return "Refus temporaire du serveur SMTP : " + answer
}

// reply extracts the server's answer from a go-mail error ("451 4.3.0 …").
// A *gomail.SendError only gives the text of the server's error, which
// textproto writes as a Go quoted string since Go 1.26 (`550 "5.1.1 …"`):
// the answer is unquoted.
func reply(err error) string {
	var proto *textproto.Error
	if errors.As(err, &proto) {
		return fmt.Sprintf("%d %s", proto.Code, proto.Msg)
	}
	msg := err.Error()
	for _, cut := range []string{"command: ", "writer: "} {
		if _, after, ok := strings.Cut(msg, cut); ok {
			msg = after
		}
	}
	if code, rest, ok := strings.Cut(msg, " "); ok && len(code) == 3 && strings.HasPrefix(rest, `"`) {
		if _, err := strconv.Atoi(code); err == nil {
			if quoted, err := strconv.QuotedPrefix(rest); err == nil {
				if text, err := strconv.Unquote(quoted); err == nil {
					return code + " " + text
				}
			}
		}
	}
	if i := strings.Index(msg, ", affected"); i > 0 {
		msg = msg[:i]
	}
	return msg
}
