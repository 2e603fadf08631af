// Command testsmtp is a tiny SMTP server for certibloc's tests: it listens on
// the loopback, prints its port on standard output, and writes every message
// it accepts as a file of the -dir folder (NNN.eml, envelope first as
// X-Envelope-From and X-Envelope-To headers). The -control file, read at every
// command, makes it refuse: a line "rcpt 451 message" or "data 550 message"
// answers that code to RCPT TO or DATA; an empty or missing file accepts all.
//
// With -tls starttls it offers STARTTLS, with -tls tls it speaks TLS from the
// first byte (as on port 465); -cert and -key are then the PEM certificate and
// key. With -user and -password it offers AUTH PLAIN, over TLS only, and
// refuses MAIL FROM before a successful authentication (530 5.7.0); wrong
// credentials get 535 5.7.8. Every saved message also gets X-Test-TLS (yes or
// no) and X-Test-Auth (the authenticated user, empty if none) headers.
package main

import (
	"bufio"
	"bytes"
	"crypto/subtle"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "adresse d'écoute (boucle locale)")
	dir := flag.String("dir", "", "dossier où écrire les messages reçus (obligatoire)")
	control := flag.String("control", "", "fichier de consignes de refus (facultatif)")
	mode := flag.String("tls", "none", "chiffrement : none, starttls ou tls (TLS dès la connexion)")
	certFile := flag.String("cert", "", "certificat PEM du serveur (obligatoire avec -tls starttls ou tls)")
	keyFile := flag.String("key", "", "clé privée PEM du certificat (obligatoire avec -tls starttls ou tls)")
	user := flag.String("user", "", "identifiant exigé par AUTH PLAIN (vide : pas d'authentification)")
	password := flag.String("password", "", "mot de passe de -user")
	flag.Parse()
	if *dir == "" {
		log.Fatal("testsmtp : -dir est obligatoire")
	}
	var tlsConfig *tls.Config
	switch *mode {
	case "none":
	case "starttls", "tls":
		if *certFile == "" || *keyFile == "" {
			log.Fatalf("testsmtp : -cert et -key sont obligatoires avec -tls %s", *mode)
		}
		cert, err := tls.LoadX509KeyPair(*certFile, *keyFile)
		if err != nil {
			log.Fatalf("testsmtp : certificat : %v", err)
		}
		tlsConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	default:
		log.Fatalf("testsmtp : -tls %q inconnu : none, starttls ou tls", *mode)
	}
	if *user != "" && tlsConfig == nil {
		log.Fatal("testsmtp : -user demande -tls starttls ou tls (AUTH n'est offert que sur TLS)")
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatalf("testsmtp : %v", err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	be := &backend{dir: *dir, control: *control, user: *user, password: *password}
	s := smtp.NewServer(be)
	switch *mode {
	case "starttls":
		s.TLSConfig = tlsConfig // advertises STARTTLS
	case "tls":
		ln = tls.NewListener(ln, tlsConfig)
	}
	s.AllowInsecureAuth = false // AUTH only once the connection is encrypted
	s.Domain = "testsmtp.local"
	s.ReadTimeout, s.WriteTimeout = 30*time.Second, 30*time.Second
	s.MaxMessageBytes = 20 << 20
	s.EnableSMTPUTF8 = true
	fmt.Println(port)
	if err := s.Serve(ln); err != nil && !errors.Is(err, smtp.ErrServerClosed) {
		log.Fatalf("testsmtp : %v", err)
	}
}

type backend struct {
	dir, control   string
	user, password string // required credentials, "" for none
	mu             sync.Mutex
	seq            int
}

func (b *backend) NewSession(c *smtp.Conn) (smtp.Session, error) { return &session{b: b, conn: c}, nil }

// errAuthRequired answers MAIL FROM before authentication (go-smtp's own
// ErrAuthRequired is a 502).
var errAuthRequired = &smtp.SMTPError{Code: 530, EnhancedCode: smtp.EnhancedCode{5, 7, 0}, Message: "Authentication required"}

// refusal returns the error the control file asks for at a stage, nil if none.
func (b *backend) refusal(stage string) error {
	if b.control == "" {
		return nil
	}
	raw, err := os.ReadFile(b.control)
	if err != nil {
		return nil
	}
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for sc.Scan() {
		fields := strings.SplitN(strings.TrimSpace(sc.Text()), " ", 3)
		if len(fields) < 2 || fields[0] != stage {
			continue
		}
		code, err := strconv.Atoi(fields[1])
		if err != nil {
			continue
		}
		msg := "refus de test"
		if len(fields) == 3 {
			msg = fields[2]
		}
		return &smtp.SMTPError{Code: code, EnhancedCode: smtp.EnhancedCodeNotSet, Message: msg}
	}
	return nil
}

// save writes a message atomically: a reader never sees half a file.
func (b *backend) save(from string, to []string, tlsUsed bool, user string, body []byte) error {
	b.mu.Lock()
	b.seq++
	name := fmt.Sprintf("%d-%06d.eml", time.Now().UnixNano(), b.seq)
	b.mu.Unlock()
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "X-Envelope-From: %s\r\nX-Envelope-To: %s\r\n", from, strings.Join(to, ", "))
	tlsHeader := "no"
	if tlsUsed {
		tlsHeader = "yes"
	}
	fmt.Fprintf(&buf, "X-Test-TLS: %s\r\nX-Test-Auth: %s\r\n", tlsHeader, user)
	buf.Write(body)
	tmp := filepath.Join(b.dir, "."+name+".tmp")
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(b.dir, name))
}

var _ smtp.AuthSession = (*session)(nil)

type session struct {
	b    *backend
	conn *smtp.Conn
	user string // authenticated user, "" before AUTH
	from string
	to   []string
}

// AuthMechanisms offers PLAIN when credentials are required (go-smtp shows it
// only over TLS).
func (s *session) AuthMechanisms() []string {
	if s.b.user == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (s *session) Auth(mech string) (sasl.Server, error) {
	if s.b.user == "" || mech != sasl.Plain {
		return nil, smtp.ErrAuthUnknownMechanism
	}
	return sasl.NewPlainServer(func(identity, username, password string) error {
		if (identity != "" && identity != username) ||
			subtle.ConstantTimeCompare([]byte(username), []byte(s.b.user)) != 1 ||
			subtle.ConstantTimeCompare([]byte(password), []byte(s.b.password)) != 1 {
			return smtp.ErrAuthFailed // 535 5.7.8
		}
		s.user = username
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if s.b.user != "" && s.user == "" {
		return errAuthRequired
	}
	s.from = from
	return s.b.refusal("mail")
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if err := s.b.refusal("rcpt"); err != nil {
		return err
	}
	s.to = append(s.to, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	body, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if err := s.b.refusal("data"); err != nil {
		return err
	}
	_, tlsUsed := s.conn.TLSConnectionState()
	return s.b.save(s.from, s.to, tlsUsed, s.user, body)
}

// Reset forgets the envelope; the authentication stays (RFC 4954).
func (s *session) Reset() { s.from, s.to = "", nil }

func (s *session) Logout() error { return nil }
